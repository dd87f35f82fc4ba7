// 家庭经济状况核对授权书: every adult member of the household authorises the check centre to
// query the 18 sources (the bank accounts need it in writing). Minors do not sign.
import { and, asc, eq, isNull } from 'drizzle-orm';
import { householdMembers, households, persons, villages } from '../../../db/schema';
import {
  ECONOMIC_CHECK_SOURCE_LABELS,
  ECONOMIC_CHECK_SOURCES,
  LIMITS,
  maskResidentId,
  RELATION_LABELS,
  RELATIONS,
  type AuthorisationModel,
} from '../../contract';
import { isAdultOn, type CaseRecord } from '../cases/records';
import type { Ctx } from '../context';
import { assert } from '../errors';
import { documentHead } from './head';

const STATEMENT =
  '本户成年家庭成员均同意并授权社会救助家庭经济状况核对机构，通过下列部门和机构查询、核对本人及家庭成员的收入、财产等相关信息，核对结果仅用于社会救助审核确认。';

export function authorisation(ctx: Ctx, row: CaseRecord): AuthorisationModel {
  const household = ctx.db
    .select({ address: households.address, villageName: villages.name })
    .from(households)
    .innerJoin(villages, eq(villages.code, households.villageCode))
    .where(eq(households.id, row.householdId))
    .get();
  assert(household, `case ${row.id} names a missing household`);
  const members = ctx.db
    .select({ name: persons.name, residentId: persons.residentId, birthDate: persons.birthDate, relation: householdMembers.relation })
    .from(householdMembers)
    .innerJoin(persons, eq(persons.id, householdMembers.personId))
    .where(and(eq(householdMembers.householdId, row.householdId), isNull(householdMembers.leftAt)))
    .orderBy(asc(householdMembers.joinedAt), asc(householdMembers.id))
    .limit(LIMITS.householdMembersMax)
    .all()
    // The head first, as on the household page.
    .sort((a, b) => Number(b.relation === 'head') - Number(a.relation === 'head'));
  const signers = members
    .filter((m) => isAdultOn(m.birthDate, ctx.today))
    .map((m) => {
      const relation = RELATIONS.find((r) => r === m.relation);
      assert(relation, `unknown relation ${m.relation}`);
      return { name: m.name, relationLabel: RELATION_LABELS[relation], residentIdMasked: maskResidentId(m.residentId) };
    });
  return {
    kind: 'authorisation',
    ...documentHead(ctx, row),
    villageName: household.villageName,
    address: household.address,
    signers,
    sources: ECONOMIC_CHECK_SOURCES.map((s) => ECONOMIC_CHECK_SOURCE_LABELS[s]),
    statement: STATEMENT,
  };
}
