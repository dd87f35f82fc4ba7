// The answers' whole journey through the procedures a person uses (issue 5 item 5): the town
// pays cash and files its claim, its package reaches the district, the district replenishes
// against that claim and decides a case the town submitted, the answer package goes back, and
// the town's 数据同步 import books the money (available rises, the claim settles), marks its
// package acknowledged and moves the case so the town pays it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter } from '../../contract';
import { materialsOf } from '../../testing/caseFixtures';
import { districtRun, familyWith, paidLinshi, townMoveTo, townRun, type TownRun } from '../../testing/districtStore';
import { serviceCtx } from '../../testing/ledgerDriving';
import { SETUP_TIMEOUT_MS, type TestApp } from '../../testing/testApp';
import { requireCase } from '../cases/records';
import { applyCaseEvent } from '../cases/transitions';
import { importFile } from './importer';

const TOWN = '370404101';
let shared: string;
let district: { t: TestApp; admin: string };
let town: TownRun;
let submittedCaseId: string;

function residentId(birth: string, seq: number): string {
  const first17 = `370404${birth}${String(seq).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

beforeAll(() => {
  shared = mkdtempSync(join(tmpdir(), 'relief-desk-answers-'));
  district = districtRun();
  district.t.must('sync.configure', { folder: shared, exportTime: '22:00' }, district.admin);
  town = townRun(TOWN, `${TOWN}251`, '2026-10-12');
  town.t.must('sync.configure', { folder: shared, exportTime: '22:00' }, town.admin);
  town.t.must('sync.enroll', { text: district.t.must('sync.status', {}, district.admin).keys.publicKeyFile, folder: null }, town.admin);
  district.t.must('sync.enroll', { text: town.t.must('sync.status', {}, town.admin).keys.publicKeyFile, folder: null }, district.admin);

  paidLinshi(town, familyWith(town, '赵', [residentId('19700101', 11)]), 120_000);
  // A temporary relief above what the town grants alone, submitted to the district.
  const family = familyWith(town, '钱', [residentId('19710101', 21)]);
  const [accepted] = town.t.must(
    'cases.intake',
    {
      householdId: family.id,
      applicantPersonId: family.members[0]?.person.id ?? '',
      channel: 'window',
      assistantName: null,
      reason: '重病',
      commitmentRoute: false,
      kinds: [{ reliefType: 'linshi', category: '急难型', materials: materialsOf('linshi') }],
    },
    town.clerk.token,
  ).cases;
  if (!accepted) throw new Error('no case');
  submittedCaseId = accepted.id;
  const ctx = serviceCtx(town.t.app, { userId: town.clerk.id, username: 'clerk1', roles: ['clerk'] });
  town.t.app.db.$client.transaction(() => {
    for (const event of ['check_started', 'check_completed', 'investigation_completed', 'notice_started', 'notice_ended'] as const) {
      applyCaseEvent(ctx, requireCase(ctx, accepted.id), event, '测试推进');
    }
  })();
  town.t.must(
    'decisions.decide',
    { caseId: accepted.id, outcome: 'submitted_to_district', amountFen: 400_000, periodStart: null, periodMonths: null, opinion: '数额较大，报区级', refusalReasons: null, cause: 'sudden_illness', repeatReason: null },
    town.approver.token,
  );
  townMoveTo(town, '2026-11-02');
  town.t.must('reserve.submitClaim', { id: uuidv7(), periodStart: '2026-10-01', periodEnd: '2026-10-31' }, town.approver.token);
  town.t.must('sync.exportNow', {}, town.admin);
  const imported = district.t.must('sync.importFile', { folder: shared, fileName: `${TOWN}-000001.rdpkg` }, district.admin);
  if (imported.status !== 'applied') throw new Error(imported.message);
}, SETUP_TIMEOUT_MS);

afterAll(() => {
  district.t.close();
  town.t.close();
  rmSync(shared, { recursive: true, force: true });
});

describe('district answers, town to district and back', () => {
  it('the replenishment raises the town available balance and settles its claim; the decision lets the town pay', () => {
    const [claim] = district.t.must('district.claims', { townCode: TOWN }, district.admin);
    expect(claim).toMatchObject({ totalFen: 120_000, state: 'submitted' });
    const recorded = district.t.must(
      'district.recordReplenishment',
      { id: uuidv7(), townCode: TOWN, amountFen: 120_000, voucherNo: '区财拨〔2026〕31号', claimNo: claim?.claimNo ?? '', note: '' },
      district.admin,
    );
    district.t.must('district.decide', { id: uuidv7(), townCode: TOWN, caseId: submittedCaseId, outcome: 'approved', amountFen: 400_000, opinion: '同意' }, district.admin);
    const [reply] = district.t.must('district.exportReplies', {}, district.admin);
    expect(reply).toMatchObject({ townCode: TOWN, sequence: 1, rows: 3 });
    expect(district.t.must('district.replenishments', { limit: 5 }, district.admin)).toEqual([{ ...recorded, outSequence: 1 }]);

    const before = town.t.must('reserve.summary', {}, town.admin);
    const outcome = town.t.must('sync.importFile', { folder: shared, fileName: reply?.fileName ?? '' }, town.admin);
    expect(outcome).toMatchObject({ status: 'applied', rows: 3 });
    const after = town.t.must('reserve.summary', {}, town.admin);
    expect(after.availableFen - before.availableFen).toBe(120_000);
    expect(town.t.must('reserve.claims', {}, town.admin)[0]).toMatchObject({ claimNo: claim?.claimNo, state: 'settled' });
    expect(town.t.must('sync.status', {}, town.admin).exports.find((e) => e.sequence === 1)?.acknowledgedAt).not.toBeNull();
    const payout = town.t.must('payouts.approve', { id: uuidv7(), caseId: submittedCaseId, payee: { proxy: false }, payment: { method: 'cash' } }, town.approver.token);
    expect(payout).toMatchObject({ amountFen: 400_000, cause: 'sudden_illness' });

    // Imported again: nothing more is booked.
    expect(town.t.must('sync.importFile', { folder: shared, fileName: reply?.fileName ?? '' }, town.admin).status).toBe('duplicate');
    expect(town.t.must('reserve.summary', {}, town.admin).balanceFen).toBe(after.balanceFen);
  });

  it('an answer held behind one imported headless applies when the town admin imports it', () => {
    // Answer 2 acknowledges the town's package 2 only; answer 3 brings money.
    town.t.must('villages.create', { code: `${TOWN}297`, name: '新村' }, town.admin);
    town.t.must('sync.exportNow', {}, town.admin);
    expect(district.t.must('sync.importFile', { folder: shared, fileName: `${TOWN}-000002.rdpkg` }, district.admin).status).toBe('applied');
    const [ackOnly] = district.t.must('district.exportReplies', {}, district.admin);
    expect(ackOnly).toMatchObject({ sequence: 2, rows: 1 });
    district.t.must('district.recordReplenishment', { id: uuidv7(), townCode: TOWN, amountFen: 50_000, voucherNo: '区财拨〔2026〕32号', claimNo: null, note: '' }, district.admin);
    const [money] = district.t.must('district.exportReplies', {}, district.admin);
    expect(money).toMatchObject({ sequence: 3 });

    // The town sees 3 first (held), then a scheduled, headless import applies 2 but may not book 3's money.
    expect(town.t.must('sync.importFile', { folder: shared, fileName: money?.fileName ?? '' }, town.admin).status).toBe('held');
    // As `npm run cli -- sync import` runs it (runAsSystem): no one signed in. The CLI's own
    // audit and change-log rows are dispatch's business; here only the import's effect counts.
    const system = { ...serviceCtx(town.t.app, { userId: '', username: '', roles: [] }), actor: null };
    const headless = town.t.app.db.$client.transaction(() => importFile(system, shared, ackOnly?.fileName ?? ''))();
    expect(headless).toMatchObject({ status: 'applied', alsoApplied: [] });
    expect(town.t.must('sync.status', {}, town.admin).held.map((h) => h.sequence)).toEqual([3]);

    // Offered again by the scan, and applied when the admin imports it: the money is booked once.
    expect(town.t.must('sync.scan', {}, town.admin).candidates.map((c) => c.fileName)).toEqual([money?.fileName]);
    const before = town.t.must('reserve.summary', {}, town.admin);
    expect(town.t.must('sync.importFile', { folder: shared, fileName: money?.fileName ?? '' }, town.admin).status).toBe('applied');
    expect(town.t.must('reserve.summary', {}, town.admin).availableFen - before.availableFen).toBe(50_000);
    expect(town.t.must('sync.status', {}, town.admin).held).toEqual([]);
    expect(town.t.must('sync.importFile', { folder: shared, fileName: money?.fileName ?? '' }, town.admin).status).toBe('duplicate');
  });
});
