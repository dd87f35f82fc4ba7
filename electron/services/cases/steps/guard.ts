import type { Ctx } from '../../context';
import { DomainError } from '../../errors';
import { refuse } from '../issues';
import { transition, type CaseEvent } from '../lifecycle';
import { caseFacts, caseState, type CaseRecord } from '../records';

// Checks a step runs before it validates anything else, so a case in the wrong state is told
// so in the life cycle's own words (applyCaseEvent would say the same, but only after the
// step's own checks had spoken).

/** Refuses with the life cycle's Chinese message unless `event` may happen to the case now. */
export function requireStep(row: CaseRecord, event: CaseEvent): void {
  const next = transition(caseState(row), event, caseFacts(row));
  if (!next.ok) throw new DomainError('CONFLICT', next.message);
}

/** A date a step happened on: not in the future, not before the case was accepted. */
export function requireStepDate(ctx: Ctx, row: CaseRecord, path: string, date: string): void {
  if (date > ctx.today) refuse(path, '日期不能晚于今天');
  if (date < row.acceptedDate) refuse(path, `日期不能早于受理日期 ${row.acceptedDate}`);
}
