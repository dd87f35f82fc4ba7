import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payouts, reimbursementClaims } from '../../../db/schema';
import { claimTown, emergencyPayout, moveTo, type MadePayout } from '../../testing/claimFixtures';
import { ledgerCall } from '../../testing/ledgerDriving';
import { codeOf, SETUP_TIMEOUT_MS, type TestApp } from '../../testing/testApp';
import type { Actor } from '../context';
import { checkLedgerInvariants } from './invariants';
import { reverseTransfer } from './ledger';
import { previousMonth } from './claims';

let t: TestApp;
let admin: string;
let approverToken: string;
let clerkToken: string;
let approver: Actor;
const paid: Record<string, MadePayout> = {};

function count(table: string): number {
  return (t.app.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

beforeAll(() => {
  // Payouts made through payouts.emergency and payouts.pay, each on its own business day.
  const town = claimTown('2026-09-30');
  ({ t, admin, clerk: clerkToken, approver: approverToken } = town);
  approver = { userId: town.approverId, username: 'approver1', roles: ['approver'] };
  paid.before = emergencyPayout(town, { amountFen: 1_000, surname: '孙' });
  // October (the default period on 2026-11-28): the first and last day count.
  moveTo(town, '2026-10-01');
  paid.first = emergencyPayout(town, { amountFen: 120_000, surname: '赵' });
  // Not claimable: paid by bank, or approved in cash and still held, or paid and reversed.
  moveTo(town, '2026-10-10');
  paid.bank = emergencyPayout(town, { amountFen: 50_000, method: 'bank', surname: '周' });
  paid.held = emergencyPayout(town, { amountFen: 70_000, paid: false, surname: '吴' });
  moveTo(town, '2026-10-15');
  paid.reversed = emergencyPayout(town, { amountFen: 80_000, surname: '郑' });
  const postId = paid.reversed.postTransferId;
  if (postId === null) throw new Error('a cash payout has its posting');
  ledgerCall(t.app, approver, 'test.reverse', (ctx) => reverseTransfer(ctx, { id: uuidv7(), transferId: postId, note: '发放错误，现金已退回' }));
  moveTo(town, '2026-10-31');
  paid.last = emergencyPayout(town, { amountFen: 30_050, surname: '钱' });
  moveTo(town, '2026-11-01');
  paid.after = emergencyPayout(town, { amountFen: 2_000, surname: '李' });
  moveTo(town, '2026-11-28');
}, SETUP_TIMEOUT_MS);

afterAll(() => t.close());

describe('reimbursement claims (报账)', () => {
  it('defaults to the previous calendar month, across year ends', () => {
    expect(previousMonth('2026-11-28')).toEqual({ periodStart: '2026-10-01', periodEnd: '2026-10-31' });
    expect(previousMonth('2026-01-01')).toEqual({ periodStart: '2025-12-01', periodEnd: '2025-12-31' });
    expect(previousMonth('2028-03-31')).toEqual({ periodStart: '2028-02-01', periodEnd: '2028-02-29' });
  });

  it('previews only the paid cash payouts of the period not yet claimed, bounds included, a reversed one left out', () => {
    const preview = t.must('reserve.claimPreview', { periodStart: null, periodEnd: null }, approverToken);
    expect(preview).toMatchObject({ periodStart: '2026-10-01', periodEnd: '2026-10-31', count: 2, totalFen: 150_050 });
    expect(preview.lines.map((l) => l.payoutId)).toEqual([paid.first?.payoutId, paid.last?.payoutId]);
    const line = preview.lines[0];
    expect(line).toMatchObject({ voucherNo: paid.first?.voucherNo, paidDate: '2026-10-01', payeeName: '赵一', causeLabel: '火灾', amountFen: 120_000 });
    expect(line?.payeeResidentIdMasked).toMatch(/^370404\*{8}\d{3}[\dX]$/);
    expect(line?.caseNo).toMatch(/^370404101-2026-\d{5}$/);
    // A wider period takes September and November too; still no bank, held or reversed payout.
    const wide = t.must('reserve.claimPreview', { periodStart: '2026-09-30', periodEnd: '2026-11-01' }, approverToken);
    expect(wide.lines.map((l) => l.amountFen)).toEqual([1_000, 120_000, 30_050, 2_000]);
  });

  it('refuses a period out of order, in the future, or half given', () => {
    expect(t.call('reserve.claimPreview', { periodStart: '2026-10-31', periodEnd: '2026-10-01' }, approverToken)).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '开始日期不能晚于结束日期' } });
    expect(t.call('reserve.claimPreview', { periodStart: '2026-11-01', periodEnd: '2026-11-29' }, approverToken)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(codeOf(t.call('reserve.claimPreview', { periodStart: '2026-10-01', periodEnd: null }, approverToken))).toBe('VALIDATION');
    expect(codeOf(t.call('reserve.claimPreview', { periodStart: '2026-02-30', periodEnd: '2026-03-01' }, approverToken))).toBe('VALIDATION');
    expect(codeOf(t.call('reserve.claimPreview', { periodStart: null, periodEnd: null }, clerkToken))).toBe('FORBIDDEN');
  });

  let claimId = '';

  it('files a claim: numbered per town and year, its payouts marked, idempotent on the client id', () => {
    claimId = uuidv7();
    const input = { id: claimId, periodStart: '2026-10-01', periodEnd: '2026-10-31' };
    const filed = t.must('reserve.submitClaim', input, approverToken);
    expect(filed.claim).toMatchObject({ id: claimId, claimNo: '370404101-2026-BZ001', payoutCount: 2, totalFen: 150_050, state: 'submitted', submittedByName: 'approver1', settlement: null });
    expect(filed.lines.map((l) => l.voucherNo)).toEqual([paid.first?.voucherNo, paid.last?.voucherNo]);
    const marked = t.app.db.select({ id: payouts.id }).from(payouts).where(eq(payouts.claimId, claimId)).all();
    expect(marked.map((m) => m.id).sort()).toEqual([paid.first?.payoutId, paid.last?.payoutId].sort());

    // A retry (double click, dropped connection) answers the first claim and writes nothing.
    const changes = count('change_log');
    expect(t.must('reserve.submitClaim', input, approverToken)).toEqual(filed);
    expect(count('change_log')).toBe(changes);
    expect(count('reimbursement_claims')).toBe(1);
    // The same id for another period is refused.
    expect(t.call('reserve.submitClaim', { ...input, periodEnd: '2026-11-01' }, approverToken)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // Claimed vouchers are never claimed again: October has nothing left.
    expect(t.must('reserve.claimPreview', { periodStart: null, periodEnd: null }, approverToken)).toMatchObject({ count: 0, totalFen: 0, lines: [] });
    expect(t.call('reserve.submitClaim', { id: uuidv7(), periodStart: '2026-10-01', periodEnd: '2026-10-31' }, admin)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '2026-10-01 至 2026-10-31 没有未报账的现金发放，无需报账' },
    });
    // The audit row names the claim.
    const audit = t.app.db.$client.prepare("SELECT entity_type, entity_id FROM audit_log WHERE action = 'reserve.submitClaim' ORDER BY seq LIMIT 1").get();
    expect(audit).toEqual({ entity_type: 'reimbursement_claim', entity_id: claimId });
  });

  it('numbers the next claim after the first, the town admin filing it', () => {
    const second = t.must('reserve.submitClaim', { id: uuidv7(), periodStart: '2026-09-01', periodEnd: '2026-11-27' }, admin);
    expect(second.claim).toMatchObject({ claimNo: '370404101-2026-BZ002', payoutCount: 2, totalFen: 3_000, submittedByName: '王管理' });
    expect(t.must('reserve.claims', {}, approverToken).map((c) => c.claimNo)).toEqual(['370404101-2026-BZ002', '370404101-2026-BZ001']);
  });

  it('is settled by the replenishment that names it, in the same transaction, once', () => {
    const replenishId = uuidv7();
    const input = { id: replenishId, amountFen: 150_050, voucherNo: 'BB2026-041', note: '10月报账补拨', claimId };
    const booked = t.must('reserve.replenish', input, admin);
    expect(booked.transfer).toMatchObject({ kind: 'replenish', amountFen: 150_050, reference: 'BB2026-041' });
    const row = t.app.db.select().from(reimbursementClaims).where(eq(reimbursementClaims.id, claimId)).get();
    expect(row).toMatchObject({ state: 'settled', settledTransferId: replenishId });
    const listed = t.must('reserve.claims', {}, approverToken).find((c) => c.id === claimId);
    expect(listed).toMatchObject({ state: 'settled', settlement: { transferId: replenishId, voucherNo: 'BB2026-041', amountFen: 150_050, businessDate: '2026-11-28' } });

    // A retry of the same replenishment answers as the first time.
    const transfers = count('reserve_transfers');
    expect(t.must('reserve.replenish', input, admin).transfer).toEqual(booked.transfer);
    expect(count('reserve_transfers')).toBe(transfers);
    // A second replenishment for the settled claim is refused, and books nothing.
    const again = t.call('reserve.replenish', { ...input, id: uuidv7(), voucherNo: 'BB2026-042' }, admin);
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '报账单 370404101-2026-BZ001 已经由补拨结算，不能再次结算' } });
    expect(count('reserve_transfers')).toBe(transfers);
    // The replenishment that settled one claim cannot be reused for another.
    const other = t.must('reserve.claims', {}, approverToken).find((c) => c.id !== claimId);
    expect(codeOf(t.call('reserve.replenish', { ...input, claimId: other?.id ?? null }, admin))).toBe('CONFLICT');
    // An unknown claim is refused before anything is booked.
    expect(t.call('reserve.replenish', { ...input, id: uuidv7(), claimId: uuidv7() }, admin)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '报账单不存在' } });
    expect(count('reserve_transfers')).toBe(transfers);
    // Old callers, without claimId, still book a plain replenishment.
    expect(t.must('reserve.replenish', { id: uuidv7(), amountFen: 100, voucherNo: 'BB2026-043', note: '' }, admin).transfer.kind).toBe('replenish');
    expect(checkLedgerInvariants(t.app.db)).toEqual([]);
  });

  it('refuses a replenishment retried with a claim it did not settle, or without the claim it settled (same id, other content)', () => {
    const open = t.must('reserve.claims', {}, approverToken).find((c) => c.state === 'submitted');
    if (!open) throw new Error('the second claim is still submitted');
    const plain = { id: uuidv7(), amountFen: 3_000, voucherNo: 'BB2026-050', note: '', claimId: null };
    t.must('reserve.replenish', plain, admin);
    const transfers = count('reserve_transfers');
    const changes = count('change_log');
    expect(t.call('reserve.replenish', { ...plain, claimId: open.id }, admin)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(t.app.db.select().from(reimbursementClaims).where(eq(reimbursementClaims.id, open.id)).get()).toMatchObject({ state: 'submitted', settledTransferId: null });
    expect([count('reserve_transfers'), count('change_log')]).toEqual([transfers, changes]);

    // A replenishment that settled the claim, retried with the same claim, answers as the first
    // time; retried without it, it is refused.
    const settling = { ...plain, id: uuidv7(), voucherNo: 'BB2026-051', claimId: open.id };
    const first = t.must('reserve.replenish', settling, admin);
    expect(t.must('reserve.replenish', settling, admin)).toEqual(first);
    expect(t.call('reserve.replenish', { ...settling, claimId: null }, admin)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(t.app.db.select().from(reimbursementClaims).where(eq(reimbursementClaims.id, open.id)).get()).toMatchObject({ state: 'settled', settledTransferId: settling.id });
    expect(checkLedgerInvariants(t.app.db)).toEqual([]);
  });

  it('reads one claim with its vouchers, and refuses the clerk', () => {
    const detail = t.must('reserve.claim', { claimId }, admin);
    expect(detail.claim.claimNo).toBe('370404101-2026-BZ001');
    expect(detail.lines.reduce((s, l) => s + l.amountFen, 0)).toBe(detail.claim.totalFen);
    expect(codeOf(t.call('reserve.claims', {}, clerkToken))).toBe('FORBIDDEN');
    expect(codeOf(t.call('reserve.claim', { claimId: uuidv7() }, admin))).toBe('NOT_FOUND');
  });

  it('prints the claim and a statement on A4 for the admin and the approver, never for a clerk; copies counted per paper', () => {
    const view = t.must('documents.get', { kind: 'reimbursement_claim', claimId }, admin);
    expect(view.nextCopyNo).toBe(1);
    expect(view.document).toMatchObject({ kind: 'reimbursement_claim', townName: '阴平镇', printedDate: '2026-11-28', claim: { claimNo: '370404101-2026-BZ001', state: 'settled' } });
    expect(t.must('documents.recordPrint', { kind: 'reimbursement_claim', claimId, target: 'a4' }, admin)).toMatchObject({ copyNo: 1, reprint: false });
    expect(t.must('documents.recordPrint', { kind: 'reimbursement_claim', claimId, target: 'pdf' }, approverToken)).toMatchObject({ copyNo: 2, reprint: true });
    expect(codeOf(t.call('documents.get', { kind: 'reimbursement_claim', claimId }, clerkToken))).toBe('FORBIDDEN');
    const period = '2026-10-01_2026-10-31';
    const statement = t.must('documents.recordPrint', { kind: 'statement', period, target: 'a4' }, approverToken);
    expect(statement.document).toMatchObject({ kind: 'statement', statement: { from: '2026-10-01', to: '2026-10-31', openingFen: 4_999_000 } });
    expect(t.must('documents.get', { kind: 'statement', period }, admin).nextCopyNo).toBe(2);
    expect(t.must('documents.get', { kind: 'statement', period: '2026-10-01_2026-10-30' }, admin).nextCopyNo).toBe(1);
    const recorded = t.app.db.$client.prepare("SELECT case_id, document_ref FROM prints WHERE document_kind = 'statement'").all();
    expect(recorded).toEqual([{ case_id: null, document_ref: period }]);
    for (const bad of ['2026-10-31_2026-10-01', '2026-02-30_2026-03-01', '2026-10-01', '2026-10-01_2026-10-31_x']) {
      expect(codeOf(t.call('documents.get', { kind: 'statement', period: bad }, admin)), bad).toBe('VALIDATION');
    }
    expect(codeOf(t.call('documents.get', { kind: 'statement', period, claimId }, admin))).toBe('VALIDATION');
    expect(codeOf(t.call('documents.get', { kind: 'statement', period }, clerkToken))).toBe('FORBIDDEN');
    // Admitting the town admin to documents.* opens only these two papers to them.
    expect(codeOf(t.call('documents.get', { kind: 'approval_form', caseId: paid.first?.caseId ?? '' }, admin))).toBe('FORBIDDEN');
    expect(codeOf(t.call('documents.get', { kind: 'payout_voucher', payoutId: paid.first?.payoutId ?? '' }, admin))).toBe('FORBIDDEN');
    expect(codeOf(t.call('documents.get', { kind: 'payout_voucher', payoutId: paid.first?.payoutId ?? '' }, clerkToken))).toBe('OK');
  });
});
