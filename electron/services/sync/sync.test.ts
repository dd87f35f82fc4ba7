import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, createTestApp, type TestApp } from '../../testing/testApp';
import { townRun, type TownRun } from '../../testing/districtStore';

// The nightly package end to end through dispatch: a town exports into a shared folder, the
// district scans and imports it under the sequence rules (issue 5 item 3).

const TOWN = '370404101';
const OTHER_TOWN = '370404102';

interface District {
  t: TestApp;
  admin: string;
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'relief-desk-sync-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function district(shared: string): District {
  const t = createTestApp();
  cleanups.push(() => t.close());
  t.must('setup.run', { kind: 'district', townCode: null, admin: ADMIN });
  const admin = t.must('auth.login', { username: ADMIN.username, password: ADMIN.password }).token;
  t.must('sync.configure', { folder: shared, exportTime: '22:00' }, admin);
  return { t, admin };
}

function town(code: string, shared: string, d: District): TownRun {
  const run = townRun(code, `${code}201`, '2026-11-20');
  cleanups.push(() => run.t.close());
  run.t.must('sync.configure', { folder: shared, exportTime: '22:00' }, run.admin);
  const districtKey = d.t.must('sync.status', {}, d.admin).keys.publicKeyFile;
  run.t.must('sync.enroll', { text: districtKey, folder: null }, run.admin);
  const townKey = run.t.must('sync.status', {}, run.admin).keys.publicKeyFile;
  d.t.must('sync.enroll', { text: townKey, folder: null }, d.admin);
  return run;
}

function storeCount(d: District, code: string): number {
  return (d.t.app.db.$client.prepare('SELECT count(*) AS n FROM district_rows WHERE town_code = ?').get(code) as { n: number }).n;
}

function storeSnapshot(d: District): unknown[] {
  return d.t.app.db.$client.prepare('SELECT * FROM district_rows ORDER BY town_code, table_name, row_id').all();
}

describe('sync: town export, district import', () => {
  it('exports into the folder, imports once, and a second read is a no-op', () => {
    const shared = folder();
    const d = district(shared);
    const a = town(TOWN, shared, d);
    const first = a.t.must('sync.exportNow', {}, a.admin);
    expect(first.sequence).toBe(1);
    expect(existsSync(join(shared, '370404101-000001.rdpkg'))).toBe(true);
    expect(first.rows).toBeGreaterThan(10);

    const scan = d.t.must('sync.scan', {}, d.admin);
    expect(scan.candidates.map((c) => c.fileName)).toEqual(['370404101-000001.rdpkg']);
    const applied = d.t.must('sync.importFile', { folder: shared, fileName: '370404101-000001.rdpkg' }, d.admin);
    expect(applied.status).toBe('applied');
    expect(applied.rows).toBe(first.rows);
    const rows = storeCount(d, TOWN);
    expect(rows).toBeGreaterThan(0);
    // The reserve the town stated and the town's cases table rows are in the store.
    const towns = d.t.must('district.towns', {}, d.admin);
    expect(towns[0]?.reserve?.balanceFen).toBe(5_000_000);
    expect(towns[0]?.lastSequence).toBe(1);
    // A genuine package raises nothing: its audit rows chain from the genesis and recompute.
    expect(d.t.must('sync.alerts', { limit: 10 }, d.admin)).toEqual([]);

    const again = d.t.must('sync.importFile', { folder: shared, fileName: '370404101-000001.rdpkg' }, d.admin);
    expect(again.status).toBe('duplicate');
    expect(storeCount(d, TOWN)).toBe(rows);
    expect(d.t.must('sync.scan', {}, d.admin).candidates).toEqual([]);
  });

  it('holds a package that arrives ahead of its predecessor and applies both when the gap fills', () => {
    const shared = folder();
    const d = district(shared);
    const a = town(TOWN, shared, d);
    a.t.must('sync.exportNow', {}, a.admin);
    a.t.must('villages.create', { code: `${TOWN}298`, name: '新村' }, a.admin);
    a.t.must('sync.exportNow', {}, a.admin);
    a.t.must('villages.update', { code: `${TOWN}298`, name: '新村委会', active: true }, a.admin);
    a.t.must('sync.exportNow', {}, a.admin);

    const held3 = d.t.must('sync.importFile', { folder: shared, fileName: '370404101-000003.rdpkg' }, d.admin);
    expect(held3.status).toBe('held');
    expect(held3.message).toContain('第 1–2 号');
    const held2 = d.t.must('sync.importFile', { folder: shared, fileName: '370404101-000002.rdpkg' }, d.admin);
    expect(held2.status).toBe('held');
    expect(storeCount(d, TOWN)).toBe(0);
    expect(d.t.must('district.towns', {}, d.admin)[0]?.heldSequences).toEqual([2, 3]);
    expect(d.t.must('district.towns', {}, d.admin)[0]?.missingSequences).toEqual([1]);

    const one = d.t.must('sync.importFile', { folder: shared, fileName: '370404101-000001.rdpkg' }, d.admin);
    expect(one.status).toBe('applied');
    expect(one.alsoApplied).toEqual([2, 3]);
    const village = d.t.app.db.$client
      .prepare("SELECT row_json FROM district_rows WHERE town_code = ? AND table_name = 'villages' AND row_id = ?")
      .get(TOWN, `${TOWN}298`) as { row_json: string };
    expect(JSON.parse(village.row_json)).toMatchObject({ name: '新村委会', active: true });
    expect(d.t.app.db.$client.prepare('SELECT count(*) AS n FROM sync_held').get()).toEqual({ n: 0 });
  });

  it('quarantines a second package under a used number (a restored backup) and alerts', () => {
    const shared = folder();
    const d = district(shared);
    const a = town(TOWN, shared, d);
    a.t.must('sync.exportNow', {}, a.admin);
    const original = join(shared, '370404101-000001.rdpkg');
    d.t.must('sync.importFile', { folder: shared, fileName: '370404101-000001.rdpkg' }, d.admin);
    const before = storeSnapshot(d);
    // The town "restores a backup" from before its first package and exports again.
    const keep = join(folder(), 'first.rdpkg');
    copyFileSync(original, keep);
    rmSync(original);
    a.t.app.db.$client.prepare('DELETE FROM sync_exports').run();
    a.t.must('sync.exportNow', {}, a.admin);
    expect(readFileSync(original).equals(readFileSync(keep))).toBe(false);

    const forked = d.t.must('sync.importFile', { folder: shared, fileName: '370404101-000001.rdpkg' }, d.admin);
    expect(forked.status).toBe('quarantined');
    expect(forked.message).toContain('已隔离');
    expect(storeSnapshot(d)).toEqual(before);
    const status = d.t.must('sync.status', {}, d.admin);
    expect(status.quarantine[0]).toMatchObject({ peerCode: TOWN, sequence: 1, code: 'FORK' });
    expect(d.t.must('sync.alerts', { limit: 10 }, d.admin)[0]).toMatchObject({ kind: 'fork', peerCode: TOWN, sequence: 1 });
  });

  it('rejects a tampered file and a town not enrolled, applying nothing', () => {
    const shared = folder();
    const d = district(shared);
    const a = town(TOWN, shared, d);
    a.t.must('sync.exportNow', {}, a.admin);
    const path = join(shared, '370404101-000001.rdpkg');
    const bytes = readFileSync(path);
    const at = bytes.length - 5;
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0x01, at);
    writeFileSync(path, bytes);
    const rejected = d.t.must('sync.importFile', { folder: shared, fileName: '370404101-000001.rdpkg' }, d.admin);
    expect(rejected.status).toBe('rejected');
    expect(rejected.message).toMatch(/哈希不符|无法解密|无法解压/);
    expect(storeCount(d, TOWN)).toBe(0);
    // Refused once, not offered again by the next scan.
    expect(d.t.must('sync.scan', {}, d.admin).candidates).toEqual([]);

    // A town whose key the district never imported: its package is refused and said why.
    const b = townRun(OTHER_TOWN, `${OTHER_TOWN}201`, '2026-11-20');
    cleanups.push(() => b.t.close());
    b.t.must('sync.configure', { folder: shared, exportTime: '22:00' }, b.admin);
    b.t.must('sync.enroll', { text: d.t.must('sync.status', {}, d.admin).keys.publicKeyFile, folder: null }, b.admin);
    b.t.must('sync.exportNow', {}, b.admin);
    const unknown = d.t.must('sync.importFile', { folder: shared, fileName: '370404102-000001.rdpkg' }, d.admin);
    expect(unknown.status).toBe('rejected');
    expect(unknown.message).toContain('尚未登记');
  });

  it('refuses a path outside the watched folders and a name that is not a package', () => {
    const shared = folder();
    const d = district(shared);
    const elsewhere = d.t.call('sync.importFile', { folder: '/etc', fileName: '370404101-000001.rdpkg' }, d.admin);
    expect(elsewhere.ok).toBe(false);
    if (!elsewhere.ok) expect(elsewhere.error.message).toContain('不是本机设置的同步文件夹');
    const name = d.t.call('sync.importFile', { folder: shared, fileName: '../relief-desk.db' }, d.admin);
    expect(name.ok).toBe(false);
  });

  it('a town without the district key or a folder cannot export, and says what is missing', () => {
    const run = townRun(TOWN, `${TOWN}201`, '2026-11-20');
    cleanups.push(() => run.t.close());
    const noFolder = run.t.call('sync.exportNow', {}, run.admin);
    expect(noFolder.ok).toBe(false);
    if (!noFolder.ok) expect(noFolder.error.message).toContain('尚未设置同步文件夹');
    run.t.must('sync.configure', { folder: folder(), exportTime: '21:30' }, run.admin);
    const noKey = run.t.call('sync.exportNow', {}, run.admin);
    expect(noKey.ok).toBe(false);
    if (!noKey.ok) expect(noKey.error.message).toContain('尚未导入区级公钥');
  });
});
