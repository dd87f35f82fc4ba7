import dayjs from 'dayjs';
import { and, desc, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import { cases, decisions, payouts } from '../../../db/schema';
import { formatYuan, LIMITS, RELIEF_CAUSE_LABELS, RELIEF_CAUSES, type AidHistory, type ReliefCause } from '../../contract';
import type { Ctx } from '../context';
import { assert } from '../errors';
import { kindOf } from '../cases/steps/kinds';
import type { Issue } from '../cases/issues';
import { GRANTED_FEN } from '../documents/approvalForm';
import { getSettings, townReliefLimitFen } from '../settings';
import { businessDate } from '../time';

// The household's aid (DOMAIN.md §5), shown on every temporary-relief screen, and the two
// rules temporary relief is held to wherever it is granted (the decision, the emergency
// payout): the town's limit and the repeat rule.
//
// Aid is what the household was given: temporary relief by its payouts (approved or paid: the
// money is promised), other kinds by their approved decisions (a monthly amount times its
// months, as the approval form sums it). An approved temporary-relief decision shows through
// its payout; the repeat rule also reads the decision, so an approval not yet paid still counts.

/** Rows read per source: a household has a handful; the bound keeps a broken file from flooding. */
const SOURCE_ROWS_MAX = LIMITS.reserveListRowsMax;

/** The stored cause (RELIEF_CAUSES), checked once on the way out. */
export function parseCause(value: string): ReliefCause {
  const cause = RELIEF_CAUSES.find((c) => c === value);
  assert(cause, `unknown relief cause ${value} stored`);
  return cause;
}

/** The first business date inside a window of `months` ending on `asOf`. */
export function windowStart(asOf: string, months: number): string {
  return dayjs(asOf).subtract(months, 'month').format('YYYY-MM-DD');
}

type Entry = AidHistory['entries'][number];

function payoutEntries(ctx: Ctx, householdId: string): Omit<Entry, 'inWindow'>[] {
  const rows = ctx.db
    .select({
      caseId: cases.id,
      caseNo: cases.caseNo,
      reliefType: cases.reliefType,
      amountFen: payouts.amountFen,
      cause: payouts.cause,
      paidDate: payouts.paidDate,
      approvedAt: payouts.approvedAt,
    })
    .from(cases)
    .innerJoin(payouts, eq(payouts.caseId, cases.id))
    .where(and(eq(cases.householdId, householdId), ne(payouts.state, 'cancelled')))
    .limit(SOURCE_ROWS_MAX)
    .all();
  return rows.map((r) => {
    const cause = parseCause(r.cause);
    return {
      date: r.paidDate ?? businessDate(new Date(r.approvedAt)),
      caseId: r.caseId,
      caseNo: r.caseNo,
      ...kindOf(r.reliefType),
      amountFen: r.amountFen,
      cause,
      causeLabel: RELIEF_CAUSE_LABELS[cause],
    };
  });
}

function decisionEntries(ctx: Ctx, householdId: string): Omit<Entry, 'inWindow'>[] {
  const rows = ctx.db
    .select({ caseId: cases.id, caseNo: cases.caseNo, reliefType: cases.reliefType, grantedFen: GRANTED_FEN, decidedAt: decisions.decidedAt })
    .from(cases)
    .innerJoin(decisions, eq(decisions.caseId, cases.id))
    .where(and(eq(cases.householdId, householdId), ne(cases.reliefType, 'linshi'), eq(decisions.outcome, 'approved'), isNotNull(decisions.amountFen)))
    .limit(SOURCE_ROWS_MAX)
    .all();
  return rows.map((r) => ({
    date: businessDate(new Date(r.decidedAt)),
    caseId: r.caseId,
    caseNo: r.caseNo,
    ...kindOf(r.reliefType),
    amountFen: Number(r.grantedFen),
    cause: null,
    causeLabel: null,
  }));
}

/** The household's aid, newest first (at most LIMITS.aidHistoryRowsMax), counted over the window ending on asOf. */
export function aidHistory(ctx: Ctx, householdId: string, asOf: string, windowMonths: number): AidHistory {
  const sinceDate = windowStart(asOf, windowMonths);
  const all = [...payoutEntries(ctx, householdId), ...decisionEntries(ctx, householdId)]
    .map((e) => ({ ...e, inWindow: e.date >= sinceDate && e.date <= asOf }))
    .sort((a, b) => (a.date === b.date ? b.caseNo.localeCompare(a.caseNo) : b.date.localeCompare(a.date)));
  const inWindow = all.filter((e) => e.inWindow);
  return {
    windowMonths,
    sinceDate,
    count: inWindow.length,
    totalFen: inWindow.reduce((s, e) => s + e.amountFen, 0),
    entries: all.slice(0, LIMITS.aidHistoryRowsMax),
  };
}

// ---- the rules of temporary relief ----------------------------------------------------------

/** The town's limit today, refused above it (the district approves more: 报区级审批). */
export function limitIssue(ctx: Ctx, amountFen: number): Issue | null {
  const limitFen = townReliefLimitFen(getSettings(ctx.db), ctx.today);
  return amountFen > limitFen ? { path: 'amountFen', message: `超出镇街审批限额（${formatYuan(limitFen)}），应报区级审批` } : null;
}

interface Earlier {
  date: string;
  caseNo: string;
}

/**
 * The latest earlier temporary relief of the household for the same cause within the repeat
 * window: a live payout, or an approved decision (paid or not yet). The case itself is left
 * out: its own emergency payout and its decision are one grant.
 */
export function earlierForCause(ctx: Ctx, householdId: string, caseId: string, cause: ReliefCause): Earlier | null {
  const since = windowStart(ctx.today, getSettings(ctx.db).repeatWindowMonths);
  const sameHousehold = and(eq(cases.householdId, householdId), ne(cases.id, caseId));
  const paid = ctx.db
    .select({ caseNo: cases.caseNo, paidDate: payouts.paidDate, approvedAt: payouts.approvedAt })
    .from(cases)
    .innerJoin(payouts, eq(payouts.caseId, cases.id))
    .where(and(sameHousehold, inArray(payouts.state, ['approved', 'paid']), eq(payouts.cause, cause)))
    .limit(SOURCE_ROWS_MAX)
    .all()
    .map((r) => ({ caseNo: r.caseNo, date: r.paidDate ?? businessDate(new Date(r.approvedAt)) }));
  const decided = ctx.db
    .select({ caseNo: cases.caseNo, decidedAt: decisions.decidedAt })
    .from(cases)
    .innerJoin(decisions, eq(decisions.caseId, cases.id))
    .where(and(sameHousehold, eq(cases.reliefType, 'linshi'), eq(decisions.outcome, 'approved'), eq(decisions.cause, cause)))
    .orderBy(desc(sql`${decisions}.rowid`))
    .limit(SOURCE_ROWS_MAX)
    .all()
    .map((r) => ({ caseNo: r.caseNo, date: businessDate(new Date(r.decidedAt)) }));
  const within = [...paid, ...decided].filter((e) => e.date >= since && e.date <= ctx.today).sort((a, b) => b.date.localeCompare(a.date));
  return within[0] ?? null;
}

/** A repeat for the same cause within the window needs the approver's written reason. */
export function repeatIssue(ctx: Ctx, householdId: string, caseId: string, cause: ReliefCause, repeatReason: string | null): Issue | null {
  if (repeatReason !== null && repeatReason.trim() !== '') return null;
  const earlier = earlierForCause(ctx, householdId, caseId, cause);
  if (!earlier) return null;
  const months = getSettings(ctx.db).repeatWindowMonths;
  return {
    path: 'repeatReason',
    message: `本户已于 ${earlier.date} 因“${RELIEF_CAUSE_LABELS[cause]}”获得临时救助（案件 ${earlier.caseNo}），${months} 个月内同一原因再次救助须填写理由`,
  };
}
