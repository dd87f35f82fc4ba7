import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AGREEMENT_KEY_FILE,
  KEYS_DIR_NAME,
  SEAL_OVERHEAD_BYTES,
  SIGNING_KEY_FILE,
  SyncKeyError,
  ensureKeyPair,
  fingerprint,
  open,
  parsePublicKeyFile,
  publishNewKeyFile,
  publicKeyFile,
  sealFor,
  sign,
  verify,
  type SyncKeyFailure,
  type SyncKeys,
} from './keys';

let dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'rd-keys-'));
  dirs.push(d);
  return d;
}
beforeEach(() => {
  dirs = [];
});
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function failure(fn: () => unknown): SyncKeyFailure {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SyncKeyError);
    const err = e as SyncKeyError;
    // Every refusal speaks Chinese to the person at the PC.
    expect(err.message).toMatch(/[\u4e00-\u9fff]/);
    return err.reason;
  }
  throw new Error('expected a SyncKeyError, got none');
}

const posixOnly = process.platform === 'win32' ? it.skip : it;

describe('ensureKeyPair', () => {
  it('generates both pairs once and loads the same keys later', () => {
    const dataDir = tempDir();
    const first = ensureKeyPair(dataDir);
    const pems = [SIGNING_KEY_FILE, AGREEMENT_KEY_FILE].map((f) => readFileSync(join(dataDir, KEYS_DIR_NAME, f), 'utf8'));
    expect(pems[0]).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(first.signingPrivate.asymmetricKeyType).toBe('ed25519');
    expect(first.agreementPrivate.asymmetricKeyType).toBe('x25519');
    expect(first.signingPublicRaw).toHaveLength(32);
    expect(first.agreementPublicRaw).toHaveLength(32);

    const again = ensureKeyPair(dataDir);
    expect(again.signingPublicRaw.equals(first.signingPublicRaw)).toBe(true);
    expect(again.agreementPublicRaw.equals(first.agreementPublicRaw)).toBe(true);
    expect(again.createdAt).toBe(first.createdAt);
    // Exactly the two keys: no temp file left behind.
    expect(readdirSync(join(dataDir, KEYS_DIR_NAME)).sort()).toEqual([SIGNING_KEY_FILE, AGREEMENT_KEY_FILE].sort());
    // Two installations never share a key.
    expect(ensureKeyPair(tempDir()).signingPublicRaw.equals(first.signingPublicRaw)).toBe(false);
  });

  posixOnly('writes the key directory 0700 and the key files 0600', () => {
    const dataDir = tempDir();
    ensureKeyPair(dataDir);
    const dir = join(dataDir, KEYS_DIR_NAME);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, SIGNING_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, AGREEMENT_KEY_FILE)).mode & 0o777).toBe(0o600);
  });

  posixOnly('refuses a key file others can read (a restored USB copy)', () => {
    const dataDir = tempDir();
    ensureKeyPair(dataDir);
    const path = join(dataDir, KEYS_DIR_NAME, SIGNING_KEY_FILE);
    const before = readFileSync(path);
    for (const mode of [0o644, 0o640, 0o604, 0o660]) {
      chmodSync(path, mode);
      expect(failure(() => ensureKeyPair(dataDir))).toBe('key_loose_mode');
    }
    // Refusing never rewrote the key.
    expect(readFileSync(path).equals(before)).toBe(true);
    chmodSync(path, 0o600);
    chmodSync(join(dataDir, KEYS_DIR_NAME, AGREEMENT_KEY_FILE), 0o644);
    expect(failure(() => ensureKeyPair(dataDir))).toBe('key_loose_mode');
  });

  it('refuses an unreadable key file', () => {
    const dataDir = tempDir();
    ensureKeyPair(dataDir);
    const path = join(dataDir, KEYS_DIR_NAME, SIGNING_KEY_FILE);
    // A directory where the key file should be cannot be read, even by root (a 0000 file can).
    unlinkSync(path);
    mkdirSync(path, { mode: 0o700 });
    expect(failure(() => ensureKeyPair(dataDir))).toBe('key_unreadable');
    if (process.platform === 'win32' || process.getuid?.() === 0) return;
    rmdirSync(path);
    writeFileSync(path, 'x', { mode: 0o600 });
    chmodSync(path, 0o000);
    expect(failure(() => ensureKeyPair(dataDir))).toBe('key_unreadable');
  });

  it('refuses a corrupted or wrong-kind key file and does not replace it', () => {
    const dataDir = tempDir();
    ensureKeyPair(dataDir);
    const signing = join(dataDir, KEYS_DIR_NAME, SIGNING_KEY_FILE);
    const agreement = join(dataDir, KEYS_DIR_NAME, AGREEMENT_KEY_FILE);
    const good = readFileSync(signing, 'utf8');
    const lines = good.split('\n');
    // Damage the base64 body in the middle, as a bad sector or a cut copy would.
    lines[1] = `${lines[1]?.slice(0, 10) ?? ''}!!!!${lines[1]?.slice(14) ?? ''}`;
    writeFileSync(signing, lines.join('\n'), { mode: 0o600 });
    expect(failure(() => ensureKeyPair(dataDir))).toBe('key_malformed');
    expect(readFileSync(signing, 'utf8')).toBe(lines.join('\n'));

    writeFileSync(signing, good.slice(0, 40), { mode: 0o600 });
    expect(failure(() => ensureKeyPair(dataDir))).toBe('key_malformed');

    // The X25519 key where the Ed25519 one belongs.
    writeFileSync(signing, readFileSync(agreement), { mode: 0o600 });
    expect(failure(() => ensureKeyPair(dataDir))).toBe('key_malformed');

    writeFileSync(signing, Buffer.alloc(64 * 1024, 65), { mode: 0o600 });
    expect(failure(() => ensureKeyPair(dataDir))).toBe('key_malformed');
  });

  it('never overwrites: a missing X25519 beside a present Ed25519 is refused', () => {
    const dataDir = tempDir();
    const first = ensureKeyPair(dataDir);
    unlinkSync(join(dataDir, KEYS_DIR_NAME, AGREEMENT_KEY_FILE));
    expect(failure(() => ensureKeyPair(dataDir))).toBe('key_incomplete');
    // The signing key is untouched by the refusal.
    expect(readdirSync(join(dataDir, KEYS_DIR_NAME))).toEqual([SIGNING_KEY_FILE]);
    expect(first.signingPublicRaw).toHaveLength(32);
  });

  it('publishing where a key already stands (another process won the race) keeps that key', () => {
    const dataDir = tempDir();
    ensureKeyPair(dataDir);
    const dir = join(dataDir, KEYS_DIR_NAME);
    const before = readFileSync(join(dir, SIGNING_KEY_FILE));
    // What the loser of two app windows starting at once does: link() meets EEXIST.
    publishNewKeyFile(dir, SIGNING_KEY_FILE, Buffer.from('the loser key'));
    expect(readFileSync(join(dir, SIGNING_KEY_FILE)).equals(before)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual([SIGNING_KEY_FILE, AGREEMENT_KEY_FILE].sort());
    // A fresh name is written whole.
    publishNewKeyFile(dir, 'probe.pem', Buffer.from('probe'));
    expect(readFileSync(join(dir, 'probe.pem'), 'utf8')).toBe('probe');
  });

  it('a crash after the X25519 key was published keeps that key and adds the signing key', () => {
    const dataDir = tempDir();
    const first = ensureKeyPair(dataDir);
    unlinkSync(join(dataDir, KEYS_DIR_NAME, SIGNING_KEY_FILE));
    const resumed = ensureKeyPair(dataDir);
    expect(resumed.agreementPublicRaw.equals(first.agreementPublicRaw)).toBe(true);
    expect(resumed.signingPublicRaw.equals(first.signingPublicRaw)).toBe(false);
  });
});

describe('fingerprint', () => {
  it('is the whole SHA-256 as 16 groups of 4 upper-case hex digits', () => {
    const fp = fingerprint(Buffer.alloc(32, 0));
    // sha256 of 32 zero bytes.
    expect(fp).toBe('66687AAD F862BD77 6C8FC18B 8E9F8E20 089714856EE233B3 902A591D 0D5F2925'.replace(/ /g, '').match(/.{4}/g)?.join(' '));
    expect(fp.split(' ')).toHaveLength(16);
    expect(() => fingerprint(Buffer.alloc(31))).toThrow();
  });
});

describe('public key file', () => {
  let keys: SyncKeys;
  beforeEach(() => {
    keys = ensureKeyPair(tempDir());
  });

  it('round-trips for a town and for the district', () => {
    const town = parsePublicKeyFile(publicKeyFile({ kind: 'town', code: '110105001', name: '建外街道' }, keys));
    expect(town.kind).toBe('town');
    expect(town.code).toBe('110105001');
    expect(town.name).toBe('建外街道');
    expect(town.ed25519Raw.equals(keys.signingPublicRaw)).toBe(true);
    expect(town.x25519Raw.equals(keys.agreementPublicRaw)).toBe(true);
    expect(town.fingerprint).toBe(fingerprint(keys.signingPublicRaw));
    expect(town.createdAt).toBe(keys.createdAt);
    const district = parsePublicKeyFile(publicKeyFile({ kind: 'district', code: '110105', name: '朝阳区' }, keys));
    expect(district.kind).toBe('district');
  });

  it('refuses what it did not write', () => {
    const text = publicKeyFile({ kind: 'town', code: '110105001', name: '建外街道' }, keys);
    const base = JSON.parse(text) as Record<string, unknown>;
    const variant = (patch: Record<string, unknown>): string => JSON.stringify({ ...base, ...patch });
    const other = ensureKeyPair(tempDir());

    expect(failure(() => parsePublicKeyFile('not json'))).toBe('public_file_invalid');
    expect(failure(() => parsePublicKeyFile(' '.repeat(20_000)))).toBe('public_file_invalid');
    expect(failure(() => parsePublicKeyFile(variant({ ed25519: Buffer.alloc(31, 1).toString('base64') })))).toBe('public_file_invalid');
    expect(failure(() => parsePublicKeyFile(variant({ ed25519: Buffer.alloc(33, 1).toString('base64') })))).toBe('public_file_invalid');
    expect(failure(() => parsePublicKeyFile(variant({ x25519: Buffer.alloc(16, 1).toString('base64') })))).toBe('public_file_invalid');
    expect(failure(() => parsePublicKeyFile(variant({ format: 2 })))).toBe('public_file_invalid');
    expect(failure(() => parsePublicKeyFile(variant({ code: '110105' })))).toBe('public_file_invalid'); // a town with a district code
    expect(failure(() => parsePublicKeyFile(variant({ extra: 1 })))).toBe('public_file_invalid');
    // Another installation's key under this one's fingerprint: what a swapped file looks like.
    expect(failure(() => parsePublicKeyFile(variant({ ed25519: other.signingPublicRaw.toString('base64') })))).toBe('fingerprint_mismatch');
    expect(failure(() => parsePublicKeyFile(variant({ fingerprint: fingerprint(other.signingPublicRaw) })))).toBe('fingerprint_mismatch');
  });
});

describe('sign / verify', () => {
  it('accepts only the exact bytes, the exact signature and the signer', () => {
    const keys = ensureKeyPair(tempDir());
    const other = ensureKeyPair(tempDir());
    const message = Buffer.from('{"format":1,"town":"110105001","sequence":42}');
    const signature = sign(keys, message);
    expect(signature).toHaveLength(64);
    expect(verify(keys.signingPublicRaw, message, signature)).toBe(true);

    for (let i = 0; i < message.length; i++) {
      const m = Buffer.from(message);
      m[i] = (m[i] ?? 0) ^ 0x01;
      expect(verify(keys.signingPublicRaw, m, signature)).toBe(false);
    }
    for (let i = 0; i < signature.length; i++) {
      const s = Buffer.from(signature);
      s[i] = (s[i] ?? 0) ^ 0x80;
      expect(verify(keys.signingPublicRaw, message, s)).toBe(false);
    }
    expect(verify(keys.signingPublicRaw, message, signature.subarray(0, 63))).toBe(false);
    expect(verify(other.signingPublicRaw, message, signature)).toBe(false);
    expect(verify(keys.signingPublicRaw, message, sign(other, message))).toBe(false);
  });
});

describe('sealFor / open', () => {
  let keys: SyncKeys;
  beforeEach(() => {
    keys = ensureKeyPair(tempDir());
  });

  it('round-trips empty, one byte and 1 MB, never the same blob twice', () => {
    for (const plain of [Buffer.alloc(0), Buffer.from([7]), Buffer.from(Array.from({ length: 1024 * 1024 }, (_, i) => i % 251))]) {
      const sealed = sealFor(keys.agreementPublicRaw, plain);
      expect(sealed).toHaveLength(plain.length + SEAL_OVERHEAD_BYTES);
      expect(open(keys, sealed).equals(plain)).toBe(true);
      // A fresh ephemeral key and nonce each time.
      expect(sealFor(keys.agreementPublicRaw, plain).equals(sealed)).toBe(false);
    }
  });

  it('refuses a flipped byte in every region of the blob', () => {
    const plain = Buffer.from('张三 110105199001011234 低保 620.00');
    const sealed = sealFor(keys.agreementPublicRaw, plain);
    const expected = (i: number): SyncKeyFailure => (i < 4 ? 'sealed_not_a_blob' : i === 4 ? 'sealed_unknown_version' : 'sealed_auth_failed');
    // Every byte: magic 0-3, version 4, ephemeral key 5-36, nonce 37-48, tag 49-64, ciphertext 65-.
    for (let i = 0; i < sealed.length; i++) {
      const bad = Buffer.from(sealed);
      bad[i] = (bad[i] ?? 0) ^ 0x01;
      expect(failure(() => open(keys, bad)), `byte ${i}`).toBe(expected(i));
    }
  });

  it('refuses a truncated or extended blob, an unknown version and a stranger', () => {
    const sealed = sealFor(keys.agreementPublicRaw, Buffer.from('personal data'));
    expect(failure(() => open(keys, sealed.subarray(0, 3)))).toBe('sealed_not_a_blob');
    expect(failure(() => open(keys, sealed.subarray(0, SEAL_OVERHEAD_BYTES - 1)))).toBe('sealed_truncated');
    expect(failure(() => open(keys, sealed.subarray(0, sealed.length - 1)))).toBe('sealed_auth_failed');
    expect(failure(() => open(keys, Buffer.concat([sealed, Buffer.from([0])])))).toBe('sealed_auth_failed');
    const v2 = Buffer.from(sealed);
    v2[4] = 2;
    expect(failure(() => open(keys, v2))).toBe('sealed_unknown_version');
    // Sealed for another installation: this one cannot open it.
    const other = ensureKeyPair(tempDir());
    expect(failure(() => open(keys, sealFor(other.agreementPublicRaw, Buffer.from('x'))))).toBe('sealed_auth_failed');
    expect(open(other, sealFor(other.agreementPublicRaw, Buffer.from('x'))).toString()).toBe('x');
  });

  it('refuses a recipient key of the wrong length', () => {
    expect(failure(() => sealFor(Buffer.alloc(31), Buffer.from('x')))).toBe('public_file_invalid');
  });
});
