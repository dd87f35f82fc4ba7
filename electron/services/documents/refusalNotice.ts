// 不予救助决定通知书 (DOMAIN.md §4: refused with written reasons): the reasons as the approver
// wrote them, and the applicant's remedies, 行政复议 within 60 days (行政复议法) and 行政诉讼
// within 6 months (行政诉讼法 art. 46), both counted from receipt of the notice.
import { and, desc, eq, sql } from 'drizzle-orm';
import { decisions } from '../../../db/schema';
import { CASE_STATE_LABELS, type RefusalNoticeModel } from '../../contract';
import { caseState, type CaseRecord } from '../cases/records';
import type { Ctx } from '../context';
import { DomainError, assert } from '../errors';
import { requireInstallation } from '../setup';
import { businessDate } from '../time';
import { applicantOf, documentHead } from './head';

export function refusalNotice(ctx: Ctx, row: CaseRecord): RefusalNoticeModel {
  const state = caseState(row);
  // Archived refusals keep their notice: the decision row is what counts, not today's state.
  const refusal = ctx.db
    .select()
    .from(decisions)
    .where(and(eq(decisions.caseId, row.id), eq(decisions.outcome, 'refused')))
    .orderBy(desc(sql`${decisions}.rowid`))
    .limit(1)
    .get();
  if (!refusal || (state !== 'refused' && state !== 'archived')) {
    throw new DomainError('CONFLICT', `案件当前状态为“${CASE_STATE_LABELS[state]}”，只有作出不予救助决定的案件才能打印不予救助决定通知书`);
  }
  assert(refusal.refusalReasons !== null && refusal.refusalReasons !== '', `refusal ${refusal.id} has no written reasons`);
  const installation = requireInstallation(ctx.db);
  return {
    kind: 'refusal_notice',
    ...documentHead(ctx, row),
    ...applicantOf(ctx, row),
    acceptedDate: row.acceptedDate,
    decidedDate: businessDate(new Date(refusal.decidedAt)),
    reasons: refusal.refusalReasons,
    remedies: `如对本决定不服，可以自收到本通知书之日起60日内向${installation.districtName}人民政府申请行政复议，或者自收到本通知书之日起6个月内依法向人民法院提起行政诉讼。`,
  };
}
