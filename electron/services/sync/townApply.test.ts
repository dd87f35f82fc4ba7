// A town applying the district's answer package (issue 5 item 5): the acknowledgement marks
// its packages, a replenishment is booked once and settles its claim, a decision moves the
// submitted case so the town pays it through its own payout path. Packages are built and read
// with real keys, as the importer hands them over.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reimbursementClaims, reserveTransfers } from '../../../db/schema';
import type { Actor } from '../context';
import { DomainError } from '../errors';
import { latestDecision } from '../cases/steps/decisions';
import { requireCase } from '../cases/records';
import { applyCaseEvent } from '../cases/transitions';
import { reserveSummary } from '../reserve/summary';
import { intakeForm, materialsOf, registerFamily } from '../../testing/caseFixtures';
import { claimTown, emergencyPayout, moveTo, type ClaimTown } from '../../testing/claimFixtures';
import { ledgerCall, serviceCtx } from '../../testing/ledgerDriving';
import { auditRows, TOWN_CODE, userRecord } from '../../testing/testApp';
import { ownKeys, readOptionsFor, sealerFor, signerOf } from './config';
import { SCHEMA_VERSION } from './exporter';
import { ensureKeyPair, type SyncKeys } from './keys';
import { buildPackage, readPackage, type PackageRow, type ReadResult } from './packageFormat';
import { applyDistrictPackage } from './townApply';

let town: ClaimTown;
let districtKeys: SyncKeys;
let keysDir: string;
let actor: Actor;
let claimNo: string;
let claimId: string;
let submittedCase: { id: string; caseNo: string };
let sequence = 0;

/** The district's next answer package to this town, verified and opened as the importer does. */
function answerPackage(rows: PackageRow[]): ReadResult {
  sequence += 1;
  const townKeys = ownKeys(town.t.app);
  const bytes = buildPackage({
    manifestFields: {
      kind: 'district',
      townCode: TOWN_CODE,
      sequence,
      previousPackageSha256: sequence === 1 ? null : 'f'.repeat(64),
      schemaVersion: SCHEMA_VERSION,
      createdAt: town.t.clock.now().toISOString(),
      auditHead: null,
      reserve: { balanceFen: 0, heldFen: 0, availableFen: 0 },
    },
    files: [{ name: 'answers', rows, personal: true }],
    signer: signerOf(districtKeys),
    sealer: sealerFor({ agreementPublicKey: townKeys.agreementPublicRaw.toString('hex') }),
  });
  return readPackage(bytes, readOptionsFor({ signingPublicKey: districtKeys.signingPublicRaw.toString('hex') }, townKeys));
}

function apply(read: ReadResult, action = 'sync.importFile'): { rows: number } {
  return ledgerCall(town.t.app, actor, action, (ctx) => applyDistrictPackage(ctx, read));
}

function exportRow(seq: number, sha: string): void {
  town.t.app.db.$client
    .prepare(
      `INSERT INTO sync_exports (sequence, file_name, created_at, trigger, from_change_seq, to_change_seq, from_audit_seq, to_audit_seq, rows, bytes, package_sha256, content)
       VALUES (?, ?, '2026-11-01T14:00:00.000Z', 'schedule', 0, 0, 0, 0, 0, 1, ?, ?)`,
    )
    .run(seq, `${TOWN_CODE}-00000${seq}.rdpkg`, sha, Buffer.from('x'));
}

const acknowledged = (): Record<number, boolean> =>
  Object.fromEntries(
    (town.t.app.db.$client.prepare(`SELECT sequence, acknowledged_at AS at FROM sync_exports ORDER BY sequence`).all() as { sequence: number; at: string | null }[]).map((r) => [
      r.sequence,
      r.at !== null,
    ]),
  );

const replenishment = (patch: Record<string, unknown> = {}): PackageRow => ({
  type: 'replenishment',
  id: uuidv7(),
  amountFen: 120_000,
  voucherNo: '区财拨〔2026〕31号',
  claimNo,
  note: '10 月报账',
  recordedAt: '2026-11-02T01:00:00.000Z',
  ...patch,
});

const decision = (patch: Record<string, unknown> = {}): PackageRow => ({
  type: 'decision',
  id: uuidv7(),
  caseId: submittedCase.id,
  caseNo: submittedCase.caseNo,
  outcome: 'approved',
  amountFen: 300_000,
  opinion: '同意给予临时救助 3000 元',
  decidedByName: '区民政局李审批',
  decidedAt: '2026-11-02T01:30:00.000Z',
  ...patch,
});

beforeAll(() => {
  keysDir = mkdtempSync(join(tmpdir(), 'rd-district-keys-'));
  districtKeys = ensureKeyPair(keysDir);
  town = claimTown('2026-10-10');
  actor = { userId: userRecord(town.t, 'admin').id, username: 'admin', roles: ['town_admin'] };
  emergencyPayout(town, { amountFen: 120_000, surname: '赵' });
  // Temporary relief above what the town may grant alone: submitted to the district.
  const family = registerFamily(town.t, town.clerk, '钱');
  const [accepted] = town.t.must('cases.intake', intakeForm(family, 'linshi', { kinds: [{ reliefType: 'linshi', category: '急难型', materials: materialsOf('linshi') }] }), town.clerk).cases;
  if (!accepted) throw new Error('no case');
  const ctx = serviceCtx(town.t.app, actor);
  town.t.app.db.$client.transaction(() => {
    for (const event of ['check_started', 'check_completed', 'investigation_completed', 'notice_started', 'notice_ended'] as const) {
      applyCaseEvent(ctx, requireCase(ctx, accepted.id), event, '测试推进');
    }
  })();
  town.t.must(
    'decisions.decide',
    { caseId: accepted.id, outcome: 'submitted_to_district', amountFen: 300_000, periodStart: null, periodMonths: null, opinion: '数额较大，报区级审批', refusalReasons: null, cause: 'fire', repeatReason: null },
    town.approver,
  );
  submittedCase = { id: accepted.id, caseNo: accepted.caseNo };
  moveTo(town, '2026-11-02');
  const claim = town.t.must('reserve.submitClaim', { id: uuidv7(), periodStart: '2026-10-01', periodEnd: '2026-10-31' }, town.approver).claim;
  claimNo = claim.claimNo;
  claimId = claim.id;
  for (const seq of [1, 2, 3]) exportRow(seq, String(seq).repeat(64));
}, 120_000);

afterAll(() => {
  town.t.close();
  rmSync(keysDir, { recursive: true, force: true });
});

describe('applyDistrictPackage', () => {
  it('an acknowledgement of a package this town never made is refused and changes nothing', () => {
    const read = answerPackage([{ type: 'ack', sequence: 2, packageSha256: '9'.repeat(64) }]);
    expect(() => apply(read)).toThrow(DomainError);
    expect(() => apply(read)).toThrow(/第 2 号数据包不是本镇街生成的/);
    expect(acknowledged()).toEqual({ 1: false, 2: false, 3: false });
  });

  it('the acknowledgement marks every package up to its sequence', () => {
    expect(apply(answerPackage([{ type: 'ack', sequence: 2, packageSha256: '2'.repeat(64) }]))).toEqual({ rows: 1 });
    expect(acknowledged()).toEqual({ 1: true, 2: true, 3: false });
  });

  it('a headless import books nothing: money and decisions wait for a person', () => {
    const read = answerPackage([{ type: 'ack', sequence: 3, packageSha256: '3'.repeat(64) }, replenishment()]);
    const client = town.t.app.db.$client;
    client.exec('BEGIN IMMEDIATE');
    try {
      const ctx = { ...serviceCtx(town.t.app, actor), actor: null };
      // FORBIDDEN: the importer neither quarantines nor records it; a person imports it later.
      expect(() => applyDistrictPackage(ctx, read)).toThrow(expect.objectContaining({ code: 'FORBIDDEN', message: expect.stringMatching(/须由镇街管理员登录后/) as unknown }));
    } finally {
      client.exec('ROLLBACK');
    }
    expect(acknowledged()[3]).toBe(false);
  });

  it('a replenishment is booked once, settles its claim and raises the available balance', () => {
    const before = reserveSummary(town.t.app.db);
    const row = replenishment();
    const read = answerPackage([{ type: 'ack', sequence: 3, packageSha256: '3'.repeat(64) }, row]);
    apply(read);
    const after = reserveSummary(town.t.app.db);
    expect(after.availableFen - before.availableFen).toBe(120_000);
    expect(after.balanceFen - before.balanceFen).toBe(120_000);
    const claim = town.t.app.db.select().from(reimbursementClaims).where(eq(reimbursementClaims.id, claimId)).get();
    expect(claim).toMatchObject({ state: 'settled', settledTransferId: row.id });
    const transfer = town.t.app.db.select().from(reserveTransfers).where(eq(reserveTransfers.id, String(row.id))).get();
    expect(transfer).toMatchObject({ kind: 'replenish', amountFen: 120_000, reference: '区财拨〔2026〕31号', note: '区级补拨：10 月报账', createdBy: actor.userId });
    expect(acknowledged()).toEqual({ 1: true, 2: true, 3: true });
    // The same answer again books nothing.
    const transfers = town.t.app.db.select().from(reserveTransfers).all().length;
    apply(read);
    expect(town.t.app.db.select().from(reserveTransfers).all().length).toBe(transfers);
    expect(reserveSummary(town.t.app.db).availableFen).toBe(after.availableFen);
    // Money the town admin booked by hand under the same voucher is not booked a second time.
    town.t.must('reserve.replenish', { id: uuidv7(), amountFen: 10_000, voucherNo: '区财拨〔2026〕40号', note: '', claimId: null }, town.admin);
    const byHand = reserveSummary(town.t.app.db).availableFen;
    apply(answerPackage([replenishment({ claimNo: null, amountFen: 10_000, voucherNo: '区财拨〔2026〕40号' })]), 'test.byHand');
    expect(reserveSummary(town.t.app.db).availableFen).toBe(byHand);
    const [noted] = auditRows(town.t, 'test.byHand');
    expect(JSON.stringify(noted?.detailJson)).toMatch(/已经登记，未重复记账/);
  });

  it('a decision moves the submitted case; the town then pays it; a case that moved on is skipped, not thrown', () => {
    const approved = decision();
    apply(answerPackage([approved]));
    const row = requireCase(serviceCtx(town.t.app, actor), submittedCase.id);
    expect(row.state).toBe('approved');
    expect(latestDecision(town.t.app.db, submittedCase.id)).toMatchObject({
      id: approved.id,
      outcome: 'approved',
      amountFen: 300_000,
      cause: 'fire',
      opinion: '区级审批意见（区民政局李审批）：同意给予临时救助 3000 元',
      decidedBy: actor.userId,
    });
    const payout = town.t.must('payouts.approve', { id: uuidv7(), caseId: submittedCase.id, payee: { proxy: false }, payment: { method: 'cash' } }, town.approver);
    expect(payout).toMatchObject({ amountFen: 300_000, state: 'approved' });

    // A second decision on the case (it is no longer submitted): noted, and the package applies.
    const late = decision({ outcome: 'refused', amountFen: null, opinion: '不予批准' });
    expect(apply(answerPackage([late]), 'test.late')).toEqual({ rows: 1 });
    expect(requireCase(serviceCtx(town.t.app, actor), submittedCase.id).state).toBe('approved');
    const [noted] = auditRows(town.t, 'test.late');
    expect(JSON.stringify(noted?.detailJson)).toMatch(/不在“报区级审批”状态/);
    // A case number that does not match the case is refused outright.
    expect(() => apply(answerPackage([decision({ caseNo: '370404101-2026-LS9999' })]))).toThrow(/编号不符/);
  });
});
