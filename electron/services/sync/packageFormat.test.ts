// Format-level tamper tests (issue 5): every way a package can be altered or cut short is
// refused with its own code, and readPackage returns nothing for a refused package.
import { createCipheriv, createDecipheriv, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../contract/limits';
import { ensureKeyPair, open as keysOpen, sealFor, sign as keysSign, verify as keysVerify } from './keys';
import {
  buildPackage,
  canonicalJson,
  listPackages,
  manifestSchema,
  packageFileName,
  parsePackageFileName,
  PackageError,
  readPackage,
  writePackageAtomically,
  writeTempFile,
  type ManifestFields,
  type Opener,
  type PackageErrorCode,
  type PackageFileInput,
  type ReadOptions,
  type Sealer,
  type Signer,
  type Verify,
} from './packageFormat';

// ---- keys straight from node:crypto (keys.ts is written elsewhere) -------------------------

const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');
const SPKI_X25519 = Buffer.from('302a300506032b656e032100', 'hex');

function ed25519(): { signer: Signer; publicRaw: Buffer } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicRaw = publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_ED25519.length);
  return { signer: { sign: (bytes) => sign(null, bytes, privateKey) }, publicRaw };
}

const verifyEd25519: Verify = (publicRaw, bytes, signature) =>
  verify(null, bytes, createPublicKey({ key: Buffer.concat([SPKI_ED25519, publicRaw]), format: 'der', type: 'spki' }), signature);

// Ephemeral X25519 → HKDF-SHA256 → AES-256-GCM; sealed = ephemeral public (32) | nonce (12) | tag (16) | ciphertext.
function x25519(): { sealer: Sealer; opener: Opener } {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  const key = (secret: Buffer, eph: Buffer): Buffer => Buffer.from(hkdfSync('sha256', secret, eph, 'rdpkg seal v1', 32));
  const sealer: Sealer = {
    seal(plain) {
      const eph = generateKeyPairSync('x25519');
      const ephRaw = eph.publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_X25519.length);
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key(diffieHellman({ privateKey: eph.privateKey, publicKey }), ephRaw), nonce);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([ephRaw, nonce, cipher.getAuthTag(), body]);
    },
  };
  const opener: Opener = {
    open(sealed) {
      const ephRaw = sealed.subarray(0, 32);
      const ephKey: KeyObject = createPublicKey({ key: Buffer.concat([SPKI_X25519, ephRaw]), format: 'der', type: 'spki' });
      const decipher = createDecipheriv('aes-256-gcm', key(diffieHellman({ privateKey, publicKey: ephKey }), ephRaw), sealed.subarray(32, 44));
      decipher.setAuthTag(sealed.subarray(44, 60));
      return Buffer.concat([decipher.update(sealed.subarray(60)), decipher.final()]);
    },
  };
  return { sealer, opener };
}

// ---- a small package ----------------------------------------------------------------------

const town = ed25519();
const district = x25519();

const fields: ManifestFields = {
  kind: 'town',
  townCode: '330102001',
  sequence: 2,
  previousPackageSha256: 'a'.repeat(64),
  schemaVersion: '0008_reserve_kind_index',
  createdAt: '2026-11-28T22:00:00.000+08:00',
  auditHead: { seq: 41, hash: 'b'.repeat(64) },
  reserve: { balanceFen: 500_000, heldFen: 120_000, availableFen: 380_000 },
};

const files: PackageFileInput[] = [
  {
    name: 'change_log',
    personal: false,
    rows: [
      { seq: 101, tableName: 'cases', rowId: 'c1', op: 'insert', auditSeq: 40, at: '2026-11-28T09:12:00.000Z' },
      { seq: 102, tableName: 'cases', rowId: 'c1', op: 'update', auditSeq: 41, at: '2026-11-28T09:20:00.000Z' },
    ],
  },
  {
    name: 'persons',
    personal: true,
    rows: [
      { seq: 103, tableName: 'persons', rowId: 'p1', op: 'insert', row: { name: '张三', idNumber: '330102199001011234' } },
      { seq: 104, tableName: 'persons', rowId: 'p2', op: 'insert', row: { name: '李四', idNumber: '330102198502023456' } },
      { seq: 105, tableName: 'persons', rowId: 'p2', op: 'update', row: { name: '李四', phone: '13800000000' } },
    ],
  },
];

function build(over: Partial<{ fields: ManifestFields; files: PackageFileInput[]; signer: Signer }> = {}): Buffer {
  return buildPackage({ manifestFields: over.fields ?? fields, files: over.files ?? files, signer: over.signer ?? town.signer, sealer: district.sealer });
}

const options: ReadOptions = { publicKey: town.publicRaw, verify: verifyEd25519, opener: district.opener };

function refused(bytes: Buffer, code: PackageErrorCode, opts = options): PackageError {
  let caught: unknown = null;
  let returned: unknown = null;
  try {
    returned = readPackage(bytes, opts);
  } catch (e) {
    caught = e;
  }
  expect(returned).toBeNull();
  expect(caught).toBeInstanceOf(PackageError);
  const error = caught as PackageError;
  expect(error.code).toBe(code);
  expect(error.message).toMatch(/[\u4e00-\u9fff]/);
  return error;
}

// Entry offsets, read the same way the container is written (magic, u16 name, name, u32 data).
function entryOffsets(bytes: Buffer): { name: string; start: number; length: number }[] {
  const out: { name: string; start: number; length: number }[] = [];
  let at = 8;
  while (at < bytes.length) {
    const n = bytes.readUInt16BE(at);
    const name = bytes.toString('utf8', at + 2, at + 2 + n);
    const length = bytes.readUInt32BE(at + 2 + n);
    out.push({ name, start: at + 2 + n + 4, length });
    at += 2 + n + 4 + length;
  }
  return out;
}

function entry(bytes: Buffer, name: string): { start: number; length: number } {
  const found = entryOffsets(bytes).find((e) => e.name === name);
  if (!found) throw new Error(`no entry ${name}`);
  return found;
}

function flipByte(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
}

describe('package format v1', () => {
  it('round trips: the manifest and every row come back, personal files sealed', () => {
    const bytes = build();
    const read = readPackage(bytes, options);
    expect(read.manifest.files.map((f) => [f.name, f.rows, f.encrypted])).toEqual([
      ['change_log.ndjson.gz', 2, false],
      ['persons.ndjson.gz', 3, true],
    ]);
    expect(read.manifest.reserve).toEqual(fields.reserve);
    expect(read.files.map((f) => f.rows)).toEqual(files.map((f) => f.rows));
    // A lost stick leaks nothing: no personal value appears in the package bytes.
    expect(bytes.includes(Buffer.from('330102199001011234'))).toBe(false);
    expect(bytes.includes(Buffer.from('张三'))).toBe(false);
    expect(read.packageSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('signs canonical manifest bytes: sorted keys, no spaces', () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: '镇' }] })).toBe('{"a":[{"c":"镇","d":null}],"b":1}');
    const bytes = build();
    const m = entry(bytes, 'manifest.json');
    const text = bytes.toString('utf8', m.start, m.start + m.length);
    expect(text).toBe(canonicalJson(JSON.parse(text)));
  });

  it('refuses a flipped byte in a data file (hash)', () => {
    const bytes = build();
    const e = entry(bytes, 'change_log.ndjson.gz');
    expect(refused(flipByte(bytes, e.start + 5), 'FILE_HASH_MISMATCH').message).toContain('文件哈希不符');
  });

  it('refuses a flipped byte in the manifest (signature)', () => {
    const bytes = build();
    const e = entry(bytes, 'manifest.json');
    expect(refused(flipByte(bytes, e.start + 20), 'SIGNATURE_INVALID').message).toContain('签名无效');
  });

  it('refuses a flipped byte in the signature', () => {
    const bytes = build();
    const e = entry(bytes, 'manifest.sig');
    refused(flipByte(bytes, e.start + 3), 'SIGNATURE_INVALID');
  });

  it('refuses a package signed with another town key', () => {
    refused(build({ signer: ed25519().signer }), 'SIGNATURE_INVALID');
  });

  it('refuses a truncated file, cut anywhere', () => {
    const bytes = build();
    const cuts = [4, 9, 30, ...entryOffsets(bytes).map((e) => e.start + 1), bytes.length - 1];
    for (const cut of cuts) refused(bytes.subarray(0, cut), 'TRUNCATED');
  });

  it('refuses a manifest that lies about a row count, even re-signed by the right key', () => {
    // The liar rebuilds the manifest with a wrong count, keeping the real hashes, and signs it.
    const honest = build();
    const manifest = manifestSchema.parse(JSON.parse(honest.toString('utf8', entry(honest, 'manifest.json').start, entry(honest, 'manifest.json').start + entry(honest, 'manifest.json').length)));
    const lying = { ...manifest, files: manifest.files.map((f, i) => (i === 0 ? { ...f, rows: f.rows + 1 } : f)) };
    const lyingBytes = Buffer.from(canonicalJson(lying), 'utf8');
    const signature = town.signer.sign(lyingBytes);
    const entries = entryOffsets(honest).map((e) => ({ name: e.name, data: honest.subarray(e.start, e.start + e.length) }));
    const swapped = entries.map((e) => (e.name === 'manifest.json' ? { ...e, data: lyingBytes } : e.name === 'manifest.sig' ? { ...e, data: signature } : e));
    const parts: Buffer[] = [honest.subarray(0, 8)];
    for (const e of swapped) {
      const head = Buffer.alloc(2 + Buffer.byteLength(e.name) + 4);
      head.writeUInt16BE(Buffer.byteLength(e.name), 0);
      head.write(e.name, 2);
      head.writeUInt32BE(e.data.length, 2 + Buffer.byteLength(e.name));
      parts.push(head, e.data);
    }
    expect(refused(Buffer.concat(parts), 'ROWS_MISMATCH').message).toContain('行数与清单不符');
  });

  it('refuses an encrypted file opened with the wrong key, and one with no key at all', () => {
    const bytes = build();
    refused(bytes, 'DECRYPT_FAILED', { ...options, opener: x25519().opener });
    refused(bytes, 'NO_KEY_TO_OPEN', { ...options, opener: null });
  });

  it('refuses an oversized container before reading it', () => {
    const huge = Buffer.alloc(LIMITS.syncPackageBytesMax + 1);
    refused(huge, 'TOO_LARGE');
  });

  it('refuses an entry the signed manifest does not list', () => {
    const extra = Buffer.alloc(2 + 9 + 4 + 3);
    extra.writeUInt16BE(9, 0);
    extra.write('extra.bin', 2);
    extra.writeUInt32BE(3, 11);
    refused(Buffer.concat([build(), extra]), 'FILES_MISMATCH');
  });

  it('refuses a file that is not a package', () => {
    refused(Buffer.from('PK\u0003\u0004 not ours at all'), 'NOT_A_PACKAGE');
  });

  it('refuses a manifest that breaks the schema even when signed', () => {
    // Sequence 1 must have no previous package: a signed manifest that says otherwise is refused.
    expect(() => build({ fields: { ...fields, sequence: 1 } })).toThrow();
  });

  it('names packages by town and six-digit sequence', () => {
    expect(packageFileName('330102001', 7)).toBe('330102001-000007.rdpkg');
    expect(packageFileName('330102001', 7, 'district')).toBe('330102001-000007-district.rdpkg');
    expect(parsePackageFileName('330102001-000007-district.rdpkg')).toEqual({ townCode: '330102001', sequence: 7, kind: 'district' });
  });
});

describe('with the keys of keys.ts', () => {
  it('signs with the town key, seals for the district, and refuses another district key', () => {
    const root = mkdtempSync(join(tmpdir(), 'rdpkg-keys-'));
    try {
      const townKeys = ensureKeyPair(join(root, 'town'));
      const districtKeys = ensureKeyPair(join(root, 'district'));
      const otherKeys = ensureKeyPair(join(root, 'other'));
      const bytes = buildPackage({
        manifestFields: fields,
        files,
        signer: { sign: (b) => keysSign(townKeys, b) },
        sealer: { seal: (b) => sealFor(districtKeys.agreementPublicRaw, b) },
      });
      const opts: ReadOptions = { publicKey: townKeys.signingPublicRaw, verify: keysVerify, opener: { open: (b) => keysOpen(districtKeys, b) } };
      expect(readPackage(bytes, opts).files.map((f) => f.rows)).toEqual(files.map((f) => f.rows));
      refused(bytes, 'DECRYPT_FAILED', { ...opts, opener: { open: (b) => keysOpen(otherKeys, b) } });
      refused(bytes, 'SIGNATURE_INVALID', { ...opts, publicKey: otherKeys.signingPublicRaw });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('atomic write and listing', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  function tempDir(): string {
    const d = mkdtempSync(join(tmpdir(), 'rdpkg-'));
    dirs.push(d);
    return d;
  }

  it('writes the final name whole, and leaves no temp behind', () => {
    const dir = tempDir();
    const bytes = build();
    const name = packageFileName(fields.townCode, fields.sequence);
    writePackageAtomically(dir, name, bytes);
    expect(readdirSync(dir)).toEqual([name]);
    expect(readFileSync(join(dir, name)).equals(bytes)).toBe(true);
    expect(listPackages(dir)).toEqual([{ fileName: name, townCode: '330102001', sequence: 2, kind: 'town' }]);
  });

  it('an interrupted write leaves no file of the final name, and the lister ignores the temp', () => {
    const dir = tempDir();
    const bytes = build();
    const name = packageFileName(fields.townCode, 3);
    // Interrupted between the halves: the temp is written and synced, the rename never happens.
    writeTempFile(join(dir, `.${name}.1234.tmp`), bytes.subarray(0, 100));
    writeFileSync(join(dir, 'notes.txt'), 'not a package');
    expect(readdirSync(dir)).not.toContain(name);
    expect(listPackages(dir)).toEqual([]);
    writePackageAtomically(dir, packageFileName(fields.townCode, 2), bytes);
    writePackageAtomically(dir, packageFileName('330102002', 1), bytes);
    expect(listPackages(dir).map((p) => p.fileName)).toEqual(['330102001-000002.rdpkg', '330102002-000001.rdpkg']);
  });
});
