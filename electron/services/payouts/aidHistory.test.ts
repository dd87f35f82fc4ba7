import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HouseholdView } from '../../contract';
import { intakeForm, materialsOf, registerFamily } from '../../testing/caseFixtures';
import { COUNTER_PASSWORD, daysLater, readyForNotice } from '../../testing/caseDriving';
import { serviceCtx } from '../../testing/ledgerDriving';
import { ADMIN, createTestApp, SETUP_TIMEOUT_MS, setUpTown, VILLAGE_CODE, type TestApp } from '../../testing/testApp';
import { addDaysIso, businessDate } from '../time';
import { aidHistory, windowStart } from './aidHistory';

// The household's aid: temporary relief by its payouts, other kinds by their approved
// decisions (a monthly amount times its months, as the approval form sums it), newest first,
// counted over the window ending on the day asked about.

let t: TestApp;
let clerk: { id: string; token: string };
let approver: { id: string; token: string };
let admin: string;
let family: HouseholdView;
let linshiCase = '';
let dibaoCase = '';

beforeAll(() => {
  t = createTestApp();
  const tokens = setUpTown(t);
  ({ admin, clerk, approver } = tokens);
  family = registerFamily(t, clerk.token, '韦');
  dibaoCase = readyForNotice(t, clerk, family, 'dibao');
  const notice = t.must('notices.create', { villageCode: VILLAGE_CODE, startDate: businessDate(t.clock.now()), entries: [{ caseId: dibaoCase, proposedAmountFen: 65_000 }] }, clerk.token);
  daysLater(t, 8, [
    { token: admin, password: ADMIN.password },
    { token: clerk.token, password: COUNTER_PASSWORD },
    { token: approver.token, password: COUNTER_PASSWORD },
  ]);
  t.must('notices.close', { noticeId: notice.id }, clerk.token);
  t.must(
    'decisions.decide',
    { caseId: dibaoCase, outcome: 'approved', amountFen: 65_000, periodStart: '2027-01-01', periodMonths: 12, opinion: '同意纳入低保', refusalReasons: null },
    approver.token,
  );
  const form = intakeForm(family, 'linshi', { reason: '房屋失火' });
  linshiCase =
    t.must('cases.intake', { ...form, kinds: [{ reliefType: 'linshi', category: '急难型', materials: materialsOf('linshi') }] }, clerk.token).cases[0]?.id ?? '';
  const bank = { method: 'bank', bankName: '工商银行', bankAccount: '6222020000005555' } as const;
  const payout = t.must(
    'payouts.emergency',
    { id: uuidv7(), caseId: linshiCase, amountFen: 100_000, cause: 'fire', opinion: '先行救助', repeatReason: null, payee: { proxy: false }, payment: bank },
    approver.token,
  );
  t.must('payouts.pay', { payoutId: payout.id, postId: uuidv7(), transferReference: 'GH-0001' }, approver.token);
}, SETUP_TIMEOUT_MS);
afterAll(() => t.close());

function historyOn(asOf: string, months: number) {
  return aidHistory(serviceCtx(t.app, { userId: approver.id, username: 'approver1', roles: ['approver'] }), family.id, asOf, months);
}

describe('aidHistory', () => {
  it('lists the payout and the monthly approval (amount × months), newest first, counted over the window', () => {
    const today = businessDate(t.clock.now());
    const history = t.must('payouts.forCase', { caseId: linshiCase }, clerk.token).aidHistory;
    expect(history).toMatchObject({ windowMonths: 12, sinceDate: windowStart(today, 12), count: 2, totalFen: 100_000 + 65_000 * 12 });
    // Same day: the later case (higher number) first.
    expect(history.entries.map((e) => [e.caseId, e.date, e.kindLabel, e.amountFen, e.cause, e.causeLabel, e.inWindow])).toEqual([
      [linshiCase, today, '临时救助', 100_000, 'fire', '火灾', true],
      [dibaoCase, today, '最低生活保障', 780_000, null, null, true],
    ]);
  });

  it('keeps entries outside the window listed but uncounted, on either side', () => {
    const today = businessDate(t.clock.now());
    const later = historyOn(addDaysIso(today, 400), 12);
    expect(later).toMatchObject({ count: 0, totalFen: 0 });
    expect(later.entries.map((e) => e.inWindow)).toEqual([false, false]);
    // Aid granted after the day asked about is not in that day's window either.
    expect(historyOn(addDaysIso(today, -1), 12)).toMatchObject({ count: 0, totalFen: 0 });
    expect(historyOn(addDaysIso(today, 400), 24)).toMatchObject({ count: 2, totalFen: 880_000 });
  });

  it('leaves out a cancelled payout', () => {
    const form = intakeForm(family, 'linshi', { reason: '突发疾病' });
    const caseId = t.must('cases.intake', { ...form, kinds: [{ reliefType: 'linshi', category: '急难型', materials: materialsOf('linshi') }] }, clerk.token).cases[0]?.id ?? '';
    const bank = { method: 'bank', bankName: '工商银行', bankAccount: '6222020000006666' } as const;
    const payout = t.must(
      'payouts.emergency',
      { id: uuidv7(), caseId, amountFen: 20_000, cause: 'sudden_illness', opinion: '先行救助', repeatReason: null, payee: { proxy: false }, payment: bank },
      approver.token,
    );
    expect(t.must('payouts.forCase', { caseId }, clerk.token).aidHistory.count).toBe(3);
    t.must('payouts.cancel', { payoutId: payout.id, voidId: uuidv7(), reason: '已由其他渠道救助' }, approver.token);
    expect(t.must('payouts.forCase', { caseId }, clerk.token).aidHistory).toMatchObject({ count: 2, totalFen: 880_000 });
  });
});
