// 社会救助审核审批表 (DOMAIN.md §6, issue item 8): the household, its aid so far, every step of
// the case and the opinions, on one sheet for the file. Each step not taken yet is null and the
// template prints blank lines for it: the office may print the form for the approver before the
// decision (signed by hand) and again once it is decided.
import dayjs from 'dayjs';
import { and, count, desc, eq, gte, inArray, ne, sql, sum } from 'drizzle-orm';
import { cases, decisions, democraticReviews, investigations, noticeEntries, noticeObjections, notices, users } from '../../../db/schema';
import { amountInCapitals, CASE_STATE_LABELS, RELIEF_AMOUNT_BASIS, RELIEF_TYPE_LABELS, RELIEF_TYPES, type ApprovalFormModel } from '../../contract';
import { caseReliefType, caseState, type CaseRecord } from '../cases/records';
import { checkView, latestCheck } from '../cases/steps/checkView';
import { reliefTypeOf } from '../cases/steps/kinds';
import type { Ctx } from '../context';
import { DomainError, assert } from '../errors';
import { businessDate, businessDayStartIso } from '../time';
import { applicantOf, documentHead, householdOf, membersOf } from './head';

/** The window the cumulative aid covers, back from the print date. */
const CUMULATIVE_AID_MONTHS = 12;

const OUTCOME_LABELS: Record<'approved' | 'refused' | 'submitted_to_district', string> = {
  approved: '同意救助',
  refused: '不予救助',
  submitted_to_district: '超出镇街审批权限，报区级审批',
};

function userName(ctx: Ctx, userId: string): string {
  const user = ctx.db.select({ displayName: users.displayName }).from(users).where(eq(users.id, userId)).get();
  assert(user, `a case record names a missing user ${userId}`);
  return user.displayName;
}

/** The kinds whose approved amount is paid every month of the decision's period. */
const MONTHLY_KINDS = RELIEF_TYPES.filter((t) => RELIEF_AMOUNT_BASIS[t] === 'monthly');

/**
 * What an approved decision granted, over decisions joined to cases: a monthly amount times its
 * months, a one-off grant (临时救助) once whatever months an older row may carry. The approval
 * form's total and the aid history (services/payouts/aidHistory.ts) both read this rule.
 */
export const GRANTED_FEN = sql<number>`CASE WHEN ${inArray(cases.reliefType, MONTHLY_KINDS)} THEN ${decisions.amountFen} * ${decisions.periodMonths} ELSE ${decisions.amountFen} END`;

/**
 * Aid = approvals on the household's other cases (payments come with the reserve work). The
 * 12-month total counts what each approval granted: a monthly amount times its months, a
 * one-off grant (临时救助) once, whatever months an older row may carry. The kind decides, not
 * the stored months, so the sum and the printed last aid read the same rule.
 */
function aidOf(ctx: Ctx, row: CaseRecord): Pick<ApprovalFormModel, 'lastAid' | 'cumulativeAid'> {
  const approvedElsewhere = and(eq(cases.householdId, row.householdId), ne(cases.id, row.id), eq(decisions.outcome, 'approved'));
  // Insertion order, not wall time: the PC clock may be wrong (DESIGN.md §3).
  const last = ctx.db
    .select({ decidedAt: decisions.decidedAt, reliefType: cases.reliefType, amountFen: decisions.amountFen, months: decisions.periodMonths })
    .from(decisions)
    .innerJoin(cases, eq(cases.id, decisions.caseId))
    .where(approvedElsewhere)
    .orderBy(desc(sql`${decisions}.rowid`))
    .limit(1)
    .get();
  const since = dayjs(ctx.today).subtract(CUMULATIVE_AID_MONTHS, 'month').format('YYYY-MM-DD');
  const total = ctx.db
    .select({
      count: count(),
      totalFen: sum(GRANTED_FEN),
    })
    .from(decisions)
    .innerJoin(cases, eq(cases.id, decisions.caseId))
    .where(and(approvedElsewhere, gte(decisions.decidedAt, businessDayStartIso(since))))
    .get();
  assert(total, 'an aggregate returns one row');
  return {
    lastAid: last ? lastAidOf(last) : null,
    cumulativeAid: { since, count: total.count, totalFen: Number(total.totalFen ?? 0) },
  };
}

function lastAidOf(last: { decidedAt: string; reliefType: string; amountFen: number | null; months: number | null }): NonNullable<ApprovalFormModel['lastAid']> {
  const reliefType = reliefTypeOf(last.reliefType);
  const monthly = RELIEF_AMOUNT_BASIS[reliefType] === 'monthly';
  // decisions.decide requires the months of every monthly approval.
  assert(!monthly || last.months !== null, `a monthly approval of ${reliefType} has no months`);
  return {
    date: businessDate(new Date(last.decidedAt)),
    kindLabel: RELIEF_TYPE_LABELS[reliefType],
    amountFen: last.amountFen,
    months: monthly ? last.months : null,
  };
}

function checkOf(ctx: Ctx, row: CaseRecord): ApprovalFormModel['economicCheck'] {
  // The household's latest report is the one the case went on (a valid one is reused).
  const latest = latestCheck(ctx.db, row.householdId);
  if (!latest || latest.status !== 'completed') return null;
  const view = checkView(ctx, latest);
  assert(view.reportNo !== null && view.completedDate !== null, `completed check ${latest.id} has no report`);
  return { reportNo: view.reportNo, completedDate: view.completedDate, foundSources: view.results.filter((r) => r.outcome === 'found').map((r) => r.label) };
}

function investigationOf(ctx: Ctx, row: CaseRecord): ApprovalFormModel['investigation'] {
  const visit = ctx.db.select().from(investigations).where(eq(investigations.caseId, row.id)).orderBy(desc(sql`${investigations}.rowid`)).limit(1).get();
  return visit ? { visitDate: visit.visitDate, investigators: `${visit.investigator1}、${visit.investigator2}`, conclusion: visit.conclusion } : null;
}

function reviewOf(ctx: Ctx, row: CaseRecord): ApprovalFormModel['review'] {
  const review = ctx.db.select().from(democraticReviews).where(eq(democraticReviews.caseId, row.id)).orderBy(desc(sql`${democraticReviews}.rowid`)).limit(1).get();
  return review ? { reviewDate: review.reviewDate, participants: review.participants, inFavour: review.inFavour, opinion: review.opinion } : null;
}

/** The latest notice the case was posted on, and every objection raised against the case. */
function noticeOf(ctx: Ctx, row: CaseRecord): ApprovalFormModel['notice'] {
  const posted = ctx.db
    .select({ startDate: notices.startDate, endDate: notices.endDate })
    .from(noticeEntries)
    .innerJoin(notices, eq(notices.id, noticeEntries.noticeId))
    .where(eq(noticeEntries.caseId, row.id))
    .orderBy(desc(sql`${noticeEntries}.rowid`))
    .limit(1)
    .get();
  if (!posted) return null;
  const objections = ctx.db.select({ n: count() }).from(noticeObjections).where(eq(noticeObjections.caseId, row.id)).get();
  return { ...posted, objections: objections?.n ?? 0 };
}

function decisionOf(ctx: Ctx, row: CaseRecord): ApprovalFormModel['decision'] {
  const decision = ctx.db.select().from(decisions).where(eq(decisions.caseId, row.id)).orderBy(desc(sql`${decisions}.rowid`)).limit(1).get();
  if (!decision) return null;
  const outcome = decision.outcome;
  // Only a monthly amount has a period; a one-off grant prints none whatever an old row holds.
  const monthly = RELIEF_AMOUNT_BASIS[caseReliefType(row)] === 'monthly';
  return {
    outcomeLabel: OUTCOME_LABELS[outcome],
    opinion: decision.opinion,
    amount: decision.amountFen === null ? null : { fen: decision.amountFen, capitals: amountInCapitals(decision.amountFen) },
    periodStart: monthly ? decision.periodStart : null,
    periodMonths: monthly ? decision.periodMonths : null,
    refusalReasons: decision.refusalReasons,
    approverName: userName(ctx, decision.decidedBy),
    decidedDate: businessDate(new Date(decision.decidedAt)),
  };
}

export function approvalForm(ctx: Ctx, row: CaseRecord): ApprovalFormModel {
  if (row.byReferral) {
    throw new DomainError('CONFLICT', `${RELIEF_TYPE_LABELS[caseReliefType(row)]}由部门办理，不使用审核审批表，请打印转办告知书`);
  }
  if (caseState(row) === 'withdrawn') throw new DomainError('CONFLICT', `案件${CASE_STATE_LABELS.withdrawn}，不再审核审批`);
  const members = membersOf(ctx, row);
  const adultCount = members.filter((m) => m.adult).length;
  return {
    kind: 'approval_form',
    ...documentHead(ctx, row),
    ...applicantOf(ctx, row),
    ...householdOf(ctx, row),
    reason: row.reason,
    amountBasis: RELIEF_AMOUNT_BASIS[caseReliefType(row)],
    members,
    adultCount,
    minorCount: members.length - adultCount,
    ...aidOf(ctx, row),
    acceptance: {
      handlerName: userName(ctx, row.acceptedBy),
      acceptedDate: row.acceptedDate,
      opinion: row.commitmentRoute ? '申请材料齐全（部分证明以告知承诺替代），符合受理条件，同意受理。' : '申请材料齐全，符合受理条件，同意受理。',
    },
    economicCheck: checkOf(ctx, row),
    investigation: investigationOf(ctx, row),
    reviewRequired: row.requiresReview,
    review: reviewOf(ctx, row),
    notice: noticeOf(ctx, row),
    decision: decisionOf(ctx, row),
  };
}
