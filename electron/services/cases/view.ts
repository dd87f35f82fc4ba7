import { asc, desc, eq, sql } from 'drizzle-orm';
import { caseEvents, caseMaterials, cases, caseSignatures, persons, users } from '../../../db/schema';
import { LIMITS, maskResidentId, type CaseDetail, type CaseSummary } from '../../contract';
import { catalogueVersion, itemFor } from '../catalogue/catalogue';
import type { Ctx } from '../context';
import { requireHousehold } from '../registry/households';
import { assert } from '../errors';
import { casePrints } from '../documents/prints';
import { caseReliefType, currentMembers, isAdultOn, parseCaseState, requireCase, toCaseSummary } from './records';
import { standAsideReason } from './separation';

// The case page: everything about one case, read in the query's one transaction. Materials
// are described by the catalogue version the case was accepted under, not today's.

/** Events of one case: a full life cycle with a few objections is a few dozen. */
export const CASE_EVENTS_SHOWN_MAX = 500;
/** Signatures of one case: two kinds for each member of the largest household. */
const CASE_SIGNATURES_MAX = 2 * LIMITS.householdMembersMax;

export function getCase(ctx: Ctx, caseId: string): CaseDetail {
  const row = requireCase(ctx, caseId);
  const item = itemFor(catalogueVersion(ctx.db, row.catalogueVersion).items, caseReliefType(row));
  const applicant = ctx.db.select().from(persons).where(eq(persons.id, row.applicantPersonId)).get();
  assert(applicant, `case ${row.id} names a missing applicant`);
  const acceptedBy = ctx.db.select({ displayName: users.displayName }).from(users).where(eq(users.id, row.acceptedBy)).get();
  assert(acceptedBy, `case ${row.id} names a missing user`);

  const stored = new Map(
    ctx.db
      .select()
      .from(caseMaterials)
      .where(eq(caseMaterials.caseId, row.id))
      .limit(LIMITS.caseMaterialsMax)
      .all()
      .map((m) => [m.materialId, m]),
  );
  const materials = item.materials.map((m) => {
    const s = stored.get(m.id);
    assert(s, `case ${row.id} has no row for material ${m.id} of its catalogue version`);
    return { materialId: m.id, name: m.name, status: s.status, optional: m.optional, commitmentReplaceable: m.commitmentReplaceable };
  });

  const signatures = ctx.db
    .select({ kind: caseSignatures.kind, personId: caseSignatures.personId, name: persons.name, signedDate: caseSignatures.signedDate })
    .from(caseSignatures)
    .innerJoin(persons, eq(persons.id, caseSignatures.personId))
    .where(eq(caseSignatures.caseId, row.id))
    .orderBy(asc(caseSignatures.kind), asc(caseSignatures.signedDate), asc(persons.name))
    .limit(CASE_SIGNATURES_MAX)
    .all();

  // Insertion order (rowid), not wall time: the PC clock may be wrong (DESIGN.md §3).
  const events = ctx.db
    .select({ event: caseEvents.event, fromState: caseEvents.fromState, toState: caseEvents.toState, at: caseEvents.at, userName: users.displayName, note: caseEvents.note })
    .from(caseEvents)
    .innerJoin(users, eq(users.id, caseEvents.userId))
    .where(eq(caseEvents.caseId, row.id))
    .orderBy(sql`${caseEvents}.rowid`)
    .limit(CASE_EVENTS_SHOWN_MAX)
    .all();

  const householdCases = casesOfHousehold(ctx, row.householdId);

  return {
    ...toCaseSummary(row),
    householdId: row.householdId,
    applicant: { personId: applicant.id, name: applicant.name, residentIdMasked: maskResidentId(applicant.residentId) },
    channel: row.channel,
    assistantName: row.assistantName,
    reason: row.reason,
    commitmentRoute: row.commitmentRoute,
    catalogueVersion: row.catalogueVersion,
    decidedBy: item.decidedBy,
    department: item.department,
    acceptedBy: acceptedBy.displayName,
    // Told before the approver types a word, by the very rule decisions.decide applies.
    decisionBlockedReason: standAsideReason(ctx, row, item.decidedBy),
    materials,
    signatures,
    members: currentMembers(ctx.db, row.householdId).map((m) => ({
      personId: m.personId,
      name: m.name,
      relation: m.relation,
      adult: isAdultOn(m.birthDate, ctx.today),
    })),
    events: events.map((e) => ({ ...e, fromState: e.fromState === null ? null : parseCaseState(e.fromState), toState: parseCaseState(e.toState) })),
    householdCases,
    prints: casePrints(ctx, row),
  };
}

/** The household's cases, newest first: its aid history on the case page and the household page. */
function casesOfHousehold(ctx: Ctx, householdId: string): CaseSummary[] {
  return ctx.db
    .select()
    .from(cases)
    .where(eq(cases.householdId, householdId))
    .orderBy(desc(cases.acceptedDate), desc(cases.caseNo))
    .limit(LIMITS.householdCasesShownMax)
    .all()
    .map(toCaseSummary);
}

/** cases.listByHousehold: how a clerk reaches a household's older cases from the registry. */
export function listHouseholdCases(ctx: Ctx, householdId: string): CaseSummary[] {
  requireHousehold(ctx, householdId);
  return casesOfHousehold(ctx, householdId);
}
