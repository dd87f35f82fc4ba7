import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, WORK_QUEUES, type HouseholdView, type WorkQueue, type WorkQueues } from '../../contract';
import { COUNTER_PASSWORD, counterUser, daysLater, driveCase, readyForNotice } from '../../testing/caseDriving';
import { intakeForm, materialsOf, registerFamily } from '../../testing/caseFixtures';
import { ADMIN, createTestApp, SETUP_TIMEOUT_MS, setUpTown, VILLAGE_CODE, type TestApp } from '../../testing/testApp';
import { queueStatementsSql } from './queues';

// queues.mine: what waits at each step for the caller's roles, and what is overdue.

let t: TestApp;
let admin: string;
let clerk: { id: string; token: string };
let approver: string;
let both: string;
let wu: HouseholdView;

beforeAll(() => {
  t = createTestApp();
  const tokens = setUpTown(t);
  admin = tokens.admin;
  clerk = tokens.clerk;
  approver = tokens.approver.token;
  both = counterUser(t, admin, 'chief1', ['clerk', 'approver']).token;
  wu = registerFamily(t, clerk.token, '吴');
}, SETUP_TIMEOUT_MS);
afterAll(() => t.close());

function queue(view: WorkQueues, name: WorkQueue) {
  const found = view.queues.find((q) => q.queue === name);
  if (!found) throw new Error(`no queue ${name}`);
  return found;
}

function intake(reliefType: 'dibao' | 'yiliao', missing = false): string {
  const materials = materialsOf(reliefType, (m) => (missing && m.id === 'income_statement' ? 'missing' : 'received'));
  const [summary] = t.must('cases.intake', intakeForm(wu, reliefType, { kinds: [{ reliefType, category: null, materials }] }), clerk.token).cases;
  if (!summary) throw new Error('no case');
  return summary.id;
}

describe('queues.mine', () => {
  let incomplete: string;
  let toCheck: string;
  let referred: string;
  let inNotice: string;
  let toDecide: string;

  it('lists each step for the clerk, the decisions for the approver, and both for a user with both roles', () => {
    incomplete = intake('dibao', true);
    toCheck = intake('dibao');
    referred = intake('yiliao');
    expect(queue(t.must('queues.mine', {}, clerk.token), 'to_refer').rows.map((r) => r.caseId)).toEqual([referred]);
    t.must('referrals.send', { caseId: referred }, clerk.token);
    readyForNotice(t, clerk, wu);
    inNotice = readyForNotice(t, clerk, wu);
    const notice = t.must('notices.create', { villageCode: VILLAGE_CODE, startDate: '2026-11-28', entries: [{ caseId: inNotice, proposedAmountFen: null }] }, clerk.token);
    toDecide = readyForNotice(t, clerk, wu);
    driveCase(t, toDecide, clerk.id, ['notice_started', 'notice_ended']);

    const mine = t.must('queues.mine', {}, clerk.token);
    expect(mine.queues.map((q) => q.queue)).toEqual([
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
    ]);
    expect(queue(mine, 'materials_incomplete').rows.map((r) => r.caseId)).toEqual([incomplete]);
    // A referral kind is accepted too, but it is referred, never checked.
    expect(queue(mine, 'to_check')).toMatchObject({ count: 1, rows: [{ caseId: toCheck, applicantName: '吴一', kindLabel: '最低生活保障', stateLabel: '已受理', dateKind: 'promised' }] });
    expect(queue(mine, 'to_refer').count).toBe(0);
    expect(queue(mine, 'ready_for_notice').count).toBe(1);
    expect(queue(mine, 'in_notice').rows).toEqual([expect.objectContaining({ caseId: inNotice, dateKind: 'notice_end', date: notice.endDate, daysOverdue: 0 })]);
    expect(queue(mine, 'referred').rows).toEqual([expect.objectContaining({ caseId: referred, dateKind: 'referral_due', date: '2026-12-18' })]);
    expect(queue(mine, 'overdue').count).toBe(0);

    const decider = t.must('queues.mine', {}, approver);
    expect(decider.queues.map((q) => q.queue)).toEqual(['deciding', 'overdue', 'emergency_paperwork']);
    expect(queue(decider, 'deciding').rows.map((r) => r.caseId)).toEqual([toDecide]);
    expect(t.must('queues.mine', {}, both).queues).toHaveLength(13);
  });

  it('shows cases past their promised date and referrals past their due date, with the days over', () => {
    daysLater(t, 60, [
      { token: admin, password: ADMIN.password },
      { token: clerk.token, password: COUNTER_PASSWORD },
      { token: approver, password: COUNTER_PASSWORD },
      { token: both, password: COUNTER_PASSWORD },
    ]); // 2027-01-27
    const mine = t.must('queues.mine', {}, clerk.token);
    const overdue = queue(mine, 'overdue');
    // Six open cases: every one promised within 30 working days of 2026-11-28.
    expect(overdue.count).toBe(6);
    const promisedDibao = overdue.rows.find((r) => r.caseId === toCheck);
    expect(promisedDibao?.daysOverdue).toBeGreaterThan(0);
    expect(promisedDibao?.daysOverdue).toBe(Math.round((Date.parse('2027-01-27') - Date.parse(promisedDibao?.date ?? '')) / 86_400_000));
    // Oldest first: the referral's promised date (15 working days) comes before the rest.
    expect(overdue.rows[0]?.caseId).toBe(referred);
    expect(queue(mine, 'referral_overdue').rows).toEqual([expect.objectContaining({ caseId: referred, date: '2026-12-18', daysOverdue: 40 })]);
    // The notice ended on 2026-12-05 and nobody closed it: its row says so.
    expect(queue(mine, 'in_notice').rows[0]?.daysOverdue).toBe(53);
    expect(queue(t.must('queues.mine', {}, approver), 'overdue').count).toBe(6);

    t.must('referrals.answer', { caseId: referred, answer: '已办理', answeredDate: '2027-01-27' }, clerk.token);
    const after = t.must('queues.mine', {}, clerk.token);
    expect(queue(after, 'referral_overdue').count).toBe(0);
    expect(queue(after, 'overdue').count).toBe(5);
  });
});

describe('queues.mine at scale', () => {
  it('reads every queue on an index: no statement scans a table', () => {
    for (const q of WORK_QUEUES) {
      const text = queueStatementsSql(q);
      const params = { ...text.def.params, today: '2026-11-28', limit: LIMITS.queueRowsMax };
      for (const [which, source] of [['count', text.count], ['rows', text.rows]] as const) {
        const used = Object.fromEntries(Object.entries(params).filter(([name]) => source.includes(`@${name}`)));
        const plan = (t.app.db.$client.prepare(`EXPLAIN QUERY PLAN ${source}`).all(used) as { detail: string }[]).map((r) => r.detail);
        // SCAN k is the picked rows (at most the limit); SCAN of a table would read all of it.
        expect(plan.filter((d) => d.startsWith('SCAN') && d !== 'SCAN k'), `${q} ${which}: ${plan.join(' | ')}`).toEqual([]);
        if (which === 'count' && !source.includes('JOIN')) expect(plan.join(' | ')).toContain('COVERING INDEX cases_state_idx');
      }
    }
  });

  it('counts the whole queue but lists the first rows only, by date then case number', () => {
    const extra = LIMITS.queueRowsMax + 2;
    const before = queue(t.must('queues.mine', {}, clerk.token), 'to_check').count;
    for (let i = 0; i < extra; i++) intake('dibao');
    const toCheck = queue(t.must('queues.mine', {}, clerk.token), 'to_check');
    expect(toCheck.count).toBe(before + extra);
    expect(toCheck.rows).toHaveLength(LIMITS.queueRowsMax);
    const keys = toCheck.rows.map((r) => `${r.date} ${r.caseNo}`);
    expect(keys).toEqual([...keys].sort());
  });
});
