import { cases } from '../../../db/schema';
import type { CaseDetail } from '../../contract';
import type { Ctx } from '../context';
import { DomainError } from '../errors';
import { updateRow } from '../rows';
import { livePayoutOfCase, owedPaperwork, UNPAID_PAYOUT_REFUSAL, unpaidPayout } from '../payouts/records';
import { appendCaseEvent } from './events';
import { transition, type CaseEvent } from './lifecycle';
import { caseFacts, caseState, requireCase, type CaseRecord } from './records';
import { getCase } from './view';

// Moving a case along its life cycle: the pure state machine says whether the step exists,
// this records it (the case's new state and an append-only event). Every later step (check,
// investigation, notice, decision, referral) goes through applyCaseEvent with its own patch.

/** Columns a step may set alongside the state (e.g. a new promised date). */
export type CasePatch = Partial<Omit<typeof cases.$inferInsert, 'id' | 'state' | 'updatedAt'>>;

export function applyCaseEvent(ctx: Ctx, row: CaseRecord, event: CaseEvent, note: string, patch: CasePatch = {}): CaseRecord {
  const from = caseState(row);
  const next = transition(from, event, caseFacts(row));
  if (!next.ok) throw new DomainError('CONFLICT', next.message);
  const updated = updateRow(ctx, cases, row.id, { ...patch, state: next.to, updatedAt: ctx.nowIso });
  appendCaseEvent(ctx, { caseId: row.id, event, fromState: from, toState: next.to, note });
  ctx.audit.entity('case', row.id);
  ctx.audit.note({ event, from, to: next.to });
  return updated;
}

/** cases.transition: a step that needs nothing but a reason (today only 'withdrawn'). */
export function transitionCase(ctx: Ctx, input: { caseId: string; event: CaseEvent; note: string }): CaseDetail {
  const row = requireCase(ctx, input.caseId);
  // Owed 先行救助 paperwork is looked for among open cases only (payouts/paperwork.ts): a case
  // that took emergency money leaves them once the paperwork is done, or the payout cancelled.
  if (input.event === 'withdrawn') {
    const live = livePayoutOfCase(ctx.db, row.id);
    if (owedPaperwork(live)) throw new DomainError('CONFLICT', '本案已先行救助，手续尚未补齐，不能撤回：请先补齐先行救助手续（未发放的可先取消发放）');
    // Money approved and not handed over is cancelled first (payouts.pay refuses an ended case).
    if (unpaidPayout(live)) throw new DomainError('CONFLICT', UNPAID_PAYOUT_REFUSAL);
  }
  applyCaseEvent(ctx, row, input.event, input.note);
  return getCase(ctx, row.id);
}
