import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../../db/open';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit';
import type { Actor } from '../context';
import { DomainError } from '../errors';
import { ledgerCall } from '../../testing/ledgerDriving';
import { codeOf, createTestApp, SETUP_TIMEOUT_MS, setUpTown, type TestApp } from '../../testing/testApp';
import { checkLedgerInvariants } from './invariants';
import {
  ALLOCATION_SQL,
  allocate,
  bookOver,
  bookShort,
  holdPayout,
  postPayout,
  recordRecovery,
  replenish,
  reserveBalances,
  reverseTransfer,
  voidPayout,
  type Transfer,
} from './ledger';

let t: TestApp;
let admin: string;
let approverToken: string;
let clerkToken: string;
let approver: Actor;

beforeAll(() => {
  t = createTestApp();
  const town = setUpTown(t);
  admin = town.admin;
  approverToken = town.approver.token;
  clerkToken = town.clerk.token;
  approver = { userId: town.approver.id, username: 'approver1', roles: ['approver'] };
}, SETUP_TIMEOUT_MS);

afterAll(() => t.close());

const run = <T>(fn: Parameters<typeof ledgerCall<T>>[3]): T => ledgerCall(t.app, approver, 'test.reserve', fn);

/** The DomainError an operation throws, with its transaction rolled back. */
function refusal(fn: Parameters<typeof ledgerCall<Transfer>>[3]): DomainError {
  try {
    run(fn);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

function rowCounts() {
  const count = (table: string) => (t.app.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { transfers: count('reserve_transfers'), changes: count('change_log'), accounts: JSON.stringify(t.app.db.$client.prepare('SELECT * FROM reserve_accounts ORDER BY code').all()) };
}

const entry = (amountFen: number, reference = '370404101-2026-00001', note = '') => ({ id: uuidv7(), amountFen, reference, note });

describe('reserve ledger', () => {
  it('allocates the fund through reserve.allocate (town admin) and shows it in reserve.summary', () => {
    const before = t.must('reserve.summary', {}, approverToken);
    expect(before).toMatchObject({ balanceFen: 0, heldFen: 0, availableFen: 0, allocationFen: 0, alertPercent: 20, alert: false });
    const id = uuidv7();
    const first = t.must('reserve.allocate', { id, amountFen: 5_000_000, documentNo: '峄民发〔2026〕12号', note: '' }, admin);
    expect(first.transfer).toMatchObject({ id, seq: 1, kind: 'allocate', amountFen: 5_000_000, reference: '峄民发〔2026〕12号' });
    expect(first.summary).toMatchObject({ balanceFen: 5_000_000, heldFen: 0, availableFen: 5_000_000, allocationFen: 5_000_000, alert: false });
    // a retry (double click, dropped connection) answers the first result and books nothing
    const counts = rowCounts();
    const retry = t.must('reserve.allocate', { id, amountFen: 5_000_000, documentNo: '峄民发〔2026〕12号', note: '' }, admin);
    expect(retry.transfer).toEqual(first.transfer);
    expect(rowCounts()).toEqual(counts);
    // the same id with other content is refused, in Chinese, and nothing is written
    const other = t.call('reserve.allocate', { id, amountFen: 4_000_000, documentNo: '峄民发〔2026〕12号', note: '' }, admin);
    expect(codeOf(other)).toBe('CONFLICT');
    expect(other.ok ? '' : other.error.message).toContain('编号相同的记账已经存在');
    expect(rowCounts()).toEqual(counts);
    expect(t.must('reserve.summary', {}, admin).balanceFen).toBe(5_000_000);
  });

  it('lets only the town admin book money in; the approver and the clerk are refused', () => {
    const input = { id: uuidv7(), amountFen: 100, voucherNo: 'BB-1', note: '' };
    expect(codeOf(t.call('reserve.replenish', input, approverToken))).toBe('FORBIDDEN');
    expect(codeOf(t.call('reserve.allocate', { id: uuidv7(), amountFen: 100, documentNo: 'X', note: '' }, approverToken))).toBe('FORBIDDEN');
    expect(codeOf(t.call('reserve.summary', {}, clerkToken))).toBe('FORBIDDEN');
    const zero = t.call('reserve.replenish', { ...input, amountFen: 0 }, admin);
    expect(codeOf(zero)).toBe('VALIDATION');
    expect(zero.ok ? '' : zero.error.message).toContain('金额必须大于零');
    const blank = t.call('reserve.replenish', { ...input, voucherNo: '  ' }, admin);
    expect(codeOf(blank)).toBe('VALIDATION');
    expect(blank.ok ? '' : blank.error.message).toContain('请填写补拨凭证号');
  });

  it('holds an approved payout, posts it when paid, voids a cancelled one', () => {
    const start = reserveBalances(t.app.db);
    const hold = run((ctx) => holdPayout(ctx, entry(120_000)));
    expect(reserveBalances(t.app.db)).toMatchObject({ balanceFen: start.balanceFen, heldFen: 120_000, availableFen: start.availableFen - 120_000 });
    const post = run((ctx) => postPayout(ctx, { id: uuidv7(), holdId: hold.id, note: '' }));
    expect(post).toMatchObject({ kind: 'post', pendingId: hold.id, amountFen: 120_000, debitAccount: 'payouts', creditAccount: 'reserve_cash' });
    expect(reserveBalances(t.app.db)).toMatchObject({ balanceFen: start.balanceFen - 120_000, heldFen: 0 });
    const cancelled = run((ctx) => holdPayout(ctx, entry(30_000)));
    run((ctx) => voidPayout(ctx, { id: uuidv7(), holdId: cancelled.id, note: '申请人放弃' }));
    expect(reserveBalances(t.app.db)).toMatchObject({ balanceFen: start.balanceFen - 120_000, heldFen: 0 });
    // each hold is settled once: paying a cancelled one, or paying twice, is refused
    expect(refusal((ctx) => postPayout(ctx, { id: uuidv7(), holdId: cancelled.id, note: '' })).message).toContain('已经取消');
    expect(refusal((ctx) => postPayout(ctx, { id: uuidv7(), holdId: hold.id, note: '' })).message).toContain('已经发放');
    expect(refusal((ctx) => voidPayout(ctx, { id: uuidv7(), holdId: hold.id, note: '' })).message).toContain('已经发放');
    expect(refusal((ctx) => postPayout(ctx, { id: uuidv7(), holdId: post.id, note: '' })).code).toBe('NOT_FOUND');
    expect(checkLedgerInvariants(t.app.db)).toEqual([]);
  });

  it('retries a payout with the same id as the first result; other content under that id is refused', () => {
    const first = entry(50_000);
    const hold = run((ctx) => holdPayout(ctx, first));
    const counts = rowCounts();
    expect(run((ctx) => holdPayout(ctx, first))).toEqual(hold);
    expect(refusal((ctx) => holdPayout(ctx, { ...first, amountFen: 50_001 })).code).toBe('CONFLICT');
    expect(refusal((ctx) => holdPayout(ctx, { ...first, reference: 'other' })).message).toContain('内容不同');
    expect(refusal((ctx) => recordRecovery(ctx, first)).code).toBe('CONFLICT');
    const paid = { id: uuidv7(), holdId: hold.id, note: '' };
    const post = run((ctx) => postPayout(ctx, paid));
    expect(run((ctx) => postPayout(ctx, paid))).toEqual(post);
    expect(refusal((ctx) => voidPayout(ctx, paid)).code).toBe('CONFLICT');
    expect(rowCounts().transfers).toBe(counts.transfers + 1);
  });

  it('refuses an overdraft in Chinese and writes nothing', () => {
    const { availableFen } = reserveBalances(t.app.db);
    const counts = rowCounts();
    const refused = refusal((ctx) => holdPayout(ctx, entry(availableFen + 1)));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('备用金可用余额不足');
    expect(refused.message).toMatch(/可用 ¥[\d,]+\.\d\d/);
    expect(refusal((ctx) => bookShort(ctx, entry(availableFen + 1, 'DC-1', '清点短款'))).message).toContain('备用金可用余额不足');
    expect(rowCounts()).toEqual(counts);
    // what is held cannot be taken by a short either: held never exceeds the balance
    const hold = run((ctx) => holdPayout(ctx, entry(availableFen)));
    expect(reserveBalances(t.app.db).availableFen).toBe(0);
    expect(refusal((ctx) => bookShort(ctx, entry(1, 'DC-1', '短款'))).code).toBe('CONFLICT');
    run((ctx) => voidPayout(ctx, { id: uuidv7(), holdId: hold.id, note: '' }));
    expect(checkLedgerInvariants(t.app.db)).toEqual([]);
  });

  it('reverses a posted entry once, never a reversal or a hold, and not into an overdraft', () => {
    const over = run((ctx) => bookOver(ctx, entry(1_000, 'DC-2', '长款10元')));
    const before = reserveBalances(t.app.db);
    const reversal = run((ctx) => reverseTransfer(ctx, { id: uuidv7(), transferId: over.id, note: '清点有误' }));
    expect(reversal).toMatchObject({ kind: 'reverse', reversedId: over.id, debitAccount: 'cash_over_short', creditAccount: 'reserve_cash', amountFen: 1_000 });
    expect(reserveBalances(t.app.db).balanceFen).toBe(before.balanceFen - 1_000);
    expect(refusal((ctx) => reverseTransfer(ctx, { id: uuidv7(), transferId: over.id, note: '' })).message).toContain('冲正过');
    expect(refusal((ctx) => reverseTransfer(ctx, { id: uuidv7(), transferId: reversal.id, note: '' })).message).toContain('不能冲正');
    const hold = run((ctx) => holdPayout(ctx, entry(100)));
    expect(refusal((ctx) => reverseTransfer(ctx, { id: uuidv7(), transferId: hold.id, note: '' })).message).toContain('请取消发放');
    run((ctx) => voidPayout(ctx, { id: uuidv7(), holdId: hold.id, note: '' }));
    // the allocation cannot be taken back once part of it was paid out
    const allocation = t.app.db.$client.prepare("SELECT id FROM reserve_transfers WHERE kind = 'allocate'").get() as { id: string };
    expect(refusal((ctx) => reverseTransfer(ctx, { id: uuidv7(), transferId: allocation.id, note: '' })).message).toContain('冲正后备用金将不足');
    const recovered = run((ctx) => recordRecovery(ctx, entry(20_000, '370404101-2026-00001', '追回多发')));
    run((ctx) => reverseTransfer(ctx, { id: uuidv7(), transferId: recovered.id, note: '' }));
    const replenished = run((ctx) => replenish(ctx, entry(120_000, 'BB-2')));
    expect(replenished.kind).toBe('replenish');
    expect(checkLedgerInvariants(t.app.db)).toEqual([]);
    expect(verifyAuditChain(t.app.db).intact).toBe(true);
  });

  it('refuses an operation outside a transaction or with a bad amount or id', () => {
    expect(() => allocate({ ...t.app, actor: approver } as never, entry(1))).toThrow(/inside the caller transaction/);
    expect(refusal((ctx) => allocate(ctx, entry(0))).code).toBe('VALIDATION');
    expect(refusal((ctx) => allocate(ctx, entry(1.5))).code).toBe('VALIDATION');
    expect(refusal((ctx) => allocate(ctx, { ...entry(1), id: 'not-a-uuid' })).code).toBe('VALIDATION');
    expect(refusal((ctx) => allocate(ctx, entry(1, ' '))).code).toBe('VALIDATION');
  });

  it('alerts when available falls below the set share of the allocation', () => {
    const s = t.must('reserve.summary', {}, approverToken);
    // hold all but just under 20% of the allocation
    const keep = (s.allocationFen * 20) / 100;
    const hold = run((ctx) => holdPayout(ctx, entry(s.availableFen - keep + 1)));
    expect(t.must('reserve.summary', {}, approverToken)).toMatchObject({ availableFen: keep - 1, alert: true });
    t.must('settings.update', { reserveAlertPercent: 0 }, admin);
    expect(t.must('reserve.summary', {}, approverToken).alert).toBe(false);
    t.must('settings.update', { reserveAlertPercent: 20 }, admin);
    run((ctx) => voidPayout(ctx, { id: uuidv7(), holdId: hold.id, note: '' }));
    expect(t.must('reserve.summary', {}, approverToken).alert).toBe(false);
  });

  it('sums the allocation from the kind index, never a scan of the whole ledger', () => {
    const plan = (t.app.db.$client.prepare(`EXPLAIN QUERY PLAN ${ALLOCATION_SQL}`).all() as { detail: string }[]).map((r) => r.detail);
    expect(plan.filter((d) => d.startsWith('SCAN'))).toEqual([]);
    expect(plan.some((d) => d.includes('reserve_transfers_kind_idx'))).toBe(true);
  });

  it('counts the allocation as allocations less their reversals; reversing anything else leaves it', () => {
    const before = reserveBalances(t.app.db);
    const over = run((ctx) => bookOver(ctx, entry(500, 'DC-3', '长款5元')));
    run((ctx) => reverseTransfer(ctx, { id: uuidv7(), transferId: over.id, note: '' }));
    expect(reserveBalances(t.app.db).allocationFen).toBe(before.allocationFen);
    const more = run((ctx) => allocate(ctx, entry(30_000, 'QM-2')));
    expect(reserveBalances(t.app.db)).toMatchObject({ allocationFen: before.allocationFen + 30_000, balanceFen: before.balanceFen + 30_000 });
    run((ctx) => reverseTransfer(ctx, { id: uuidv7(), transferId: more.id, note: '文号有误' }));
    expect(reserveBalances(t.app.db)).toMatchObject({ allocationFen: before.allocationFen, balanceFen: before.balanceFen, heldFen: before.heldFen });
    expect(checkLedgerInvariants(t.app.db)).toEqual([]);
  });
});

describe('reserve ledger in SQL', () => {
  it('refuses UPDATE and DELETE of a transfer, and DELETE of an account (triggers)', () => {
    const client = t.app.db.$client;
    expect(() => client.prepare('UPDATE reserve_transfers SET amount_fen = amount_fen + 1 WHERE seq = 1').run()).toThrow(/append-only/);
    expect(() => client.prepare('DELETE FROM reserve_transfers WHERE seq = 1').run()).toThrow(/append-only/);
    expect(() => client.prepare("DELETE FROM reserve_accounts WHERE code = 'payouts'").run()).toThrow(/never deleted/);
  });

  it('refuses an overdrawn cash account and a transfer of zero fen whatever the code does (CHECK)', () => {
    const client = t.app.db.$client;
    expect(() => client.prepare("UPDATE reserve_accounts SET credits_pending_fen = debits_posted_fen + 1 WHERE code = 'reserve_cash'").run()).toThrow(
      /CHECK constraint failed: reserve_accounts_guarded/,
    );
    expect(() =>
      client
        .prepare(
          `INSERT INTO reserve_transfers (id, seq, kind, debit_account, credit_account, amount_fen, reference, note, business_date, created_by, created_at)
           VALUES ('x', 999, 'allocate', 'reserve_cash', 'district_funds', 0, 'r', '', '2026-11-28', ?, '2026-11-28T00:00:00Z')`,
        )
        .run(approver.userId),
    ).toThrow(/reserve_transfers_amount_positive/);
  });

  it('checkLedgerInvariants finds stored sums that differ from the transfers, and a tampered transfer', () => {
    // on a copy, with the guards taken away as a hand edit would
    const dir = mkdtempSync(join(tmpdir(), 'relief-desk-ledger-'));
    t.app.db.$client.exec(`VACUUM INTO '${join(dir, 'tampered.db')}'`);
    const tampered = new Database(join(dir, 'tampered.db'));
    try {
      tampered.pragma('foreign_keys = OFF');
      const db = { $client: tampered } as unknown as Db;
      expect(checkLedgerInvariants(db)).toEqual([]);
      tampered.exec("UPDATE reserve_accounts SET debits_posted_fen = debits_posted_fen + 1 WHERE code = 'payouts'");
      expect(checkLedgerInvariants(db).map((v) => v.rule)).toEqual(['stored_equals_recomputed', 'trial_balance']);
      tampered.exec("UPDATE reserve_accounts SET debits_posted_fen = debits_posted_fen - 1 WHERE code = 'payouts'");
      tampered.exec('DROP TRIGGER reserve_transfers_no_update');
      tampered.exec("UPDATE reserve_transfers SET amount_fen = amount_fen + 1 WHERE seq = (SELECT min(seq) FROM reserve_transfers WHERE kind = 'reverse')");
      const rules = checkLedgerInvariants(db).map((v) => v.rule);
      expect(rules).toContain('stored_equals_recomputed');
      expect(rules).toContain('reversal_links_one_original');
      tampered.exec('DROP INDEX reserve_transfers_pending_unique');
      tampered.exec("UPDATE reserve_transfers SET pending_id = (SELECT pending_id FROM reserve_transfers WHERE kind = 'post' LIMIT 1) WHERE seq = (SELECT max(seq) FROM reserve_transfers WHERE kind = 'void')");
      expect(checkLedgerInvariants(db).map((v) => v.rule)).toContain('hold_settled_at_most_once');
      tampered.exec('DROP TRIGGER reserve_transfers_no_delete');
      tampered.exec('DELETE FROM reserve_transfers WHERE seq = 2');
      expect(checkLedgerInvariants(db).map((v) => v.rule)).toContain('sequence_without_gaps');
    } finally {
      tampered.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
