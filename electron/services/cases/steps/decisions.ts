import { decisions } from '../../../../db/schema';
import { CASE_STATE_LABELS, RELIEF_AMOUNT_BASIS, RELIEF_TYPE_LABELS, type CaseDetail, type ReliefType } from '../../../contract';
import type { Ctx } from '../../context';
import { DomainError, assert } from '../../errors';
import { insertRow } from '../../rows';
import { refuseIssues, type Issue } from '../issues';
import type { CaseEvent } from '../lifecycle';
import { caseReliefType, caseState, requireCase } from '../records';
import { decisionSeparationReason } from '../separation';
import { applyCaseEvent } from '../transitions';
import { getCase } from '../view';

// The decision (审核确认, DOMAIN.md §4): the approver approves what the town may decide, refuses
// with written reasons, or submits the case to the district. The row keeps everything the
// approval form (审核审批表) prints: outcome, amount, period, opinion, reasons, who and when.

export interface DecideInput {
  caseId: string;
  outcome: 'approved' | 'refused' | 'submitted_to_district';
  amountFen: number | null;
  periodStart: string | null;
  periodMonths: number | null;
  opinion: string;
  refusalReasons: string | null;
}

const EVENT_OF: Record<DecideInput['outcome'], CaseEvent> = {
  approved: 'confirmed',
  refused: 'refused',
  submitted_to_district: 'submitted_to_district',
};

function issuesOf(input: DecideInput, reliefType: ReliefType): Issue[] {
  const issues: Issue[] = [];
  if (input.outcome === 'approved') {
    const basis = RELIEF_AMOUNT_BASIS[reliefType];
    const kind = RELIEF_TYPE_LABELS[reliefType];
    if (basis === 'none') {
      // The department decides and pays (DOMAIN.md §3): the town records no amount of its own.
      if (input.amountFen !== null) issues.push({ path: 'amountFen', message: `${kind}由部门发放，不填写救助金额` });
    } else if (input.amountFen === null || input.amountFen <= 0) {
      // A kind that grants money: a zero grant is a refusal.
      issues.push({ path: 'amountFen', message: '批准须填写救助金额（大于零）' });
    }
    if (basis === 'monthly') {
      if (input.periodStart === null) issues.push({ path: 'periodStart', message: '批准须填写救助起始日期' });
      if (input.periodMonths === null) issues.push({ path: 'periodMonths', message: '批准须填写救助月数' });
    } else {
      // A one-off grant (临时救助, DOMAIN.md §5) has no period: months would multiply it in the
      // aid history as if it were paid every month.
      const why = basis === 'one_off' ? `${kind}为一次性救助` : `${kind}由部门发放`;
      if (input.periodStart !== null) issues.push({ path: 'periodStart', message: `${why}，不填写救助起始日期` });
      if (input.periodMonths !== null) issues.push({ path: 'periodMonths', message: `${why}，不填写救助月数` });
    }
  }
  if (input.outcome === 'refused' && (input.refusalReasons === null || input.refusalReasons === '')) {
    issues.push({ path: 'refusalReasons', message: '不予救助须书面说明理由' });
  }
  return issues;
}

export function decide(ctx: Ctx, input: DecideInput): CaseDetail {
  assert(ctx.actor, 'decisions.decide needs a session');
  const row = requireCase(ctx, input.caseId);
  // Separation of duties (DOMAIN.md §1) before the state: whoever may never decide this case is
  // told so, whatever step it is at. Declared relatives outside the household are not
  // recorded anywhere yet, so only the accepting user and the household itself are refused.
  const separation = decisionSeparationReason(ctx, row, ctx.actor.userId);
  if (separation !== null) throw new DomainError('FORBIDDEN', separation);
  const state = caseState(row);
  // A refusal is possible earlier in the lifecycle, but not as a decision after notice.
  if (state !== 'deciding') throw new DomainError('CONFLICT', `案件当前状态为“${CASE_STATE_LABELS[state]}”，不在审核确认阶段`);
  refuseIssues(issuesOf(input, caseReliefType(row)));

  const note = input.outcome === 'refused' ? `不予救助：${input.refusalReasons ?? ''}` : input.opinion;
  // The lifecycle refuses an approval the town may not give (报区级).
  applyCaseEvent(ctx, row, EVENT_OF[input.outcome], note);
  const approved = input.outcome === 'approved';
  insertRow(ctx, decisions, {
    id: ctx.ids.newId(),
    caseId: row.id,
    outcome: input.outcome,
    amountFen: input.outcome === 'refused' ? null : input.amountFen,
    periodStart: approved ? input.periodStart : null,
    periodMonths: approved ? input.periodMonths : null,
    opinion: input.opinion,
    refusalReasons: input.outcome === 'refused' ? input.refusalReasons : null,
    decidedBy: ctx.actor.userId,
    decidedAt: ctx.nowIso,
  });
  ctx.audit.note({ outcome: input.outcome });
  return getCase(ctx, row.id);
}
