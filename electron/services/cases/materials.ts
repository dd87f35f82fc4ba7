import { eq } from 'drizzle-orm';
import { caseMaterials, cases } from '../../../db/schema';
import { CASE_STATE_LABELS, LIMITS, type CaseDetail, type CaseState } from '../../contract';
import { workCalendar } from '../calendar/calendar';
import { addWorkingDays } from '../calendar/workingDays';
import { catalogueVersion, itemFor } from '../catalogue/catalogue';
import type { Ctx } from '../context';
import { DomainError, assert } from '../errors';
import { updateRow } from '../rows';
import { refuseIssues } from './issues';
import { checkMaterials, missingRequired, type MaterialChoice } from './materialRules';
import { caseReliefType, caseState, DISHONESTY_MESSAGE, hasActiveDishonesty, requireCase } from './records';
import { applyCaseEvent } from './transitions';
import { getCase } from './view';

// Completing or correcting the materials of a case at the window. Once the check has started
// the materials are the investigation's business, so only a case still at the window may
// change them. Rules are the intake's, against the catalogue version the case was accepted under.

const EDITABLE: ReadonlySet<CaseState> = new Set(['materials_incomplete', 'accepted']);

export function updateMaterials(ctx: Ctx, input: { caseId: string; materials: MaterialChoice[] }): CaseDetail {
  const row = requireCase(ctx, input.caseId);
  const state = caseState(row);
  if (!EDITABLE.has(state)) {
    throw new DomainError('CONFLICT', `案件当前状态为“${CASE_STATE_LABELS[state]}”，不能再修改材料`);
  }
  const item = itemFor(catalogueVersion(ctx.db, row.catalogueVersion).items, caseReliefType(row));
  const checked = checkMaterials(item, input.materials, row.commitmentRoute, 'materials');
  refuseIssues(checked.issues);
  const pathOf = (materialId: string) => `materials.${input.materials.findIndex((m) => m.materialId === materialId)}.status`;

  const missing = missingRequired(checked.materials);
  // An accepted case has every required material; the life cycle has no way back to the
  // window, and a paper found false is a matter for refusal, not for a quiet edit.
  if (state === 'accepted' && missing.length > 0) {
    refuseIssues(missing.map((m) => ({ path: pathOf(m.id), message: `案件已受理，必需材料“${m.name}”不能改为缺少` })));
  }

  const stored = new Map(
    ctx.db
      .select()
      .from(caseMaterials)
      .where(eq(caseMaterials.caseId, row.id))
      .limit(LIMITS.caseMaterialsMax)
      .all()
      .map((m) => [m.materialId, m]),
  );
  const changed = checked.materials.filter((m) => stored.get(m.material.id)?.status !== m.status);
  // The commitment route was open at intake; a dishonesty record decided since closes it for
  // every material newly put on commitment.
  if (changed.some((m) => m.status === 'commitment') && hasActiveDishonesty(ctx.db, row.applicantPersonId)) {
    throw new DomainError('CONFLICT', DISHONESTY_MESSAGE);
  }
  for (const m of changed) {
    const current = stored.get(m.material.id);
    assert(current, `case ${row.id} has no row for material ${m.material.id}`);
    updateRow(ctx, caseMaterials, current.id, { status: m.status, updatedAt: ctx.nowIso });
  }

  if (state === 'materials_incomplete' && missing.length === 0) {
    // The time limit runs from the day the materials are complete, not from the first visit.
    const promisedDate = addWorkingDays(ctx.today, item.timeLimitWorkingDays, workCalendar(ctx.db));
    applyCaseEvent(ctx, row, 'materials_completed', '材料已补齐', { promisedDate });
  } else if (changed.length > 0) {
    updateRow(ctx, cases, row.id, { updatedAt: ctx.nowIso });
  }
  ctx.audit.entity('case', row.id);
  ctx.audit.note({ changed: changed.map((m) => m.material.id) });
  return getCase(ctx, row.id);
}
