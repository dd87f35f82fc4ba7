import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { payouts } from '../../../db/schema';
import type { Db } from '../../../db/open';
import { LIMITS, type CaseState } from '../../contract';
import { preparedOnce } from '../prepared';

// Reading payout rows back (db/schema/payouts.ts explains the columns).

export type PayoutRow = typeof payouts.$inferSelect;

/**
 * Where a temporary-relief case may take an emergency payout (先行救助): accepted and open,
 * before the decision. At 'deciding' the approver decides instead.
 */
export const EMERGENCY_STATES: ReadonlySet<CaseState> = new Set<CaseState>([
  'materials_incomplete',
  'accepted',
  'checking',
  'investigating',
  'reviewing',
  'ready_for_notice',
  'in_notice',
]);

export function payoutById(db: Db, id: string): PayoutRow | undefined {
  return preparedOnce(db, 'payouts.byId', () =>
    db
      .select()
      .from(payouts)
      .where(eq(payouts.id, sql.placeholder('id')))
      .prepare(),
  ).get({ id });
}

/** The case's approved or paid payout: at most one (payouts_live_case_unique). */
export function livePayoutOfCase(db: Db, caseId: string): PayoutRow | undefined {
  return preparedOnce(db, 'payouts.liveOfCase', () =>
    db
      .select()
      .from(payouts)
      .where(and(eq(payouts.caseId, sql.placeholder('caseId')), ne(payouts.state, 'cancelled')))
      .prepare(),
  ).get({ caseId });
}

/** Every payout of the case, cancelled ones too, in the order they were made. */
export function payoutsOfCase(db: Db, caseId: string): PayoutRow[] {
  return preparedOnce(db, 'payouts.ofCase', () =>
    db
      .select()
      .from(payouts)
      .where(eq(payouts.caseId, sql.placeholder('caseId')))
      .orderBy(asc(sql`${payouts}.rowid`))
      .limit(LIMITS.aidHistoryRowsMax)
      .prepare(),
  ).all({ caseId });
}

/** Said when a case would end (refused, submitted, withdrawn) while its approved payout waits to be paid. */
export const UNPAID_PAYOUT_REFUSAL = '该案件有待发放的救助金，请先取消发放';

/**
 * The case's payout approved and not yet paid, or null. A case does not end with one: paid
 * after the refusal or the withdrawal, it would hand money over on a case the town said no to.
 */
export function unpaidPayout(payout: PayoutRow | undefined): PayoutRow | null {
  return payout?.state === 'approved' ? payout : null;
}

/** The emergency payout whose paperwork the case still owes, or null. */
export function owedPaperwork(payout: PayoutRow | undefined): PayoutRow | null {
  return payout?.emergency && payout.state !== 'cancelled' && payout.paperworkCompletedAt === null ? payout : null;
}
