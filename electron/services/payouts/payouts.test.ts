import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisions, payouts, reserveTransfers } from '../../../db/schema';
import type { HouseholdView, InputOf, RpcResult } from '../../contract';
import { intakeForm, materialsOf, registerFamily } from '../../testing/caseFixtures';
import { COUNTER_PASSWORD, counterUser, daysLater, driveCase, readyForNotice } from '../../testing/caseDriving';
import { ADMIN, codeOf, createTestApp, SETUP_TIMEOUT_MS, setUpTown, TOWN_CODE, VILLAGE_CODE, type TestApp } from '../../testing/testApp';
import { checkLedgerInvariants } from '../reserve/invariants';
import { addDaysIso, businessDate } from '../time';

// Paying temporary relief: the normal path (decision → approve → pay), 先行救助 and its
// paperwork, the repeat rule and the town's limit, idempotency on the client's ids, separation
// of duties, the reserve's available amount, and the ledger's invariants after every step.

let t: TestApp;
let admin: string;
let clerk: { id: string; token: string };
let approver: string;
/** Clerk and approver at once: may approve and pay others' cases, never the ones they accepted. */
let both: { id: string; token: string };

const ALLOCATION_FEN = 400_000;

beforeAll(() => {
  t = createTestApp();
  const tokens = setUpTown(t);
  admin = tokens.admin;
  clerk = tokens.clerk;
  approver = tokens.approver.token;
  both = counterUser(t, admin, 'chief1', ['clerk', 'approver']);
  t.must('reserve.allocate', { id: uuidv7(), amountFen: ALLOCATION_FEN, documentNo: '峄民发〔2026〕12号', note: '' }, admin);
}, SETUP_TIMEOUT_MS);
afterAll(() => t.close());

function today(): string {
  return businessDate(t.clock.now());
}

function messageOf(result: RpcResult<unknown>): string {
  return result.ok ? '' : result.error.message;
}

function issuesOf(result: RpcResult<unknown>): [string, string][] {
  return result.ok ? [] : (result.error.issues ?? []).map((i) => [i.path, i.message]);
}

function sessionsLater(days: number): void {
  daysLater(t, days, [
    { token: admin, password: ADMIN.password },
    { token: clerk.token, password: COUNTER_PASSWORD },
    { token: approver, password: COUNTER_PASSWORD },
    { token: both.token, password: COUNTER_PASSWORD },
  ]);
}

function expectLedgerSound(): void {
  expect(checkLedgerInvariants(t.app.db)).toEqual([]);
}

function available(): number {
  return t.must('reserve.summary', {}, approver).availableFen;
}

/** A temporary relief case accepted by `acceptor` (state 'accepted'). */
function intakeLinshi(acceptor: { token: string }, family: HouseholdView): string {
  const [summary] = t.must(
    'cases.intake',
    {
      householdId: family.id,
      applicantPersonId: family.members[0]?.person.id ?? '',
      channel: 'window',
      assistantName: null,
      reason: '房屋失火，生活暂时困难',
      commitmentRoute: false,
      kinds: [{ reliefType: 'linshi', category: '急难型', materials: materialsOf('linshi') }],
    },
    acceptor.token,
  ).cases;
  if (!summary) throw new Error('no case');
  return summary.id;
}

/** Temporary relief cases through a notice to 'deciding' (days pass). */
function decidingLinshi(acceptor: { id: string; token: string }, family: HouseholdView, count = 1): string[] {
  const ids = Array.from({ length: count }, () => readyForNotice(t, acceptor, family, 'linshi'));
  const notice = t.must('notices.create', { villageCode: VILLAGE_CODE, startDate: today(), entries: ids.map((caseId) => ({ caseId, proposedAmountFen: 100_000 })) }, clerk.token);
  sessionsLater(8);
  t.must('notices.close', { noticeId: notice.id }, clerk.token);
  return ids;
}

const DECISION = { outcome: 'approved', periodStart: null, periodMonths: null, opinion: '同意临时救助', refusalReasons: null, repeatReason: null } as const;

const CASH = { method: 'cash' } as const;
const APPLICANT = { proxy: false } as const;

function emergencyInput(caseId: string, amountFen: number, patch: Partial<InputOf<'payouts.emergency'>> = {}): InputOf<'payouts.emergency'> {
  return { id: uuidv7(), caseId, amountFen, cause: 'fire', opinion: '房屋失火，先行救助', repeatReason: null, payee: APPLICANT, payment: CASH, ...patch };
}

function transfersOfKind(kind: 'hold' | 'post' | 'void', reference: string): number {
  return t.app.db.select().from(reserveTransfers).where(eq(reserveTransfers.reference, reference)).all().filter((r) => r.kind === kind).length;
}

describe('payouts: the normal path', () => {
  it('decides, approves once, pays once: one payout, one hold, one post, the case paid, a voucher number', () => {
    const family = registerFamily(t, clerk.token, '赵');
    const [caseId = ''] = decidingLinshi(clerk, family);
    // The cause is required on an approval of temporary relief.
    const noCause = t.call('decisions.decide', { caseId, ...DECISION, amountFen: 120_000, cause: null }, approver);
    expect(issuesOf(noCause)).toEqual([['cause', '批准临时救助须选择救助原因']]);
    t.must('decisions.decide', { caseId, ...DECISION, amountFen: 120_000, cause: 'fire' }, approver);
    expect(t.app.db.select().from(decisions).where(eq(decisions.caseId, caseId)).get()).toMatchObject({ cause: 'fire', repeatReason: null });

    const before = available();
    const panel = t.must('payouts.forCase', { caseId }, approver);
    expect(panel).toMatchObject({ payouts: [], approvedAmountFen: 120_000, emergencyAllowed: false, blockedReason: null, townLimitFen: 300_000, availableFen: before });

    const approve = { id: uuidv7(), caseId, payee: APPLICANT, payment: CASH } as const;
    const first = t.must('payouts.approve', approve, approver);
    expect(first).toMatchObject({ state: 'approved', amountFen: 120_000, cause: 'fire', emergency: false, payeeName: '赵一', voucherNo: null, approvedByName: 'approver1' });
    expect(first.payeeResidentIdMasked).toMatch(/^370404\*{8}\d{3}[\dX]$/);
    // A double click: the same id and content returns the first payout and holds nothing more.
    expect(t.must('payouts.approve', approve, approver)).toEqual(first);
    // The same id with other content is refused; another id finds the live payout.
    const other = t.call('payouts.approve', { ...approve, payment: { method: 'bank', bankName: '峄城农商银行', bankAccount: '6228480012345678' } }, approver);
    expect([codeOf(other), messageOf(other)]).toEqual(['CONFLICT', '同一发放单号的内容不一致']);
    const second = t.call('payouts.approve', { ...approve, id: uuidv7() }, approver);
    expect(codeOf(second)).toBe('CONFLICT');
    expect(messageOf(second)).toContain('该案件已有待发放或已发放的救助金');
    expect(available()).toBe(before - 120_000);
    expectLedgerSound();

    const pay = { payoutId: first.id, postId: uuidv7(), transferReference: null };
    const paid = t.must('payouts.pay', pay, approver);
    expect(paid).toMatchObject({ state: 'paid', voucherNo: `${TOWN_CODE}-2026-F00001`, paidByName: 'approver1', paidDate: today() });
    expect(t.must('payouts.pay', pay, approver)).toEqual(paid);
    const again = t.call('payouts.pay', { ...pay, postId: uuidv7() }, approver);
    expect(codeOf(again)).toBe('CONFLICT');
    expect(messageOf(again)).toContain(`该笔救助金已发放，凭证号 ${TOWN_CODE}-2026-F00001`);
    // A cash payout takes no transfer reference.
    expect(t.must('cases.get', { caseId }, clerk.token)).toMatchObject({ state: 'paid' });
    const caseNo = paid.caseNo;
    expect([transfersOfKind('hold', caseNo), transfersOfKind('post', caseNo)]).toEqual([1, 1]);
    expect(t.app.db.select().from(payouts).where(eq(payouts.caseId, caseId)).all()).toHaveLength(1);
    expect(available()).toBe(before - 120_000);

    const signed = t.must('payouts.markSigned', { payoutId: first.id }, clerk.token);
    expect(signed.signedAt).not.toBeNull();
    expect(t.must('payouts.markSigned', { payoutId: first.id }, clerk.token)).toEqual(signed);
    expect(t.must('payouts.forCase', { caseId }, clerk.token)).toMatchObject({ approvedAmountFen: null, payouts: [{ id: first.id, state: 'paid' }] });
    expectLedgerSound();
  });

  it('pays by bank transfer with its reference, draws the next voucher number, never touches the reserve', () => {
    const family = registerFamily(t, clerk.token, '钱');
    const [caseId = ''] = decidingLinshi(clerk, family);
    t.must('decisions.decide', { caseId, ...DECISION, amountFen: 80_000, cause: 'sudden_illness' }, approver);
    const before = available();
    const bank = { method: 'bank', bankName: '峄城农商银行', bankAccount: '6228480012345678' } as const;
    const proxy = { proxy: true, name: '钱代领', residentId: '370404198503120037', relation: '女儿' } as const;
    const payout = t.must('payouts.approve', { id: uuidv7(), caseId, payee: proxy, payment: bank }, approver);
    expect(payout).toMatchObject({ method: 'bank', bankAccountTail: '5678', payeeName: '钱代领', payeeResidentIdMasked: '370404********0037', proxyRelation: '女儿' });
    expect(available()).toBe(before);
    const missing = t.call('payouts.pay', { payoutId: payout.id, postId: uuidv7(), transferReference: null }, approver);
    expect(issuesOf(missing)).toEqual([['transferReference', '银行转账须填写转账流水号']]);
    const paid = t.must('payouts.pay', { payoutId: payout.id, postId: uuidv7(), transferReference: 'NS20261208001' }, approver);
    expect(paid).toMatchObject({ state: 'paid', transferReference: 'NS20261208001', voucherNo: `${TOWN_CODE}-2026-F00002` });
    expect(available()).toBe(before);
    expectLedgerSound();
  });

  it('refuses the user who accepted the case on approve, emergency, pay and cancel', () => {
    const family = registerFamily(t, clerk.token, '孙');
    const [own = ''] = decidingLinshi(both, family);
    t.must('decisions.decide', { caseId: own, ...DECISION, amountFen: 50_000, cause: 'accident_injury' }, approver);
    expect(t.must('payouts.forCase', { caseId: own }, both.token).blockedReason).toBe('受理人不能审批本人受理的案件');
    const approve = t.call('payouts.approve', { id: uuidv7(), caseId: own, payee: APPLICANT, payment: CASH }, both.token);
    expect([codeOf(approve), messageOf(approve)]).toEqual(['FORBIDDEN', '受理人不能审批本人受理的案件']);
    const payout = t.must('payouts.approve', { id: uuidv7(), caseId: own, payee: APPLICANT, payment: CASH }, approver);
    const pay = t.call('payouts.pay', { payoutId: payout.id, postId: uuidv7(), transferReference: null }, both.token);
    expect([codeOf(pay), messageOf(pay)]).toEqual(['FORBIDDEN', '受理人不能审批本人受理的案件']);
    const cancel = t.call('payouts.cancel', { payoutId: payout.id, voidId: uuidv7(), reason: '受理人取消' }, both.token);
    expect([codeOf(cancel), messageOf(cancel)]).toEqual(['FORBIDDEN', '受理人不能审批本人受理的案件']);
    expect(t.app.db.select().from(payouts).where(eq(payouts.id, payout.id)).get()).toMatchObject({ state: 'approved', cancelledBy: null });
    const early = intakeLinshi(both, registerFamily(t, clerk.token, '李'));
    const emergency = t.call('payouts.emergency', emergencyInput(early, 50_000), both.token);
    expect([codeOf(emergency), messageOf(emergency)]).toEqual(['FORBIDDEN', '受理人不能审批本人受理的案件']);
    // The clerk role alone cannot approve at all.
    expect(codeOf(t.call('payouts.emergency', emergencyInput(early, 50_000), clerk.token))).toBe('FORBIDDEN');
    expect(t.app.db.select().from(payouts).where(eq(payouts.caseId, early)).all()).toEqual([]);
    expectLedgerSound();
  });

  it('cancels an approved cash payout: the hold is released once, and the case may be approved again', () => {
    const family = registerFamily(t, clerk.token, '周');
    const [caseId = ''] = decidingLinshi(clerk, family);
    t.must('decisions.decide', { caseId, ...DECISION, amountFen: 60_000, cause: 'natural_disaster' }, approver);
    const before = available();
    const payout = t.must('payouts.approve', { id: uuidv7(), caseId, payee: APPLICANT, payment: CASH }, approver);
    expect(available()).toBe(before - 60_000);
    const cancel = { payoutId: payout.id, voidId: uuidv7(), reason: '申请人要求改为银行转账' };
    const cancelled = t.must('payouts.cancel', cancel, approver);
    expect(cancelled).toMatchObject({ state: 'cancelled', cancelReason: '申请人要求改为银行转账' });
    expect(t.must('payouts.cancel', cancel, approver)).toEqual(cancelled);
    expect(codeOf(t.call('payouts.cancel', { ...cancel, voidId: uuidv7() }, approver))).toBe('CONFLICT');
    // The same void id with another reason is other content, not a retry.
    expect(codeOf(t.call('payouts.cancel', { ...cancel, reason: '申请人已不需要' }, approver))).toBe('CONFLICT');
    expect(codeOf(t.call('payouts.pay', { payoutId: payout.id, postId: uuidv7(), transferReference: null }, approver))).toBe('CONFLICT');
    expect(available()).toBe(before);
    expect(transfersOfKind('void', payout.caseNo)).toBe(1);
    expect(t.must('payouts.forCase', { caseId }, approver).approvedAmountFen).toBe(60_000);
    const bank = t.must('payouts.approve', { id: uuidv7(), caseId, payee: APPLICANT, payment: { method: 'bank', bankName: '工商银行', bankAccount: '6222020000001111' } }, approver);
    expect(bank.state).toBe('approved');
    // A paid payout is never cancelled.
    t.must('payouts.pay', { payoutId: bank.id, postId: uuidv7(), transferReference: 'GH0001' }, approver);
    expect(codeOf(t.call('payouts.cancel', { payoutId: bank.id, voidId: uuidv7(), reason: '误操作' }, approver))).toBe('CONFLICT');
    expectLedgerSound();
  });
});

describe('payouts: 先行救助 (emergency) and the rules of temporary relief', () => {
  it('pays before the decision, owes the paperwork, and the approval of the same amount closes the case as paid', () => {
    const family = registerFamily(t, clerk.token, '吴');
    const caseId = intakeLinshi(clerk, family);
    expect(t.must('payouts.forCase', { caseId }, approver)).toMatchObject({ emergencyAllowed: true, approvedAmountFen: null });
    const payout = t.must('payouts.emergency', emergencyInput(caseId, 150_000), approver);
    expect(payout).toMatchObject({ emergency: true, state: 'approved', paperworkDueDate: addDaysIso(today(), 5), paperworkOverdue: false });
    t.must('payouts.pay', { payoutId: payout.id, postId: uuidv7(), transferReference: null }, approver);
    // The case goes on along its normal path.
    expect(t.must('cases.get', { caseId }, clerk.token).state).toBe('accepted');
    expect(t.must('payouts.forCase', { caseId }, approver).emergencyAllowed).toBe(false);

    const early = t.call('payouts.completePaperwork', { payoutId: payout.id }, clerk.token);
    expect([codeOf(early), messageOf(early)]).toEqual(['CONFLICT', '先行救助手续尚未补齐：申请人尚未签署告知承诺书；尚未登记入户调查']);
    const applicant = family.members[0]?.person.id ?? '';
    t.must('cases.recordSignature', { caseId, kind: 'commitment', personId: applicant, signedDate: today() }, clerk.token);
    driveCase(t, caseId, clerk.id, ['check_started', 'check_completed']);
    t.must(
      'investigations.record',
      {
        caseId,
        visitDate: today(),
        investigator1: '朱调查',
        investigator2: '秦调查',
        housing: '房屋烧毁',
        income: [],
        assets: '',
        cause: '火灾',
        supporters: '',
        conclusion: '情况属实',
      },
      clerk.token,
    );
    const notice = t.must('notices.create', { villageCode: VILLAGE_CODE, startDate: today(), entries: [{ caseId, proposedAmountFen: 150_000 }] }, clerk.token);
    sessionsLater(8);
    t.must('notices.close', { noticeId: notice.id }, clerk.token);
    // The decision waits for the paperwork.
    const waiting = t.call('decisions.decide', { caseId, ...DECISION, amountFen: 150_000, cause: 'fire' }, approver);
    expect(codeOf(waiting)).toBe('CONFLICT');
    const completed = t.must('payouts.completePaperwork', { payoutId: payout.id }, clerk.token);
    expect(completed.paperworkCompletedAt).not.toBeNull();
    expect(t.must('payouts.completePaperwork', { payoutId: payout.id }, clerk.token)).toEqual(completed);
    const otherAmount = t.call('decisions.decide', { caseId, ...DECISION, amountFen: 160_000, cause: 'fire' }, approver);
    expect(issuesOf(otherAmount)).toEqual([['amountFen', '本案已先行救助 ¥1,500.00，批准金额应与先行救助金额一致']]);
    const decided = t.must('decisions.decide', { caseId, ...DECISION, amountFen: 150_000, cause: 'fire' }, approver);
    expect(decided.state).toBe('paid');
    expect(decided.events.slice(-2).map((e) => [e.event, e.toState, e.note])).toEqual([
      ['confirmed', 'approved', '同意临时救助'],
      ['paid', 'paid', '先行救助已发放'],
    ]);
    expect(t.app.db.select().from(payouts).where(eq(payouts.caseId, caseId)).all()).toHaveLength(1);
    expectLedgerSound();
  });

  it('refuses a repeat for the same cause within the window unless the approver says why', () => {
    const family = registerFamily(t, clerk.token, '郑');
    const first = intakeLinshi(clerk, family);
    t.must('payouts.emergency', emergencyInput(first, 30_000, { payment: { method: 'bank', bankName: '工商银行', bankAccount: '6222020000002222' } }), approver);
    const second = intakeLinshi(clerk, family);
    const repeat = t.call('payouts.emergency', emergencyInput(second, 20_000), approver);
    expect(codeOf(repeat)).toBe('VALIDATION');
    expect(issuesOf(repeat).map(([path]) => path)).toEqual(['repeatReason']);
    expect(messageOf(repeat)).toContain('12 个月内同一原因再次救助须填写理由');
    // Another cause is no repeat; the same cause with a written reason is allowed and kept.
    expect(codeOf(t.call('payouts.emergency', emergencyInput(second, 20_000, { cause: 'sudden_illness', id: uuidv7() }), approver))).toBe('OK');
    const third = intakeLinshi(clerk, family);
    const reasoned = t.must('payouts.emergency', emergencyInput(third, 20_000, { repeatReason: '二次火灾，房屋再次受损' }), approver);
    expect(reasoned.repeatReason).toBe('二次火灾，房屋再次受损');
    // The aid history shows all three, newest first, counted over the window.
    const history = t.must('payouts.forCase', { caseId: third }, approver).aidHistory;
    expect(history).toMatchObject({ windowMonths: 12, count: 3, totalFen: 70_000 });
    expect(history.entries.map((e) => [e.amountFen, e.causeLabel, e.inWindow])).toHaveLength(3);
    expectLedgerSound();
  });

  it('holds an approval to the town limit in force on its date (a dated change)', () => {
    const family = registerFamily(t, clerk.token, '冯');
    const [caseId = ''] = decidingLinshi(clerk, family);
    const from = addDaysIso(today(), 3);
    t.must('settings.update', { townReliefLimits: [{ effectiveFrom: '2000-01-01', limitFen: 300_000 }, { effectiveFrom: from, limitFen: 500_000 }] }, admin);
    const over = t.call('decisions.decide', { caseId, ...DECISION, amountFen: 400_000, cause: 'medical_expense' }, approver);
    expect(issuesOf(over)).toEqual([['amountFen', '超出镇街审批限额（¥3,000.00），应报区级审批']]);
    expect(t.must('payouts.forCase', { caseId }, approver).townLimitFen).toBe(300_000);
    sessionsLater(3);
    expect(t.must('payouts.forCase', { caseId }, approver).townLimitFen).toBe(500_000);
    expect(t.must('decisions.decide', { caseId, ...DECISION, amountFen: 400_000, cause: 'medical_expense' }, approver).state).toBe('approved');
    t.must('settings.update', { townReliefLimits: [{ effectiveFrom: '2000-01-01', limitFen: 300_000 }] }, admin);
  });

  it('refuses a cash payout above the reserve available, and lets the bank path through', () => {
    const family = registerFamily(t, clerk.token, '陈');
    const caseId = intakeLinshi(clerk, family);
    const free = available();
    const amount = free + 100;
    expect(amount).toBeLessThanOrEqual(300_000);
    const refused = t.call('payouts.emergency', emergencyInput(caseId, amount, { cause: 'traffic_accident' }), approver);
    expect(codeOf(refused)).toBe('CONFLICT');
    expect(messageOf(refused)).toContain('备用金可用余额不足');
    expect(t.app.db.select().from(payouts).where(eq(payouts.caseId, caseId)).all()).toEqual([]);
    expect(available()).toBe(free);
    expect(t.must('payouts.emergency', emergencyInput(caseId, amount, { cause: 'traffic_accident', payment: { method: 'bank', bankName: '工商银行', bankAccount: '6222020000003333' } }), approver).state).toBe('approved');
    expectLedgerSound();
  });

  it('lists owed paperwork for clerk and approver, due date first, and escalates it to the town admin once overdue', () => {
    const family = registerFamily(t, clerk.token, '蒋');
    const caseId = intakeLinshi(clerk, family);
    const bank = { method: 'bank', bankName: '工商银行', bankAccount: '6222020000004444' } as const;
    const payout = t.must('payouts.emergency', emergencyInput(caseId, 10_000, { cause: 'other', payment: bank }), approver);
    const due = addDaysIso(today(), 5);
    const events = t.must('cases.get', { caseId }, clerk.token).events;
    expect(events.at(-1)).toMatchObject({ event: 'emergency_approved', fromState: 'accepted', toState: 'accepted', note: `先行救助 ¥100.00（银行转账），手续须于 ${due} 前补齐` });

    const owed = t.app.db.select().from(payouts).all().filter((p) => p.emergency && p.state !== 'cancelled' && p.paperworkCompletedAt === null).length;
    for (const token of [clerk.token, approver]) {
      const queue = t.must('queues.mine', {}, token).queues.find((q) => q.queue === 'emergency_paperwork');
      expect(queue?.label).toBe('先行救助待补手续');
      expect(queue?.count).toBe(owed);
      const keys = (queue?.rows ?? []).map((r) => `${r.date} ${r.caseNo}`);
      expect(keys).toEqual([...keys].sort());
      expect(queue?.rows.find((r) => r.caseId === caseId)).toMatchObject({ dateKind: 'paperwork_due', date: due, daysOverdue: 0 });
    }
    expect(t.must('payouts.escalated', {}, admin).rows.map((r) => r.caseId)).not.toContain(caseId);
    expect(codeOf(t.call('payouts.escalated', {}, clerk.token))).toBe('FORBIDDEN');

    sessionsLater(6);
    const escalated = t.must('payouts.escalated', {}, admin);
    expect(escalated.rows.find((r) => r.caseId === caseId)).toMatchObject({ payoutId: payout.id, applicantName: '蒋一', amountFen: 10_000, paperworkDueDate: due, daysOverdue: 1, approvedByName: 'approver1' });
    expect(escalated.count).toBe(escalated.rows.length);
    const dues = escalated.rows.map((r) => r.paperworkDueDate);
    expect(dues).toEqual([...dues].sort());
    expect(t.must('payouts.forCase', { caseId }, clerk.token).payouts[0]).toMatchObject({ paperworkOverdue: true });
  });

  it('verify finds a payout approved by its acceptor, and a hold that does not match its payout', () => {
    expectLedgerSound();
    const db = t.app.db.$client;
    const held = t.app.db.select().from(payouts).all().find((p) => p.method === 'cash' && p.state === 'approved');
    if (!held) throw new Error('no held cash payout');
    const acceptor = db.prepare('SELECT accepted_by AS id FROM cases WHERE id = ?').get(held.caseId) as { id: string };
    db.prepare('UPDATE payouts SET approved_by = ?, amount_fen = amount_fen + 1 WHERE id = ?').run(acceptor.id, held.id);
    try {
      expect(checkLedgerInvariants(t.app.db).map((v) => v.rule)).toEqual(['payout_not_by_acceptor', 'payout_transfers_match']);
    } finally {
      db.prepare('UPDATE payouts SET approved_by = ?, amount_fen = ? WHERE id = ?').run(held.approvedBy, held.amountFen, held.id);
    }
    expectLedgerSound();
  });

  it('keeps a case with owed paperwork from being withdrawn; an unpaid emergency payout is paid after the approval and closes the case', () => {
    const family = registerFamily(t, clerk.token, '沈');
    const caseId = intakeLinshi(clerk, family);
    const bank = { method: 'bank', bankName: '工商银行', bankAccount: '6222020000007777' } as const;
    const payout = t.must('payouts.emergency', emergencyInput(caseId, 40_000, { cause: 'education_expense', payment: bank }), approver);
    const withdraw = t.call('cases.transition', { caseId, event: 'withdrawn', note: '申请人撤回' }, clerk.token);
    expect(codeOf(withdraw)).toBe('CONFLICT');
    expect(messageOf(withdraw)).toContain('手续尚未补齐，不能撤回');
    t.must('cases.recordSignature', { caseId, kind: 'commitment', personId: family.members[0]?.person.id ?? '', signedDate: today() }, clerk.token);
    driveCase(t, caseId, clerk.id, ['check_started', 'check_completed']);
    const visit = { caseId, visitDate: today(), investigator1: '朱调查', investigator2: '秦调查', housing: '砖房', income: [], assets: '', cause: '子女学费', supporters: '', conclusion: '情况属实' };
    t.must('investigations.record', visit, clerk.token);
    const done = t.must('payouts.completePaperwork', { payoutId: payout.id }, approver);
    expect(t.must('cases.get', { caseId }, clerk.token).events.at(-1)).toMatchObject({ event: 'paperwork_completed', note: '先行救助手续已补齐' });
    expect(done.paperworkCompletedAt).not.toBeNull();
    const notice = t.must('notices.create', { villageCode: VILLAGE_CODE, startDate: today(), entries: [{ caseId, proposedAmountFen: 40_000 }] }, clerk.token);
    sessionsLater(8);
    t.must('notices.close', { noticeId: notice.id }, clerk.token);
    expect(t.must('decisions.decide', { caseId, ...DECISION, amountFen: 40_000, cause: 'education_expense' }, approver).state).toBe('approved');
    // The emergency payout is the case's payout: no second one, nothing more to approve.
    expect(t.must('payouts.forCase', { caseId }, approver).approvedAmountFen).toBeNull();
    t.must('payouts.pay', { payoutId: payout.id, postId: uuidv7(), transferReference: 'GH-0002' }, approver);
    const paid = t.must('cases.get', { caseId }, clerk.token);
    expect(paid.state).toBe('paid');
    expect(paid.events.at(-1)).toMatchObject({ event: 'paid', fromState: 'approved', toState: 'paid' });
    expectLedgerSound();
  });

  it('keeps a case with an unpaid emergency payout from being refused, sent to the district or withdrawn; pay refuses a case that ended', () => {
    const family = registerFamily(t, clerk.token, '褚');
    const withPaperwork = (caseId: string, payoutId: string): void => {
      t.must('cases.recordSignature', { caseId, kind: 'commitment', personId: family.members[0]?.person.id ?? '', signedDate: today() }, clerk.token);
      driveCase(t, caseId, clerk.id, ['check_started', 'check_completed']);
      const visit = { caseId, visitDate: today(), investigator1: '朱调查', investigator2: '秦调查', housing: '砖房', income: [], assets: '', cause: '火灾', supporters: '', conclusion: '情况属实' };
      t.must('investigations.record', visit, clerk.token);
      t.must('payouts.completePaperwork', { payoutId }, approver);
    };
    const refusedCase = intakeLinshi(clerk, family);
    const first = t.must('payouts.emergency', emergencyInput(refusedCase, 20_000, { cause: 'other' }), approver);
    withPaperwork(refusedCase, first.id);
    const notice = t.must('notices.create', { villageCode: VILLAGE_CODE, startDate: today(), entries: [{ caseId: refusedCase, proposedAmountFen: 20_000 }] }, clerk.token);
    sessionsLater(8);
    t.must('notices.close', { noticeId: notice.id }, clerk.token);
    const ending = { caseId: refusedCase, amountFen: null, periodStart: null, periodMonths: null, opinion: '不符合条件', cause: null, repeatReason: null };
    const refusal = { ...ending, outcome: 'refused', refusalReasons: '家庭收入超过标准' } as const;
    for (const input of [refusal, { ...ending, outcome: 'submitted_to_district', amountFen: 20_000, refusalReasons: null } as const]) {
      const r = t.call('decisions.decide', input, approver);
      expect([codeOf(r), messageOf(r)]).toEqual(['CONFLICT', '该案件有待发放的救助金，请先取消发放']);
    }
    expect(t.must('cases.get', { caseId: refusedCase }, clerk.token).state).toBe('deciding');
    // Cancelled first, the case is refused.
    t.must('payouts.cancel', { payoutId: first.id, voidId: uuidv7(), reason: '经审核不予救助' }, approver);
    expect(t.must('decisions.decide', refusal, approver).state).toBe('refused');

    const withdrawnCase = intakeLinshi(clerk, family);
    const second = t.must('payouts.emergency', emergencyInput(withdrawnCase, 30_000, { cause: 'other', repeatReason: '再次遭遇困难' }), approver);
    withPaperwork(withdrawnCase, second.id);
    const withdraw = t.call('cases.transition', { caseId: withdrawnCase, event: 'withdrawn', note: '申请人撤回' }, clerk.token);
    expect([codeOf(withdraw), messageOf(withdraw)]).toEqual(['CONFLICT', '该案件有待发放的救助金，请先取消发放']);
    // A case that ended with its payout unpaid (before these guards existed) is not paid.
    t.app.db.$client.prepare("UPDATE cases SET state = 'withdrawn' WHERE id = ?").run(withdrawnCase);
    const before = available();
    const pay = t.call('payouts.pay', { payoutId: second.id, postId: uuidv7(), transferReference: null }, approver);
    expect([codeOf(pay), messageOf(pay)]).toEqual(['CONFLICT', '案件当前状态为“已撤回”，不能发放救助金；请取消这笔发放']);
    expect(transfersOfKind('post', second.caseNo)).toBe(0);
    t.must('payouts.cancel', { payoutId: second.id, voidId: uuidv7(), reason: '申请人撤回' }, approver);
    expect(available()).toBe(before + 30_000);
    expectLedgerSound();
  });

  it('refuses, each in words: over the limit, a bad proxy ID, the wrong kind or step, signing or paperwork that does not apply', () => {
    const family = registerFamily(t, clerk.token, '韩');
    const caseId = intakeLinshi(clerk, family);
    expect(issuesOf(t.call('payouts.emergency', emergencyInput(caseId, 300_001, { cause: 'other' }), approver))).toEqual([['amountFen', '超出镇街审批限额（¥3,000.00），应报区级审批']]);
    const badProxy = t.call('payouts.emergency', emergencyInput(caseId, 1_000, { cause: 'other', payee: { proxy: true, name: '韩代领', residentId: '370404198503120036', relation: '邻居' } }), approver);
    expect(issuesOf(badProxy).map(([path]) => path)).toEqual(['payee.residentId']);
    const dibao = t.must('cases.intake', { ...intakeForm(family, 'dibao') }, clerk.token).cases[0]?.id ?? '';
    expect(messageOf(t.call('payouts.emergency', emergencyInput(dibao, 1_000, { cause: 'other' }), approver))).toBe('最低生活保障不由本镇街备用金发放，只有临时救助在此发放');
    expect(t.must('payouts.forCase', { caseId: dibao }, approver)).toMatchObject({ emergencyAllowed: false, approvedAmountFen: null });
    const [late = ''] = decidingLinshi(clerk, family);
    expect(messageOf(t.call('payouts.emergency', emergencyInput(late, 1_000, { cause: 'other' }), approver))).toBe('案件当前状态为“待审核确认”，先行救助只能在审核确认之前');
    expect(messageOf(t.call('payouts.approve', { id: uuidv7(), caseId: late, payee: APPLICANT, payment: CASH }, approver))).toContain('审核确认批准后才能发放');
    t.must('decisions.decide', { caseId: late, ...DECISION, amountFen: 1_000, cause: 'basic_living' }, approver);
    const payout = t.must('payouts.approve', { id: uuidv7(), caseId: late, payee: APPLICANT, payment: CASH }, approver);
    expect(codeOf(t.call('payouts.markSigned', { payoutId: payout.id }, clerk.token))).toBe('CONFLICT');
    expect(messageOf(t.call('payouts.completePaperwork', { payoutId: payout.id }, clerk.token))).toBe('这笔救助金不是先行救助，没有待补的手续');
    expect(issuesOf(t.call('payouts.pay', { payoutId: payout.id, postId: uuidv7(), transferReference: 'X1' }, approver))).toEqual([['transferReference', '现金发放不填写转账流水号']]);
    expect(codeOf(t.call('payouts.pay', { payoutId: uuidv7(), postId: uuidv7(), transferReference: null }, approver))).toBe('NOT_FOUND');
    t.must('payouts.cancel', { payoutId: payout.id, voidId: uuidv7(), reason: '测试' }, approver);
    expectLedgerSound();
  });
});
