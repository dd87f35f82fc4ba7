import dayjs from 'dayjs';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { cases, payouts, reimbursementClaims, reserveTransfers, users } from '../../../db/schema';
import type { Db } from '../../../db/open';
import { LIMITS, maskResidentId, RELIEF_CAUSE_LABELS, type ClaimDetail, type ClaimLine, type ClaimPreview, type ClaimView, type ReliefCause } from '../../contract';
import { nextClaimNo } from '../cases/caseNumbers';
import type { Ctx } from '../context';
import { assert, DomainError } from '../errors';
import { insertRow, updateRow } from '../rows';
import { requireInstallation } from '../setup';
import { replenish, transferById, type AmountEntry, type Transfer } from './ledger';

// 报账 (DOMAIN.md §5): for a period (the last calendar month by default) the town sends the
// district the vouchers of the cash it paid from the reserve, and the district replenishes
// the reserve by their total. A claim takes every paid cash payout of the period that is on
// no claim yet, so a voucher is claimed once; a replenishment booked against the claim
// settles it in the same transaction.

export type ClaimRow = typeof reimbursementClaims.$inferSelect;

export interface Period {
  periodStart: string;
  periodEnd: string;
}

/** The calendar month before the business day `today`. */
export function previousMonth(today: string): Period {
  const first = dayjs(today).startOf('month').subtract(1, 'month');
  return { periodStart: first.format('YYYY-MM-DD'), periodEnd: first.endOf('month').format('YYYY-MM-DD') };
}

/** A period given (both dates or neither), checked: in order and not past today. */
export function claimPeriod(today: string, input: { periodStart: string | null; periodEnd: string | null }): Period {
  if (input.periodStart === null || input.periodEnd === null) {
    if (input.periodStart !== input.periodEnd) throw new DomainError('VALIDATION', '请同时填写起止日期，或都不填（默认上个月）');
    return previousMonth(today);
  }
  if (input.periodStart > input.periodEnd) throw new DomainError('VALIDATION', '开始日期不能晚于结束日期');
  if (input.periodEnd > today) throw new DomainError('VALIDATION', `结束日期不能晚于今天（${today}）：报账只报已经发放的现金`);
  return { periodStart: input.periodStart, periodEnd: input.periodEnd };
}

const lineColumns = {
  payoutId: payouts.id,
  voucherNo: payouts.voucherNo,
  paidDate: payouts.paidDate,
  caseNo: cases.caseNo,
  payeeName: payouts.payeeName,
  payeeResidentId: payouts.payeeResidentId,
  cause: payouts.cause,
  amountFen: payouts.amountFen,
};

interface LineRow {
  payoutId: string;
  voucherNo: string | null;
  paidDate: string | null;
  caseNo: string;
  payeeName: string;
  payeeResidentId: string;
  cause: string;
  amountFen: number;
}

function lineOf(row: LineRow): ClaimLine {
  assert(row.voucherNo !== null && row.paidDate !== null, `paid payout ${row.payoutId} has its voucher number and paid date`);
  return {
    payoutId: row.payoutId,
    voucherNo: row.voucherNo,
    paidDate: row.paidDate,
    caseNo: row.caseNo,
    payeeName: row.payeeName,
    payeeResidentIdMasked: maskResidentId(row.payeeResidentId),
    causeLabel: RELIEF_CAUSE_LABELS[row.cause as ReliefCause] ?? row.cause,
    amountFen: row.amountFen,
  };
}

/**
 * Paid cash payouts of the period on no claim. A payout whose cash posting was reversed (冲正)
 * put the money back in the box, so the district owes nothing for it: it is left out.
 */
function claimableRows(db: Db, period: Period): LineRow[] {
  const rows = db
    .select(lineColumns)
    .from(payouts)
    .innerJoin(cases, eq(cases.id, payouts.caseId))
    .where(
      and(
        eq(payouts.method, 'cash'),
        eq(payouts.state, 'paid'),
        isNull(payouts.claimId),
        sql`${payouts.paidDate} BETWEEN ${period.periodStart} AND ${period.periodEnd}`,
        sql`NOT EXISTS (SELECT 1 FROM ${reserveTransfers} r WHERE r.reversed_id = ${payouts.postTransferId})`,
      ),
    )
    .orderBy(asc(payouts.paidDate), asc(payouts.voucherNo))
    .limit(LIMITS.reserveListRowsMax + 1)
    .all();
  if (rows.length > LIMITS.reserveListRowsMax) {
    throw new DomainError('VALIDATION', `期间内待报账的发放超过 ${LIMITS.reserveListRowsMax} 笔，请缩短报账期间`);
  }
  return rows;
}

function totalOf(lines: readonly { amountFen: number }[]): number {
  const total = lines.reduce((sum, l) => sum + l.amountFen, 0);
  assert(Number.isSafeInteger(total), 'a claim total is a safe integer of fen');
  return total;
}

export function claimPreview(ctx: Ctx, input: { periodStart: string | null; periodEnd: string | null }): ClaimPreview {
  const period = claimPeriod(ctx.today, input);
  const lines = claimableRows(ctx.db, period).map(lineOf);
  return { ...period, lines, count: lines.length, totalFen: totalOf(lines) };
}

// ---- reading claims ------------------------------------------------------------------------

function claimById(db: Db, id: string): ClaimRow | undefined {
  return db.select().from(reimbursementClaims).where(eq(reimbursementClaims.id, id)).get();
}

export function requireClaim(db: Db, id: string): ClaimRow {
  const row = claimById(db, id);
  if (!row) throw new DomainError('NOT_FOUND', '报账单不存在');
  return row;
}

function viewsOf(db: Db, rows: ClaimRow[]): ClaimView[] {
  const userIds = [...new Set(rows.map((r) => r.submittedBy))];
  const transferIds = rows.flatMap((r) => (r.settledTransferId === null ? [] : [r.settledTransferId]));
  const names = new Map(
    userIds.length === 0 ? [] : db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, userIds)).all().map((u) => [u.id, u.name]),
  );
  const transfers = new Map(
    transferIds.length === 0 ? [] : db.select().from(reserveTransfers).where(inArray(reserveTransfers.id, transferIds)).all().map((t) => [t.id, t]),
  );
  return rows.map((r) => {
    const name = names.get(r.submittedBy);
    assert(name !== undefined, `claim ${r.id} names a missing user`);
    const transfer = r.settledTransferId === null ? null : transfers.get(r.settledTransferId);
    assert(transfer !== undefined, `claim ${r.id} names a missing transfer`);
    return {
      id: r.id,
      claimNo: r.claimNo,
      periodStart: r.periodStart,
      periodEnd: r.periodEnd,
      payoutCount: r.payoutCount,
      totalFen: r.totalFen,
      state: r.state,
      submittedByName: name,
      submittedAt: r.submittedAt,
      settlement: transfer === null ? null : { transferId: transfer.id, voucherNo: transfer.reference, amountFen: transfer.amountFen, businessDate: transfer.businessDate },
      settledAt: r.settledAt,
    };
  });
}

/** The claims, newest first (a town files one a month or a quarter: the limit is years). */
export function listClaims(db: Db): ClaimView[] {
  const rows = db.select().from(reimbursementClaims).orderBy(desc(reimbursementClaims.submittedAt), desc(reimbursementClaims.claimNo)).limit(LIMITS.reserveListRowsMax).all();
  return viewsOf(db, rows);
}

/** A claim with its vouchers, checked against the totals it was filed with. */
export function claimDetail(db: Db, id: string): ClaimDetail {
  const row = requireClaim(db, id);
  const lines = db
    .select(lineColumns)
    .from(payouts)
    .innerJoin(cases, eq(cases.id, payouts.caseId))
    .where(eq(payouts.claimId, id))
    .orderBy(asc(payouts.paidDate), asc(payouts.voucherNo))
    .all()
    .map(lineOf);
  assert(lines.length === row.payoutCount && totalOf(lines) === row.totalFen, `claim ${row.claimNo} holds ${lines.length} payouts of ${totalOf(lines)} fen, filed as ${row.payoutCount} of ${row.totalFen}`);
  const [claim] = viewsOf(db, [row]);
  assert(claim, 'one view per claim');
  return { claim, lines };
}

// ---- submitting and settling ---------------------------------------------------------------

const CLIENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Files the claim: every claimable payout of the period is marked with it. The id is made by
 * the client when the form opens: a retry returns the first claim; the same id for another
 * period is refused.
 */
export function submitClaim(ctx: Ctx, input: { id: string; periodStart: string; periodEnd: string }): ClaimDetail {
  assert(ctx.db.$client.inTransaction, 'a claim is filed inside the caller transaction');
  assert(ctx.actor, 'a claim is filed by a user');
  if (!CLIENT_ID.test(input.id)) throw new DomainError('VALIDATION', '报账单编号应为客户端生成的 UUID');
  ctx.audit.entity('reimbursement_claim', input.id);
  const existing = claimById(ctx.db, input.id);
  if (existing) {
    if (existing.periodStart === input.periodStart && existing.periodEnd === input.periodEnd) {
      ctx.audit.note({ retryOf: existing.claimNo });
      return claimDetail(ctx.db, existing.id);
    }
    throw new DomainError('CONFLICT', `编号相同的报账单已经存在（${existing.claimNo}，${existing.periodStart} 至 ${existing.periodEnd}），与本次提交的期间不同；请刷新后重新操作`);
  }
  const period = claimPeriod(ctx.today, input);
  const rows = claimableRows(ctx.db, period);
  if (rows.length === 0) {
    throw new DomainError('CONFLICT', `${period.periodStart} 至 ${period.periodEnd} 没有未报账的现金发放，无需报账`);
  }
  const totalFen = totalOf(rows);
  const installation = requireInstallation(ctx.db);
  assert(installation.townCode !== null, 'claims are filed by a town installation');
  const claim = insertRow(ctx, reimbursementClaims, {
    id: input.id,
    claimNo: nextClaimNo(ctx, installation.townCode, dayjs(ctx.today).year()),
    ...period,
    payoutCount: rows.length,
    totalFen,
    state: 'submitted',
    submittedBy: ctx.actor.userId,
    submittedAt: ctx.nowIso,
    settledTransferId: null,
    settledAt: null,
  });
  for (const row of rows) updateRow(ctx, payouts, row.payoutId, { claimId: claim.id, updatedAt: ctx.nowIso });
  ctx.audit.note({ claimNo: claim.claimNo, payoutCount: claim.payoutCount, totalFen });
  return claimDetail(ctx.db, claim.id);
}

/**
 * 区级补拨, settling a claim when one is named (reserve.replenish's claimId): the transfer and
 * the claim's settlement commit together. A claim is settled once, by one replenishment; a
 * retry of the same replenishment answers as the first time.
 */
export function replenishSettling(ctx: Ctx, entry: AmountEntry, claimId: string | null): Transfer {
  // The claim a replenishment settled is part of its content: a retry of the same id naming
  // another claim, or none, is other content and refused (the ledger compares the rest).
  const settledBy = ctx.db
    .select({ id: reimbursementClaims.id, claimNo: reimbursementClaims.claimNo })
    .from(reimbursementClaims)
    .where(eq(reimbursementClaims.settledTransferId, entry.id))
    .get();
  if (claimId === null) {
    if (settledBy) throw new DomainError('CONFLICT', `这笔补拨结算了报账单 ${settledBy.claimNo}，同一补拨单号的内容不一致`);
    return replenish(ctx, entry);
  }
  const claim = requireClaim(ctx.db, claimId);
  if (claim.state === 'settled' && claim.settledTransferId !== entry.id) {
    throw new DomainError('CONFLICT', `报账单 ${claim.claimNo} 已经由补拨结算，不能再次结算`);
  }
  if (settledBy && settledBy.id !== claimId) throw new DomainError('CONFLICT', `这笔补拨已经结算了报账单 ${settledBy.claimNo}，一笔补拨只结算一张报账单`);
  // A replenishment booked before without this claim is not settled by a retry that adds it:
  // the ledger would answer the first transfer as a retry and the claim would close on it.
  if (claim.settledTransferId !== entry.id && transferById(ctx.db, entry.id)) {
    throw new DomainError('CONFLICT', `这笔补拨登记时未结算报账单，同一补拨单号的内容不一致，不能再结算报账单 ${claim.claimNo}`);
  }
  const transfer = replenish(ctx, entry);
  if (claim.state === 'submitted') {
    updateRow(ctx, reimbursementClaims, claim.id, { state: 'settled', settledTransferId: transfer.id, settledAt: ctx.nowIso });
  }
  ctx.audit.note({ claimNo: claim.claimNo, claimTotalFen: claim.totalFen, differenceFen: transfer.amountFen - claim.totalFen });
  return transfer;
}
