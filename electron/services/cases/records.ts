import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { cases, dishonestyRecords, householdMembers, persons } from '../../../db/schema';
import type { Db } from '../../../db/open';
import { ageOn, CASE_STATES, LIMITS, RELATIONS, RELIEF_TYPES, type CaseState, type CaseSummary, type Relation, type ReliefType } from '../../contract';
import type { Ctx } from '../context';
import { DomainError, assert } from '../errors';
import { preparedOnce } from '../prepared';
import type { CaseFacts } from './lifecycle';

// Reading case rows back: the stored text columns are checked against the contract's
// vocabularies here, once, so the rest of the case services work with typed values.

export type CaseRecord = typeof cases.$inferSelect;

export function parseCaseState(value: string): CaseState {
  const state = CASE_STATES.find((s) => s === value);
  assert(state, `unknown case state ${value} stored`);
  return state;
}

export function caseState(row: CaseRecord): CaseState {
  return parseCaseState(row.state);
}

export function caseReliefType(row: CaseRecord): ReliefType {
  const type = RELIEF_TYPES.find((t) => t === row.reliefType);
  assert(type, `case ${row.id} has an unknown relief type ${row.reliefType}`);
  return type;
}

export function requireCase(ctx: Ctx, id: string): CaseRecord {
  const row = preparedOnce(ctx.db, 'records.requireCase', () =>
    ctx.db
      .select()
      .from(cases)
      .where(eq(cases.id, sql.placeholder('id')))
      .prepare(),
  ).get({ id });
  if (!row) throw new DomainError('NOT_FOUND', '案件不存在');
  return row;
}

/** The branch facts fixed at intake from the catalogue item (DOMAIN.md §4). */
export function caseFacts(row: CaseRecord): CaseFacts {
  return { requiresReview: row.requiresReview, townMayDecide: row.townMayDecide, byReferral: row.byReferral };
}

export function toCaseSummary(row: CaseRecord): CaseSummary {
  return {
    id: row.id,
    caseNo: row.caseNo,
    applicationId: row.applicationId,
    reliefType: caseReliefType(row),
    category: row.category,
    state: caseState(row),
    acceptedDate: row.acceptedDate,
    promisedDate: row.promisedDate,
  };
}

/** Whether the person belongs to the household now (not a former member). */
export function isCurrentMember(db: Db, householdId: string, personId: string): boolean {
  const query = preparedOnce(db, 'records.isCurrentMember', () =>
    db
      .select({ id: householdMembers.id })
      .from(householdMembers)
      .where(
        and(
          eq(householdMembers.householdId, sql.placeholder('householdId')),
          eq(householdMembers.personId, sql.placeholder('personId')),
          isNull(householdMembers.leftAt),
        ),
      )
      .prepare(),
  );
  return query.get({ householdId, personId }) !== undefined;
}

export interface CurrentMember {
  personId: string;
  name: string;
  residentId: string;
  birthDate: string;
  relation: Relation;
}

/**
 * The household's current members (not former ones), the head first, then in the order they
 * joined, as on the household page: the case page and the printed forms list them so.
 */
export function currentMembers(db: Db, householdId: string): CurrentMember[] {
  return db
    .select({ personId: persons.id, name: persons.name, residentId: persons.residentId, birthDate: persons.birthDate, relation: householdMembers.relation })
    .from(householdMembers)
    .innerJoin(persons, eq(persons.id, householdMembers.personId))
    .where(and(eq(householdMembers.householdId, householdId), isNull(householdMembers.leftAt)))
    .orderBy(asc(householdMembers.joinedAt), asc(householdMembers.id))
    .limit(LIMITS.householdMembersMax)
    .all()
    .sort((a, b) => Number(b.relation === 'head') - Number(a.relation === 'head'))
    .map((m) => {
      const relation = RELATIONS.find((r) => r === m.relation);
      assert(relation, `unknown relation ${m.relation} stored`);
      return { ...m, relation };
    });
}

/** An unrepaired dishonesty record bars the commitment route (policy 告知承诺制). */
export function hasActiveDishonesty(db: Db, personId: string): boolean {
  const row = db
    .select({ id: dishonestyRecords.id })
    .from(dishonestyRecords)
    .where(and(eq(dishonestyRecords.personId, personId), eq(dishonestyRecords.status, 'active')))
    .get();
  return row !== undefined;
}

/** Adulthood for signing (the authorisation) and for the members list: 18 full years. */
export const ADULT_AGE_YEARS = 18;

/** 18 full years on `date` (both YYYY-MM-DD): a birthday counts from its own day. */
export function isAdultOn(birthDate: string, date: string): boolean {
  return ageOn(birthDate, date) >= ADULT_AGE_YEARS;
}

export const DISHONESTY_MESSAGE = '申请人有未修复的失信记录，不能适用告知承诺制，请提交全部证明材料';
