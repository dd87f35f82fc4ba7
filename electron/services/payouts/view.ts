import { eq, sql } from 'drizzle-orm';
import { reimbursementClaims, users } from '../../../db/schema';
import { maskResidentId, type CasePayouts, type PayoutView } from '../../contract';
import type { Ctx } from '../context';
import { assert } from '../errors';
import { caseReliefType, caseState, requireCase, type CaseRecord } from '../cases/records';
import { decisionSeparationReason } from '../cases/separation';
import { latestDecision } from '../cases/steps/decisions';
import { availableFen } from '../reserve/ledger';
import { preparedOnce } from '../prepared';
import { getSettings, townReliefLimitFen } from '../settings';
import { aidHistory, parseCause } from './aidHistory';
import { EMERGENCY_STATES, livePayoutOfCase, payoutsOfCase, type PayoutRow } from './records';


// What leaves the service about a payout: the payee's ID masked, the bank account's last four
// digits only (the voucher and the case page need no more). Its lookups are prepared once per
// connection: every payout procedure answers with a view (bench reserve.payout).

function userName(ctx: Ctx, userId: string): string {
  const user = preparedOnce(ctx.db, 'payouts.userName', () =>
    ctx.db.select({ displayName: users.displayName }).from(users).where(eq(users.id, sql.placeholder('id'))).prepare(),
  ).get({ id: userId });
  assert(user, `a payout names a missing user ${userId}`);
  return user.displayName;
}

function claimNoOf(ctx: Ctx, claimId: string): { claimNo: string } | undefined {
  return preparedOnce(ctx.db, 'payouts.claimNo', () =>
    ctx.db.select({ claimNo: reimbursementClaims.claimNo }).from(reimbursementClaims).where(eq(reimbursementClaims.id, sql.placeholder('id'))).prepare(),
  ).get({ id: claimId });
}

/** Emergency paperwork past its due date and not completed (the town admin sees it). */
export function paperworkOverdue(row: PayoutRow, today: string): boolean {
  return row.emergency && row.state !== 'cancelled' && row.paperworkCompletedAt === null && row.paperworkDueDate !== null && row.paperworkDueDate < today;
}

export function payoutView(ctx: Ctx, row: PayoutRow, caseRow: CaseRecord = requireCase(ctx, row.caseId)): PayoutView {
  assert(caseRow.id === row.caseId, `payout ${row.id} shown with another case`);
  const claim = row.claimId === null ? undefined : claimNoOf(ctx, row.claimId);
  return {
    id: row.id,
    caseId: row.caseId,
    caseNo: caseRow.caseNo,
    method: row.method,
    amountFen: row.amountFen,
    payeeName: row.payeeName,
    payeeResidentIdMasked: maskResidentId(row.payeeResidentId),
    proxyRelation: row.proxyRelation,
    bankName: row.bankName,
    bankAccountTail: row.bankAccount === null ? null : row.bankAccount.slice(-4),
    transferReference: row.transferReference,
    emergency: row.emergency,
    paperworkDueDate: row.paperworkDueDate,
    paperworkCompletedAt: row.paperworkCompletedAt,
    paperworkOverdue: paperworkOverdue(row, ctx.today),
    cause: parseCause(row.cause),
    repeatReason: row.repeatReason,
    opinion: row.opinion,
    state: row.state,
    voucherNo: row.voucherNo,
    approvedByName: userName(ctx, row.approvedBy),
    approvedAt: row.approvedAt,
    paidByName: row.paidBy === null ? null : userName(ctx, row.paidBy),
    paidAt: row.paidAt,
    paidDate: row.paidDate,
    cancelledAt: row.cancelledAt,
    cancelReason: row.cancelReason,
    signedAt: row.signedAt,
    claimNo: claim?.claimNo ?? null,
  };
}

/**
 * payouts.forCase, the case page's payment panel. blockedReason is the separation rule for an
 * approver only (the only role that approves or pays); a clerk or the town admin reads null.
 */
export function casePayouts(ctx: Ctx, caseId: string): CasePayouts {
  assert(ctx.actor, 'payouts.forCase needs a session');
  const row = requireCase(ctx, caseId);
  const settings = getSettings(ctx.db);
  const live = livePayoutOfCase(ctx.db, row.id);
  const linshi = caseReliefType(row) === 'linshi';
  const decision = linshi && caseState(row) === 'approved' ? latestDecision(ctx.db, row.id) : undefined;
  return {
    payouts: payoutsOfCase(ctx.db, row.id).map((p) => payoutView(ctx, p, row)),
    aidHistory: aidHistory(ctx, row.householdId, ctx.today, settings.repeatWindowMonths),
    townLimitFen: townReliefLimitFen(settings, ctx.today),
    availableFen: availableFen(ctx.db),
    blockedReason: ctx.actor.roles.includes('approver') ? decisionSeparationReason(ctx, row, ctx.actor.userId) : null,
    approvedAmountFen: !live && decision?.outcome === 'approved' ? decision.amountFen : null,
    emergencyAllowed: linshi && EMERGENCY_STATES.has(caseState(row)) && !live,
  };
}
