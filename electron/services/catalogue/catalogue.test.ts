import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELIEF_TYPES } from '../../contract';
import { codeOf, createTestApp, SETUP_TIMEOUT_MS, setUpTown, type TestApp } from '../../testing/testApp';
import { DEFAULT_CATALOGUE } from './defaults';

let t: TestApp;
let admin: string;
let clerk: string;

beforeAll(() => {
  t = createTestApp();
  const tokens = setUpTown(t);
  admin = tokens.admin;
  clerk = tokens.clerk.token;
}, SETUP_TIMEOUT_MS);
afterAll(() => t.close());

describe('the "do it once" catalogue', () => {
  it('starts at version 1 with one item for every kind of assistance', () => {
    const current = t.must('catalogue.get', { version: null }, clerk);
    expect(current.version).toBe(1);
    expect(current.items.map((i) => i.reliefType).sort()).toEqual([...RELIEF_TYPES].sort());
    const dibao = current.items.find((i) => i.reliefType === 'dibao');
    expect(dibao).toMatchObject({ decidedBy: 'town', noticeDays: 7, requiresReview: true, timeLimitWorkingDays: 30 });
    const yiliao = current.items.find((i) => i.reliefType === 'yiliao');
    expect(yiliao).toMatchObject({ decidedBy: 'department', department: '区医疗保障局' });
  });

  it('an edit writes the next version and leaves the old one readable', () => {
    const items = DEFAULT_CATALOGUE.map((i) => (i.reliefType === 'linshi' ? { ...i, timeLimitWorkingDays: 10 } : i));
    const v2 = t.must('catalogue.update', { items, note: '临时救助办理时限调整为10个工作日', baseVersion: 1 }, admin);
    expect(v2.version).toBe(2);
    expect(t.must('catalogue.get', { version: null }, clerk).items.find((i) => i.reliefType === 'linshi')?.timeLimitWorkingDays).toBe(10);
    expect(t.must('catalogue.get', { version: 1 }, clerk).items.find((i) => i.reliefType === 'linshi')?.timeLimitWorkingDays).toBe(15);
    expect(t.must('catalogue.versions', {}, clerk).map((v) => v.version)).toEqual([2, 1]);
  });

  it('refuses a catalogue that leaves out a kind or names no department for a referral', () => {
    const missing = DEFAULT_CATALOGUE.filter((i) => i.reliefType !== 'jiuye');
    expect(codeOf(t.call('catalogue.update', { items: missing, note: 'x', baseVersion: 1 }, admin))).toBe('VALIDATION');
    const noDepartment = DEFAULT_CATALOGUE.map((i) => (i.reliefType === 'falv' ? { ...i, department: null } : i));
    expect(codeOf(t.call('catalogue.update', { items: noDepartment, note: 'x', baseVersion: 1 }, admin))).toBe('VALIDATION');
    expect(codeOf(t.call('catalogue.get', { version: 99 }, clerk))).toBe('NOT_FOUND');
  });

  it('only the town admin edits it', () => {
    expect(codeOf(t.call('catalogue.update', { items: DEFAULT_CATALOGUE, note: 'x', baseVersion: 1 }, clerk))).toBe('FORBIDDEN');
  });
});

describe('the holiday calendar', () => {
  it('marks, changes and clears days, listed by year', () => {
    t.must('calendar.set', { date: '2026-10-01', kind: 'holiday', note: '国庆节' }, admin);
    t.must('calendar.set', { date: '2026-09-27', kind: 'workday', note: '国庆调休' }, admin);
    t.must('calendar.set', { date: '2027-01-01', kind: 'holiday', note: '元旦' }, admin);
    expect(t.must('calendar.list', { year: 2026 }, clerk)).toEqual([
      { date: '2026-09-27', kind: 'workday', note: '国庆调休' },
      { date: '2026-10-01', kind: 'holiday', note: '国庆节' },
    ]);
    const after = t.must('calendar.set', { date: '2026-09-27', kind: null, note: '' }, admin);
    expect(after.map((d) => d.date)).toEqual(['2026-10-01']);
    expect(codeOf(t.call('calendar.set', { date: '2026-02-30', kind: 'holiday', note: '' }, admin))).toBe('VALIDATION');
  });
});
