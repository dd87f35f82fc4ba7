import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestApp, SETUP_TIMEOUT_MS, type TestApp } from '../../testing/testApp';
import { townRun, type TownRun } from '../../testing/districtStore';
import { ensureKeyPair, open, sealFor, sign, verify, type SyncKeys } from './keys';
import { buildPackage, canonicalJson, MANIFEST_ENTRY, PACKAGE_MAGIC, readPackage, sha256, SIGNATURE_ENTRY, type Manifest } from './packageFormat';

// Tampered and misplaced packages at the district's importer (issue 5, "What it must show"):
// each one is answered 'rejected' or 'quarantined' with a Chinese sentence saying why, leaves a
// quarantine row and an alert, and leaves the district store exactly as it was; the genuine
// packages still import afterwards. One district and one town for the whole file (set-up
// hashes passwords and costs seconds); each case puts its file in the shared folder, imports
// it, and takes it away again.

const TOWN = '370404101';

let shared: string;
let otherKeysDir: string;
let d: { t: TestApp; admin: string };
let a: TownRun;
let townKeys: SyncKeys;
let districtKeys: SyncKeys;
let otherKeys: SyncKeys;
/** The town's genuine packages 1-3 (1 is imported in set-up; 2 and 3 wait until the end). */
const genuine: Buffer[] = [];
/** The district's answer package to the town (an ack of package 1). */
let districtPackage: Buffer;
let districtPackageName: string;

const name = (sequence: number) => `${TOWN}-${String(sequence).padStart(6, '0')}.rdpkg`;

beforeAll(() => {
  shared = mkdtempSync(join(tmpdir(), 'relief-desk-tamper-'));
  otherKeysDir = mkdtempSync(join(tmpdir(), 'relief-desk-tamper-keys-'));
  const dt = createTestApp();
  dt.must('setup.run', { kind: 'district', townCode: null, admin: ADMIN });
  const admin = dt.must('auth.login', { username: ADMIN.username, password: ADMIN.password }).token;
  dt.must('sync.configure', { folder: shared, exportTime: '22:00' }, admin);
  d = { t: dt, admin };
  a = townRun(TOWN, `${TOWN}201`, '2026-11-20');
  a.t.must('sync.configure', { folder: shared, exportTime: '22:00' }, a.admin);
  a.t.must('sync.enroll', { text: dt.must('sync.status', {}, admin).keys.publicKeyFile, folder: null }, a.admin);
  dt.must('sync.enroll', { text: a.t.must('sync.status', {}, a.admin).keys.publicKeyFile, folder: null }, admin);

  a.t.must('sync.exportNow', {}, a.admin);
  a.t.must('villages.create', { code: `${TOWN}298`, name: '新村' }, a.admin);
  a.t.must('sync.exportNow', {}, a.admin);
  a.t.must('villages.update', { code: `${TOWN}298`, name: '新村委会', active: true }, a.admin);
  a.t.must('sync.exportNow', {}, a.admin);
  for (const sequence of [1, 2, 3]) genuine[sequence] = readFileSync(join(shared, name(sequence)));
  rmSync(join(shared, name(2)));
  rmSync(join(shared, name(3)));
  expect(dt.must('sync.importFile', { folder: shared, fileName: name(1) }, admin).status).toBe('applied');
  const [reply] = dt.must('district.exportReplies', {}, admin);
  if (!reply) throw new Error('the district answers package 1 with an ack');
  districtPackageName = reply.fileName;
  districtPackage = readFileSync(join(shared, districtPackageName));

  // The test apps' data directory is their temp dir: the same keys the apps use.
  townKeys = ensureKeyPair(a.t.dir);
  districtKeys = ensureKeyPair(dt.dir);
  otherKeys = ensureKeyPair(otherKeysDir);
}, SETUP_TIMEOUT_MS);

afterAll(() => {
  d.t.close();
  a.t.close();
  rmSync(shared, { recursive: true, force: true });
  rmSync(otherKeysDir, { recursive: true, force: true });
});

// ---- building tampered packages -------------------------------------------------------------

interface Entry {
  name: string;
  data: Buffer;
  /** Where the data starts in the file. */
  at: number;
}

/** The container's entries (docs/sync-package.md: magic, then u16 name length, name, u32 length, data). */
function entries(bytes: Buffer): Entry[] {
  expect(bytes.subarray(0, PACKAGE_MAGIC.length).equals(PACKAGE_MAGIC)).toBe(true);
  const out: Entry[] = [];
  let at = PACKAGE_MAGIC.length;
  while (at < bytes.length) {
    const nameLength = bytes.readUInt16BE(at);
    const entryName = bytes.toString('utf8', at + 2, at + 2 + nameLength);
    const length = bytes.readUInt32BE(at + 2 + nameLength);
    const start = at + 2 + nameLength + 4;
    out.push({ name: entryName, data: bytes.subarray(start, start + length), at: start });
    at = start + length;
  }
  return out;
}

function container(parts: readonly { name: string; data: Buffer }[]): Buffer {
  const out: Buffer[] = [PACKAGE_MAGIC];
  for (const p of parts) {
    const n = Buffer.from(p.name, 'utf8');
    const head = Buffer.alloc(2 + n.length + 4);
    head.writeUInt16BE(n.length, 0);
    n.copy(head, 2);
    head.writeUInt32BE(p.data.length, 2 + n.length);
    out.push(head, p.data);
  }
  return Buffer.concat(out);
}

function flipped(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy.writeUInt8(copy.readUInt8(at) ^ 0x20, at);
  return copy;
}

function entry(bytes: Buffer, entryName: string): Entry {
  const found = entries(bytes).find((e) => e.name === entryName);
  if (!found) throw new Error(`no entry ${entryName}`);
  return found;
}

function readGenuine(sequence: number) {
  const bytes = genuine[sequence];
  if (!bytes) throw new Error(`no package ${sequence}`);
  return readPackage(bytes, { publicKey: townKeys.signingPublicRaw, verify, opener: { open: (s) => open(districtKeys, s) } });
}

/** The genuine package's manifest and rows rebuilt and signed by `signer` (fresh seals: other bytes). */
function rebuilt(sequence: number, signer: SyncKeys, change: Partial<Manifest> = {}): Buffer {
  const read = readGenuine(sequence);
  const { formatVersion, files, ...fields } = read.manifest;
  void formatVersion;
  return buildPackage({
    manifestFields: { ...fields, ...change },
    files: files.map((f, i) => ({ name: f.name.replace(/\.ndjson\.gz$/, ''), personal: f.encrypted, rows: read.files[i]?.rows ?? [] })),
    signer: { sign: (b) => sign(signer, b) },
    sealer: { seal: (b) => sealFor(districtKeys.agreementPublicRaw, b) },
  });
}

/** Package 2 with a manifest that claims one row more in its first data file, signed with the town's own key. */
function lyingRows(): Buffer {
  const bytes = genuine[2]!;
  const [manifestEntry, , ...data] = entries(bytes);
  const manifest = JSON.parse(manifestEntry!.data.toString('utf8')) as Manifest;
  const first = manifest.files[0]!;
  manifest.files[0] = { ...first, rows: first.rows + 1 };
  const manifestBytes = Buffer.from(canonicalJson(manifest), 'utf8');
  return container([
    { name: MANIFEST_ENTRY, data: manifestBytes },
    { name: SIGNATURE_ENTRY, data: sign(townKeys, manifestBytes) },
    ...data.map((e) => ({ name: e.name, data: e.data })),
  ]);
}

// ---- the district's state -------------------------------------------------------------------

function storeSnapshot(): Record<string, unknown[]> {
  const all = (sql: string) => d.t.app.db.$client.prepare(sql).all();
  return {
    districtRows: all('SELECT * FROM district_rows ORDER BY town_code, table_name, row_id'),
    received: all('SELECT * FROM sync_received ORDER BY peer_code, sequence'),
    held: all('SELECT * FROM sync_held ORDER BY peer_code, sequence'),
    peers: all('SELECT * FROM sync_peers ORDER BY code'),
  };
}

function count(table: 'sync_quarantine' | 'sync_alerts'): number {
  return (d.t.app.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

interface Case {
  what: string;
  fileName: string;
  bytes: () => Buffer;
  status: 'rejected' | 'quarantined';
  /** The quarantine row's code. */
  code: string;
  words: readonly string[];
}

const CASES: readonly Case[] = [
  {
    what: 'a flipped byte in a data file',
    fileName: name(2),
    bytes: () => {
      const e = entries(genuine[2]!)[2]!;
      return flipped(genuine[2]!, e.at + Math.floor(e.data.length / 2));
    },
    status: 'rejected',
    code: 'FILE_HASH_MISMATCH',
    words: ['文件哈希不符', '.ndjson.gz'],
  },
  {
    what: 'a flipped byte in the manifest',
    fileName: name(2),
    // Inside a JSON string value, so the manifest still parses: only the signature can tell.
    bytes: () => {
      const m = entry(genuine[2]!, MANIFEST_ENTRY);
      return flipped(genuine[2]!, m.at + m.data.indexOf('"schemaVersion":"') + 18);
    },
    status: 'rejected',
    code: 'SIGNATURE_INVALID',
    words: ['签名无效'],
  },
  {
    what: 'a flipped byte in the signature',
    fileName: name(2),
    bytes: () => flipped(genuine[2]!, entry(genuine[2]!, SIGNATURE_ENTRY).at + 10),
    status: 'rejected',
    code: 'SIGNATURE_INVALID',
    words: ['签名无效'],
  },
  {
    what: "a package signed with another installation's key",
    fileName: name(2),
    bytes: () => rebuilt(2, otherKeys),
    status: 'rejected',
    code: 'SIGNATURE_INVALID',
    words: ['签名无效', '不是该镇街的密钥签发'],
  },
  {
    what: 'a forked sequence: another validly signed package 1',
    fileName: name(1),
    bytes: () => rebuilt(1, townKeys, { createdAt: '2026-11-21T22:00:00.000+08:00' }),
    status: 'quarantined',
    code: 'FORK',
    words: ['第 1 号数据包', '不同', '已隔离'],
  },
  {
    what: 'a truncated file',
    fileName: name(2),
    bytes: () => genuine[2]!.subarray(0, genuine[2]!.length - 100),
    status: 'rejected',
    code: 'TRUNCATED',
    words: ['文件被截断'],
  },
  {
    what: 'a manifest lying about its row counts, signed with the town key',
    fileName: name(2),
    bytes: lyingRows,
    status: 'rejected',
    code: 'ROWS_MISMATCH',
    words: ['行数与清单不符'],
  },
  {
    what: "package 3 renamed to package 2's file name",
    fileName: name(2),
    bytes: () => genuine[3]!,
    status: 'rejected',
    code: 'MANIFEST_INVALID',
    words: ['清单与文件名不符', '第 3 号'],
  },
  {
    what: "the district's answer package dropped under a town package's name",
    fileName: name(2),
    bytes: () => districtPackage,
    status: 'rejected',
    code: 'SIGNATURE_INVALID',
    words: ['签名无效'],
  },
];

describe('sync: tampered and misplaced packages at the district', () => {
  it.each(CASES)('$what: $status, quarantined with an alert, the store untouched', (c) => {
    const bytes = c.bytes();
    const path = join(shared, c.fileName);
    const sequence = Number(c.fileName.slice(10, 16));
    writeFileSync(path, bytes);
    const before = storeSnapshot();
    const quarantined = count('sync_quarantine');
    const alerts = count('sync_alerts');
    try {
      const result = d.t.must('sync.importFile', { folder: shared, fileName: c.fileName }, d.admin);
      expect(result.status).toBe(c.status);
      expect(result.rows).toBe(0);
      for (const word of c.words) expect(result.message).toContain(word);
      expect(storeSnapshot()).toEqual(before);
      expect(count('sync_quarantine')).toBe(quarantined + 1);
      const q = d.t.app.db.$client.prepare('SELECT * FROM sync_quarantine ORDER BY id DESC LIMIT 1').get();
      expect(q).toMatchObject({ peer_code: TOWN, sequence, file_name: c.fileName, package_sha256: sha256(bytes), code: c.code, message: result.message });
      expect(count('sync_alerts')).toBe(alerts + 1);
      const alert = d.t.must('sync.alerts', { limit: 1 }, d.admin)[0];
      expect(alert).toMatchObject({ kind: c.status === 'quarantined' ? 'fork' : 'rejected', peerCode: TOWN, sequence, message: result.message });
      // Read again, the same file is refused the same way and raises nothing new.
      const again = d.t.must('sync.importFile', { folder: shared, fileName: c.fileName }, d.admin);
      expect(again.status).toBe(c.status);
      expect(count('sync_alerts')).toBe(alerts + 1);
      expect(storeSnapshot()).toEqual(before);
      // Once refused, the file is not offered again by every scan.
      expect(d.t.must('sync.scan', {}, d.admin).candidates.map((x) => x.fileName)).not.toContain(c.fileName);
    } finally {
      if (sequence === 1) writeFileSync(path, genuine[1]!);
      else rmSync(path);
    }
  });

  it("refuses the district's own answer package under its own name without reading it", () => {
    const before = storeSnapshot();
    const refused = d.t.call('sync.importFile', { folder: shared, fileName: districtPackageName }, d.admin);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('不是镇街上报的数据包');
    expect(storeSnapshot()).toEqual(before);
  });

  it('the genuine packages still import after every refusal', () => {
    const quarantined = count('sync_quarantine');
    expect(quarantined).toBe(CASES.length);
    writeFileSync(join(shared, name(2)), genuine[2]!);
    writeFileSync(join(shared, name(3)), genuine[3]!);
    expect(d.t.must('sync.scan', {}, d.admin).candidates.map((c) => c.fileName)).toEqual([name(2), name(3)]);
    const two = d.t.must('sync.importFile', { folder: shared, fileName: name(2) }, d.admin);
    expect(two.status).toBe('applied');
    const three = d.t.must('sync.importFile', { folder: shared, fileName: name(3) }, d.admin);
    expect(three.status).toBe('applied');
    const village = d.t.app.db.$client
      .prepare("SELECT row_json FROM district_rows WHERE town_code = ? AND table_name = 'villages' AND row_id = ?")
      .get(TOWN, `${TOWN}298`) as { row_json: string };
    expect(JSON.parse(village.row_json)).toMatchObject({ name: '新村委会' });
    expect(d.t.must('district.towns', {}, d.admin)[0]).toMatchObject({ lastSequence: 3 });
    // Package 1 as genuinely made is still a no-op.
    expect(d.t.must('sync.importFile', { folder: shared, fileName: name(1) }, d.admin).status).toBe('duplicate');
    expect(count('sync_quarantine')).toBe(quarantined);
  });
});
