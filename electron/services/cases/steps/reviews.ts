import { democraticReviews } from '../../../../db/schema';
import type { CaseDetail } from '../../../contract';
import type { Ctx } from '../../context';
import { assert } from '../../errors';
import { insertRow } from '../../rows';
import { refuse } from '../issues';
import { requireCase } from '../records';
import { applyCaseEvent } from '../transitions';
import { getCase } from '../view';
import { requireStep, requireStepDate } from './guard';

// The village democratic review (民主评议) for the kinds that require one: who attended, how
// many were in favour, and the village's opinion. The count is recorded, not judged: the
// decision comes later, after the public notice.

export function recordReview(
  ctx: Ctx,
  input: { caseId: string; reviewDate: string; participants: number; inFavour: number; opinion: string },
): CaseDetail {
  assert(ctx.actor, 'a review is recorded by a logged-in clerk');
  const row = requireCase(ctx, input.caseId);
  requireStep(row, 'review_completed');
  requireStepDate(ctx, row, 'reviewDate', input.reviewDate);
  if (input.inFavour > input.participants) refuse('inFavour', `同意人数不能多于参加人数（${input.participants}人）`);

  const review = insertRow(ctx, democraticReviews, {
    id: ctx.ids.newId(),
    caseId: row.id,
    reviewDate: input.reviewDate,
    participants: input.participants,
    inFavour: input.inFavour,
    opinion: input.opinion,
    recordedBy: ctx.actor.userId,
    recordedAt: ctx.nowIso,
  });
  applyCaseEvent(ctx, row, 'review_completed', `民主评议（${input.reviewDate}）：参加 ${input.participants} 人，同意 ${input.inFavour} 人`);
  ctx.audit.note({ reviewId: review.id, participants: input.participants, inFavour: input.inFavour });
  return getCase(ctx, row.id);
}
