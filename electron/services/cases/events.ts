import { caseEvents } from '../../../db/schema';
import type { CaseState } from '../../contract';
import type { Ctx } from '../context';
import { assert } from '../errors';
import { insertRow } from '../rows';
import type { CaseEvent } from './lifecycle';

// case_events is append-only (triggers reject UPDATE and DELETE): each row says who moved the
// case from which state to which, when and why. Corrections are further events, never edits.

/**
 * What happened: 'intake' for the birth of a case, an event of the lifecycle, or a step that
 * leaves the state as it is (from = to): 先行救助 approved and paid before the decision, and its
 * paperwork completed (services/payouts), money recovered for a paid payout (reserve/corrections).
 */
export type CaseEventName = 'intake' | CaseEvent | 'emergency_approved' | 'emergency_paid' | 'paperwork_completed' | 'recovered';

export function appendCaseEvent(
  ctx: Ctx,
  entry: { caseId: string; event: CaseEventName; fromState: CaseState | null; toState: CaseState; note: string },
): void {
  assert(ctx.actor, 'a case event needs the user who caused it');
  insertRow(ctx, caseEvents, {
    id: ctx.ids.newId(),
    caseId: entry.caseId,
    event: entry.event,
    fromState: entry.fromState,
    toState: entry.toState,
    at: ctx.nowIso,
    userId: ctx.actor.userId,
    note: entry.note,
  });
}
