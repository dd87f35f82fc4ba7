// 社会救助转办告知书 (issue item 9): the applicant is told which department now handles the
// application and by when it is due to answer; the window stays the place to ask.
import { desc, eq, sql } from 'drizzle-orm';
import { referrals } from '../../../db/schema';
import { CASE_STATE_LABELS, type ReferralNoticeModel } from '../../contract';
import { caseState, type CaseRecord } from '../cases/records';
import type { Ctx } from '../context';
import { DomainError } from '../errors';
import { getSettings } from '../settings';
import { applicantOf, documentHead } from './head';

export function referralNotice(ctx: Ctx, row: CaseRecord): ReferralNoticeModel {
  const referral = ctx.db.select().from(referrals).where(eq(referrals.caseId, row.id)).orderBy(desc(sql`${referrals}.rowid`)).limit(1).get();
  if (!referral) {
    throw new DomainError('CONFLICT', `案件当前状态为“${CASE_STATE_LABELS[caseState(row)]}”，只有已转办的案件才能打印转办告知书`);
  }
  return {
    kind: 'referral_notice',
    ...documentHead(ctx, row),
    ...applicantOf(ctx, row),
    acceptedDate: row.acceptedDate,
    department: referral.department,
    sentDate: referral.sentDate,
    dueDate: referral.dueDate,
    enquiryPhone: getSettings(ctx.db).enquiryPhone,
  };
}
