import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referrals } from '../../../../db/schema';
import type { HouseholdView, RpcResult } from '../../../contract';
import { intakeForm, registerFamily } from '../../../testing/caseFixtures';
import { codeOf, createTestApp, SETUP_TIMEOUT_MS, setUpTown, type TestApp } from '../../../testing/testApp';

// Referral: a department's kind is sent with a due date in working days and followed up
// until the department answers.

let t: TestApp;
let admin: string;
let clerk: string;
let approver: string;
let zhou: HouseholdView;

beforeAll(() => {
  t = createTestApp();
  const tokens = setUpTown(t);
  admin = tokens.admin;
  clerk = tokens.clerk.token;
  approver = tokens.approver.token;
  zhou = registerFamily(t, clerk, '周');
}, SETUP_TIMEOUT_MS);
afterAll(() => t.close());

function messageOf(result: RpcResult<unknown>): string {
  return result.ok ? '' : result.error.message;
}

function intake(reliefType: 'yiliao' | 'dibao'): string {
  const [summary] = t.must('cases.intake', intakeForm(zhou, reliefType), clerk).cases;
  if (!summary) throw new Error('no case');
  return summary.id;
}

describe('referrals', () => {
  it('sends a department kind with a due date 15 working days on, then records the answer', () => {
    const caseId = intake('yiliao');
    // 2026-11-28 is a Saturday: 15 working days on is Friday 2026-12-18, a holiday on the way
    // pushes it to Monday 2026-12-21.
    t.must('calendar.set', { date: '2026-12-01', kind: 'holiday', note: '测试假日' }, admin);
    const sent = t.must('referrals.send', { caseId }, clerk);
    expect(sent.state).toBe('referred');
    const [row] = t.app.db.select().from(referrals).where(eq(referrals.caseId, caseId)).all();
    expect(row).toMatchObject({ department: '区医疗保障局', sentDate: '2026-11-28', dueDate: '2026-12-21', answer: null, answeredDate: null });
    expect(codeOf(t.call('referrals.send', { caseId }, clerk))).toBe('CONFLICT');

    const future = t.call('referrals.answer', { caseId, answer: '已办理', answeredDate: '2026-11-29' }, clerk);
    expect(codeOf(future)).toBe('VALIDATION');
    const answered = t.must('referrals.answer', { caseId, answer: '已按医疗救助政策办理', answeredDate: '2026-11-28' }, clerk);
    expect(answered.state).toBe('referral_answered');
    expect(answered.events.at(-1)?.note).toBe('区医疗保障局答复：已按医疗救助政策办理');
    expect(t.app.db.select().from(referrals).where(eq(referrals.caseId, caseId)).get()).toMatchObject({ answer: '已按医疗救助政策办理', answeredDate: '2026-11-28' });
    const twice = t.call('referrals.answer', { caseId, answer: '再次答复', answeredDate: '2026-11-28' }, clerk);
    expect(codeOf(twice)).toBe('CONFLICT');
  });

  it('refuses a kind the town handles itself, and callers who are not clerks', () => {
    const caseId = intake('dibao');
    const local = t.call('referrals.send', { caseId }, clerk);
    expect(codeOf(local)).toBe('CONFLICT');
    expect(messageOf(local)).toBe('案件当前状态为“已受理”，该事项由本镇街办理，不能转办');
    expect(t.app.db.select().from(referrals).where(eq(referrals.caseId, caseId)).all()).toEqual([]);
    expect(codeOf(t.call('referrals.send', { caseId: intake('yiliao') }, approver))).toBe('FORBIDDEN');
  });
});
