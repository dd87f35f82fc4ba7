import { and, asc, eq, isNull, isNotNull } from 'drizzle-orm';
import { householdMembers, households, persons, villages } from '../../../db/schema';
import { maskResidentId, type HouseholdView, type PersonInput, type Registration, type Relation } from '../../contract';
import type { Ctx } from '../context';
import { DomainError } from '../errors';
import { insertRow, updateRow } from '../rows';
import { refuseOwnRecord } from '../cases/separation';
import { digitsOnlyPhone, insertPerson, requirePerson, toPersonView } from './persons';

interface HouseholdFields {
  villageCode: string;
  address: string;
  phone: string;
  registration: Registration;
}

function requireActiveVillage(ctx: Ctx, code: string): void {
  const village = ctx.db.select().from(villages).where(eq(villages.code, code)).get();
  if (!village || !village.active) {
    throw new DomainError('VALIDATION', '所选村居不存在或已停用', { issues: [{ path: 'villageCode', message: '请选择有效的村居' }] });
  }
}

export function requireHousehold(ctx: Ctx, id: string): typeof households.$inferSelect {
  const row = ctx.db.select().from(households).where(eq(households.id, id)).get();
  if (!row) throw new DomainError('NOT_FOUND', '该户不存在');
  return row;
}

function currentHead(ctx: Ctx, householdId: string): string | undefined {
  return ctx.db
    .select({ personId: householdMembers.personId })
    .from(householdMembers)
    .where(and(eq(householdMembers.householdId, householdId), isNull(householdMembers.leftAt), eq(householdMembers.relation, 'head')))
    .get()?.personId;
}

function otherCurrentMembers(ctx: Ctx, householdId: string, exceptPersonId: string): number {
  return ctx.db
    .select({ personId: householdMembers.personId })
    .from(householdMembers)
    .where(and(eq(householdMembers.householdId, householdId), isNull(householdMembers.leftAt)))
    .all()
    .filter((m) => m.personId !== exceptPersonId).length;
}

function addMembership(ctx: Ctx, householdId: string, personId: string, relation: Relation): void {
  if (relation === 'head' && currentHead(ctx, householdId)) {
    throw new DomainError('CONFLICT', '该户已有户主，一户只能有一名户主', { issues: [{ path: 'relation', message: '该户已有户主' }] });
  }
  insertRow(ctx, householdMembers, {
    id: ctx.ids.newId(),
    householdId,
    personId,
    relation,
    joinedAt: ctx.nowIso,
    leftAt: null,
    leftReason: null,
  });
}

export function getHousehold(ctx: Ctx, id: string): HouseholdView {
  const h = requireHousehold(ctx, id);
  const village = ctx.db.select().from(villages).where(eq(villages.code, h.villageCode)).get();
  const current = ctx.db
    .select({ m: householdMembers, p: persons })
    .from(householdMembers)
    .innerJoin(persons, eq(persons.id, householdMembers.personId))
    .where(and(eq(householdMembers.householdId, id), isNull(householdMembers.leftAt)))
    .orderBy(asc(householdMembers.joinedAt), asc(householdMembers.id))
    .all();
  const former = ctx.db
    .select({ m: householdMembers, p: persons })
    .from(householdMembers)
    .innerJoin(persons, eq(persons.id, householdMembers.personId))
    .where(and(eq(householdMembers.householdId, id), isNotNull(householdMembers.leftAt)))
    .orderBy(asc(householdMembers.leftAt))
    .all();
  // The head first, then members in the order they joined.
  current.sort((a, b) => Number(b.m.relation === 'head') - Number(a.m.relation === 'head'));
  return {
    id: h.id,
    villageCode: h.villageCode,
    villageName: village?.name ?? h.villageCode,
    address: h.address,
    phone: h.phone,
    registration: h.registration,
    createdAt: h.createdAt,
    members: current.map(({ m, p }) => ({
      membershipId: m.id,
      relation: m.relation as Relation,
      joinedAt: m.joinedAt,
      person: toPersonView(p, ctx.today),
    })),
    formerMembers: former.map(({ m, p }) => ({
      membershipId: m.id,
      relation: m.relation as Relation,
      joinedAt: m.joinedAt,
      leftAt: m.leftAt ?? '',
      leftReason: m.leftReason ?? '',
      personId: p.id,
      name: p.name,
      residentIdMasked: maskResidentId(p.residentId),
      nowHouseholdId:
        ctx.db
          .select({ id: householdMembers.householdId })
          .from(householdMembers)
          .where(and(eq(householdMembers.personId, p.id), isNull(householdMembers.leftAt)))
          .get()?.id ?? null,
    })),
  };
}

export function createHousehold(
  ctx: Ctx,
  input: HouseholdFields & { members: { relation: Relation; person: PersonInput }[] },
): HouseholdView {
  refuseOwnRecord(ctx, { residentIds: input.members.map((m) => m.person.residentId) });
  requireActiveVillage(ctx, input.villageCode);
  if (input.members[0]?.relation !== 'head') {
    throw new DomainError('VALIDATION', '第一位成员须为户主', { issues: [{ path: 'members.0.relation', message: '第一位成员须为户主' }] });
  }
  const heads = input.members.filter((m) => m.relation === 'head').length;
  if (heads !== 1) {
    throw new DomainError('VALIDATION', '一户只能有一名户主', { issues: [{ path: 'members', message: '一户只能有一名户主' }] });
  }
  const seen = new Map<string, number>();
  input.members.forEach((m, i) => {
    const key = m.person.residentId.trim().toUpperCase();
    const first = seen.get(key);
    if (first !== undefined) {
      const message = `第${i + 1}位成员与第${first + 1}位成员的身份号码相同`;
      throw new DomainError('VALIDATION', message, { issues: [{ path: `members.${i}.person.residentId`, message }] });
    }
    seen.set(key, i);
  });
  const household = insertRow(ctx, households, {
    id: ctx.ids.newId(),
    villageCode: input.villageCode,
    address: input.address,
    phone: digitsOnlyPhone(input.phone),
    registration: input.registration,
    createdAt: ctx.nowIso,
    updatedAt: ctx.nowIso,
  });
  input.members.forEach((m, i) => {
    const person = insertPerson(ctx, m.person, `members.${i}.person`);
    addMembership(ctx, household.id, person.id, m.relation);
  });
  ctx.audit.entity('household', household.id);
  ctx.audit.note({ members: input.members.length });
  return getHousehold(ctx, household.id);
}

export function updateHousehold(ctx: Ctx, input: HouseholdFields & { householdId: string }): HouseholdView {
  requireHousehold(ctx, input.householdId);
  refuseOwnRecord(ctx, { householdIds: [input.householdId] });
  requireActiveVillage(ctx, input.villageCode);
  updateRow(ctx, households, input.householdId, {
    villageCode: input.villageCode,
    address: input.address,
    phone: digitsOnlyPhone(input.phone),
    registration: input.registration,
    updatedAt: ctx.nowIso,
  });
  ctx.audit.entity('household', input.householdId);
  return getHousehold(ctx, input.householdId);
}

export function addMember(ctx: Ctx, input: { householdId: string; relation: Relation; person: PersonInput }): HouseholdView {
  requireHousehold(ctx, input.householdId);
  refuseOwnRecord(ctx, { householdIds: [input.householdId], residentIds: [input.person.residentId] });
  const person = insertPerson(ctx, input.person, 'person');
  addMembership(ctx, input.householdId, person.id, input.relation);
  ctx.audit.entity('household', input.householdId);
  ctx.audit.note({ personId: person.id });
  return getHousehold(ctx, input.householdId);
}

/** Ends the person's current membership (kept, with the reason) and starts one in the target. */
export function moveMember(
  ctx: Ctx,
  input: { personId: string; toHouseholdId: string; relation: Relation; reason: string },
): HouseholdView {
  const person = requirePerson(ctx, input.personId);
  requireHousehold(ctx, input.toHouseholdId);
  // Out of the actor's household, into it, or the actor themselves (the person's current household counts).
  refuseOwnRecord(ctx, { personIds: [person.id], householdIds: [input.toHouseholdId] });
  const current = ctx.db
    .select()
    .from(householdMembers)
    .where(and(eq(householdMembers.personId, person.id), isNull(householdMembers.leftAt)))
    .get();
  if (current?.householdId === input.toHouseholdId) throw new DomainError('CONFLICT', `${person.name} 已在该户中`);
  if (current?.relation === 'head' && otherCurrentMembers(ctx, current.householdId, person.id) > 0) {
    // A household with members must keep a head; naming the new one is a separate, audited act.
    throw new DomainError('CONFLICT', `${person.name} 是原户户主，原户还有其他成员：请先为原户指定新户主（变更关系），再办理迁出`);
  }
  if (current) updateRow(ctx, householdMembers, current.id, { leftAt: ctx.nowIso, leftReason: input.reason });
  addMembership(ctx, input.toHouseholdId, person.id, input.relation);
  ctx.audit.entity('person', person.id);
  ctx.audit.note({ fromHouseholdId: current?.householdId ?? null, toHouseholdId: input.toHouseholdId });
  return getHousehold(ctx, input.toHouseholdId);
}

/** Changes a current member's relation to the head; a new head only once the old one is changed. */
export function setMemberRelation(ctx: Ctx, input: { householdId: string; personId: string; relation: Relation }): HouseholdView {
  requireHousehold(ctx, input.householdId);
  refuseOwnRecord(ctx, { personIds: [input.personId], householdIds: [input.householdId] });
  const membership = ctx.db
    .select()
    .from(householdMembers)
    .where(and(eq(householdMembers.householdId, input.householdId), eq(householdMembers.personId, input.personId), isNull(householdMembers.leftAt)))
    .get();
  if (!membership) throw new DomainError('NOT_FOUND', '该人员不是本户的现有成员');
  if (membership.relation !== input.relation) {
    const head = currentHead(ctx, input.householdId);
    if (input.relation === 'head' && head && head !== input.personId) {
      throw new DomainError('CONFLICT', '该户已有户主，请先变更现户主与户主的关系，再指定新户主', {
        issues: [{ path: 'relation', message: '该户已有户主' }],
      });
    }
    updateRow(ctx, householdMembers, membership.id, { relation: input.relation });
  }
  ctx.audit.entity('person', input.personId);
  ctx.audit.note({ householdId: input.householdId, from: membership.relation, to: input.relation });
  return getHousehold(ctx, input.householdId);
}
