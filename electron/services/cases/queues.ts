import { and, asc, count, eq, inArray, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { cases, noticeEntries, notices, persons, referrals } from '../../../db/schema';
import { CASE_STATE_LABELS, LIMITS, WORK_QUEUES, type CaseState, type Role, type WorkQueue, type WorkQueues } from '../../contract';
import type { Ctx } from '../context';
import { assert } from '../errors';
import { OPEN_STATES } from './lifecycle';
import { parseCaseState } from './records';
import { kindOf } from './steps/kinds';

// The work queues (我的待办, DOMAIN.md §4 "overdue cases must be visible to the town"): for each
// step, how many cases wait and the first of them, oldest date first. Each queue is one
// indexed query (cases_state_idx on (state, promised_date); referrals_due_idx), never a scan
// filtered in JavaScript.

const QUEUE_LABELS: Record<WorkQueue, string> = {
  materials_incomplete: '待补齐材料',
  to_check: '待发起核对',
  to_refer: '待转办',
  checking: '核对中',
  investigating: '待入户调查',
  reviewing: '待民主评议',
  ready_for_notice: '待公示',
  in_notice: '公示中',
  deciding: '待审核确认',
  referred: '转办待答复',
  overdue: '超过承诺办结日期',
  referral_overdue: '转办超期未答复',
};

const ROLE_QUEUES: Partial<Record<Role, readonly WorkQueue[]>> = {
  clerk: [
    'materials_incomplete',
    'to_check',
    'to_refer',
    'checking',
    'investigating',
    'reviewing',
    'ready_for_notice',
    'in_notice',
    'referred',
    'overdue',
    'referral_overdue',
  ],
  approver: ['deciding', 'overdue'],
};

type DateKind = WorkQueues['queues'][number]['rows'][number]['dateKind'];

interface QueueDef {
  where: SQL;
  dateKind: DateKind;
  date: SQL<string>;
}

// The end of the notice the case is on now (its latest entry, by notice_entries_case_idx).
const noticeEnd = sql<string>`(SELECT ${notices.endDate} FROM ${noticeEntries} JOIN ${notices} ON ${notices.id} = ${noticeEntries.noticeId}
  WHERE ${noticeEntries.caseId} = ${cases.id} ORDER BY ${noticeEntries}.rowid DESC LIMIT 1)`;
const promised = sql<string>`${cases.promisedDate}`;
const due = sql<string>`${referrals.dueDate}`;

/** All of the conditions (drizzle's and() may return undefined; these never do). */
function all(...conditions: SQL[]): SQL {
  return sql.join(
    conditions.map((c) => sql`(${c})`),
    sql` AND `,
  );
}

function queueDef(queue: WorkQueue, today: string): QueueDef {
  const inState = (state: CaseState): SQL => eq(cases.state, state);
  const byPromise = (where: SQL): QueueDef => ({ where, dateKind: 'promised', date: promised });
  switch (queue) {
    case 'materials_incomplete':
    case 'checking':
    case 'investigating':
    case 'reviewing':
    case 'ready_for_notice':
    case 'deciding':
      return byPromise(inState(queue));
    case 'to_check':
      return byPromise(all(inState('accepted'), eq(cases.byReferral, false)));
    case 'to_refer':
      return byPromise(all(inState('accepted'), eq(cases.byReferral, true)));
    case 'in_notice':
      return { where: inState('in_notice'), dateKind: 'notice_end', date: noticeEnd };
    case 'overdue':
      return byPromise(all(inArray(cases.state, [...OPEN_STATES]), lt(cases.promisedDate, today)));
    case 'referred':
      return { where: all(inState('referred'), isNotNull(referrals.id)), dateKind: 'referral_due', date: due };
    case 'referral_overdue':
      return { where: all(isNotNull(referrals.id), lt(referrals.dueDate, today)), dateKind: 'referral_due', date: due };
  }
}

/** Whole calendar days from `date` to `today`, zero when not yet past. */
export function daysOverdue(date: string, today: string): number {
  const days = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000);
  return Math.max(0, days);
}

function runQueue(ctx: Ctx, queue: WorkQueue): WorkQueues['queues'][number] {
  const def = queueDef(queue, ctx.today);
  // A case has at most one unanswered referral (it is referred once, from 'accepted').
  const openReferral = and(eq(referrals.caseId, cases.id), isNull(referrals.answeredDate));
  const total = ctx.db.select({ n: count() }).from(cases).leftJoin(referrals, openReferral).where(def.where).get();
  const rows = ctx.db
    .select({
      caseId: cases.id,
      caseNo: cases.caseNo,
      reliefType: cases.reliefType,
      state: cases.state,
      applicantName: persons.name,
      date: def.date,
    })
    .from(cases)
    .innerJoin(persons, eq(persons.id, cases.applicantPersonId))
    .leftJoin(referrals, openReferral)
    .where(def.where)
    .orderBy(asc(def.date), asc(cases.caseNo))
    .limit(LIMITS.queueRowsMax)
    .all();
  return {
    queue,
    label: QUEUE_LABELS[queue],
    count: total?.n ?? 0,
    rows: rows.map((r) => {
      const state = parseCaseState(r.state);
      assert(r.date, `case ${r.caseId} in queue ${queue} has no date`);
      return {
        caseId: r.caseId,
        caseNo: r.caseNo,
        applicantName: r.applicantName,
        ...kindOf(r.reliefType),
        state,
        stateLabel: CASE_STATE_LABELS[state],
        dateKind: def.dateKind,
        date: r.date,
        daysOverdue: daysOverdue(r.date, ctx.today),
      };
    }),
  };
}

export function myQueues(ctx: Ctx): WorkQueues {
  assert(ctx.actor, 'queues.mine needs a session');
  const mine = new Set(ctx.actor.roles.flatMap((role) => ROLE_QUEUES[role] ?? []));
  return { queues: WORK_QUEUES.filter((q) => mine.has(q)).map((q) => runQueue(ctx, q)) };
}
