import type Database from 'better-sqlite3';
import { CASE_STATE_LABELS, LIMITS, WORK_QUEUES, type CaseState, type Role, type WorkQueue, type WorkQueues } from '../../contract';
import type { Ctx } from '../context';
import { assert } from '../errors';
import { preparedOnce } from '../prepared';
import { OPEN_STATES } from './lifecycle';
import { parseCaseState } from './records';
import { kindOf } from './steps/kinds';

// The work queues (我的待办, DOMAIN.md §4 "overdue cases must be visible to the town"): for each
// step, how many cases wait and the first of them, oldest date first. Each queue is a count
// and a row query on an index range (cases_state_idx on (state, promised_date, case_no);
// referrals_due_idx), never a scan filtered in JavaScript: a count reads the index only, and
// the rows are picked on the index, ordered and cut to the limit before the case and the
// applicant are read, so a queue costs its limit, not its length (bench queues.mine). The SQL
// is plain text prepared once per connection (preparedOnce): building it per call cost more
// than running it.

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
  emergency_paperwork: '先行救助待补手续',
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
    'emergency_paperwork',
  ],
  approver: ['deciding', 'overdue', 'emergency_paperwork'],
};

type DateKind = WorkQueues['queues'][number]['rows'][number]['dateKind'];
type Params = Record<string, string | number>;

interface QueueSql {
  dateKind: DateKind;
  /** count(*) AS n of the queue. */
  count: string;
  /** The pick: rid (the case's rowid), date and caseNo of the first rows, ordered and limited. */
  pick: string;
  /** Bound to both; @today and @limit are added. */
  params: Params;
}

interface QueueRow {
  caseId: string;
  caseNo: string;
  reliefType: string;
  state: string;
  applicantName: string;
  date: string | null;
}

// The end of the notice the case is on now (its latest entry, by notice_entries_case_idx).
const NOTICE_END = `(SELECT n.end_date FROM notice_entries e JOIN notices n ON n.id = e.notice_id
  WHERE e.case_id = c.id ORDER BY e.rowid DESC LIMIT 1)`;

// The open states as named parameters, bound in the overdue queue's IN list.
export const OPEN_STATE_PARAMS: Params = Object.fromEntries([...OPEN_STATES].map((state, i) => [`open${i}`, state]));
const OPEN_STATE_LIST = Object.keys(OPEN_STATE_PARAMS).map((name) => `@${name}`).join(', ');

// 先行救助 still owing its paperwork (services/payouts/paperwork.ts reads it too, for the
// town admin's escalations). The walk starts from the
// open cases on cases_state_idx and looks each one's payouts up on payouts_case_idx: owed
// paperwork is found only among open cases, because the decision waits for it. CROSS JOIN
// keeps that order (payouts has no index on the due date to start from).
export const OWED_PAPERWORK = `FROM cases c CROSS JOIN payouts p ON p.case_id = c.id
  WHERE c.state IN (${OPEN_STATE_LIST}) AND p.emergency = 1 AND p.state <> 'cancelled' AND p.paperwork_completed_at IS NULL`;

/** Cases in `where` (over cases c), by promised date: the walk of cases_state_idx. */
function byPromise(where: string, params: Params): Omit<QueueSql, 'dateKind'> {
  return {
    count: `SELECT count(*) AS n FROM cases c WHERE ${where}`,
    pick: `SELECT c.rowid AS rid, c.promised_date AS date, c.case_no AS caseNo FROM cases c
      WHERE ${where} ORDER BY c.promised_date, c.case_no LIMIT @limit`,
    params,
  };
}

function queueSql(queue: WorkQueue): QueueSql {
  switch (queue) {
    case 'materials_incomplete':
    case 'checking':
    case 'investigating':
    case 'reviewing':
    case 'ready_for_notice':
    case 'deciding':
      return { dateKind: 'promised', ...byPromise('c.state = @state', { state: queue satisfies CaseState }) };
    case 'to_check':
    case 'to_refer':
      return {
        dateKind: 'promised',
        ...byPromise('c.state = @state AND c.by_referral = @byReferral', {
          state: 'accepted' satisfies CaseState,
          byReferral: queue === 'to_refer' ? 1 : 0,
        }),
      };
    case 'overdue':
      return { dateKind: 'promised', ...byPromise(`c.state IN (${OPEN_STATE_LIST}) AND c.promised_date < @today`, OPEN_STATE_PARAMS) };
    case 'in_notice':
      return {
        dateKind: 'notice_end',
        count: 'SELECT count(*) AS n FROM cases c WHERE c.state = @state',
        pick: `SELECT c.rowid AS rid, ${NOTICE_END} AS date, c.case_no AS caseNo FROM cases c
          WHERE c.state = @state ORDER BY 2, 3 LIMIT @limit`,
        params: { state: 'in_notice' satisfies CaseState },
      };
    // A case has at most one unanswered referral (it is referred once, from 'accepted').
    case 'referred':
      return {
        dateKind: 'referral_due',
        count: `SELECT count(*) AS n FROM cases c JOIN referrals r ON r.case_id = c.id AND r.answered_date IS NULL
          WHERE c.state = @state`,
        pick: `SELECT c.rowid AS rid, r.due_date AS date, c.case_no AS caseNo
          FROM cases c JOIN referrals r ON r.case_id = c.id AND r.answered_date IS NULL
          WHERE c.state = @state ORDER BY r.due_date, c.case_no LIMIT @limit`,
        params: { state: 'referred' satisfies CaseState },
      };
    case 'emergency_paperwork':
      return {
        dateKind: 'paperwork_due',
        count: `SELECT count(*) AS n ${OWED_PAPERWORK}`,
        pick: `SELECT c.rowid AS rid, p.paperwork_due_date AS date, c.case_no AS caseNo ${OWED_PAPERWORK}
          ORDER BY p.paperwork_due_date, c.case_no LIMIT @limit`,
        params: OPEN_STATE_PARAMS,
      };
    case 'referral_overdue':
      return {
        dateKind: 'referral_due',
        count: `SELECT count(*) AS n FROM referrals r JOIN cases c ON c.id = r.case_id
          WHERE r.answered_date IS NULL AND r.due_date < @today`,
        pick: `SELECT c.rowid AS rid, r.due_date AS date, c.case_no AS caseNo
          FROM referrals r JOIN cases c ON c.id = r.case_id
          WHERE r.answered_date IS NULL AND r.due_date < @today ORDER BY r.due_date, c.case_no LIMIT @limit`,
        params: {},
      };
  }
}

interface PreparedQueue {
  def: QueueSql;
  count: Database.Statement;
  rows: Database.Statement;
  /** Whether the SQL reads @today (better-sqlite3 refuses a named value the SQL does not use). */
  usesToday: boolean;
}

/** The count and the row query of a queue, as prepared (exported for the plan test). */
export function queueStatementsSql(queue: WorkQueue): { def: QueueSql; count: string; rows: string } {
  const def = queueSql(queue);
  return {
    def,
    count: def.count,
    rows: `SELECT c.id AS caseId, c.case_no AS caseNo, c.relief_type AS reliefType, c.state, p.name AS applicantName, k.date
             FROM (${def.pick}) k
             JOIN cases c ON c.rowid = k.rid
             JOIN persons p ON p.id = c.applicant_person_id
            ORDER BY k.date, k.caseNo`,
  };
}

function preparedQueue(ctx: Ctx, queue: WorkQueue): PreparedQueue {
  return preparedOnce(ctx.db, `queues.${queue}`, () => {
    const text = queueStatementsSql(queue);
    const client = ctx.db.$client;
    return {
      def: text.def,
      count: client.prepare(text.count),
      rows: client.prepare(text.rows),
      usesToday: text.def.count.includes('@today'),
    };
  });
}

/** Whole calendar days from `date` to `today`, zero when not yet past. */
export function daysOverdue(date: string, today: string): number {
  const days = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000);
  return Math.max(0, days);
}

function runQueue(ctx: Ctx, queue: WorkQueue, overdueDays: (date: string) => number): WorkQueues['queues'][number] {
  const q = preparedQueue(ctx, queue);
  const params: Params = q.usesToday ? { ...q.def.params, today: ctx.today } : q.def.params;
  const total = q.count.get(params) as { n: number } | undefined;
  const rows = q.rows.all({ ...params, limit: LIMITS.queueRowsMax }) as QueueRow[];
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
        dateKind: q.def.dateKind,
        date: r.date,
        daysOverdue: overdueDays(r.date),
      };
    }),
  };
}

export function myQueues(ctx: Ctx): WorkQueues {
  assert(ctx.actor, 'queues.mine needs a session');
  const mine = new Set(ctx.actor.roles.flatMap((role) => ROLE_QUEUES[role] ?? []));
  // Many rows share a date (the queues overlap, deadlines bunch): each date is reckoned once.
  const reckoned = new Map<string, number>();
  const overdueDays = (date: string): number => {
    let days = reckoned.get(date);
    if (days === undefined) reckoned.set(date, (days = daysOverdue(date, ctx.today)));
    return days;
  };
  return { queues: WORK_QUEUES.filter((q) => mine.has(q)).map((q) => runQueue(ctx, q, overdueDays)) };
}
