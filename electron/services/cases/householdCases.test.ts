import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeForm, registerFamily } from '../../testing/caseFixtures';
import { codeOf, createTestApp, SETUP_TIMEOUT_MS, setUpTown, type TestApp } from '../../testing/testApp';

// cases.listByHousehold: the household page's list of its cases, the way back to an older case.

let t: TestApp;
let clerk: string;
let approver: string;
let admin: string;

beforeAll(() => {
  t = createTestApp();
  const tokens = setUpTown(t);
  clerk = tokens.clerk.token;
  approver = tokens.approver.token;
  admin = tokens.admin;
}, SETUP_TIMEOUT_MS);
afterAll(() => t.close());

describe("a household's cases", () => {
  it('lists every case of the household, newest first, and none of another household', () => {
    const family = registerFamily(t, clerk, '秦');
    const neighbour = registerFamily(t, clerk, '尤');
    const first = t.must('cases.intake', intakeForm(family, 'dibao'), clerk).cases[0];
    const linshi = intakeForm(family, 'linshi', { reason: '突发疾病' });
    const kinds = linshi.kinds.map((k) => ({ ...k, category: '急难型' }));
    const second = t.must('cases.intake', { ...linshi, kinds }, clerk).cases[0];
    t.must('cases.intake', intakeForm(neighbour, 'dibao'), clerk);

    const listed = t.must('cases.listByHousehold', { householdId: family.id }, approver);
    expect(listed.map((c) => c.id).sort()).toEqual([first?.id, second?.id].sort());
    expect(listed.map((c) => c.caseNo)).toEqual([...listed.map((c) => c.caseNo)].sort().reverse());
    expect(t.must('cases.listByHousehold', { householdId: neighbour.id }, clerk)).toHaveLength(1);
  });

  it('says so for a household that does not exist, and is not for the administrator', () => {
    expect(codeOf(t.call('cases.listByHousehold', { householdId: '01890a5d-ac96-774b-bcce-b302099a8999' }, clerk))).toBe('NOT_FOUND');
    const family = registerFamily(t, clerk, '许');
    expect(codeOf(t.call('cases.listByHousehold', { householdId: family.id }, admin))).toBe('FORBIDDEN');
  });
});
