import { eq } from 'drizzle-orm';
import { persons, users } from '../../../db/schema';
import type { DecidingBody } from '../../contract';
import type { Ctx } from '../context';
import { OPEN_STATES } from './lifecycle';
import { caseState, isCurrentMember, type CaseRecord } from './records';

// Separation of duties (DOMAIN.md §1), in one place: the decision refuses with these reasons
// and the case page shows the same reason to the approver before they type anything; the
// payout (issue 4) asks ownHouseholdConflict for the same household rule.

export const SELF_APPROVAL_MESSAGE = '受理人不能审批本人受理的案件';
export const APPLICANT_APPROVAL_MESSAGE = '审批人是本案申请人，不能审批本人的申请';
export const HOUSEHOLD_APPROVAL_MESSAGE = '审批人是本户成员，不能审批本户的申请';

export type HouseholdConflict = 'applicant' | 'member';

/**
 * Whether the user is the case's applicant or a current member of its household, known only
 * through the resident ID the town admin recorded on the account; a user without one, or a
 * former member (left_at set), has no conflict the app can see.
 */
export function ownHouseholdConflict(ctx: Ctx, caseRow: CaseRecord, userId: string): HouseholdConflict | null {
  const user = ctx.db.select({ residentId: users.residentId }).from(users).where(eq(users.id, userId)).get();
  if (!user?.residentId) return null;
  const person = ctx.db.select({ id: persons.id }).from(persons).where(eq(persons.residentId, user.residentId)).get();
  if (!person) return null;
  if (person.id === caseRow.applicantPersonId) return 'applicant';
  return isCurrentMember(ctx.db, caseRow.householdId, person.id) ? 'member' : null;
}

/** Why this user may not decide this case, or null. Checked before the case's state: it is the stronger rule. */
export function decisionSeparationReason(ctx: Ctx, caseRow: CaseRecord, userId: string): string | null {
  if (caseRow.acceptedBy === userId) return SELF_APPROVAL_MESSAGE;
  const conflict = ownHouseholdConflict(ctx, caseRow, userId);
  if (conflict === 'applicant') return APPLICANT_APPROVAL_MESSAGE;
  if (conflict === 'member') return HOUSEHOLD_APPROVAL_MESSAGE;
  return null;
}

/**
 * For the case page: why the calling approver must stand aside, said while the town still owes
 * the applicant an answer on a kind it decides (not a referral); null for anyone else.
 */
export function standAsideReason(ctx: Ctx, caseRow: CaseRecord, decidedBy: DecidingBody): string | null {
  const actor = ctx.actor;
  if (!actor?.roles.includes('approver') || decidedBy === 'department' || !OPEN_STATES.has(caseState(caseRow))) return null;
  return decisionSeparationReason(ctx, caseRow, actor.userId);
}
