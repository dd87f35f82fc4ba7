// Test support (tests, the crash child, the reserve bench): runs reserve-ledger and payout
// services the way dispatch() runs a mutation (one BEGIN IMMEDIATE transaction, a ctx built as
// dispatch builds it, the audit row and the change-log rows appended before COMMIT; a throw
// rolls everything back), and makes the approved temporary-relief cases payouts are made for.
import type { InputOf, OutputOf, ProcedureName, ReliefCause } from '../contract';
import type { Actor, AppDeps, AuditEntry, Ctx } from '../services/context';
import { appendAudit, appendChanges, changesDigest, logged } from '../services/audit';
import { formatCaseNo } from '../services/cases/caseNumbers';
import { requireCase } from '../services/cases/records';
import { applyCaseEvent } from '../services/cases/transitions';
import { DEFAULT_CATALOGUE } from '../services/catalogue/defaults';
import { assert } from '../services/errors';
import { businessDate } from '../services/time';

/** A ctx as dispatch() builds one for `actor`, now; the audit row's entity and notes go into `entry`. */
export function serviceCtx(app: AppDeps, actor: Actor, entry: AuditEntry = { action: 'test', entityType: null, entityId: null, detail: {} }): Ctx {
  const now = app.clock.now();
  return {
    ...app,
    actor,
    sessionToken: null,
    nowIso: now.toISOString(),
    today: sameDay(now),
    changes: [],
    audit: {
      entity: (type, id) => {
        entry.entityType = type;
        entry.entityId = id;
      },
      note: (fields) => Object.assign(entry.detail, fields),
      actAs: () => undefined,
      extra: () => undefined,
    },
    afterCommit: () => undefined,
    afterCommitAsync: () => undefined,
  };
}

// The property test builds a ctx per step (tens of thousands) on a clock that stands still.
let lastDay = { ms: Number.NaN, date: '' };
function sameDay(now: Date): string {
  if (now.getTime() !== lastDay.ms) lastDay = { ms: now.getTime(), date: businessDate(now) };
  return lastDay.date;
}

export function ledgerCall<T>(app: AppDeps, actor: Actor, action: string, fn: (ctx: Ctx) => T): T {
  const entry: AuditEntry = { action, entityType: null, entityId: null, detail: {} };
  const ctx = serviceCtx(app, actor, entry);
  const client = app.db.$client;
  client.exec('BEGIN IMMEDIATE');
  try {
    const value = fn(ctx);
    const changes = logged(ctx.changes);
    if (changes.length > 0) entry.detail.changes = { count: changes.length, sha256: changesDigest(changes) };
    const seq = appendAudit(app.db, ctx.nowIso, actor, entry);
    appendChanges(app.db, ctx.nowIso, seq, changes);
    client.exec('COMMIT');
    return value;
  } catch (error) {
    if (client.inTransaction) client.exec('ROLLBACK');
    throw error;
  }
}

// ---- temporary-relief cases for the payout tests and the bench ----------------------------

/** A call through dispatch() that throws unless ok (TestApp.must, the bench's must). */
export type Must = <N extends ProcedureName>(name: N, input: InputOf<N>, token: string | null) => OutputOf<N>;

/** Who works the cases: the clerk accepts them, the approver (someone else) decides and pays. */
export interface ReliefDesk {
  app: AppDeps;
  must: Must;
  clerk: { id: string; token: string };
  approverToken: string;
}

export interface PooledCase {
  id: string;
  caseNo: string;
  /** The approved decision's amount; null for a case not decided yet (先行救助). */
  amountFen: number | null;
}

const LINSHI = DEFAULT_CATALOGUE.find((i) => i.reliefType === 'linshi');

/** A temporary-relief application by the household's applicant, every material received: state 'accepted'. */
export function acceptedReliefCase(desk: ReliefDesk, household: { id: string; applicantPersonId: string }): PooledCase {
  assert(LINSHI, 'the default catalogue has 临时救助');
  const [summary] = desk.must(
    'cases.intake',
    {
      householdId: household.id,
      applicantPersonId: household.applicantPersonId,
      channel: 'window',
      assistantName: null,
      reason: '房屋失火，生活暂时困难',
      commitmentRoute: false,
      kinds: [{ reliefType: 'linshi', category: LINSHI.categories[0] ?? null, materials: LINSHI.materials.map((m) => ({ materialId: m.id, status: 'received' as const })) }],
    },
    desk.clerk.token,
  ).cases;
  assert(summary?.state === 'accepted', 'a complete temporary relief application is accepted');
  return { id: summary.id, caseNo: summary.caseNo, amountFen: null };
}

/**
 * A temporary-relief case decided 'approved' for amountFen: intake and decision through
 * dispatch, the steps between (check, investigation, notice) driven straight through the life
 * cycle, as their own procedures are tested elsewhere and the decision reads only the state.
 */
export function approvedReliefCase(desk: ReliefDesk, household: { id: string; applicantPersonId: string }, amountFen: number, cause: ReliefCause = 'fire'): PooledCase {
  const accepted = acceptedReliefCase(desk, household);
  const ctx = serviceCtx(desk.app, { userId: desk.clerk.id, username: 'clerk', roles: ['clerk'] });
  desk.app.db.$client.transaction(() => {
    for (const event of ['check_started', 'check_completed', 'investigation_completed', 'notice_started', 'notice_ended'] as const) {
      applyCaseEvent(ctx, requireCase(ctx, accepted.id), event, '测试推进');
    }
  })();
  const decided = desk.must(
    'decisions.decide',
    { caseId: accepted.id, outcome: 'approved', amountFen, periodStart: null, periodMonths: null, opinion: '同意临时救助', refusalReasons: null, cause, repeatReason: null },
    desk.approverToken,
  );
  assert(decided.state === 'approved', `case ${accepted.caseNo} approved`);
  return { ...accepted, amountFen };
}

/**
 * Copies of an approved temporary-relief case (its case and decision rows, new ids and the
 * next case numbers, each decision for the amount `amountOf(i)` gives), written straight to
 * SQLite in one transaction: the crash test and the bench pay thousands of cases, and driving
 * each through dispatch would take minutes. Approve and pay read only these two rows.
 */
export function copiesOfApprovedCase(app: AppDeps, template: PooledCase, count: number, amountOf: (i: number) => number): PooledCase[] {
  const client = app.db.$client;
  const row = client.prepare('SELECT * FROM cases WHERE id = ?').get(template.id) as Record<string, unknown> & { case_no: string; state: string };
  assert(row.state === 'approved', `template case ${template.caseNo} is approved`);
  const [townCode, year] = row.case_no.split('-');
  assert(townCode && year, `case number ${row.case_no}`);
  const sequenceId = `${townCode}-${year}`;
  const columns = Object.keys(row);
  const insertCase = client.prepare(`INSERT INTO cases (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
  const insertDecision = client.prepare(
    `INSERT INTO decisions (id, case_id, outcome, amount_fen, period_start, period_months, opinion, refusal_reasons, cause, repeat_reason, decided_by, decided_at)
     SELECT @id, @caseId, outcome, @amountFen, period_start, period_months, opinion, refusal_reasons, cause, repeat_reason, decided_by, decided_at
     FROM decisions WHERE case_id = @templateId`,
  );
  const copies: PooledCase[] = [];
  client.transaction(() => {
    const { last } = client.prepare('SELECT last_seq AS last FROM case_sequences WHERE id = ?').get(sequenceId) as { last: number };
    for (let i = 0; i < count; i++) {
      const id = app.ids.newId();
      const caseNo = formatCaseNo(townCode, Number(year), last + 1 + i);
      insertCase.run({ ...row, id, case_no: caseNo, application_id: app.ids.newId() });
      const amountFen = amountOf(i);
      assert(insertDecision.run({ id: app.ids.newId(), caseId: id, amountFen, templateId: template.id }).changes === 1, 'the template has one decision');
      copies.push({ id, caseNo, amountFen });
    }
    client.prepare('UPDATE case_sequences SET last_seq = ? WHERE id = ?').run(last + count, sequenceId);
  })();
  return copies;
}
