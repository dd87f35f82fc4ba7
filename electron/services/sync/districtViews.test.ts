import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_STATES, RELIEF_TYPES } from '../../contract';
import { driveCase, readyForNotice } from '../../testing/caseDriving';
import { intakeForm, madeUpId, registerFamily } from '../../testing/caseFixtures';
import { copyToDistrict, districtCtx, districtRun, enrolTown, familyWith, paidLinshi, townRun, type TownRun } from '../../testing/districtStore';
import { codeOf, SETUP_TIMEOUT_MS, VILLAGE_CODE, type TestApp } from '../../testing/testApp';
import { OPEN_STATES } from '../cases/lifecycle';
import { raiseAlert } from './alerts';
import { districtCases, districtTowns, missingSequences } from './districtViews';

// The district console's views over a store built from two real towns' change logs: 阴平镇 (A,
// 2026-11-28: a paid 先行救助, two 低保 cases submitted to the district, one just accepted, a
// reimbursement claim) and 底阁镇 (B, 2026-10-15: a paid 先行救助). What the views count is
// checked against the towns' own tables.

const A = '370404101';
const B = '370404102';

let townA: TownRun;
let townB: TownRun;
let district: TestApp;
let admin: string;
const ids = { linshiA: '', submitted: '', decidedByDistrict: '', accepted: '', linshiB: '' };
let claimNo = '';
let reserveA = { balanceFen: 0, heldFen: 0, availableFen: 0 };

function toDistrict(town: TownRun, caseId: string, amountFen: number): void {
  driveCase(town.t, caseId, town.clerk.id, ['notice_started', 'notice_ended']);
  town.t.must(
    'decisions.decide',
    { caseId, outcome: 'submitted_to_district', amountFen, periodStart: null, periodMonths: null, opinion: '超出镇街审批权限，报区级审批', refusalReasons: null },
    town.approver.token,
  );
}

beforeAll(() => {
  townB = townRun(B, '370404102215', '2025-10-15');
  ids.linshiB = paidLinshi(townB, familyWith(townB, '钱', [madeUpId('19750505', 951)]), 20_000).caseId;

  townA = townRun(A, VILLAGE_CODE, '2026-11-28');
  const zhang = registerFamily(townA.t, townA.clerk.token, '张');
  const paid = paidLinshi(townA, zhang, 100_000);
  ids.linshiA = paid.caseId;
  ids.submitted = readyForNotice(townA.t, townA.clerk, registerFamily(townA.t, townA.clerk.token, '李'), 'dibao');
  toDistrict(townA, ids.submitted, 60_000);
  ids.decidedByDistrict = readyForNotice(townA.t, townA.clerk, registerFamily(townA.t, townA.clerk.token, '王'), 'dibao');
  toDistrict(townA, ids.decidedByDistrict, 45_000);
  const zhao = registerFamily(townA.t, townA.clerk.token, '赵');
  ids.accepted = townA.t.must('cases.intake', intakeForm(zhao, 'dibao'), townA.clerk.token).cases[0]?.id ?? '';
  claimNo = townA.t.must('reserve.submitClaim', { id: uuidv7(), periodStart: paid.paidDate, periodEnd: paid.paidDate }, townA.admin).claim.claimNo;
  const summary = townA.t.must('reserve.summary', {}, townA.admin);
  reserveA = { balanceFen: summary.balanceFen, heldFen: summary.heldFen, availableFen: summary.availableFen };

  ({ t: district, admin } = districtRun());
  enrolTown(district, A, '阴平镇');
  enrolTown(district, B, '底阁镇');
  copyToDistrict(townB, district, 1);
  copyToDistrict(townA, district, 2);
  const db = district.app.db.$client;
  // A's last package was 2 and stated its reserve; 4 and 6 came early and wait for 3 and 5.
  db.prepare(
    `UPDATE sync_peers SET last_sequence = 2, last_created_at = '2026-11-27T22:00:00.000+08:00', last_imported_at = '2026-11-28T01:30:00.000Z',
       reserve_balance_fen = ?, reserve_held_fen = ?, reserve_available_fen = ? WHERE code = ?`,
  ).run(reserveA.balanceFen, reserveA.heldFen, reserveA.availableFen, A);
  db.prepare(`UPDATE sync_peers SET last_sequence = 1 WHERE code = ?`).run(B);
  const hold = db.prepare(`INSERT INTO sync_held (peer_code, sequence, package_sha256, file_name, content, received_at) VALUES (?, ?, ?, ?, ?, ?)`);
  for (const s of [6, 4]) hold.run(A, s, `${s}`.repeat(64), `town-${A}-${s}.rdpkg`, Buffer.from('x'), '2026-11-28T01:00:00.000Z');
  db.prepare(`INSERT INTO sync_quarantine (peer_code, sequence, file_name, package_sha256, code, message, at) VALUES (?, 2, 'fork.rdpkg', ?, 'FORK', '同一序号不同数据包', ?)`).run(
    A,
    'e'.repeat(64),
    '2026-11-28T01:00:00.000Z',
  );
  raiseAlert(districtCtx(district), { kind: 'fork', key: `${A}#2`, peerCode: A, sequence: 2, message: '同一序号出现不同数据包', detail: {} });
  // The district approved one of the two submitted cases (its answer not yet sent).
  db.prepare(
    `INSERT INTO district_decisions (id, town_code, case_id, case_no, outcome, amount_fen, opinion, decided_by, decided_by_name, decided_at)
     VALUES (?, ?, ?, 'n', 'approved', 45000, '同意', 'u', '区审批', '2026-11-28T02:00:00.000Z')`,
  ).run(uuidv7(), A, ids.decidedByDistrict);
}, SETUP_TIMEOUT_MS);

afterAll(() => {
  for (const t of [townA.t, townB.t, district]) t.close();
});

/** The town's own cases by kind and state, in the view's order. */
function casesByKindState(town: TownRun) {
  const rows = town.t.app.db.$client.prepare('SELECT relief_type AS reliefType, state, count(*) AS count FROM cases GROUP BY relief_type, state').all() as {
    reliefType: string;
    state: string;
    count: number;
  }[];
  return rows.sort(
    (a, b) =>
      RELIEF_TYPES.indexOf(a.reliefType as never) - RELIEF_TYPES.indexOf(b.reliefType as never) ||
      CASE_STATES.indexOf(a.state as never) - CASE_STATES.indexOf(b.state as never),
  );
}

function openCasesPromisedBefore(town: TownRun, today: string): number {
  return (town.t.app.db.$client.prepare('SELECT state, promised_date AS promised FROM cases').all() as { state: string; promised: string }[]).filter(
    (c) => OPEN_STATES.has(c.state as never) && c.promised < today,
  ).length;
}

describe('district.towns', () => {
  it('one row per enrolled town: last package, held and missing sequences, quarantine, alerts, reserve', () => {
    const towns = district.must('district.towns', {}, admin);
    expect(towns.map((t) => [t.code, t.name])).toEqual([
      [A, '阴平镇'],
      [B, '底阁镇'],
    ]);
    const [a, b] = towns;
    expect(a).toMatchObject({
      fingerprint: `FP-${A}`,
      folder: null,
      lastSequence: 2,
      lastCreatedAt: '2026-11-27T22:00:00.000+08:00',
      lastImportedAt: '2026-11-28T01:30:00.000Z',
      heldSequences: [4, 6],
      missingSequences: [3, 5],
      quarantined: 1,
      alerts: 1,
      reserve: reserveA,
    });
    expect(reserveA.heldFen).toBe(0);
    expect(reserveA.balanceFen).toBe(5_000_000 - 100_000);
    expect(b).toMatchObject({ lastSequence: 1, lastCreatedAt: null, heldSequences: [], missingSequences: [], quarantined: 0, alerts: 0, reserve: null });
  });

  it('payouts this month: the paid ones whose paid date falls in the month of today', () => {
    const [a, b] = district.must('district.towns', {}, admin);
    expect(a?.payoutsThisMonth).toEqual({ count: 1, totalFen: 100_000 });
    expect(b?.payoutsThisMonth).toEqual({ count: 0, totalFen: 0 });
    const october = districtTowns(districtCtx(district, '2025-10-31T15:00:00.000Z')); // 2025-10-31 23:00 in Shanghai
    expect(october.map((t) => t.payoutsThisMonth)).toEqual([
      { count: 0, totalFen: 0 },
      { count: 1, totalFen: 20_000 },
    ]);
    const november2025 = districtTowns(districtCtx(district, '2025-10-31T16:00:00.000Z')); // 2025-11-01 00:00 in Shanghai
    expect(november2025[1]?.payoutsThisMonth).toEqual({ count: 0, totalFen: 0 });
  });

  it('cases by kind and state as each town holds them; overdue and submitted without a district decision', () => {
    const [a, b] = district.must('district.towns', {}, admin);
    expect(a?.casesByKindState).toEqual(casesByKindState(townA));
    expect(b?.casesByKindState).toEqual(casesByKindState(townB));
    expect(a?.casesByKindState).toEqual(expect.arrayContaining([{ reliefType: 'dibao', state: 'submitted_to_district', count: 2 }]));
    expect(a?.submitted).toBe(1);
    expect(a?.overdue).toBe(0);
    expect(b?.overdue).toBe(openCasesPromisedBefore(townB, '2026-11-28'));
    expect(b?.overdue).toBe(1);
    const later = districtTowns(districtCtx(district, '2027-06-01T02:00:00.000Z'));
    expect(later[0]?.overdue).toBe(openCasesPromisedBefore(townA, '2027-06-01'));
    expect(later[0]?.overdue).toBeGreaterThanOrEqual(3);
    expect(later[1]?.overdue).toBe(openCasesPromisedBefore(townB, '2027-06-01'));
  });

  it('gaps are listed up to the highest held sequence, and bounded', () => {
    expect(missingSequences(2, [])).toEqual([]);
    expect(missingSequences(2, [3])).toEqual([]);
    expect(missingSequences(0, [2, 5])).toEqual([1, 3, 4]);
    expect(missingSequences(0, [1_000_000])).toHaveLength(500);
  });

  it('is for the district installation and its admin only', () => {
    expect(codeOf(townA.t.call('district.towns', {}, townA.admin))).toBe('FORBIDDEN');
  });
});

describe('district.cases', () => {
  const all = { townCode: null, reliefType: null, state: null, overdueOnly: false, limit: 500 } as const;

  it('lists every town case, newest accepted first, with applicant, amount and district decision', () => {
    const { rows, total } = district.must('district.cases', all, admin);
    const caseCount = (town: TownRun) => (town.t.app.db.$client.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
    expect(total).toBe(caseCount(townA) + caseCount(townB));
    expect(rows).toHaveLength(total);
    const created = rows.map((r) => r.acceptedAt);
    expect(created).toEqual([...created].sort().reverse());
    expect(rows.at(-1)).toMatchObject({ townCode: B, townName: '底阁镇', caseId: ids.linshiB, reliefType: 'linshi', applicantName: '钱1', amountFen: null });
    const byId = new Map(rows.map((r) => [r.caseId, r]));
    const submitted = townA.t.must('cases.get', { caseId: ids.submitted }, townA.clerk.token);
    expect(byId.get(ids.submitted)).toEqual({
      townCode: A,
      townName: '阴平镇',
      caseId: ids.submitted,
      caseNo: submitted.caseNo,
      applicantName: '李一',
      reliefType: 'dibao',
      state: 'submitted_to_district',
      acceptedAt: (townA.t.app.db.$client.prepare('SELECT created_at FROM cases WHERE id = ?').pluck().get(ids.submitted) as string),
      promisedBy: submitted.promisedDate,
      overdue: false,
      amountFen: 60_000,
      districtDecision: null,
    });
    expect(byId.get(ids.decidedByDistrict)).toMatchObject({ amountFen: 45_000, districtDecision: 'approved', applicantName: '王一' });
    expect(byId.get(ids.accepted)).toMatchObject({ state: 'accepted', amountFen: null, districtDecision: null });
    expect(byId.get(ids.linshiA)).toMatchObject({ applicantName: '张一', reliefType: 'linshi' });
  });

  it('filters by town, kind, state and overdue; the total counts before the limit', () => {
    const ofB = district.must('district.cases', { ...all, townCode: B }, admin);
    expect(ofB.rows.map((r) => r.caseId)).toEqual([ids.linshiB]);
    const dibao = district.must('district.cases', { ...all, reliefType: 'dibao' }, admin);
    expect(new Set(dibao.rows.map((r) => r.caseId))).toEqual(new Set([ids.submitted, ids.decidedByDistrict, ids.accepted]));
    const submitted = district.must('district.cases', { ...all, townCode: A, state: 'submitted_to_district' }, admin);
    expect(submitted.total).toBe(2);
    expect(district.must('district.cases', { ...all, townCode: B, state: 'submitted_to_district' }, admin)).toEqual({ rows: [], total: 0 });
    const first = district.must('district.cases', { ...all, limit: 1 }, admin);
    expect(first.rows).toHaveLength(1);
    expect(first.total).toBe(dibao.total + 2);
    // B's 先行救助 was paid but its case never decided: past its promised date, it is overdue.
    const overdueNow = district.must('district.cases', { ...all, overdueOnly: true }, admin);
    expect(overdueNow.rows.map((r) => [r.caseId, r.overdue, r.promisedBy])).toEqual([[ids.linshiB, true, '2025-11-05']]);
    expect(overdueNow.total).toBe(openCasesPromisedBefore(townA, '2026-11-28') + openCasesPromisedBefore(townB, '2026-11-28'));
    const later = districtCases(districtCtx(district, '2027-06-01T02:00:00.000Z'), { ...all, overdueOnly: true });
    expect(later.total).toBe(openCasesPromisedBefore(townA, '2027-06-01') + openCasesPromisedBefore(townB, '2027-06-01'));
    expect(later.rows.every((r) => r.overdue && OPEN_STATES.has(r.state))).toBe(true);
    const laterDibao = districtCases(districtCtx(district, '2027-06-01T02:00:00.000Z'), { ...all, reliefType: 'dibao', state: 'accepted', overdueOnly: true });
    expect(laterDibao.rows.map((r) => r.caseId)).toEqual([ids.accepted]);
  });
});

describe('district.claims', () => {
  it("a town's reimbursement claims as its package carried them; none for a town that filed none", () => {
    expect(district.must('district.claims', { townCode: A }, admin)).toEqual([
      { claimNo, periodStart: '2026-11-28', periodEnd: '2026-11-28', totalFen: 100_000, state: 'submitted', payoutCount: 1 },
    ]);
    expect(district.must('district.claims', { townCode: B }, admin)).toEqual([]);
  });
});
