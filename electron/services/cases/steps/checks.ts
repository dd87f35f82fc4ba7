import dayjs from 'dayjs';
import { and, asc, desc, eq, gte, isNull } from 'drizzle-orm';
import { cases, caseSignatures, economicCheckResults, economicChecks, householdMembers, persons } from '../../../../db/schema';
import { ECONOMIC_CHECK_SOURCE_LABELS, LIMITS, type CheckFigures, type CheckOutcome, type EconomicCheckSource, type EconomicCheckView } from '../../../contract';
import type { Ctx } from '../../context';
import { DomainError, assert } from '../../errors';
import { insertRow, updateRow } from '../../rows';
import { getSettings } from '../../settings';
import { refuse } from '../issues';
import { isAdultOn, requireCase, type CaseRecord } from '../records';
import { applyCaseEvent } from '../transitions';
import { checkView, pendingCheck, requireCheck } from './checkView';
import { requireStep } from './guard';

// The economic-status check (家庭经济状况核对, policy §三(三)2). Authorise first: no check is
// requested before every adult member has signed the authorisation on this case. One report
// serves the household: a case finding a valid one reuses it, a case finding one under way
// waits for it, and completing it moves every case of the household that waits.

/** Names of the adult current members without an authorisation signed on this case. */
function unauthorisedAdults(ctx: Ctx, row: CaseRecord): string[] {
  const members = ctx.db
    .select({ personId: persons.id, name: persons.name, birthDate: persons.birthDate })
    .from(householdMembers)
    .innerJoin(persons, eq(persons.id, householdMembers.personId))
    .where(and(eq(householdMembers.householdId, row.householdId), isNull(householdMembers.leftAt)))
    .orderBy(asc(householdMembers.joinedAt), asc(householdMembers.id))
    .limit(LIMITS.householdMembersMax)
    .all();
  const signed = new Set(
    ctx.db
      .select({ personId: caseSignatures.personId })
      .from(caseSignatures)
      .where(and(eq(caseSignatures.caseId, row.id), eq(caseSignatures.kind, 'authorisation')))
      .limit(LIMITS.householdMembersMax)
      .all()
      .map((s) => s.personId),
  );
  return members.filter((m) => isAdultOn(m.birthDate, ctx.today) && !signed.has(m.personId)).map((m) => m.name);
}

export function requestCheck(ctx: Ctx, input: { caseId: string }): EconomicCheckView {
  assert(ctx.actor, 'a check is requested by a logged-in clerk');
  const row = requireCase(ctx, input.caseId);
  requireStep(row, 'check_started');
  const missing = unauthorisedAdults(ctx, row);
  if (missing.length > 0) {
    throw new DomainError('CONFLICT', `请先登记核对授权书：${missing.join('、')}尚未签署（先授权，后核对）`);
  }

  const valid = ctx.db
    .select()
    .from(economicChecks)
    .where(and(eq(economicChecks.householdId, row.householdId), eq(economicChecks.status, 'completed'), gte(economicChecks.validUntil, ctx.today)))
    .orderBy(desc(economicChecks.validUntil))
    .limit(1)
    .get();
  if (valid) {
    const note = `沿用核对报告 ${valid.reportNo ?? ''}（有效期至 ${valid.validUntil ?? ''}）`;
    const started = applyCaseEvent(ctx, row, 'check_started', note);
    applyCaseEvent(ctx, started, 'check_completed', note);
    ctx.audit.note({ checkId: valid.id, reused: true });
    return checkView(ctx, valid);
  }

  const pending = pendingCheck(ctx.db, row.householdId);
  if (pending) {
    applyCaseEvent(ctx, row, 'check_started', `本户已于 ${pending.requestedDate} 发起核对，等待同一核对报告`);
    ctx.audit.note({ checkId: pending.id, joined: true });
    return checkView(ctx, pending);
  }

  const check = insertRow(ctx, economicChecks, {
    id: ctx.ids.newId(),
    householdId: row.householdId,
    caseId: row.id,
    requestedDate: ctx.today,
    requestedBy: ctx.actor.userId,
    status: 'requested',
    reportNo: null,
    completedDate: null,
    validUntil: null,
    createdAt: ctx.nowIso,
    updatedAt: ctx.nowIso,
  });
  applyCaseEvent(ctx, row, 'check_started', '发起家庭经济状况核对');
  ctx.audit.note({ checkId: check.id });
  return checkView(ctx, check);
}

function requirePending(ctx: Ctx, checkId: string) {
  const check = requireCheck(ctx, checkId);
  if (check.status !== 'requested') {
    throw new DomainError('CONFLICT', `核对报告 ${check.reportNo ?? ''} 已登记完成，不能再修改`);
  }
  return check;
}

export function recordCheckResult(
  ctx: Ctx,
  input: { checkId: string; source: EconomicCheckSource; outcome: CheckOutcome; figures: CheckFigures; note: string },
): EconomicCheckView {
  assert(ctx.actor, 'a check result is recorded by a logged-in clerk');
  const check = requirePending(ctx, input.checkId);
  const values = {
    outcome: input.outcome,
    figuresJson: JSON.stringify(input.figures),
    note: input.note,
    recordedBy: ctx.actor.userId,
    recordedAt: ctx.nowIso,
  };
  const existing = ctx.db
    .select({ id: economicCheckResults.id })
    .from(economicCheckResults)
    .where(and(eq(economicCheckResults.checkId, check.id), eq(economicCheckResults.source, input.source)))
    .get();
  if (existing) updateRow(ctx, economicCheckResults, existing.id, values);
  else insertRow(ctx, economicCheckResults, { id: ctx.ids.newId(), checkId: check.id, source: input.source, ...values });
  ctx.audit.entity('economic_check', check.id);
  ctx.audit.note({ source: input.source, outcome: input.outcome, corrected: existing !== undefined });
  return checkView(ctx, check);
}

export function completeCheck(ctx: Ctx, input: { checkId: string; reportNo: string; completedDate: string }): EconomicCheckView {
  const check = requirePending(ctx, input.checkId);
  const before = checkView(ctx, check);
  if (before.missingSources.length > 0) {
    const labels = before.missingSources.map((s) => ECONOMIC_CHECK_SOURCE_LABELS[s]);
    throw new DomainError('CONFLICT', `尚有${labels.length}项数据来源未登记结果：${labels.join('、')}`);
  }
  if (input.completedDate > ctx.today) refuse('completedDate', '完成日期不能晚于今天');
  if (input.completedDate < check.requestedDate) refuse('completedDate', `完成日期不能早于发起日期 ${check.requestedDate}`);

  const months = getSettings(ctx.db).checkValidityMonths;
  const validUntil = dayjs(input.completedDate).add(months, 'month').format('YYYY-MM-DD');
  const completed = updateRow(ctx, economicChecks, check.id, {
    status: 'completed',
    reportNo: input.reportNo,
    completedDate: input.completedDate,
    validUntil,
    updatedAt: ctx.nowIso,
  });
  // Every case of the household waiting on the centre waits on this report (one at a time).
  const waiting = ctx.db
    .select()
    .from(cases)
    .where(and(eq(cases.householdId, check.householdId), eq(cases.state, 'checking')))
    .limit(LIMITS.householdCasesShownMax)
    .all();
  for (const waiter of waiting) applyCaseEvent(ctx, waiter, 'check_completed', `核对报告 ${input.reportNo}（有效期至 ${validUntil}）`);
  ctx.audit.entity('economic_check', check.id);
  ctx.audit.note({ validUntil, casesMoved: waiting.length });
  return checkView(ctx, completed);
}
