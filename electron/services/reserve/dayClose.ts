import { and, asc, desc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import { cases, dayCloses, payouts, reserveTransfers, users, type TransferKind } from '../../../db/schema';
import type { Db } from '../../../db/open';
import {
  formatYuan,
  LIMITS,
  MAX_AMOUNT_FEN,
  TRANSFER_KIND_VALUES,
  type DayClosePreview,
  type DayCloseSlipModel,
  type DayCloseView,
  type DayMovement,
  type DayTransfer,
  type HeldPayout,
} from '../../contract';
import { auditHead } from '../audit';
import type { Ctx } from '../context';
import { officeName } from '../documents/head';
import { assert, DomainError } from '../errors';
import { insertRow } from '../rows';
import { checkLedgerInvariants } from './invariants';
import { bookOver, bookShort, reserveBalances, TRANSFER_KIND_LABELS, transferById, type Transfer } from './ledger';

// 日结 (issue 4 item 5): the approver counts the cash in the box at the end of the business day.
// The preview shows the book balance and the day's entries (payouts, voids, reversals, the
// district's money, recoveries), and the cash payouts approved but not handed over, whose money
// is still in the box and so in the count. The close records the count; a difference from the
// book is booked as an explicit 长款 (over) or 短款 (short) entry with the approver's reason, so
// afterwards the book says what the box holds. One close per business day, today's only.

// The contract's list of kinds is the schema's, spelled again because the contract loads no
// schema: this line stops the two from drifting apart.
const KINDS_MATCH: readonly TransferKind[] = TRANSFER_KIND_VALUES;
void KINDS_MATCH;

/** What the close asks: the client's id (made when the section opened), the count, the reason. */
export interface CloseDayInput {
  /** UUID made by the client: a retry with the same count and reason returns the first close. */
  id: string;
  countedFen: number;
  /** Required when the count differs from the book. */
  reason: string;
  /**
   * What the approver's screen showed when they counted. When given, the close is refused if the
   * book moved or the business day changed since (another counter paid out meanwhile): the
   * difference would be against a balance they never saw. The property test omits it.
   */
  seen?: { businessDate: string; bookBalanceFen: number };
}

type DayCloseRow = typeof dayCloses.$inferSelect;

/** What an entry does to the cash in the box: holds and their release leave it where it is. */
function cashEffect(t: Pick<Transfer, 'kind' | 'debitAccount' | 'creditAccount' | 'amountFen'>): number {
  if (t.kind === 'hold' || t.kind === 'void') return 0;
  if (t.debitAccount === 'reserve_cash') return t.amountFen;
  if (t.creditAccount === 'reserve_cash') return -t.amountFen;
  return 0;
}

/** cashEffect in SQL, over reserve_transfers' own columns (single-table queries only). */
const CASH_EFFECT_SQL = sql.raw(
  "CASE WHEN kind IN ('hold', 'void') THEN 0 WHEN debit_account = 'reserve_cash' THEN amount_fen WHEN credit_account = 'reserve_cash' THEN -amount_fen ELSE 0 END",
);

function dayTransfer(t: Transfer): DayTransfer {
  return {
    seq: t.seq,
    kind: t.kind,
    kindLabel: TRANSFER_KIND_LABELS[t.kind],
    amountFen: t.amountFen,
    cashEffectFen: cashEffect(t),
    reference: t.reference,
    note: t.note,
    createdAt: t.createdAt,
  };
}

/** The day's entries in commit order, at most `LIMITS.reserveListRowsMax`, optionally up to a moment. */
function dayTransfers(db: Db, businessDate: string, upTo: string | null): { rows: Transfer[]; truncated: boolean } {
  const where = upTo === null ? eq(reserveTransfers.businessDate, businessDate) : and(eq(reserveTransfers.businessDate, businessDate), lte(reserveTransfers.createdAt, upTo));
  const rows = db
    .select()
    .from(reserveTransfers)
    .where(where)
    .orderBy(asc(reserveTransfers.seq))
    .limit(LIMITS.reserveListRowsMax + 1)
    .all();
  return { rows: rows.slice(0, LIMITS.reserveListRowsMax), truncated: rows.length > LIMITS.reserveListRowsMax };
}

interface DaySums {
  byKind: Map<TransferKind, { count: number; fen: number }>;
  netFen: number;
}

/** Count and sum per kind over every entry of the day (in SQL: not bounded by the listed rows). */
function daySums(db: Db, businessDate: string): DaySums {
  const rows = db
    .select({
      kind: reserveTransfers.kind,
      count: sql<number>`count(*)`,
      fen: sql<number>`sum(${reserveTransfers.amountFen})`,
      net: sql<number>`sum(${CASH_EFFECT_SQL})`,
    })
    .from(reserveTransfers)
    .where(eq(reserveTransfers.businessDate, businessDate))
    .groupBy(reserveTransfers.kind)
    .all();
  const byKind = new Map<TransferKind, { count: number; fen: number }>();
  let netFen = 0;
  for (const r of rows) {
    byKind.set(r.kind, { count: r.count, fen: r.fen });
    netFen += r.net;
  }
  return { byKind, netFen };
}

function movementsOf(sums: DaySums): DayMovement[] {
  return TRANSFER_KIND_VALUES.flatMap((kind) => {
    const s = sums.byKind.get(kind);
    return s ? [{ kind, label: TRANSFER_KIND_LABELS[kind], count: s.count, fen: s.fen }] : [];
  });
}

/** The cash balance after every entry of the business days before this one. */
function openingBalance(db: Db, businessDate: string): number {
  const row = db.get<{ fen: number }>(sql`SELECT coalesce(sum(${CASH_EFFECT_SQL}), 0) AS fen FROM reserve_transfers WHERE business_date < ${businessDate}`);
  return row.fen;
}

/**
 * Cash payouts approved and not handed over: now (asOf null), or as they stood at a moment (the
 * slip, printed later, shows those held when the day was closed).
 */
function heldPayouts(db: Db, asOf: string | null): HeldPayout[] {
  const held =
    asOf === null
      ? eq(payouts.state, 'approved')
      : and(
          lte(payouts.approvedAt, asOf),
          or(isNull(payouts.paidAt), gt(payouts.paidAt, asOf)),
          or(isNull(payouts.cancelledAt), gt(payouts.cancelledAt, asOf)),
        );
  return db
    .select({ payoutId: payouts.id, caseNo: cases.caseNo, payeeName: payouts.payeeName, amountFen: payouts.amountFen, approvedAt: payouts.approvedAt })
    .from(payouts)
    .innerJoin(cases, eq(cases.id, payouts.caseId))
    .where(and(eq(payouts.method, 'cash'), held))
    .orderBy(asc(payouts.approvedAt))
    .limit(LIMITS.reserveListRowsMax)
    .all();
}

function closeView(db: Db, row: DayCloseRow): DayCloseView {
  const closer = db.select({ name: users.displayName }).from(users).where(eq(users.id, row.closedBy)).get();
  assert(closer, `day close ${row.id} names a missing user`);
  const difference = row.differenceTransferId === null ? null : transferById(db, row.differenceTransferId);
  assert(row.differenceTransferId === null || difference, `day close ${row.id} names a missing transfer`);
  return {
    id: row.id,
    businessDate: row.businessDate,
    bookBalanceFen: row.bookBalanceFen,
    countedFen: row.countedFen,
    differenceFen: row.differenceFen,
    differenceSeq: difference?.seq ?? null,
    differenceReason: row.differenceReason,
    payoutCount: row.payoutCount,
    payoutsFen: row.payoutsFen,
    reversalsFen: row.reversalsFen,
    replenishmentsFen: row.replenishmentsFen,
    auditHeadHash: row.auditHeadHash,
    closedByName: closer.name,
    closedAt: row.closedAt,
  };
}

function closeOfDate(db: Db, businessDate: string): DayCloseRow | undefined {
  return db.select().from(dayCloses).where(eq(dayCloses.businessDate, businessDate)).get();
}

function closeById(db: Db, id: string): DayCloseRow | undefined {
  return db.select().from(dayCloses).where(eq(dayCloses.id, id)).get();
}

/** What the approver sees before counting (and, once closed, the close itself). */
export function dayClosePreview(db: Db, businessDate: string, today: string): DayClosePreview {
  const balances = reserveBalances(db);
  const sums = daySums(db, businessDate);
  const listed = dayTransfers(db, businessDate, null);
  const close = closeOfDate(db, businessDate);
  return {
    businessDate,
    isToday: businessDate === today,
    balanceFen: balances.balanceFen,
    heldFen: balances.heldFen,
    openingFen: openingBalance(db, businessDate),
    netFen: sums.netFen,
    movements: movementsOf(sums),
    transfers: listed.rows.map(dayTransfer),
    transfersTruncated: listed.truncated,
    heldPayouts: heldPayouts(db, null),
    close: close ? closeView(db, close) : null,
  };
}

/** The recent closes, newest first. */
export function listDayCloses(db: Db, limit: number): DayCloseView[] {
  assert(Number.isInteger(limit) && limit >= 1 && limit <= LIMITS.reserveListRowsMax, `day closes listed: ${limit}`);
  return db
    .select()
    .from(dayCloses)
    .orderBy(desc(dayCloses.businessDate))
    .limit(limit)
    .all()
    .map((row) => closeView(db, row));
}

function assertLedgerSound(db: Db, when: string): void {
  const violations = checkLedgerInvariants(db);
  assert(violations.length === 0, `reserve ledger invariants ${when} the day close: ${violations.map((v) => v.message).join('; ')}`);
}

function differenceWords(differenceFen: number): string {
  return differenceFen > 0 ? `长款 ${formatYuan(differenceFen)}` : `短款 ${formatYuan(-differenceFen)}`;
}

/**
 * Closes today's business day with the counted cash. A difference from the book is booked as an
 * over or short entry (its reason required) and the close row stores the book balance, the
 * count, the day's payouts, reversals and district money, and the audit chain's head as it stood
 * before this call: the close's own audit row is written by dispatch after this returns, so the
 * slip says 截至日结前. A retry with the same id and content returns the first close.
 */
export function closeDay(ctx: Ctx, input: CloseDayInput): DayCloseView {
  assert(ctx.db.$client.inTransaction, 'the day close runs inside the caller transaction');
  assert(ctx.actor, 'a day close is made by a user');
  const reason = input.reason.trim();
  if (!Number.isSafeInteger(input.countedFen) || input.countedFen < 0 || input.countedFen > MAX_AMOUNT_FEN) {
    throw new DomainError('VALIDATION', '清点金额应为不小于零的金额', { issues: [{ path: 'countedFen', message: '清点金额应为不小于零的金额' }] });
  }
  if (reason.length > LIMITS.textLongMax) throw new DomainError('VALIDATION', `原因不超过 ${LIMITS.textLongMax} 个字`);

  const earlier = closeById(ctx.db, input.id);
  if (earlier) {
    if (earlier.countedFen === input.countedFen && (earlier.differenceReason ?? '') === reason) {
      // A retry (double click, dropped connection): the first close, nothing written.
      ctx.audit.entity('day_close', earlier.id);
      ctx.audit.note({ retryOf: earlier.businessDate });
      return closeView(ctx.db, earlier);
    }
    throw new DomainError('CONFLICT', `编号相同的日结已经存在（${earlier.businessDate}，清点 ${formatYuan(earlier.countedFen)}），与本次提交的内容不同，未日结；请刷新后重新操作`);
  }

  const businessDate = ctx.today;
  const already = closeOfDate(ctx.db, businessDate);
  if (already) throw new DomainError('CONFLICT', `今日已日结（${businessDate}），每个营业日只能日结一次`);
  if (input.seen && input.seen.businessDate !== businessDate) {
    throw new DomainError('CONFLICT', `营业日已变为 ${businessDate}，请刷新后按今日账面重新清点`);
  }

  assertLedgerSound(ctx.db, 'before');
  const before = reserveBalances(ctx.db);
  if (input.seen && input.seen.bookBalanceFen !== before.balanceFen) {
    throw new DomainError(
      'CONFLICT',
      `清点后账面余额已变动（原为 ${formatYuan(input.seen.bookBalanceFen)}，现为 ${formatYuan(before.balanceFen)}），未日结；请刷新后按现在的账面重新核对`,
    );
  }
  const differenceFen = input.countedFen - before.balanceFen;
  if (differenceFen !== 0 && reason === '') {
    const message = `清点金额与账面余额不符（${differenceWords(differenceFen)}），请填写原因`;
    throw new DomainError('VALIDATION', message, { issues: [{ path: 'reason', message }] });
  }
  // Held payouts are cash in the box waiting for their payee: a count below them cannot be
  // booked as a short (the ledger would refuse it as an overdraft); said here in plain words.
  if (input.countedFen < before.heldFen) {
    throw new DomainError(
      'CONFLICT',
      `清点金额 ${formatYuan(input.countedFen)} 少于已审批未发放的 ${formatYuan(before.heldFen)}，这部分现金应在箱中：请先核实未发放的救助金，未日结`,
    );
  }

  const sums = daySums(ctx.db, businessDate);
  const sumOf = (...kinds: TransferKind[]) => kinds.reduce((s, k) => s + (sums.byKind.get(k)?.fen ?? 0), 0);
  const head = auditHead(ctx.db);

  let differenceTransferId: string | null = null;
  if (differenceFen !== 0) {
    // The reference names the day as the statement reads it; the close row names the entry by id.
    const entry = { id: ctx.ids.newId(), amountFen: Math.abs(differenceFen), reference: `日结 ${businessDate}`, note: reason };
    differenceTransferId = (differenceFen > 0 ? bookOver(ctx, entry) : bookShort(ctx, entry)).id;
  }
  const row = insertRow(ctx, dayCloses, {
    id: input.id,
    businessDate,
    bookBalanceFen: before.balanceFen,
    countedFen: input.countedFen,
    differenceFen,
    differenceTransferId,
    differenceReason: reason === '' ? null : reason,
    payoutCount: sums.byKind.get('post')?.count ?? 0,
    payoutsFen: sumOf('post'),
    reversalsFen: sumOf('reverse'),
    replenishmentsFen: sumOf('allocate', 'replenish'),
    auditHeadHash: head.hash,
    closedBy: ctx.actor.userId,
    closedAt: ctx.nowIso,
  });

  const after = reserveBalances(ctx.db);
  assert(after.balanceFen === input.countedFen, `after the day close the book says ${after.balanceFen}, the count ${input.countedFen}`);
  assert(after.heldFen === before.heldFen, 'the day close leaves holds as they were');
  assertLedgerSound(ctx.db, 'after');
  ctx.audit.entity('day_close', row.id);
  ctx.audit.note({ businessDate, countedFen: row.countedFen, differenceFen, auditHeadSeq: head.seq });
  return closeView(ctx.db, row);
}

/** 日结单: the close as recorded, the day's entries up to it, the payouts then held. */
export function dayCloseSlip(ctx: Ctx, dayCloseId: string): DayCloseSlipModel {
  const row = closeById(ctx.db, dayCloseId);
  if (!row) throw new DomainError('NOT_FOUND', '日结记录不存在');
  // Entries of the day booked up to the close (the close's own difference entry carries its
  // time): a payout made after the close belongs to the book, not to this count.
  const listed = dayTransfers(ctx.db, row.businessDate, row.closedAt);
  return {
    kind: 'day_close_slip',
    officeName: officeName(ctx),
    printedDate: ctx.today,
    close: closeView(ctx.db, row),
    differenceLabel: row.differenceFen === 0 ? null : row.differenceFen > 0 ? '长款' : '短款',
    transfers: listed.rows.map(dayTransfer),
    transfersTruncated: listed.truncated,
    heldPayouts: heldPayouts(ctx.db, row.closedAt),
  };
}
