import { and, eq, gte, isNull, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { householdMembers, persons } from '../../../db/schema';
import type { DecidingBody } from '../../contract';
import type { Ctx } from '../context';
import { DomainError } from '../errors';
import { findUserById } from '../users';
import { OPEN_STATES } from './lifecycle';
import { caseState, type CaseRecord } from './records';

// Separation of duties (DOMAIN.md §1), in one place: the decision refuses with these reasons
// and the case page shows the same reason to the approver before they type anything; the
// payout (issue 4) asks ownHouseholdConflict for the same household rule. The registry and
// the intake ask ownRecordConflict, so no one edits the facts these rules read about themselves.
//
// Who a user is in the registry is known only through the resident ID the town admin records on
// the account (用户管理); a user without one is not restricted here: linking staff to their
// resident IDs is the admin's duty, and nothing else in the app can tell who they are.

export const SELF_APPROVAL_MESSAGE = '受理人不能审批本人受理的案件';
export const APPLICANT_APPROVAL_MESSAGE = '审批人是本案申请人，不能审批本人的申请';
export const HOUSEHOLD_APPROVAL_MESSAGE = '审批人是本户成员，不能审批本户的申请';
export const FORMER_MEMBER_APPROVAL_MESSAGE = '审批人在本案受理后曾是本户成员，不能审批本户的申请';
export const APPLICANT_HOUSEHOLD_APPROVAL_MESSAGE = '审批人在本案受理后与申请人同户，不能审批其申请';
export const OWN_RECORD_MESSAGE = '不能办理本人或本户的登记事项，请由其他工作人员办理';
export const OWN_INTAKE_MESSAGE = '受理人是本户成员，不能受理本户的申请，请由其他工作人员受理';

export type HouseholdConflict = 'applicant' | 'member' | 'formerMember' | 'applicantHousehold';

/** The account's resident ID as recorded by the admin (stored normalised), or null. */
function residentIdOfUser(ctx: Ctx, userId: string): string | null {
  return findUserById(ctx.db, userId)?.residentId ?? null;
}

function personIdByResidentId(ctx: Ctx, residentId: string): string | null {
  return ctx.db.select({ id: persons.id }).from(persons).where(eq(persons.residentId, residentId)).get()?.id ?? null;
}

function currentHouseholdOf(ctx: Ctx, personId: string): string | null {
  return (
    ctx.db
      .select({ householdId: householdMembers.householdId })
      .from(householdMembers)
      .where(and(eq(householdMembers.personId, personId), isNull(householdMembers.leftAt)))
      .get()?.householdId ?? null
  );
}

/**
 * Whether the user is the case's applicant, has been a member of its household at any time
 * since the case was accepted (moving out for the decision and back again does not help), or
 * has shared a household with the applicant since then (the applicant moved in with them).
 * Memberships are compared with the case's created_at: joined_at, left_at and created_at are
 * all ISO instants from the same clock (ctx.nowIso), while accepted_date is a local date only.
 */
export function ownHouseholdConflict(ctx: Ctx, caseRow: CaseRecord, userId: string): HouseholdConflict | null {
  const residentId = residentIdOfUser(ctx, userId);
  if (residentId === null) return null;
  const personId = personIdByResidentId(ctx, residentId);
  if (personId === null) return null;
  if (personId === caseRow.applicantPersonId) return 'applicant';
  const since = caseRow.createdAt;
  const memberships = ctx.db
    .select({ leftAt: householdMembers.leftAt })
    .from(householdMembers)
    .where(
      and(
        eq(householdMembers.householdId, caseRow.householdId),
        eq(householdMembers.personId, personId),
        or(isNull(householdMembers.leftAt), gte(householdMembers.leftAt, since)),
      ),
    )
    .all();
  if (memberships.some((m) => m.leftAt === null)) return 'member';
  if (memberships.length > 0) return 'formerMember';
  // Any household, any two memberships overlapping each other after acceptance: both still
  // there, or one of them left only after the other joined and after the case was accepted.
  const mine = alias(householdMembers, 'mine');
  const theirs = alias(householdMembers, 'theirs');
  const shared = ctx.db
    .select({ id: mine.id })
    .from(mine)
    .innerJoin(theirs, eq(theirs.householdId, mine.householdId))
    .where(
      and(
        eq(mine.personId, personId),
        eq(theirs.personId, caseRow.applicantPersonId),
        or(isNull(mine.leftAt), and(gte(mine.leftAt, since), gte(mine.leftAt, theirs.joinedAt))),
        or(isNull(theirs.leftAt), and(gte(theirs.leftAt, since), gte(theirs.leftAt, mine.joinedAt))),
      ),
    )
    .limit(1)
    .get();
  return shared ? 'applicantHousehold' : null;
}

const CONFLICT_MESSAGES: Record<HouseholdConflict, string> = {
  applicant: APPLICANT_APPROVAL_MESSAGE,
  member: HOUSEHOLD_APPROVAL_MESSAGE,
  formerMember: FORMER_MEMBER_APPROVAL_MESSAGE,
  applicantHousehold: APPLICANT_HOUSEHOLD_APPROVAL_MESSAGE,
};

/** Why this user may not decide this case, or null. Checked before the case's state: it is the stronger rule. */
export function decisionSeparationReason(ctx: Ctx, caseRow: CaseRecord, userId: string): string | null {
  if (caseRow.acceptedBy === userId) return SELF_APPROVAL_MESSAGE;
  const conflict = ownHouseholdConflict(ctx, caseRow, userId);
  return conflict === null ? null : CONFLICT_MESSAGES[conflict];
}

/** What a registry write or an intake touches: persons by id, persons not yet registered by resident ID, households. */
export interface RecordTarget {
  personIds?: readonly string[];
  residentIds?: readonly string[];
  householdIds?: readonly string[];
}

/**
 * Whether the acting user would be handling registry facts about themselves or their own
 * household: a target person is them (by resident ID), or a target household, or a target
 * person's current household, is the one they belong to now. The separation rules above read
 * exactly these facts, so they must be recorded by someone else. Null-safe for unlinked users:
 * see the note at the top.
 */
export function ownRecordConflict(ctx: Ctx, target: RecordTarget): boolean {
  const actor = ctx.actor;
  if (!actor) return false;
  const residentId = residentIdOfUser(ctx, actor.userId);
  if (residentId === null) return false;
  // Inputs not yet validated compare as parseResidentId stores them: trimmed, upper case.
  if ((target.residentIds ?? []).some((id) => id.trim().toUpperCase() === residentId)) return true;
  const personId = personIdByResidentId(ctx, residentId);
  if (personId === null) return false;
  const personIds = target.personIds ?? [];
  if (personIds.includes(personId)) return true;
  const ownHousehold = currentHouseholdOf(ctx, personId);
  if (ownHousehold === null) return false;
  if ((target.householdIds ?? []).includes(ownHousehold)) return true;
  return personIds.some((id) => currentHouseholdOf(ctx, id) === ownHousehold);
}

/** Refuses a registry write about the actor's own record or household (see ownRecordConflict). */
export function refuseOwnRecord(ctx: Ctx, target: RecordTarget): void {
  if (ownRecordConflict(ctx, target)) throw new DomainError('FORBIDDEN', OWN_RECORD_MESSAGE);
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
