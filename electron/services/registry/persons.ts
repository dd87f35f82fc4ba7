import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { householdMembers, households, persons, villages } from '../../../db/schema';
import {
  ageOn,
  LIMITS,
  maskResidentId,
  parseResidentId,
  RELATION_LABELS,
  TARGET_GROUPS,
  type PersonInput,
  type PersonUpdate,
  type PersonView,
  type Relation,
  type TargetGroup,
} from '../../contract';
import type { Ctx } from '../context';
import type { Db } from '../../../db/open';
import { refuseOwnRecord } from '../cases/separation';
import { DomainError } from '../errors';
import { insertRow, updateRow } from '../rows';
import { personSearchKeys } from './searchKeys';

export type PersonRecord = typeof persons.$inferSelect;

const tagsSchema = z.array(z.enum(TARGET_GROUPS)).max(LIMITS.personTagsMax);

/** Phones are stored as digits only, so 0632-7711001 and 06327711001 are one number to search. */
export function digitsOnlyPhone(phone: string): string {
  return phone.replace(/\D/g, '');
}

export function parseTags(json: string): TargetGroup[] {
  return tagsSchema.parse(JSON.parse(json));
}

export function toPersonView(p: PersonRecord, today: string): PersonView {
  return {
    id: p.id,
    name: p.name,
    residentIdMasked: maskResidentId(p.residentId),
    age: ageOn(p.birthDate, today),
    sex: p.sex,
    phone: p.phone,
    tags: parseTags(p.tagsJson),
    disabilityCategory: p.disabilityCategory as PersonView['disabilityCategory'],
    disabilityGrade: p.disabilityGrade,
    notes: p.notes,
  };
}

export function findPerson(db: Db, id: string): PersonRecord | undefined {
  return db.select().from(persons).where(eq(persons.id, id)).get();
}

export function requirePerson(ctx: Ctx, id: string): PersonRecord {
  const p = findPerson(ctx.db, id);
  if (!p) throw new DomainError('NOT_FOUND', '人员不存在');
  return p;
}

/** Where a resident ID is registered now, said so a clerk can go and look. */
export function describeWhereRegistered(db: Db, person: PersonRecord): string {
  const row = db
    .select({ villageName: villages.name, address: households.address, relation: householdMembers.relation })
    .from(householdMembers)
    .innerJoin(households, eq(households.id, householdMembers.householdId))
    .innerJoin(villages, eq(villages.code, households.villageCode))
    .where(and(eq(householdMembers.personId, person.id), isNull(householdMembers.leftAt)))
    .get();
  if (!row) return `该身份号码已登记为 ${person.name}（目前不在任何户中）`;
  const relation = RELATION_LABELS[row.relation as Relation] ?? row.relation;
  return `该身份号码已登记为 ${person.name}，现属 ${row.villageName} ${row.address} 的户（${relation}）`;
}

/** Validates the ID (checksum, date, 15-digit), the disability pair, and derives the rest. */
export function normalisePerson(ctx: Ctx, input: PersonInput, path: string) {
  const parsed = parseResidentId(input.residentId, ctx.today);
  if (!parsed.ok) {
    throw new DomainError('VALIDATION', parsed.message, { issues: [{ path: `${path}.residentId`, message: parsed.message }] });
  }
  if ((input.disabilityCategory === null) !== (input.disabilityGrade === null)) {
    const message = '残疾类别与残疾等级须同时填写或同时不填';
    throw new DomainError('VALIDATION', message, { issues: [{ path: `${path}.disabilityGrade`, message }] });
  }
  const residentId = parsed.value.id;
  return {
    residentId,
    name: input.name,
    sex: parsed.value.sex,
    birthDate: parsed.value.birthDate,
    phone: digitsOnlyPhone(input.phone),
    tagsJson: JSON.stringify([...new Set(input.tags)]),
    disabilityCategory: input.disabilityCategory,
    disabilityGrade: input.disabilityGrade,
    notes: input.notes,
    ...personSearchKeys({ residentId, name: input.name }),
  };
}

export function insertPerson(ctx: Ctx, input: PersonInput, path: string): PersonRecord {
  const fields = normalisePerson(ctx, input, path);
  const existing = ctx.db.select().from(persons).where(eq(persons.residentId, fields.residentId)).get();
  if (existing) {
    const message = describeWhereRegistered(ctx.db, existing);
    throw new DomainError('CONFLICT', message, { issues: [{ path: `${path}.residentId`, message }] });
  }
  return insertRow(ctx, persons, { id: ctx.ids.newId(), ...fields, createdAt: ctx.nowIso, updatedAt: ctx.nowIso });
}

export function updatePerson(ctx: Ctx, input: { personId: string; person: PersonUpdate }): PersonView {
  const current = requirePerson(ctx, input.personId);
  // Their own record (a changed resident ID would unlink them from it), a member of their
  // household, or someone else's record given their resident ID.
  refuseOwnRecord(ctx, { personIds: [current.id], residentIds: input.person.residentId === undefined ? [] : [input.person.residentId] });
  const fields = normalisePerson(ctx, { ...input.person, residentId: input.person.residentId ?? current.residentId }, 'person');
  if (fields.residentId !== current.residentId) {
    const other = ctx.db.select().from(persons).where(eq(persons.residentId, fields.residentId)).get();
    if (other) {
      const message = describeWhereRegistered(ctx.db, other);
      throw new DomainError('CONFLICT', message, { issues: [{ path: 'person.residentId', message }] });
    }
    ctx.audit.note({ residentIdChanged: true });
  }
  const row = updateRow(ctx, persons, current.id, { ...fields, updatedAt: ctx.nowIso });
  ctx.audit.entity('person', row.id);
  return toPersonView(row, ctx.today);
}

export function revealResidentId(ctx: Ctx, input: { personId: string }): { residentId: string } {
  const person = requirePerson(ctx, input.personId);
  // The person's id, not their name: whoever reads the audit log may not read the registry.
  ctx.audit.entity('person', person.id);
  return { residentId: person.residentId };
}
