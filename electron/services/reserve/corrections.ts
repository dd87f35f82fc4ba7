import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import { reimbursementClaims, reserveTransfers, type TransferKind } from '../../../db/schema';
import type { Db } from '../../../db/open';
import { formatYuan, LIMITS, type ReserveTransferLine } from '../../contract';
import { appendCaseEvent } from '../cases/events';
import { caseState, requireCase } from '../cases/records';
import type { Ctx } from '../context';
import { assert, DomainError } from '../errors';
import { payoutById } from '../payouts/records';
import { assertPayoutsConsistent, checkLedgerInvariants } from './invariants';
import { recordRecovery, reverseTransfer, transferById, TRANSFER_KIND_LABELS, type Transfer } from './ledger';

// Corrections of the reserve ledger (issue 4, DOMAIN.md §5): a reversal (冲正) undoes one
// mistaken posted entry in full and points at it; a recovery (追回) books money a payee was
// ordered to return. The ledger (ledger.ts) books both, idempotent on the client's id; this
// file decides which entries the town may reverse and how much it may recover per payout.

/**
 * Kinds reserve.reverse undoes. The ledger would also reverse a payout's posting, but the
 * payout stays paid and its voucher stays valid (it may already be on a claim): money coming
 * back for it is a recovery. A hold is voided by cancelling the payout; a void or a reversal is
 * final (the ledger refuses those with its own words).
 */
const REVERSIBLE_HERE: ReadonlySet<TransferKind> = new Set<TransferKind>(['allocate', 'replenish', 'recover', 'over', 'short']);

const POST_REFUSAL = '现金发放记录不能冲正：该笔救助金仍为已发放，凭证继续有效；领款人退回的钱款请在案件的发放信息中登记追回';

/** The claim a replenishment settled, if any: reversing it would leave the claim settled by nothing. */
function claimSettledBy(db: Db, transferId: string): { claimNo: string } | undefined {
  return db.select({ claimNo: reimbursementClaims.claimNo }).from(reimbursementClaims).where(eq(reimbursementClaims.settledTransferId, transferId)).get();
}

function settledRefusal(claimNo: string): string {
  return `这笔补拨结算了报账单 ${claimNo}，不能冲正（冲正后报账单仍显示已结算）；补拨金额有误的，请与区级核对后另行登记补拨`;
}

/** Why reserve.reverse refuses `original` before the ledger is asked; null to let the ledger decide. */
function reverseRefusal(db: Db, original: Transfer): string | null {
  if (original.kind === 'post') return POST_REFUSAL;
  if (original.kind === 'replenish') {
    const claim = claimSettledBy(db, original.id);
    if (claim) return settledRefusal(claim.claimNo);
  }
  return null;
}

function assertLedgerHolds(db: Db): void {
  const violations = checkLedgerInvariants(db);
  assert(violations.length === 0, `reserve ledger invariants after a correction: ${JSON.stringify(violations.slice(0, 3))}`);
}

/** reserve.reverse: one posted entry undone in full, once. */
export function reverseEntry(ctx: Ctx, input: { id: string; transferId: string; reason: string }): Transfer {
  const original = transferById(ctx.db, input.transferId);
  if (!original) throw new DomainError('NOT_FOUND', '要冲正的记账不存在');
  // A retry of a reversal already booked answers as the first time (the ledger compares the content).
  const first = transferById(ctx.db, input.id);
  if (!first) {
    const why = reverseRefusal(ctx.db, original);
    if (why) throw new DomainError('CONFLICT', why);
  }
  if (input.reason.trim() === '') throw new DomainError('VALIDATION', '请填写冲正原因');
  const reversal = reverseTransfer(ctx, { id: input.id, transferId: original.id, note: input.reason });
  ctx.audit.note({ reversedSeq: original.seq, reversedKind: original.kind });
  assertLedgerHolds(ctx.db);
  return reversal;
}

// ---- recoveries ----------------------------------------------------------------------------

/** What has come back for the voucher: its recoveries less those reversed. */
export function recoveredFen(db: Db, voucherNo: string): number {
  const recoveries = db
    .select({ id: reserveTransfers.id, amountFen: reserveTransfers.amountFen })
    .from(reserveTransfers)
    .where(and(eq(reserveTransfers.kind, 'recover'), eq(reserveTransfers.reference, voucherNo)))
    .all();
  if (recoveries.length === 0) return 0;
  const reversed = new Set(
    db
      .select({ id: reserveTransfers.reversedId })
      .from(reserveTransfers)
      .where(inArray(reserveTransfers.reversedId, recoveries.map((r) => r.id)))
      .all()
      .map((r) => r.id),
  );
  const total = recoveries.filter((r) => !reversed.has(r.id)).reduce((sum, r) => sum + r.amountFen, 0);
  assert(Number.isSafeInteger(total) && total >= 0, `recoveries of ${voucherNo} sum to ${total}`);
  return total;
}

export interface RecoverInput {
  id: string;
  payoutId: string;
  amountFen: number;
  orderNo: string;
  note: string;
}

function recoveryNote(input: RecoverInput): string {
  const note = input.note.trim();
  return `追回决定文号 ${input.orderNo.trim()}${note === '' ? '' : `；${note}`}`;
}

/**
 * reserve.recover: money a payee of a paid cash payout was ordered to return, back in the box;
 * the reference is the payout's voucher number, so what came back is counted per voucher. The
 * payout stays paid and stays on its claim (the district paid the voucher; what came back is
 * in the box and shows on the statement), so claims do not change.
 */
export function recoverPayout(ctx: Ctx, input: RecoverInput): Transfer {
  const payout = payoutById(ctx.db, input.payoutId);
  if (!payout) throw new DomainError('NOT_FOUND', '发放记录不存在');
  ctx.audit.entity('payout', payout.id);
  const entry = { id: input.id, amountFen: input.amountFen, reference: payout.voucherNo ?? '', note: recoveryNote(input) };
  // A retry of a recovery already booked: the ledger answers the first (or refuses other content); no second timeline entry.
  if (transferById(ctx.db, input.id)) return recordRecovery(ctx, entry);

  if (payout.method !== 'cash') {
    throw new DomainError('CONFLICT', '银行转账发放的救助金不从本镇街备用金支出，追回的钱款应退回区级账户，不在备用金登记追回');
  }
  if (payout.state !== 'paid') throw new DomainError('CONFLICT', '该笔救助金尚未发放，不能登记追回；未发放的请取消发放');
  assert(payout.voucherNo !== null && payout.postTransferId !== null, `paid cash payout ${payout.id} has its voucher and posting`);
  if (ctx.db.select({ id: reserveTransfers.id }).from(reserveTransfers).where(eq(reserveTransfers.reversedId, payout.postTransferId)).get()) {
    throw new DomainError('CONFLICT', '该笔现金发放已冲正，钱款已回到备用金，不能再登记追回');
  }
  const already = recoveredFen(ctx.db, payout.voucherNo);
  const open = payout.amountFen - already;
  if (input.amountFen > open) {
    throw new DomainError(
      'CONFLICT',
      `追回金额超过可追回的余额：发放 ${formatYuan(payout.amountFen)}，已追回 ${formatYuan(already)}，最多还可追回 ${formatYuan(Math.max(open, 0))}；本次 ${formatYuan(input.amountFen)}`,
    );
  }
  const transfer = recordRecovery(ctx, entry);
  const caseRow = requireCase(ctx, payout.caseId);
  const state = caseState(caseRow);
  // On the case's timeline, the state unchanged: the payout stays paid.
  appendCaseEvent(ctx, {
    caseId: caseRow.id,
    event: 'recovered',
    fromState: state,
    toState: state,
    note: `追回救助金 ${formatYuan(transfer.amountFen)}（凭证号 ${payout.voucherNo}，${recoveryNote(input)}）`,
  });
  ctx.audit.note({ voucherNo: payout.voucherNo, recoveredBeforeFen: already, orderNo: input.orderNo });
  assertPayoutsConsistent(ctx.db, payout.id);
  assertLedgerHolds(ctx.db);
  return transfer;
}

// ---- the ledger's entries, for the reserve page ----------------------------------------------

/** Recent entries, newest first, `limit` of them before `beforeSeq` (null: from the newest). */
export function listTransfers(db: Db, input: { limit: number; beforeSeq: number | null }): { rows: ReserveTransferLine[]; nextBeforeSeq: number | null } {
  assert(input.limit >= 1 && input.limit <= LIMITS.reserveListRowsMax, `transfer page of ${input.limit} rows`);
  const page = db
    .select()
    .from(reserveTransfers)
    .where(input.beforeSeq === null ? undefined : lt(reserveTransfers.seq, input.beforeSeq))
    .orderBy(desc(reserveTransfers.seq))
    .limit(input.limit + 1)
    .all();
  const more = page.length > input.limit;
  const rows = more ? page.slice(0, input.limit) : page;
  const ids = rows.map((r) => r.id);
  const reversedIds = rows.flatMap((r) => (r.reversedId === null ? [] : [r.reversedId]));
  const reversals = new Map(
    ids.length === 0
      ? []
      : db
          .select({ reversedId: reserveTransfers.reversedId, seq: reserveTransfers.seq })
          .from(reserveTransfers)
          .where(inArray(reserveTransfers.reversedId, ids))
          .all()
          .map((r) => [r.reversedId, r.seq] as const),
  );
  const originals = new Map(
    reversedIds.length === 0
      ? []
      : db.select({ id: reserveTransfers.id, seq: reserveTransfers.seq }).from(reserveTransfers).where(inArray(reserveTransfers.id, reversedIds)).all().map((r) => [r.id, r.seq] as const),
  );
  const replenishIds = rows.filter((r) => r.kind === 'replenish').map((r) => r.id);
  const settling = new Map(
    replenishIds.length === 0
      ? []
      : db
          .select({ transferId: reimbursementClaims.settledTransferId, claimNo: reimbursementClaims.claimNo })
          .from(reimbursementClaims)
          .where(inArray(reimbursementClaims.settledTransferId, replenishIds))
          .all()
          .map((c) => [c.transferId, c.claimNo] as const),
  );
  return {
    rows: rows.map((t) => {
      const reversedBySeq = reversals.get(t.id) ?? null;
      const claimNo = settling.get(t.id);
      let notReversible: string | null = null;
      if (reversedBySeq !== null) notReversible = '已冲正';
      else if (t.kind === 'post') notReversible = POST_REFUSAL;
      else if (claimNo !== undefined) notReversible = settledRefusal(claimNo);
      else if (!REVERSIBLE_HERE.has(t.kind)) notReversible = t.kind === 'hold' ? '审批冻结不能冲正：请取消发放' : `${TRANSFER_KIND_LABELS[t.kind]}记录不能冲正`;
      const reversesSeq = t.reversedId === null ? null : (originals.get(t.reversedId) ?? null);
      return {
        id: t.id,
        seq: t.seq,
        kind: t.kind,
        kindLabel: TRANSFER_KIND_LABELS[t.kind],
        amountFen: t.amountFen,
        reference: t.reference,
        note: t.note,
        businessDate: t.businessDate,
        createdAt: t.createdAt,
        reversedBySeq,
        reversesSeq,
        reversible: notReversible === null,
        notReversibleReason: notReversible,
      };
    }),
    nextBeforeSeq: more ? (rows.at(-1)?.seq ?? null) : null,
  };
}
