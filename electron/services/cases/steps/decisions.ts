import { desc, eq, sql } from 'drizzle-orm';
import { decisions } from '../../../../db/schema';
import type { Db } from '../../../../db/open';
import { CASE_STATE_LABELS, formatYuan, RELIEF_AMOUNT_BASIS, RELIEF_TYPE_LABELS, type CaseDetail, type ReliefCause, type ReliefType } from '../../../contract';
import type { Ctx } from '../../context';
import { DomainError, assert } from '../../errors';
import { preparedOnce } from '../../prepared';
import { insertRow } from '../../rows';
import { limitIssue, repeatIssue } from '../../payouts/aidHistory';
import { livePayoutOfCase, owedPaperwork, UNPAID_PAYOUT_REFUSAL, unpaidPayout, type PayoutRow } from '../../payouts/records';
import { refuseIssues, type Issue } from '../issues';
import type { CaseEvent } from '../lifecycle';
import { caseReliefType, caseState, requireCase, type CaseRecord } from '../records';
import { decisionSeparationReason } from '../separation';
import { applyCaseEvent } from '../transitions';
import { getCase } from '../view';

// The decision (审核确认, DOMAIN.md §4): the approver approves what the town may decide, refuses
// with written reasons, or submits the case to the district. The row keeps everything the
// approval form (审核审批表) prints: outcome, amount, period, opinion, reasons, who and when.
//
// Temporary relief (临时救助, DOMAIN.md §5) also names its cause; an approval is held to the
// town's limit and to the repeat rule (payouts/aidHistory.ts), and a case already paid by an
// emergency payout (先行救助) is approved for exactly that amount and is paid at once.

export interface DecideInput {
  caseId: string;
  outcome: 'approved' | 'refused' | 'submitted_to_district';
  amountFen: number | null;
  periodStart: string | null;
  periodMonths: number | null;
  opinion: string;
  refusalReasons: string | null;
  cause: ReliefCause | null;
  repeatReason: string | null;
}

const EVENT_OF: Record<DecideInput['outcome'], CaseEvent> = {
  approved: 'confirmed',
  refused: 'refused',
  submitted_to_district: 'submitted_to_district',
};

export type DecisionRow = typeof decisions.$inferSelect;

/** The case's latest decision (insertion order: the PC clock may be wrong, DESIGN.md §3). */
export function latestDecision(db: Db, caseId: string): DecisionRow | undefined {
  // Prepared once per connection: the payout path reads it on every approval (bench reserve.payout).
  return preparedOnce(db, 'decisions.latest', () =>
    db.select().from(decisions).where(eq(decisions.caseId, sql.placeholder('caseId'))).orderBy(desc(sql`${decisions}.rowid`)).limit(1).prepare(),
  ).get({ caseId });
}

/** The cause and its rules: temporary relief names one (and, approved, keeps within the limit and the repeat rule); other kinds none. */
function temporaryReliefIssues(ctx: Ctx, row: CaseRecord, input: DecideInput, reliefType: ReliefType, emergency: PayoutRow | null): Issue[] {
  const repeatReason = input.repeatReason === '' ? null : input.repeatReason;
  if (reliefType !== 'linshi') {
    const kind = RELIEF_TYPE_LABELS[reliefType];
    const issues: Issue[] = [];
    if (input.cause !== null) issues.push({ path: 'cause', message: `${kind}不填写临时救助原因` });
    if (repeatReason !== null) issues.push({ path: 'repeatReason', message: `${kind}不填写重复救助理由` });
    return issues;
  }
  if (input.outcome !== 'approved') return [];
  if (input.cause === null) return [{ path: 'cause', message: '批准临时救助须选择救助原因' }];
  const issues: Issue[] = [];
  if (emergency !== null && input.amountFen !== emergency.amountFen) {
    issues.push({ path: 'amountFen', message: `本案已先行救助 ${formatYuan(emergency.amountFen)}，批准金额应与先行救助金额一致` });
  }
  // The emergency payout was held to the limit on its own day; the same grant is not measured again.
  const overLimit = emergency === null && input.amountFen !== null ? limitIssue(ctx, input.amountFen) : null;
  if (overLimit) issues.push(overLimit);
  const repeat = repeatIssue(ctx, row.householdId, row.id, input.cause, repeatReason);
  if (repeat) issues.push(repeat);
  return issues;
}

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
  const reliefType = caseReliefType(row);
  const live = livePayoutOfCase(ctx.db, row.id);
  const emergency = live?.emergency ? live : null;
  // The paperwork of an emergency payout comes before the decision: it is what the decision
  // reads, and the work queue finds owed paperwork among the open cases only (paperwork.ts).
  if (owedPaperwork(live)) throw new DomainError('CONFLICT', '本案已先行救助，请先补齐先行救助手续（材料、告知承诺书、入户调查）并登记完成，再审核确认');
  // Refused or sent to the district, the town no longer pays this case: an emergency payout
  // approved and not handed over is cancelled first (payouts.pay refuses a case in those states).
  if (input.outcome !== 'approved' && unpaidPayout(live)) throw new DomainError('CONFLICT', UNPAID_PAYOUT_REFUSAL);
  refuseIssues([...issuesOf(input, reliefType), ...temporaryReliefIssues(ctx, row, input, reliefType, emergency)]);

  const note = input.outcome === 'refused' ? `不予救助：${input.refusalReasons ?? ''}` : input.opinion;
  // The lifecycle refuses an approval the town may not give (报区级).
  const decided = applyCaseEvent(ctx, row, EVENT_OF[input.outcome], note);
  const approved = input.outcome === 'approved';
  const linshi = reliefType === 'linshi';
  insertRow(ctx, decisions, {
    id: ctx.ids.newId(),
    caseId: row.id,
    outcome: input.outcome,
    amountFen: input.outcome === 'refused' ? null : input.amountFen,
    periodStart: approved ? input.periodStart : null,
    periodMonths: approved ? input.periodMonths : null,
    opinion: input.opinion,
    refusalReasons: input.outcome === 'refused' ? input.refusalReasons : null,
    cause: linshi ? input.cause : null,
    repeatReason: linshi && input.repeatReason !== '' ? input.repeatReason : null,
    decidedBy: ctx.actor.userId,
    decidedAt: ctx.nowIso,
  });
  // The money already went (先行救助): the approval closes on 'paid', as a normal payout would.
  if (approved && emergency?.state === 'paid') applyCaseEvent(ctx, decided, 'paid', '先行救助已发放');
  ctx.audit.entity('case', row.id);
  ctx.audit.note({ outcome: input.outcome });
  return getCase(ctx, row.id);
}
