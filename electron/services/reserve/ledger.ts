import { asc, eq, sql } from 'drizzle-orm';
import { RESERVE_ACCOUNTS, reserveAccounts, reserveTransfers, type ReserveAccount, type TransferKind } from '../../../db/schema';
import type { Db } from '../../../db/open';
import { formatYuan, LIMITS, MAX_AMOUNT_FEN } from '../../contract';
import type { Ctx } from '../context';
import { assert, DomainError } from '../errors';
import { preparedOnce } from '../prepared';
import { insertRow, updateRow } from '../rows';

// The reserve fund's operations, named after what happens at the town office (DOMAIN.md §5):
// the district allocates the fund and replenishes it, an approved payout holds its amount,
// handing over the cash posts the hold, cancelling voids it, a mistaken entry is reversed,
// money ordered returned is recovered, and the day close books what the count found over or
// short. The schema (db/schema/reserve.ts) explains the accounts and the pending/reversal
// rules. Every operation:
//   - runs inside the caller's transaction (dispatch's BEGIN IMMEDIATE), writing through
//     rows.ts so the change log carries each row;
//   - takes the client's id: the same id with the same content returns the first transfer and
//     writes nothing; the same id with other content is refused;
//   - refuses, before writing anything, what would overdraw the cash box (the SQL CHECK on
//     reserve_accounts stands behind it), and asserts the touched accounts before and after.

export type Transfer = typeof reserveTransfers.$inferSelect;
export type AccountRow = typeof reserveAccounts.$inferSelect;

/** The one account that may never be overdrawn: the cash in the box. */
const GUARDED: ReadonlySet<ReserveAccount> = new Set(['reserve_cash']);

export const TRANSFER_KIND_LABELS: Readonly<Record<TransferKind, string>> = {
  allocate: '区级拨付备用金',
  replenish: '区级补拨',
  hold: '审批冻结',
  post: '现金发放',
  void: '取消发放',
  reverse: '冲正',
  recover: '追回',
  over: '长款',
  short: '短款',
};

/** Kinds a reversal may undo: posted money movements. A hold is voided instead; a void or a reversal is final. */
const REVERSIBLE: ReadonlySet<TransferKind> = new Set(['allocate', 'replenish', 'post', 'recover', 'over', 'short']);

const CLIENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What one operation asks to book; compared field by field on a retry. */
export interface TransferContent {
  id: string;
  kind: TransferKind;
  debitAccount: ReserveAccount;
  creditAccount: ReserveAccount;
  amountFen: number;
  pendingId: string | null;
  reversedId: string | null;
  reference: string;
  note: string;
}

interface Sums {
  debitsPostedFen: number;
  creditsPostedFen: number;
  debitsPendingFen: number;
  creditsPendingFen: number;
}

// ---- the operations ---------------------------------------------------------------------

export interface AmountEntry {
  /** Made by the client before submitting (UUID): a retry sends the same. */
  id: string;
  amountFen: number;
  /** What the entry is about: a document or voucher number, a case id, a day-close id. */
  reference: string;
  note: string;
}

/** The district's allocation of the fund (定额备用金), from its allocation document. */
export function allocate(ctx: Ctx, entry: AmountEntry): Transfer {
  return book(ctx, { ...amountContent(entry), kind: 'allocate', debitAccount: 'reserve_cash', creditAccount: 'district_funds' });
}

/** Money the district sends to restore the fund after payouts; reference: its voucher number. */
export function replenish(ctx: Ctx, entry: AmountEntry): Transfer {
  return book(ctx, { ...amountContent(entry), kind: 'replenish', debitAccount: 'reserve_cash', creditAccount: 'district_funds' });
}

/** An approved cash payout holds its amount until the cash is handed over; reference: the case. */
export function holdPayout(ctx: Ctx, entry: AmountEntry): Transfer {
  return book(ctx, { ...amountContent(entry), kind: 'hold', debitAccount: 'payouts', creditAccount: 'reserve_cash' });
}

export interface SettleEntry {
  id: string;
  holdId: string;
  note: string;
}

/** The cash is handed over: the whole hold becomes a payout. */
export function postPayout(ctx: Ctx, entry: SettleEntry): Transfer {
  return book(ctx, settleContent(ctx.db, entry, 'post'));
}

/** The payout is cancelled before the cash left the box: the hold is released. */
export function voidPayout(ctx: Ctx, entry: SettleEntry): Transfer {
  return book(ctx, settleContent(ctx.db, entry, 'void'));
}

/** Money a payee was ordered to return, back in the box. */
export function recordRecovery(ctx: Ctx, entry: AmountEntry): Transfer {
  return book(ctx, { ...amountContent(entry), kind: 'recover', debitAccount: 'reserve_cash', creditAccount: 'recoveries' });
}

/** Day close: the counted cash exceeds the book balance by amountFen (长款); reference: the day close. */
export function bookOver(ctx: Ctx, entry: AmountEntry): Transfer {
  return book(ctx, { ...amountContent(entry), kind: 'over', debitAccount: 'reserve_cash', creditAccount: 'cash_over_short' });
}

/** Day close: the counted cash falls short of the book balance by amountFen (短款). */
export function bookShort(ctx: Ctx, entry: AmountEntry): Transfer {
  return book(ctx, { ...amountContent(entry), kind: 'short', debitAccount: 'cash_over_short', creditAccount: 'reserve_cash' });
}

export interface ReverseEntry {
  id: string;
  /** The posted transfer this one undoes. */
  transferId: string;
  note: string;
}

/** Undoes one posted entry in full, accounts swapped (冲正); each entry once, a reversal never. */
export function reverseTransfer(ctx: Ctx, entry: ReverseEntry): Transfer {
  const original = transferById(ctx.db, entry.transferId);
  if (!original) throw new DomainError('NOT_FOUND', '要冲正的记账不存在');
  return book(ctx, {
    id: entry.id,
    kind: 'reverse',
    debitAccount: original.creditAccount,
    creditAccount: original.debitAccount,
    amountFen: original.amountFen,
    pendingId: null,
    reversedId: original.id,
    reference: original.reference,
    note: entry.note,
  });
}

// ---- reading ------------------------------------------------------------------------------

// Reads on every booking, prepared once per connection (a payout is two bookings: bench).
export function transferById(db: Db, id: string): Transfer | undefined {
  return preparedOnce(db, 'reserve.transferById', () =>
    db.select().from(reserveTransfers).where(eq(reserveTransfers.id, sql.placeholder('id'))).prepare(),
  ).get({ id });
}

function transferByPendingId(db: Db, pendingId: string): Transfer | undefined {
  return preparedOnce(db, 'reserve.transferByPendingId', () =>
    db.select().from(reserveTransfers).where(eq(reserveTransfers.pendingId, sql.placeholder('id'))).prepare(),
  ).get({ id: pendingId });
}

function transferByReversedId(db: Db, reversedId: string): Transfer | undefined {
  return preparedOnce(db, 'reserve.transferByReversedId', () =>
    db.select().from(reserveTransfers).where(eq(reserveTransfers.reversedId, sql.placeholder('id'))).prepare(),
  ).get({ id: reversedId });
}

export function accountRows(db: Db): AccountRow[] {
  return preparedOnce(db, 'reserve.accounts', () => db.select().from(reserveAccounts).orderBy(asc(reserveAccounts.code)).prepare()).all();
}

function nextSeq(db: Db): number {
  const row = preparedOnce(db, 'reserve.nextSeq', () =>
    db.select({ next: sql<number>`coalesce(max(${reserveTransfers.seq}), 0) + 1` }).from(reserveTransfers).prepare(),
  ).get();
  assert(row, 'max(seq) answers one row');
  return row.next;
}

export interface ReserveBalances {
  /** Cash the book says is in the box. */
  balanceFen: number;
  /** Approved payouts not yet handed over or cancelled. */
  heldFen: number;
  /** What may still be approved: balance − held. */
  availableFen: number;
  /** The fund's size: allocations less their reversals. */
  allocationFen: number;
}

/** The cash account's figures: one row by its key, all a payout's availability check needs. */
export type CashBalances = Omit<ReserveBalances, 'allocationFen'>;

export function cashBalances(db: Db): CashBalances {
  const cash = preparedOnce(db, 'reserve.accountByCode', () =>
    db.select().from(reserveAccounts).where(eq(reserveAccounts.code, sql.placeholder('code'))).prepare(),
  ).get({ code: 'reserve_cash' });
  const balanceFen = cash ? cash.debitsPostedFen - cash.creditsPostedFen : 0;
  const heldFen = cash ? cash.creditsPendingFen : 0;
  return { balanceFen, heldFen, availableFen: balanceFen - heldFen };
}

/** What may still be approved (balance − held): the check before a cash payout holds its amount. */
export function availableFen(db: Db): number {
  return cashBalances(db).availableFen;
}

// Allocations less their reversals: reserve_transfers_kind_idx (migration 0008) finds the
// allocations and reversals without reading the rest of the ledger; the reversed transfer is
// looked up by primary key only for a reversal row. The payout path reads cashBalances instead.
export const ALLOCATION_SQL = `
  SELECT coalesce(sum(CASE WHEN t.kind = 'allocate' THEN t.amount_fen ELSE -t.amount_fen END), 0) AS fen
  FROM reserve_transfers t
  WHERE t.kind = 'allocate'
     OR (t.kind = 'reverse' AND (SELECT o.kind FROM reserve_transfers o WHERE o.id = t.reversed_id) = 'allocate')`;

function allocationFen(db: Db): number {
  const row = preparedOnce(db, 'reserve.allocation', () => db.$client.prepare<[], { fen: number }>(ALLOCATION_SQL)).get();
  assert(row, 'sum() answers one row');
  return row.fen;
}

export function reserveBalances(db: Db): ReserveBalances {
  return { ...cashBalances(db), allocationFen: allocationFen(db) };
}

// ---- booking ------------------------------------------------------------------------------

function amountContent(entry: AmountEntry): Omit<TransferContent, 'kind' | 'debitAccount' | 'creditAccount'> {
  return { id: entry.id, amountFen: entry.amountFen, pendingId: null, reversedId: null, reference: entry.reference, note: entry.note };
}

function settleContent(db: Db, entry: SettleEntry, kind: 'post' | 'void'): TransferContent {
  const hold = transferById(db, entry.holdId);
  if (!hold || hold.kind !== 'hold') throw new DomainError('NOT_FOUND', '要发放或取消的审批冻结记录不存在');
  return {
    id: entry.id,
    kind,
    debitAccount: hold.debitAccount,
    creditAccount: hold.creditAccount,
    amountFen: hold.amountFen,
    pendingId: hold.id,
    reversedId: null,
    reference: hold.reference,
    note: entry.note,
  };
}

function sameContent(row: Transfer, intent: TransferContent): boolean {
  return (
    row.kind === intent.kind &&
    row.debitAccount === intent.debitAccount &&
    row.creditAccount === intent.creditAccount &&
    row.amountFen === intent.amountFen &&
    row.pendingId === intent.pendingId &&
    row.reversedId === intent.reversedId &&
    row.reference === intent.reference &&
    row.note === intent.note
  );
}

function validate(intent: TransferContent): void {
  if (!CLIENT_ID.test(intent.id)) throw new DomainError('VALIDATION', '记账编号应为客户端生成的 UUID');
  if (!Number.isSafeInteger(intent.amountFen) || intent.amountFen <= 0 || intent.amountFen > MAX_AMOUNT_FEN) {
    throw new DomainError('VALIDATION', '金额必须大于零（以分为单位的整数）');
  }
  if (intent.reference.trim() === '' || intent.reference.length > LIMITS.textShortMax) {
    throw new DomainError('VALIDATION', `凭证号或关联编号不能为空，且不超过 ${LIMITS.textShortMax} 个字`);
  }
  if (intent.note.length > LIMITS.textLongMax) throw new DomainError('VALIDATION', `说明不超过 ${LIMITS.textLongMax} 个字`);
}

/** Why a link is not allowed, in words for the approver; null when the entry may be booked. */
function refusal(db: Db, intent: TransferContent): string | null {
  if (intent.pendingId !== null) {
    const settled = transferByPendingId(db, intent.pendingId);
    if (settled) return settled.kind === 'post' ? '这笔审批冻结已经发放，不能再发放或取消' : '这笔审批冻结已经取消，不能再发放或取消';
  }
  if (intent.reversedId !== null) {
    const original = transferById(db, intent.reversedId);
    assert(original, 'reversal intent built from an existing transfer');
    if (original.kind === 'hold') return '审批冻结不能冲正：请取消发放';
    if (!REVERSIBLE.has(original.kind)) return `${TRANSFER_KIND_LABELS[original.kind]}记录不能冲正：如有错误，请另行记账`;
    const already = transferByReversedId(db, intent.reversedId);
    if (already) return '这笔记账已经冲正过，每笔只能冲正一次';
  }
  return null;
}

function sumsOf(row: AccountRow): Sums {
  return {
    debitsPostedFen: row.debitsPostedFen,
    creditsPostedFen: row.creditsPostedFen,
    debitsPendingFen: row.debitsPendingFen,
    creditsPendingFen: row.creditsPendingFen,
  };
}

/** The sums after the transfer: the debit side's debits and the credit side's credits move. */
export function applyTransfer(sums: Sums, side: 'debit' | 'credit', kind: TransferKind, amountFen: number): Sums {
  const posted = side === 'debit' ? 'debitsPostedFen' : 'creditsPostedFen';
  const pending = side === 'debit' ? 'debitsPendingFen' : 'creditsPendingFen';
  const next = { ...sums };
  if (kind === 'hold') next[pending] += amountFen;
  else if (kind === 'post') {
    next[pending] -= amountFen;
    next[posted] += amountFen;
  } else if (kind === 'void') next[pending] -= amountFen;
  else next[posted] += amountFen;
  return next;
}

/** Cash may not go below zero, nor may more be held than is there. */
function overdrawn(sums: Sums): boolean {
  return sums.creditsPostedFen + sums.creditsPendingFen > sums.debitsPostedFen;
}

function assertSane(code: ReserveAccount, sums: Sums, when: string): void {
  for (const [field, value] of Object.entries(sums)) {
    assert(Number.isSafeInteger(value) && value >= 0, `reserve account ${code} ${field} = ${value} ${when}`);
  }
  assert(!GUARDED.has(code) || !overdrawn(sums), `reserve account ${code} overdrawn ${when}: ${JSON.stringify(sums)}`);
}

/** The five accounts, created by the ledger's first write (through rows.ts, so sync sees them). */
function ensureAccounts(ctx: Ctx): Map<ReserveAccount, AccountRow> {
  const rows = new Map(accountRows(ctx.db).map((r) => [r.code, r]));
  for (const code of RESERVE_ACCOUNTS) {
    if (rows.has(code)) continue;
    rows.set(
      code,
      insertRow(ctx, reserveAccounts, {
        code,
        guarded: GUARDED.has(code),
        debitsPostedFen: 0,
        creditsPostedFen: 0,
        debitsPendingFen: 0,
        creditsPendingFen: 0,
        createdAt: ctx.nowIso,
        updatedAt: ctx.nowIso,
      }),
    );
  }
  return rows;
}

function overdraftMessage(intent: TransferContent, cash: Sums): string {
  const balance = cash.debitsPostedFen - cash.creditsPostedFen;
  const available = balance - cash.creditsPendingFen;
  const what = intent.kind === 'reverse' ? `冲正后备用金将不足（冲正 ${formatYuan(intent.amountFen)}）` : `本次${TRANSFER_KIND_LABELS[intent.kind]} ${formatYuan(intent.amountFen)}`;
  return `备用金可用余额不足，未记账：账面余额 ${formatYuan(Math.max(balance, 0))}，已冻结 ${formatYuan(cash.creditsPendingFen)}，可用 ${formatYuan(Math.max(available, 0))}；${what}`;
}

function book(ctx: Ctx, intent: TransferContent): Transfer {
  assert(ctx.db.$client.inTransaction, 'reserve ledger writes run inside the caller transaction');
  assert(ctx.actor, 'reserve ledger writes are made by a user');
  validate(intent);
  const existing = transferById(ctx.db, intent.id);
  if (existing) {
    if (sameContent(existing, intent)) {
      // A retry (double click, dropped connection, restart): the first result, nothing written.
      ctx.audit.entity('reserve_transfer', existing.id);
      ctx.audit.note({ retryOf: existing.seq });
      return existing;
    }
    throw new DomainError(
      'CONFLICT',
      `编号相同的记账已经存在（${TRANSFER_KIND_LABELS[existing.kind]} ${formatYuan(existing.amountFen)}），与本次提交的内容不同，未记账；请刷新后重新操作`,
    );
  }
  const why = refusal(ctx.db, intent);
  if (why) throw new DomainError('CONFLICT', why);

  const accounts = ensureAccounts(ctx);
  const debit = accounts.get(intent.debitAccount);
  const credit = accounts.get(intent.creditAccount);
  assert(debit && credit && debit.code !== credit.code, `transfer ${intent.id} between two distinct accounts`);
  const before = { debit: sumsOf(debit), credit: sumsOf(credit) };
  assertSane(debit.code, before.debit, 'before');
  assertSane(credit.code, before.credit, 'before');
  const after = {
    debit: applyTransfer(before.debit, 'debit', intent.kind, intent.amountFen),
    credit: applyTransfer(before.credit, 'credit', intent.kind, intent.amountFen),
  };
  for (const [side, row] of [['debit', debit], ['credit', credit]] as const) {
    if (GUARDED.has(row.code) && overdrawn(after[side])) throw new DomainError('CONFLICT', overdraftMessage(intent, before[side]));
  }

  const seq = nextSeq(ctx.db);
  const transfer = insertRow(ctx, reserveTransfers, {
    ...intent,
    seq,
    businessDate: ctx.today,
    createdBy: ctx.actor.userId,
    createdAt: ctx.nowIso,
  });
  const written = {
    debit: updateRow(ctx, reserveAccounts, debit.code, { ...after.debit, updatedAt: ctx.nowIso }),
    credit: updateRow(ctx, reserveAccounts, credit.code, { ...after.credit, updatedAt: ctx.nowIso }),
  };
  for (const side of ['debit', 'credit'] as const) {
    const stored = sumsOf(written[side]);
    assert(JSON.stringify(stored) === JSON.stringify(after[side]), `reserve account ${written[side].code} stored ${JSON.stringify(stored)}, expected ${JSON.stringify(after[side])}`);
    assertSane(written[side].code, stored, 'after');
  }
  ctx.audit.entity('reserve_transfer', transfer.id);
  ctx.audit.note({ kind: transfer.kind, amountFen: transfer.amountFen, seq: transfer.seq });
  return transfer;
}
