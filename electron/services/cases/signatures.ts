import { and, eq } from 'drizzle-orm';
import { caseSignatures, persons } from '../../../db/schema';
import { CASE_STATE_LABELS, type CaseDetail, type CaseState } from '../../contract';
import type { Ctx } from '../context';
import { DomainError, assert } from '../errors';
import { insertRow } from '../rows';
import { refuse } from './issues';
import { caseState, isAdultOn, isCurrentMember, requireCase } from './records';
import { getCase } from './view';

// Papers signed and brought back: the applicant's commitment (告知承诺书) and each adult
// member's authorisation for the economic check (核对授权书, "authorise first": policy §三(三)2).
// Only a legal guardian may sign for another (DOMAIN.md §6); recording a guardian's signature
// for a minor or an incapacitated applicant is out of scope here: the commitment is the
// applicant's own, and minors sign no authorisation.

export type SignatureKind = 'commitment' | 'authorisation';

const KIND_LABELS: Record<SignatureKind, string> = { commitment: '告知承诺书', authorisation: '核对授权书' };

// A signature brought back after the case has ended could serve nothing any more.
const ENDED: ReadonlySet<CaseState> = new Set(['approved', 'paid', 'refused', 'referral_answered', 'withdrawn', 'archived']);

export function recordSignature(ctx: Ctx, input: { caseId: string; kind: SignatureKind; personId: string; signedDate: string }): CaseDetail {
  assert(ctx.actor, 'a signature is recorded by a logged-in clerk');
  const row = requireCase(ctx, input.caseId);
  const state = caseState(row);
  if (ENDED.has(state)) throw new DomainError('CONFLICT', `案件当前状态为“${CASE_STATE_LABELS[state]}”，不能再登记签字`);
  const person = ctx.db.select().from(persons).where(eq(persons.id, input.personId)).get();
  if (!person || !isCurrentMember(ctx.db, row.householdId, person.id)) {
    refuse('personId', '签字人须为申请户的现有成员');
  }
  if (input.kind === 'commitment' && person.id !== row.applicantPersonId) {
    refuse('personId', '告知承诺书由申请人本人签署');
  }
  if (input.kind === 'authorisation' && !isAdultOn(person.birthDate, input.signedDate)) {
    refuse('personId', `${person.name}签字时未满18周岁，核对授权书由成年成员签署`);
  }
  if (input.signedDate > ctx.today) {
    refuse('signedDate', '签字日期不能晚于今天');
  }
  if (input.signedDate < row.acceptedDate) {
    refuse('signedDate', `签字日期不能早于受理日期 ${row.acceptedDate}`);
  }
  const existing = ctx.db
    .select({ signedDate: caseSignatures.signedDate })
    .from(caseSignatures)
    .where(and(eq(caseSignatures.caseId, row.id), eq(caseSignatures.kind, input.kind), eq(caseSignatures.personId, person.id)))
    .get();
  if (existing) {
    throw new DomainError('CONFLICT', `${person.name}的${KIND_LABELS[input.kind]}已于 ${existing.signedDate} 登记，不能重复登记`);
  }
  insertRow(ctx, caseSignatures, {
    id: ctx.ids.newId(),
    caseId: row.id,
    kind: input.kind,
    personId: person.id,
    signedDate: input.signedDate,
    recordedBy: ctx.actor.userId,
    recordedAt: ctx.nowIso,
  });
  ctx.audit.entity('case', row.id);
  ctx.audit.note({ signature: input.kind, personId: person.id });
  return getCase(ctx, row.id);
}
