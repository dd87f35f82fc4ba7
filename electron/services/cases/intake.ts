import { eq, sql } from 'drizzle-orm';
import { caseMaterials, cases, households } from '../../../db/schema';
import {
  RELIEF_TYPE_LABELS,
  type Catalogue,
  type CaseState,
  type CaseSummary,
  type CatalogueItem,
  type ReliefType,
} from '../../contract';
import { workCalendar } from '../calendar/calendar';
import { addWorkingDays } from '../calendar/workingDays';
import { currentCatalogue, itemFor } from '../catalogue/catalogue';
import type { Ctx } from '../context';
import { DomainError, assert } from '../errors';
import { preparedOnce } from '../prepared';
import { insertRow } from '../rows';
import { requireInstallation } from '../setup';
import { nextCaseNo } from './caseNumbers';
import { appendCaseEvent } from './events';
import { refuse, refuseIssues, type Issue } from './issues';
import { checkMaterials, missingRequired, type CheckedMaterial, type MaterialChoice } from './materialRules';
import { OWN_INTAKE_MESSAGE, ownRecordConflict } from './separation';
import { DISHONESTY_MESSAGE, hasActiveDishonesty, isCurrentMember, toCaseSummary } from './records';

// One-window intake (一窗受理, 一表登记): one form may ask for several kinds of assistance;
// each kind becomes a case with its own number, all sharing the form's application id. The
// catalogue version in force today is recorded on each case, which is then handled by it.

export interface IntakeInput {
  householdId: string;
  applicantPersonId: string;
  channel: 'window' | 'assistant';
  assistantName: string | null;
  reason: string;
  commitmentRoute: boolean;
  kinds: { reliefType: ReliefType; category: string | null; materials: MaterialChoice[] }[];
}

export interface IntakeResult {
  applicationId: string;
  cases: CaseSummary[];
  /** For the one-time notice (一次性告知单): per case, the required materials not handed in. */
  missing: { caseNo: string; reliefType: ReliefType; materials: string[] }[];
}

interface KindPlan {
  item: CatalogueItem;
  category: string | null;
  materials: CheckedMaterial[];
}

/** The town whose numbers the cases take; the district store accepts no applications. */
function intakeTownCode(ctx: Ctx): string {
  const installation = requireInstallation(ctx.db);
  if (installation.kind !== 'town' || installation.townCode === null) {
    throw new DomainError('FORBIDDEN', '区级安装不受理救助申请，请到镇街便民服务中心窗口办理');
  }
  return installation.townCode;
}

/** A window intake names no assistant; an assistant's (帮办代办) must say who. Blank counts as none. */
function assistantNameFor(input: IntakeInput): string | null {
  const name = input.assistantName === null || input.assistantName === '' ? null : input.assistantName;
  if (input.channel === 'assistant' && name === null) {
    refuse('assistantName', '协理员代办须填写协理员姓名');
  }
  if (input.channel === 'window' && name !== null) {
    refuse('assistantName', '窗口受理不填写协理员姓名；协理员代办请选择“协理员代办”');
  }
  return name;
}

function planKinds(input: IntakeInput, items: Catalogue): KindPlan[] {
  const issues: Issue[] = [];
  const plans: KindPlan[] = [];
  const seen = new Set<ReliefType>();
  input.kinds.forEach((kind, k) => {
    const label = RELIEF_TYPE_LABELS[kind.reliefType];
    if (seen.has(kind.reliefType)) {
      issues.push({ path: `kinds.${k}.reliefType`, message: `${label}在本申请中重复选择` });
      return;
    }
    seen.add(kind.reliefType);
    const item = itemFor(items, kind.reliefType);
    if (item.categories.length > 0 && (kind.category === null || !item.categories.includes(kind.category))) {
      issues.push({ path: `kinds.${k}.category`, message: `请选择${label}的类别：${item.categories.join('、')}` });
    } else if (item.categories.length === 0 && kind.category !== null) {
      issues.push({ path: `kinds.${k}.category`, message: `${label}不分类别，不填写类别` });
    }
    const checked = checkMaterials(item, kind.materials, input.commitmentRoute, `kinds.${k}.materials`);
    issues.push(...checked.issues);
    plans.push({ item, category: kind.category, materials: checked.materials });
  });
  refuseIssues(issues);
  return plans;
}

export function intake(ctx: Ctx, input: IntakeInput): IntakeResult {
  const actor = ctx.actor;
  assert(actor, 'intake runs for a logged-in clerk');
  const townCode = intakeTownCode(ctx);
  const household = preparedOnce(ctx.db, 'intake.household', () =>
    ctx.db
      .select({ id: households.id })
      .from(households)
      .where(eq(households.id, sql.placeholder('id')))
      .prepare(),
  ).get({ id: input.householdId });
  if (!household) throw new DomainError('NOT_FOUND', '该户不存在');
  if (!isCurrentMember(ctx.db, household.id, input.applicantPersonId)) {
    refuse('applicantPersonId', '申请人须为该户的现有成员');
  }
  // A clerk accepting their own family's application is the classic conflict (DOMAIN.md §1).
  if (ownRecordConflict(ctx, { householdIds: [household.id], personIds: [input.applicantPersonId] })) {
    throw new DomainError('FORBIDDEN', OWN_INTAKE_MESSAGE);
  }
  const assistantName = assistantNameFor(input);
  const catalogue = currentCatalogue(ctx.db);
  const plans = planKinds(input, catalogue.items);
  if (input.commitmentRoute && hasActiveDishonesty(ctx.db, input.applicantPersonId)) {
    throw new DomainError('CONFLICT', DISHONESTY_MESSAGE, { issues: [{ path: 'commitmentRoute', message: DISHONESTY_MESSAGE }] });
  }

  const calendar = workCalendar(ctx.db);
  const applicationId = ctx.ids.newId();
  const year = Number(ctx.today.slice(0, 4));
  const result: IntakeResult = { applicationId, cases: [], missing: [] };
  for (const plan of plans) {
    const missing = missingRequired(plan.materials);
    const state: CaseState = missing.length > 0 ? 'materials_incomplete' : 'accepted';
    const row = insertRow(ctx, cases, {
      id: ctx.ids.newId(),
      caseNo: nextCaseNo(ctx, townCode, year),
      applicationId,
      householdId: household.id,
      applicantPersonId: input.applicantPersonId,
      reliefType: plan.item.reliefType,
      category: plan.category,
      channel: input.channel,
      assistantName,
      reason: input.reason,
      commitmentRoute: input.commitmentRoute,
      state,
      catalogueVersion: catalogue.version,
      requiresReview: plan.item.requiresReview,
      townMayDecide: plan.item.decidedBy === 'town',
      byReferral: plan.item.decidedBy === 'department',
      acceptedDate: ctx.today,
      promisedDate: addWorkingDays(ctx.today, plan.item.timeLimitWorkingDays, calendar),
      acceptedBy: actor.userId,
      createdAt: ctx.nowIso,
      updatedAt: ctx.nowIso,
    });
    for (const m of plan.materials) {
      insertRow(ctx, caseMaterials, {
        id: ctx.ids.newId(),
        caseId: row.id,
        materialId: m.material.id,
        name: m.material.name,
        status: m.status,
        updatedAt: ctx.nowIso,
      });
    }
    appendCaseEvent(ctx, {
      caseId: row.id,
      event: 'intake',
      fromState: null,
      toState: state,
      note: assistantName === null ? '窗口受理' : `协理员${assistantName}代办`,
    });
    result.cases.push(toCaseSummary(row));
    if (missing.length > 0) result.missing.push({ caseNo: row.caseNo, reliefType: plan.item.reliefType, materials: missing.map((m) => m.name) });
  }
  ctx.audit.entity('application', applicationId);
  ctx.audit.note({ caseNos: result.cases.map((c) => c.caseNo) });
  return result;
}
