import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransferKind } from '../../../db/schema';
import { claimTown, emergencyPayout, moveTo, type ClaimTown, type MadePayout } from '../../testing/claimFixtures';
import { codeOf, SETUP_TIMEOUT_MS, type TestApp } from '../../testing/testApp';
import { checkLedgerInvariants } from './invariants';

// reserve.reverse and reserve.recover through dispatch (corrections.ts): which entries a
// reversal takes, once; how much a paid cash payout may recover; retries; the ledger's
// invariants after every step; claims unchanged by a recovery.

let town: ClaimTown;
let t: TestApp;
let admin: string;
let approver: string;
let clerk: string;
const paid: Record<string, MadePayout> = {};
/** One entry of each kind a reversal takes, by kind. */
const entries: Partial<Record<TransferKind, string>> = {};

function transferOf(kind: TransferKind, reference: string | null = null): string {
  const sql = `SELECT id FROM reserve_transfers WHERE kind = ?${reference === null ? '' : ' AND reference = ?'} ORDER BY seq DESC LIMIT 1`;
  const row = t.app.db.$client.prepare(sql).get(...(reference === null ? [kind] : [kind, reference])) as { id: string } | undefined;
  if (!row) throw new Error(`no ${kind} transfer`);
  return row.id;
}

function transferCount(): number {
  return (t.app.db.$client.prepare('SELECT count(*) AS n FROM reserve_transfers').get() as { n: number }).n;
}

function expectInvariants(): void {
  expect(checkLedgerInvariants(t.app.db)).toEqual([]);
}

function closeDay(delta: number, reason: string): void {
  const p = t.must('reserve.dayClosePreview', { date: null }, approver);
  t.must('reserve.closeDay', { id: uuidv7(), countedFen: p.balanceFen + delta, reason, seen: { businessDate: p.businessDate, bookBalanceFen: p.balanceFen } }, approver);
}

beforeAll(() => {
  town = claimTown('2026-10-01');
  ({ t, admin, approver, clerk } = town);
  paid.cash = emergencyPayout(town, { amountFen: 120_000, surname: '赵' });
  paid.bank = emergencyPayout(town, { amountFen: 50_000, method: 'bank', surname: '周' });
  paid.held = emergencyPayout(town, { amountFen: 30_000, paid: false, surname: '吴' });
  t.must('reserve.allocate', { id: uuidv7(), amountFen: 10_000, documentNo: '峄民发〔2026〕13号', note: '' }, admin);
  entries.allocate = transferOf('allocate', '峄民发〔2026〕13号');
  t.must('reserve.replenish', { id: uuidv7(), amountFen: 20_000, voucherNo: 'BB2026-051', note: '', claimId: null }, admin);
  entries.replenish = transferOf('replenish');
  closeDay(500, '清点多出五元，原因待查');
  entries.over = transferOf('over');
  moveTo(town, '2026-10-02');
  closeDay(-300, '清点短少三元，原因待查');
  entries.short = transferOf('short');
}, SETUP_TIMEOUT_MS);

afterAll(() => t.close());

describe('recoveries (reserve.recover)', () => {
  const recover = (amountFen: number, token = approver, id = uuidv7(), payoutId = paid.cash?.payoutId ?? '') =>
    t.call('reserve.recover', { id, payoutId, amountFen, orderNo: '峄民追〔2026〕3号', note: '重复领取' }, token);

  it('books a recovery of a paid cash payout against its voucher, with a timeline entry, the state unchanged', () => {
    const before = t.must('reserve.summary', {}, approver);
    const id = uuidv7();
    const result = recover(20_000, approver, id);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.transfer).toMatchObject({ kind: 'recover', amountFen: 20_000, reference: paid.cash?.voucherNo, note: '追回决定文号 峄民追〔2026〕3号；重复领取' });
    expect(result.value.summary.balanceFen).toBe(before.balanceFen + 20_000);
    entries.recover = result.value.transfer.id;
    const events = t.app.db.$client.prepare("SELECT from_state AS fromState, to_state AS toState, note FROM case_events WHERE case_id = ? AND event = 'recovered'").all(paid.cash?.caseId) as { fromState: string; toState: string; note: string }[];
    expect(events).toHaveLength(1);
    expect(events[0]?.fromState).toBe(events[0]?.toState);
    expect(events[0]?.note).toContain('追回救助金 ¥200.00');
    // The same id and content: the first transfer, nothing written, no second timeline entry.
    const count = transferCount();
    const again = recover(20_000, approver, id);
    expect(again.ok && again.value.transfer.id).toBe(result.value.transfer.id);
    expect(transferCount()).toBe(count);
    expect(t.app.db.$client.prepare("SELECT count(*) AS n FROM case_events WHERE event = 'recovered'").get()).toEqual({ n: 1 });
    // The same id, another amount: refused.
    expect(codeOf(recover(20_001, approver, id))).toBe('CONFLICT');
    expectInvariants();
  });

  it('refuses more than paid less recovered, then takes exactly the rest (the town admin too)', () => {
    const over = recover(100_001);
    expect(over).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!over.ok && over.error.message).toContain('最多还可追回 ¥1,000.00');
    expect(codeOf(recover(100_000, admin))).toBe('OK');
    expect(codeOf(recover(1))).toBe('CONFLICT');
    expectInvariants();
  });

  it('refuses a bank payout (its money goes back to the district), an unpaid one, and a clerk', () => {
    const bank = recover(1_000, approver, uuidv7(), paid.bank?.payoutId);
    expect(bank).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!bank.ok && bank.error.message).toContain('退回区级账户');
    expect(codeOf(recover(1_000, approver, uuidv7(), paid.held?.payoutId))).toBe('CONFLICT');
    expect(codeOf(recover(1_000, clerk))).toBe('FORBIDDEN');
    expect(codeOf(recover(1_000, approver, uuidv7(), uuidv7()))).toBe('NOT_FOUND');
    expectInvariants();
  });

  it('leaves claims as they were: the recovered voucher stays claimable at its full amount', () => {
    // Recoveries do not change claims: the voucher stays valid, the money back shows in the box.
    const preview = t.must('reserve.claimPreview', { periodStart: '2026-10-01', periodEnd: '2026-10-02' }, approver);
    expect(preview.lines.map((l) => [l.voucherNo, l.amountFen])).toEqual([[paid.cash?.voucherNo, 120_000]]);
    expect(preview.totalFen).toBe(120_000);
  });
});

describe('reversals (reserve.reverse)', () => {
  const reverse = (transferId: string, token = admin, id = uuidv7(), reason = '登记错误') => t.call('reserve.reverse', { id, transferId, reason }, token);

  it.each(['allocate', 'replenish', 'recover', 'over', 'short'] as const)('reverses a %s entry once, a retry answers the first, a second reversal is refused', (kind) => {
    const original = entries[kind];
    if (!original) throw new Error(`no ${kind} entry`);
    const id = uuidv7();
    const first = reverse(original, admin, id);
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.transfer).toMatchObject({ kind: 'reverse', note: '登记错误' });
    const count = transferCount();
    const retry = reverse(original, admin, id);
    expect(retry.ok && retry.value.transfer.seq).toBe(first.value.transfer.seq);
    expect(transferCount()).toBe(count);
    expect(reverse(original, admin, id, '另一个原因')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(reverse(original)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '这笔记账已经冲正过，每笔只能冲正一次' } });
    // A reversal is never reversed.
    expect(codeOf(reverse(first.value.transfer.id))).toBe('CONFLICT');
    expect(transferCount()).toBe(count);
    expectInvariants();
  });

  it('refuses a payout posting (pointing to 追回), a hold (取消发放), and an approver', () => {
    const post = reverse(paid.cash?.postTransferId ?? '');
    expect(post).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!post.ok && post.error.message).toContain('登记追回');
    expect(reverse(transferOf('hold', null))).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '审批冻结不能冲正：请取消发放' } });
    expect(codeOf(reverse(entries.allocate ?? '', approver))).toBe('FORBIDDEN');
    expect(codeOf(reverse(uuidv7()))).toBe('NOT_FOUND');
    expectInvariants();
  });

  it('refuses a replenishment that settled a claim', () => {
    moveTo(town, '2026-11-02');
    const claim = t.must('reserve.submitClaim', { id: uuidv7(), periodStart: '2026-10-01', periodEnd: '2026-10-31' }, approver);
    const settled = t.must('reserve.replenish', { id: uuidv7(), amountFen: claim.claim.totalFen, voucherNo: 'BB2026-061', note: '', claimId: claim.claim.id }, admin);
    const refused = reverse(settled.transfer.id);
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!refused.ok && refused.error.message).toContain(claim.claim.claimNo);
    expectInvariants();
  });

  it('lists the entries newest first, a page at a time, with what is reversed and what may be', () => {
    const all = t.must('reserve.transfers', { limit: 5_000, beforeSeq: null }, approver);
    expect(all.nextBeforeSeq).toBeNull();
    const seqs = all.rows.map((r) => r.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const byId = new Map(all.rows.map((r) => [r.id, r]));
    expect(byId.get(entries.allocate ?? '')).toMatchObject({ kindLabel: '区级拨付备用金', reversible: false, notReversibleReason: '已冲正' });
    expect(byId.get(paid.cash?.postTransferId ?? '')).toMatchObject({ reversible: false, reversedBySeq: null });
    const reversal = all.rows.find((r) => r.kind === 'reverse');
    expect(reversal?.reversesSeq).not.toBeNull();
    expect(reversal?.reversible).toBe(false);
    const open = all.rows.filter((r) => r.reversible).map((r) => r.kind);
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((k) => ['allocate', 'replenish', 'recover', 'over', 'short'].includes(k))).toBe(true);
    const page = t.must('reserve.transfers', { limit: 3, beforeSeq: null }, approver);
    expect(page.rows.map((r) => r.seq)).toEqual(seqs.slice(0, 3));
    const next = t.must('reserve.transfers', { limit: 3, beforeSeq: page.nextBeforeSeq }, approver);
    expect(next.rows.map((r) => r.seq)).toEqual(seqs.slice(3, 6));
    expect(codeOf(t.call('reserve.transfers', { limit: 3, beforeSeq: null }, clerk))).toBe('FORBIDDEN');
  });
});
