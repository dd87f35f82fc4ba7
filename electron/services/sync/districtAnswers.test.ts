// The district's answers (issue 5 item 5): replenishments and decisions recorded once per id,
// checked against what the town's packages said, and carried by the next district → town
// package, which the town opens with its own keys.
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputOf } from '../../contract';
import { ADMIN, createTestApp, SETUP_TIMEOUT_MS, type TestApp } from '../../testing/testApp';
import { ownKeys, readOptionsFor } from './config';
import { SCHEMA_VERSION } from './exporter';
import { ensureKeyPair, fingerprint, type SyncKeys } from './keys';
import { readPackage, sha256 } from './packageFormat';

const TOWN = '370404101';
const OTHER_TOWN = '370404102';
const CLAIM_NO = '370404101-2026-BZ001';
const CASE_ID = '01890a5d-ac96-774b-bcce-b302099a8001';
const CASE_NO = '370404101-2026-LS0001';

let district: TestApp;
let admin: string;
let townKeys: SyncKeys;
const dirs: string[] = [];
let folder: string;

function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

function enroll(code: string, keys: SyncKeys, peerFolder: string | null): void {
  district.app.db.$client
    .prepare(
      `INSERT INTO sync_peers (code, name, kind, signing_public_key, agreement_public_key, fingerprint, folder, enrolled_at)
       VALUES (?, ?, 'town', ?, ?, ?, ?, ?)`,
    )
    .run(code, code === TOWN ? '坛山街道' : '吴林街道', keys.signingPublicRaw.toString('hex'), keys.agreementPublicRaw.toString('hex'), fingerprint(keys.signingPublicRaw), peerFolder, '2026-11-01T00:00:00.000Z');
}

/** A town row as the district store keeps it (the latest version carried by a package). */
function storeRow(table: string, rowId: string, row: Record<string, unknown>, changeSeq = 1): void {
  district.app.db.$client
    .prepare(
      `INSERT INTO district_rows (town_code, table_name, row_id, op, row_json, change_seq, package_sequence) VALUES (?, ?, ?, 'insert', ?, ?, 1)
       ON CONFLICT (town_code, table_name, row_id) DO UPDATE SET row_json = excluded.row_json, change_seq = excluded.change_seq`,
    )
    .run(TOWN, table, rowId, JSON.stringify(row), changeSeq);
}

function setPeer(lastSequence: number, lastPackageSha256: string | null): void {
  district.app.db.$client
    .prepare(`UPDATE sync_peers SET last_sequence = ?, last_package_sha256 = ?, reserve_balance_fen = 4880000, reserve_held_fen = 0, reserve_available_fen = 4880000 WHERE code = ?`)
    .run(lastSequence, lastPackageSha256, TOWN);
}

const count = (table: string): number => (district.app.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

function replenishment(patch: Partial<InputOf<'district.recordReplenishment'>> = {}): InputOf<'district.recordReplenishment'> {
  return { id: uuidv7(), townCode: TOWN, amountFen: 120_000, voucherNo: '区财拨〔2026〕31号', claimNo: CLAIM_NO, note: '10 月报账', ...patch };
}

beforeAll(() => {
  district = createTestApp();
  district.must('setup.run', { kind: 'district', townCode: null, admin: ADMIN });
  admin = district.must('auth.login', { username: ADMIN.username, password: ADMIN.password }).token;
  townKeys = ensureKeyPair(tempDir('rd-town-keys-'));
  folder = tempDir('rd-town-folder-');
  enroll(TOWN, townKeys, folder);
  storeRow('reimbursement_claims', 'c1', { id: 'c1', claimNo: CLAIM_NO, state: 'submitted', totalFen: 120_000, payoutCount: 1 });
  storeRow('reimbursement_claims', 'c2', { id: 'c2', claimNo: '370404101-2026-BZ002', state: 'settled', totalFen: 50_000, payoutCount: 1 });
  storeRow('reimbursement_claims', 'c3', { id: 'c3', claimNo: '370404101-2026-BZ003', state: 'submitted', totalFen: 80_000, payoutCount: 1 });
  storeRow('cases', CASE_ID, { id: CASE_ID, caseNo: CASE_NO, state: 'submitted_to_district', reliefType: 'linshi' });
  storeRow('decisions', 'd1', { id: 'd1', caseId: CASE_ID, outcome: 'submitted_to_district', cause: 'fire', amountFen: 300_000 });
}, SETUP_TIMEOUT_MS);

afterAll(() => {
  district.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('district.recordReplenishment', () => {
  it('refuses what the towns did not report, with a sentence', () => {
    const refused = (patch: Partial<InputOf<'district.recordReplenishment'>>) => {
      const result = district.call('district.recordReplenishment', replenishment(patch), admin);
      return result.ok ? 'OK' : `${result.error.code} ${result.error.message}`;
    };
    expect(refused({ townCode: OTHER_TOWN })).toMatch(/^NOT_FOUND .*尚未登记/);
    expect(refused({ claimNo: '370404101-2026-BZ999' })).toMatch(/^VALIDATION .*没有 370404101-2026-BZ999/);
    expect(refused({ claimNo: '370404101-2026-BZ002', amountFen: 50_000 })).toMatch(/^CONFLICT .*已经结算/);
    expect(refused({ amountFen: 100_000 })).toBe(`VALIDATION 补拨金额 ¥1,000.00 与报账单 ${CLAIM_NO} 的合计 ¥1,200.00 不符`);
    expect(count('district_replenishments')).toBe(0);
  });

  it('records once per id; a retry answers the first row, other content is refused; a claim and a voucher serve once', () => {
    const input = replenishment();
    const first = district.must('district.recordReplenishment', input, admin);
    expect(first).toMatchObject({ id: input.id, townCode: TOWN, townName: '坛山街道', amountFen: 120_000, claimNo: CLAIM_NO, outSequence: null });
    expect(district.must('district.recordReplenishment', input, admin)).toEqual(first);
    expect(count('district_replenishments')).toBe(1);
    const changed = district.call('district.recordReplenishment', { ...input, note: '另一说明' }, admin);
    expect(changed).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // Another replenishment for the same claim, or under the same voucher number.
    expect(district.call('district.recordReplenishment', replenishment({ voucherNo: '区财拨〔2026〕32号' }), admin)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/已由补拨.*结算/) as unknown },
    });
    expect(district.call('district.recordReplenishment', replenishment({ claimNo: null, amountFen: 30_000 }), admin)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/凭证号.*已用于/) as unknown },
    });
    // No claim: any amount.
    district.must('district.recordReplenishment', replenishment({ claimNo: null, amountFen: 30_000, voucherNo: '区财拨〔2026〕33号' }), admin);
    expect(district.must('district.replenishments', { limit: 10 }, admin).map((r) => r.voucherNo)).toEqual(['区财拨〔2026〕33号', '区财拨〔2026〕31号']);
  });
});

describe('district.decide', () => {
  const decision = (patch: Partial<InputOf<'district.decide'>> = {}): InputOf<'district.decide'> => ({
    id: uuidv7(),
    townCode: TOWN,
    caseId: CASE_ID,
    outcome: 'approved',
    amountFen: 300_000,
    opinion: '同意给予临时救助 3000 元',
    ...patch,
  });

  it('decides a submitted case once; a retry answers the first; a case in another state is refused', () => {
    const unknown = district.call('district.decide', decision({ caseId: uuidv7() }), admin);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const input = decision();
    expect(district.must('district.decide', input, admin)).toEqual({ id: input.id, caseNo: CASE_NO });
    expect(district.must('district.decide', input, admin)).toEqual({ id: input.id, caseNo: CASE_NO });
    expect(district.call('district.decide', { ...input, amountFen: 200_000 }, admin)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(district.call('district.decide', decision({ outcome: 'refused', amountFen: null }), admin)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/已经作出决定/) as unknown },
    });
    const row = district.app.db.$client.prepare(`SELECT decided_by_name AS name, case_no AS caseNo FROM district_decisions WHERE id = ?`).get(input.id);
    expect(row).toEqual({ name: ADMIN.displayName, caseNo: CASE_NO });

    const paidCase = uuidv7();
    storeRow('cases', paidCase, { id: paidCase, caseNo: '370404101-2026-LS0002', state: 'paid', reliefType: 'linshi' });
    expect(district.call('district.decide', decision({ caseId: paidCase }), admin)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/不在“报区级审批”状态/) as unknown },
    });
    // Temporary relief submitted without a cause could never be paid once approved.
    const noCause = uuidv7();
    storeRow('cases', noCause, { id: noCause, caseNo: '370404101-2026-LS0003', state: 'submitted_to_district', reliefType: 'linshi' });
    storeRow('decisions', 'd3', { id: 'd3', caseId: noCause, outcome: 'submitted_to_district', cause: null, amountFen: null });
    expect(district.call('district.decide', decision({ caseId: noCause }), admin)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/未填写临时救助原因/) as unknown },
    });
    // Refusing it is possible.
    district.must('district.decide', decision({ caseId: noCause, outcome: 'refused', amountFen: null, opinion: '材料不足，不予批准' }), admin);
  });
});

describe('district.exportReplies', () => {
  it('makes the next package for a town with news, sealed for it; nothing new makes nothing; a lost file is written again', () => {
    setPeer(3, 'a'.repeat(64));
    const [made, ...others] = district.must('district.exportReplies', {}, admin);
    expect(others).toEqual([]);
    expect(made).toMatchObject({ townCode: TOWN, sequence: 1, fileName: `${TOWN}-000001-district.rdpkg`, rows: 5, path: join(folder, `${TOWN}-000001-district.rdpkg`) });
    const bytes = readFileSync(join(folder, `${TOWN}-000001-district.rdpkg`));
    expect(bytes.length).toBe(made?.bytes);
    const districtKeys = ownKeys(district.app);
    const read = readPackage(bytes, readOptionsFor({ signingPublicKey: districtKeys.signingPublicRaw.toString('hex') }, townKeys));
    expect(read.manifest).toMatchObject({
      kind: 'district',
      townCode: TOWN,
      sequence: 1,
      previousPackageSha256: null,
      schemaVersion: SCHEMA_VERSION,
      reserve: { balanceFen: 4_880_000, heldFen: 0, availableFen: 4_880_000 },
    });
    expect(SCHEMA_VERSION).toMatch(/^\d{4}_/);
    expect(read.manifest.files).toEqual([expect.objectContaining({ name: 'answers.ndjson.gz', encrypted: true, rows: 5 })]);
    const rows = read.files[0]?.rows ?? [];
    expect(rows.map((r) => r.type)).toEqual(['ack', 'replenishment', 'replenishment', 'decision', 'decision']);
    expect(rows[0]).toEqual({ type: 'ack', sequence: 3, packageSha256: 'a'.repeat(64) });
    expect(rows[1]).toMatchObject({ voucherNo: '区财拨〔2026〕31号', amountFen: 120_000, claimNo: CLAIM_NO });
    expect(rows[3]).toMatchObject({ caseId: CASE_ID, caseNo: CASE_NO, outcome: 'approved', amountFen: 300_000, decidedByName: ADMIN.displayName });
    // Another key cannot open the answers: they are sealed for this town.
    const stranger = ensureKeyPair(tempDir('rd-stranger-keys-'));
    expect(() => readPackage(bytes, readOptionsFor({ signingPublicKey: districtKeys.signingPublicRaw.toString('hex') }, stranger))).toThrow(/无法解密/);
    const outbox = district.app.db.$client.prepare(`SELECT sequence, ack_sequence AS ack, package_sha256 AS sha FROM district_outbox`).all();
    expect(outbox).toEqual([{ sequence: 1, ack: 3, sha: sha256(bytes) }]);
    expect(count('district_replenishments')).toBe(2);
    expect(district.app.db.$client.prepare(`SELECT count(*) AS n FROM district_replenishments WHERE out_sequence = 1`).get()).toEqual({ n: 2 });
    expect(district.must('district.replenishments', { limit: 10 }, admin).every((r) => r.outSequence === 1)).toBe(true);

    // Nothing new: nothing made.
    expect(district.must('district.exportReplies', {}, admin)).toEqual([]);
    // The stick was swapped: the package is written again exactly as it was made.
    unlinkSync(join(folder, `${TOWN}-000001-district.rdpkg`));
    expect(district.must('district.exportReplies', {}, admin)).toEqual([]);
    expect(readFileSync(join(folder, `${TOWN}-000001-district.rdpkg`)).equals(bytes)).toBe(true);

    // The town's next package applied: an answer with the acknowledgement alone, chained to the first.
    setPeer(4, 'b'.repeat(64));
    const [second] = district.must('district.exportReplies', {}, admin);
    expect(second).toMatchObject({ townCode: TOWN, sequence: 2, rows: 1 });
    const next = readPackage(readFileSync(join(folder, `${TOWN}-000002-district.rdpkg`)), readOptionsFor({ signingPublicKey: districtKeys.signingPublicRaw.toString('hex') }, townKeys));
    expect(next.manifest.previousPackageSha256).toBe(sha256(bytes));
    expect(next.files[0]?.rows).toEqual([{ type: 'ack', sequence: 4, packageSha256: 'b'.repeat(64) }]);
  });

  it('a town enrolled without anything to answer gets nothing, and needs no folder', () => {
    enroll(OTHER_TOWN, ensureKeyPair(tempDir('rd-other-keys-')), null);
    expect(district.must('district.exportReplies', {}, admin)).toEqual([]);
    expect(existsSync(join(folder, `${OTHER_TOWN}-000001-district.rdpkg`))).toBe(false);
    // Something to send and nowhere to put it: refused in words, nothing marked as carried.
    district.must('district.recordReplenishment', replenishment({ townCode: OTHER_TOWN, claimNo: null, voucherNo: '区财拨〔2026〕50号' }), admin);
    expect(district.call('district.exportReplies', {}, admin)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/尚未设置同步文件夹/) as unknown } });
    expect(district.app.db.$client.prepare(`SELECT out_sequence AS out FROM district_replenishments WHERE town_code = ?`).all(OTHER_TOWN)).toEqual([{ out: null }]);
    expect(count('district_outbox')).toBe(2);
  });
});
