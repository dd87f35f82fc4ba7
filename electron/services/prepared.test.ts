import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGUE } from './catalogue/defaults';
import { intakeForm, registerFamily } from '../testing/caseFixtures';
import { createTestApp, setUpTown, SETUP_TIMEOUT_MS, type TestApp } from '../testing/testApp';
import { preparedCount, preparedOnce, STATEMENTS_PER_CONNECTION_MAX } from './prepared';

let t: TestApp | null = null;
afterEach(() => {
  t?.close();
  t = null;
});

describe('statements prepared once per connection', () => {
  it(
    'a day at the counter (every kind taken in, queues read) stays far below the bound',
    () => {
      t = createTestApp();
      const { clerk, approver } = setUpTown(t);
      for (const [i, item] of DEFAULT_CATALOGUE.entries()) {
        const household = registerFamily(t, clerk.token, `姓${i}`);
        const form = intakeForm(household, item.reliefType);
        const kinds = form.kinds.map((k) => ({ ...k, category: item.categories[0] ?? null }));
        t.must('cases.intake', { ...form, kinds }, clerk.token);
      }
      t.must('queues.mine', {}, clerk.token);
      t.must('queues.mine', {}, approver.token);
      const used = preparedCount(t.app.db);
      expect(used).toBeGreaterThan(0);
      // Keys name call sites and row shapes; a tenth of the bound would mean a key built from data.
      expect(used).toBeLessThan(STATEMENTS_PER_CONNECTION_MAX / 10);
    },
    SETUP_TIMEOUT_MS,
  );

  it('past the bound a statement is built per call, not cached, and nothing fails', () => {
    t = createTestApp();
    const db = t.app.db;
    const base = preparedCount(db);
    for (let i = base; i < STATEMENTS_PER_CONNECTION_MAX; i += 1) preparedOnce(db, `filler-${i}`, () => i);
    expect(preparedCount(db)).toBe(STATEMENTS_PER_CONNECTION_MAX);
    let builds = 0;
    const build = () => {
      builds += 1;
      return builds;
    };
    expect(preparedOnce(db, 'late', build)).toBe(1);
    expect(preparedOnce(db, 'late', build)).toBe(2);
    expect(preparedCount(db)).toBe(STATEMENTS_PER_CONNECTION_MAX);
    // A key cached before the bound was reached is still served from the cache.
    expect(preparedOnce(db, `filler-${base}`, () => -1)).toBe(base);
  });
});
