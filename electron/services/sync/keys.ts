// Key material of the nightly sync (issue 5, DESIGN.md §5): who signed a package and who may
// read it. node:crypto only. Every installation (town or district) holds two key pairs:
//   - Ed25519 signs the packages it sends (the manifest signature);
//   - X25519 receives packages sealed for it (town → district personal data, and the district's
//     answers district → town).
// Private keys live in <dataDir>/keys/ as PKCS#8 PEM, readable only by the app's user. Public
// keys travel as a small JSON file that the other side imports, checked by reading the
// fingerprint aloud over the phone.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  sign as edSign,
  verify as edVerify,
  type KeyObject,
} from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LIMITS } from '../../contract/limits';
import { DomainError } from '../errors';
import { fsyncDirectory, writeTempFile } from './durableFiles';

export const KEYS_DIR_NAME = 'keys';
export const SIGNING_KEY_FILE = 'ed25519.pem';
export const AGREEMENT_KEY_FILE = 'x25519.pem';

const RAW_KEY_BYTES = 32;
const SIGNATURE_BYTES = 64;

/** Why a key operation failed, for code (tests, the import screen); the message is for people. */
export type SyncKeyFailure =
  | 'key_unreadable'
  | 'key_malformed'
  | 'key_loose_mode'
  | 'key_incomplete'
  | 'public_file_invalid'
  | 'fingerprint_mismatch'
  | 'sealed_not_a_blob'
  | 'sealed_unknown_version'
  | 'sealed_truncated'
  | 'sealed_auth_failed'
  | 'sealed_too_large';

export class SyncKeyError extends DomainError {
  override name = 'SyncKeyError';
  constructor(
    readonly reason: SyncKeyFailure,
    message: string,
  ) {
    // A broken key store is this PC's state, not a clerk's input: CONFLICT. Everything else is a
    // file that arrived from outside and is refused: VALIDATION.
    super(reason.startsWith('key_') ? 'CONFLICT' : 'VALIDATION', message);
  }
}

export interface SyncKeys {
  signingPrivate: KeyObject;
  signingPublicRaw: Buffer;
  agreementPrivate: KeyObject;
  agreementPublicRaw: Buffer;
  /** When the signing key was written: its file's mtime (the key files are never rewritten). */
  createdAt: string;
}

// ---------------------------------------------------------------------------------------------
// Raw 32-byte public keys <-> KeyObject. JWK is the one node:crypto door for raw OKP keys.

function rawPublicOf(key: KeyObject): Buffer {
  // createPublicKey accepts a private KeyObject but not a public one.
  const jwk = (key.type === 'public' ? key : createPublicKey(key)).export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('OKP public key without x');
  const raw = Buffer.from(jwk.x, 'base64url');
  if (raw.length !== RAW_KEY_BYTES) throw new Error(`OKP public key of ${raw.length} bytes`);
  return raw;
}

function publicKeyFromRaw(crv: 'Ed25519' | 'X25519', raw: Uint8Array): KeyObject {
  if (raw.length !== RAW_KEY_BYTES) {
    throw new SyncKeyError('public_file_invalid', `公钥长度应为 ${RAW_KEY_BYTES} 字节，实际为 ${raw.length} 字节`);
  }
  return createPublicKey({ key: { kty: 'OKP', crv, x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
}

// ---------------------------------------------------------------------------------------------
// The key store.

// POSIX mode bits say nothing on Windows (NTFS ACLs guard the user's profile, where Electron's
// userData lives); there the check would refuse every key, so it is skipped.
const CHECK_MODES = process.platform !== 'win32';

/**
 * Writes `bytes` as `dir/name` only if that name is free: temp file, fsync, link, fsync dir.
 * Exported for the race test; ensureKeyPair is the only caller.
 */
export function publishNewKeyFile(dir: string, name: string, bytes: Buffer): void {
  const tmp = join(dir, `.${name}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  writeTempFile(tmp, bytes);
  try {
    // link, not rename: rename replaces an existing file, link fails with EEXIST. A key another
    // process wrote a moment ago (two app windows starting) is therefore never overwritten.
    linkSync(tmp, join(dir, name));
  } catch (e) {
    // The other process won: its key stands, ours is discarded before anyone saw it.
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    unlinkSync(tmp);
  }
  fsyncDirectory(dir);
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new SyncKeyError('key_unreadable', `无法读取密钥文件 ${path}：${(e as Error).message}`);
  }
}

function loadPrivate(path: string, expected: 'ed25519' | 'x25519'): { key: KeyObject; mtime: Date } {
  let text: string;
  let mode: number;
  let mtime: Date;
  try {
    const st = statSync(path);
    mode = st.mode;
    mtime = st.mtime;
    if (st.size > LIMITS.syncKeyFileBytesMax) {
      throw new SyncKeyError('key_malformed', `密钥文件 ${path} 过大（${st.size} 字节），不是本软件生成的密钥`);
    }
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof SyncKeyError) throw e;
    throw new SyncKeyError('key_unreadable', `无法读取密钥文件 ${path}：${(e as Error).message}`);
  }
  // A private key others on this PC can read is no longer private. The usual way here is a key
  // directory restored from a USB backup (FAT sticks keep no modes; the copy comes back 0644):
  // refuse rather than sign with a key that may have leaked, and say how to fix it.
  if (CHECK_MODES && (mode & 0o077) !== 0) {
    throw new SyncKeyError(
      'key_loose_mode',
      `密钥文件 ${path} 的权限过宽（${(mode & 0o777).toString(8)}），其他用户也能读取。请确认密钥未外泄后执行 chmod 600 再启动`,
    );
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: text, format: 'pem' });
  } catch (e) {
    throw new SyncKeyError('key_malformed', `密钥文件 ${path} 已损坏，无法解析：${(e as Error).message}`);
  }
  if (key.asymmetricKeyType !== expected) {
    throw new SyncKeyError('key_malformed', `密钥文件 ${path} 不是 ${expected} 私钥（实际为 ${key.asymmetricKeyType ?? '未知'}）`);
  }
  return { key, mtime };
}

function generatePem(kind: 'ed25519' | 'x25519'): Buffer {
  // Separate calls: the overloads of generateKeyPairSync are keyed by a literal type.
  const { privateKey } =
    kind === 'ed25519'
      ? generateKeyPairSync('ed25519', { privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } })
      : generateKeyPairSync('x25519', { privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  return Buffer.from(privateKey, 'utf8');
}

/**
 * The installation's key pairs: generated on the first call, loaded on every later one. Never
 * overwrites a key file. The X25519 file is published first and the Ed25519 one last, so
 * "Ed25519 present, X25519 missing" cannot come from a crash half-way: someone removed a key,
 * and we refuse instead of quietly making a new identity the district does not know.
 */
export function ensureKeyPair(dataDir: string): SyncKeys {
  const dir = join(dataDir, KEYS_DIR_NAME);
  if (!exists(dir)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // mkdir's mode passes through the umask; say it once more, exactly.
    if (CHECK_MODES) chmodSync(dir, 0o700);
    fsyncDirectory(dataDir);
  }
  const signingPath = join(dir, SIGNING_KEY_FILE);
  const agreementPath = join(dir, AGREEMENT_KEY_FILE);
  const hasSigning = exists(signingPath);
  const hasAgreement = exists(agreementPath);
  if (hasSigning && !hasAgreement) {
    throw new SyncKeyError(
      'key_incomplete',
      `密钥目录 ${dir} 中缺少 ${AGREEMENT_KEY_FILE}（签名密钥仍在）。请从备份恢复该文件，不要删除签名密钥`,
    );
  }
  if (!hasAgreement) publishNewKeyFile(dir, AGREEMENT_KEY_FILE, generatePem('x25519'));
  if (!hasSigning) publishNewKeyFile(dir, SIGNING_KEY_FILE, generatePem('ed25519'));

  const signing = loadPrivate(signingPath, 'ed25519');
  const agreement = loadPrivate(agreementPath, 'x25519');
  return {
    signingPrivate: signing.key,
    signingPublicRaw: rawPublicOf(signing.key),
    agreementPrivate: agreement.key,
    agreementPublicRaw: rawPublicOf(agreement.key),
    createdAt: signing.mtime.toISOString(),
  };
}

// ---------------------------------------------------------------------------------------------
// Fingerprint.

/**
 * SHA-256 of the raw Ed25519 public key, all 256 bits, as 16 groups of 4 upper-case hex digits
 * separated by spaces ("3F2A 9C01 …"). Read aloud over the phone between town and district:
 * hex needs only 0-9 and A-F (no letters that sound alike in Mandarin the way Base32 letters
 * do), four digits is what one says in one breath and the listener can repeat back, and the
 * whole hash is shown so a forged key cannot match a shortened prefix.
 */
export function fingerprint(ed25519PublicRaw: Uint8Array): string {
  if (ed25519PublicRaw.length !== RAW_KEY_BYTES) throw new Error(`fingerprint of a ${ed25519PublicRaw.length}-byte key`);
  const hex = createHash('sha256').update(ed25519PublicRaw).digest('hex').toUpperCase();
  return (hex.match(/.{4}/g) ?? []).join(' ');
}

// ---------------------------------------------------------------------------------------------
// The public key file.

export const PUBLIC_KEY_FILE_FORMAT = 1;

const rawKeyBase64 = z
  .string()
  .max(64)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, '不是 base64 编码')
  .refine((s) => Buffer.from(s, 'base64').length === RAW_KEY_BYTES, `公钥应为 ${RAW_KEY_BYTES} 字节`);

export const publicKeyFileSchema = z
  .object({
    format: z.literal(PUBLIC_KEY_FILE_FORMAT),
    kind: z.enum(['town', 'district']),
    // Town codes are 9 digits, the district's 6 (divisions.ts).
    code: z.string().regex(/^(\d{6}|\d{9})$/),
    name: z.string().min(1).max(LIMITS.textShortMax),
    ed25519: rawKeyBase64,
    x25519: rawKeyBase64,
    fingerprint: z.string().regex(/^[0-9A-F]{4}( [0-9A-F]{4}){15}$/),
    createdAt: z.string().datetime({ offset: true }),
  })
  .strict()
  .refine((f) => (f.kind === 'town' ? f.code.length === 9 : f.code.length === 6), { path: ['code'], message: '代码位数与类型不符' });

export type PublicKeyFile = z.infer<typeof publicKeyFileSchema>;

export interface KeyOwner {
  kind: 'town' | 'district';
  /** The town's 9-digit code, or the district's 6-digit one. */
  code: string;
  name: string;
}

/** The JSON text the other side imports (pretty-printed: people open it to compare). */
export function publicKeyFile(owner: KeyOwner, keys: SyncKeys): string {
  const file: PublicKeyFile = {
    format: PUBLIC_KEY_FILE_FORMAT,
    kind: owner.kind,
    code: owner.code,
    name: owner.name,
    ed25519: keys.signingPublicRaw.toString('base64'),
    x25519: keys.agreementPublicRaw.toString('base64'),
    fingerprint: fingerprint(keys.signingPublicRaw),
    createdAt: keys.createdAt,
  };
  // Our own output must pass our own reader: a failure here is a bug, not a clerk's mistake.
  publicKeyFileSchema.parse(file);
  return `${JSON.stringify(file, null, 2)}\n`;
}

export interface ParsedPublicKey extends PublicKeyFile {
  ed25519Raw: Buffer;
  x25519Raw: Buffer;
}

/** Reads an imported public key file; refuses bad JSON, bad lengths and a fingerprint that does not match. */
export function parsePublicKeyFile(text: string): ParsedPublicKey {
  if (text.length > LIMITS.syncKeyFileBytesMax) {
    throw new SyncKeyError('public_file_invalid', '公钥文件过大，不是本软件导出的公钥文件');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SyncKeyError('public_file_invalid', '公钥文件不是有效的 JSON，请确认选择的是本软件导出的公钥文件');
  }
  const parsed = publicKeyFileSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new SyncKeyError('public_file_invalid', `公钥文件内容不正确（${first?.path.join('.') || '文件'}：${first?.message ?? '格式错误'}）`);
  }
  const ed25519Raw = Buffer.from(parsed.data.ed25519, 'base64');
  const x25519Raw = Buffer.from(parsed.data.x25519, 'base64');
  if (fingerprint(ed25519Raw) !== parsed.data.fingerprint) {
    throw new SyncKeyError('fingerprint_mismatch', '公钥文件中的指纹与公钥不符，文件可能被改动，请向对方重新索取');
  }
  // Both must be points node:crypto accepts, or the first package would fail instead of the import.
  publicKeyFromRaw('Ed25519', ed25519Raw);
  publicKeyFromRaw('X25519', x25519Raw);
  return { ...parsed.data, ed25519Raw, x25519Raw };
}

// ---------------------------------------------------------------------------------------------
// Signatures.

export function sign(keys: SyncKeys, bytes: Uint8Array): Buffer {
  return edSign(null, bytes, keys.signingPrivate);
}

/** True only for a signature by the holder of `ed25519PublicRaw` over exactly `bytes`. */
export function verify(ed25519PublicRaw: Uint8Array, bytes: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== SIGNATURE_BYTES) return false;
  return edVerify(null, bytes, publicKeyFromRaw('Ed25519', ed25519PublicRaw), signature);
}

// ---------------------------------------------------------------------------------------------
// Sealing (ECIES): ephemeral X25519 → ECDH → HKDF-SHA256 → AES-256-GCM.
//
// Blob layout, version 1:
//   magic "RDSL" (4) | version (1) | ephemeral X25519 public (32) | nonce (12) | tag (16) | ciphertext
// The header (magic … nonce) is the GCM additional data, so no byte of it can change unnoticed.

const SEAL_MAGIC = Buffer.from('RDSL', 'ascii');
export const SEAL_VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = SEAL_MAGIC.length + 1 + RAW_KEY_BYTES + NONCE_BYTES;
export const SEAL_OVERHEAD_BYTES = HEADER_BYTES + TAG_BYTES;
const HKDF_INFO = Buffer.from(`relief-desk sealed v${SEAL_VERSION} x25519-hkdf-sha256-aes-256-gcm`, 'ascii');

function sealKey(shared: Buffer, ephemeralRaw: Buffer, recipientRaw: Buffer): Buffer {
  // Both public keys in the salt bind the key to this exchange (the usual ECIES choice).
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeralRaw, recipientRaw]), HKDF_INFO, 32));
}

export function sealFor(recipientX25519PublicRaw: Uint8Array, plaintext: Uint8Array): Buffer {
  if (plaintext.length > LIMITS.syncSealPlainBytesMax) {
    throw new SyncKeyError('sealed_too_large', `待加密的数据过大（${plaintext.length} 字节）`);
  }
  const recipient = publicKeyFromRaw('X25519', recipientX25519PublicRaw);
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralRaw = rawPublicOf(ephemeral.publicKey);
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient });
  const key = sealKey(shared, ephemeralRaw, Buffer.from(recipientX25519PublicRaw));
  const nonce = randomBytes(NONCE_BYTES);
  const header = Buffer.concat([SEAL_MAGIC, Buffer.from([SEAL_VERSION]), ephemeralRaw, nonce]);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(header);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, cipher.getAuthTag(), ciphertext]);
}

export function open(keys: SyncKeys, sealed: Uint8Array): Buffer {
  const blob = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (blob.length < SEAL_MAGIC.length + 1 || !blob.subarray(0, SEAL_MAGIC.length).equals(SEAL_MAGIC)) {
    throw new SyncKeyError('sealed_not_a_blob', '文件不是本软件加密的数据（文件头不符）');
  }
  const version = blob[SEAL_MAGIC.length];
  if (version !== SEAL_VERSION) {
    throw new SyncKeyError('sealed_unknown_version', `加密数据的格式版本 ${String(version)} 无法识别，请升级本软件`);
  }
  if (blob.length < SEAL_OVERHEAD_BYTES) {
    throw new SyncKeyError('sealed_truncated', `加密数据不完整（仅 ${blob.length} 字节），文件可能未复制完整`);
  }
  if (blob.length - SEAL_OVERHEAD_BYTES > LIMITS.syncSealPlainBytesMax) {
    throw new SyncKeyError('sealed_too_large', `加密数据过大（${blob.length} 字节）`);
  }
  const header = blob.subarray(0, HEADER_BYTES);
  const ephemeralRaw = blob.subarray(SEAL_MAGIC.length + 1, SEAL_MAGIC.length + 1 + RAW_KEY_BYTES);
  const nonce = blob.subarray(HEADER_BYTES - NONCE_BYTES, HEADER_BYTES);
  const tag = blob.subarray(HEADER_BYTES, SEAL_OVERHEAD_BYTES);
  const ciphertext = blob.subarray(SEAL_OVERHEAD_BYTES);
  const failed = (): SyncKeyError =>
    new SyncKeyError('sealed_auth_failed', '加密数据无法解开：不是发给本机的，或文件已被改动或截断');
  let shared: Buffer;
  try {
    // A flipped ephemeral key may be a low-order point, which X25519 refuses outright.
    shared = diffieHellman({ privateKey: keys.agreementPrivate, publicKey: publicKeyFromRaw('X25519', ephemeralRaw) });
  } catch {
    throw failed();
  }
  const key = sealKey(shared, Buffer.from(ephemeralRaw), keys.agreementPublicRaw);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(header);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw failed();
  }
}
