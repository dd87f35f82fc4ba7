// Sync package format v1 (docs/sync-package.md): one archive file per package, so a package
// travels on a USB stick or a shared folder as a unit and is either wholly there or absent.
// This module only builds, reads and stores packages; what goes in them (the change log) and
// how the district applies them are the exporter's and importer's jobs. Keys come in as
// parameters so the format does not depend on where keys are kept (keys.ts).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { LIMITS } from '../../contract/limits';
import { fsyncDirectory, writeTempFile } from './durableFiles';

// The first half of writePackageAtomically, re-exported so a test can stop between the halves.
export { writeTempFile };

export const PACKAGE_FORMAT_VERSION = 1;
/** The first bytes of every package file: says what the file is before anything is parsed. */
export const PACKAGE_MAGIC = Buffer.from('RDPKG1\n\0', 'latin1');
export const MANIFEST_ENTRY = 'manifest.json';
export const SIGNATURE_ENTRY = 'manifest.sig';
export const PACKAGE_EXTENSION = '.rdpkg';

export interface Signer {
  sign(bytes: Buffer): Buffer;
}
export type Verify = (publicRaw: Buffer, bytes: Buffer, signature: Buffer) => boolean;
/** Encrypts for the district; the output carries whatever the opener needs (ephemeral key, nonce, tag). */
export interface Sealer {
  seal(plain: Buffer): Buffer;
}
/** Decrypts what a Sealer made; throws when the key is wrong or the bytes were altered. */
export interface Opener {
  open(sealed: Buffer): Buffer;
}

export type PackageErrorCode =
  | 'TOO_LARGE'
  | 'NOT_A_PACKAGE'
  | 'TRUNCATED'
  | 'MALFORMED'
  | 'SIGNATURE_INVALID'
  | 'MANIFEST_INVALID'
  | 'FILES_MISMATCH'
  | 'FILE_LENGTH_MISMATCH'
  | 'FILE_HASH_MISMATCH'
  | 'NO_KEY_TO_OPEN'
  | 'DECRYPT_FAILED'
  | 'DATA_INVALID'
  | 'ROWS_MISMATCH';

/** A package refused by the reader: the code is for the importer, the message for the clerk. */
export class PackageError extends Error {
  constructor(
    readonly code: PackageErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PackageError';
  }
}

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const intFen = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
// Entry names are plain file names: no directories, nothing hidden, no way to step outside.
const entryName = z
  .string()
  .min(1)
  .max(LIMITS.syncEntryNameBytesMax)
  .regex(/^[a-z0-9][a-z0-9_-]*\.ndjson\.gz$/);

export const manifestFileSchema = z.strictObject({
  name: entryName,
  sha256: sha256Hex,
  rows: z.number().int().min(0).max(LIMITS.syncFileRowsMax),
  bytes: z.number().int().min(0).max(LIMITS.syncPackageBytesMax),
  encrypted: z.boolean(),
});

export const manifestSchema = z
  .strictObject({
    formatVersion: z.literal(PACKAGE_FORMAT_VERSION),
    kind: z.enum(['town', 'district']),
    townCode: z.string().regex(/^\d{9}$/),
    sequence: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    previousPackageSha256: sha256Hex.nullable(),
    schemaVersion: z.string().min(1).max(LIMITS.textShortMax),
    createdAt: z.iso.datetime({ offset: true }),
    files: z.array(manifestFileSchema).max(LIMITS.syncPackageFilesMax),
    auditHead: z.strictObject({ seq: z.number().int().min(0), hash: z.string().min(1).max(LIMITS.textShortMax) }).nullable(),
    reserve: z.strictObject({ balanceFen: intFen, heldFen: intFen, availableFen: intFen }),
  })
  .refine((m) => (m.sequence === 1) === (m.previousPackageSha256 === null), {
    message: 'previousPackageSha256 is null exactly for sequence 1',
  })
  .refine((m) => new Set(m.files.map((f) => f.name)).size === m.files.length, { message: 'file names are unique' });

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestFile = z.infer<typeof manifestFileSchema>;
export type ManifestFields = Omit<Manifest, 'formatVersion' | 'files'>;
export type PackageRow = Record<string, unknown>;

export interface PackageFileInput {
  /** Without extension: 'cases' becomes 'cases.ndjson.gz'. */
  name: string;
  rows: readonly PackageRow[];
  /** Personal data is sealed for the district so a lost stick leaks nothing. */
  personal: boolean;
}

export interface BuildInput {
  manifestFields: ManifestFields;
  files: readonly PackageFileInput[];
  signer: Signer;
  sealer: Sealer | null;
}

export interface ReadOptions {
  /** The sender's Ed25519 public key, raw 32 bytes, as enrolled. */
  publicKey: Buffer;
  verify: Verify;
  opener: Opener | null;
}

export interface ReadResult {
  manifest: Manifest;
  files: { name: string; rows: PackageRow[] }[];
  /** SHA-256 of the whole package file: the next package's previousPackageSha256. */
  packageSha256: string;
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Canonical JSON: object keys sorted by code unit, no whitespace, arrays in order. Signed bytes
 *  must not depend on how an object happened to be built. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    assert(value === null || ['string', 'number', 'boolean'].includes(typeof value), 'canonicalJson: plain JSON only');
    if (typeof value === 'number') assert(Number.isFinite(value), 'canonicalJson: finite numbers only');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v: unknown) => canonicalJson(v)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}

export type PackageKind = 'town' | 'district';

/** `<town>-<seq>.rdpkg` from a town; `<town>-<seq>-district.rdpkg` from the district to that
 *  town: both may lie in the one folder a town and the district share, and must not collide. */
export function packageFileName(townCode: string, sequence: number, kind: PackageKind = 'town'): string {
  assert(/^\d{9}$/.test(townCode) && Number.isInteger(sequence) && sequence >= 1 && sequence <= 999_999, 'package name parts');
  return `${townCode}-${String(sequence).padStart(6, '0')}${kind === 'district' ? '-district' : ''}${PACKAGE_EXTENSION}`;
}

const PACKAGE_NAME_RE = /^(\d{9})-(\d{6})(-district)?\.rdpkg$/;

export interface PackageName {
  townCode: string;
  sequence: number;
  kind: PackageKind;
}

export function parsePackageFileName(name: string): PackageName | null {
  const m = PACKAGE_NAME_RE.exec(name);
  if (!m?.[1] || !m[2]) return null;
  const sequence = Number(m[2]);
  return sequence >= 1 ? { townCode: m[1], sequence, kind: m[3] ? 'district' : 'town' } : null;
}

// ---- container ----------------------------------------------------------------------------
// magic, then entries: u16 name length, name (UTF-8), u32 data length, data. Big-endian.

function encodeContainer(entries: readonly { name: string; data: Buffer }[]): Buffer {
  const parts: Buffer[] = [PACKAGE_MAGIC];
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    assert(name.length <= LIMITS.syncEntryNameBytesMax, 'entry name too long');
    const head = Buffer.alloc(2 + name.length + 4);
    head.writeUInt16BE(name.length, 0);
    name.copy(head, 2);
    head.writeUInt32BE(e.data.length, 2 + name.length);
    parts.push(head, e.data);
  }
  const out = Buffer.concat(parts);
  assert(out.length <= LIMITS.syncPackageBytesMax, 'package exceeds syncPackageBytesMax');
  return out;
}

function decodeContainer(bytes: Buffer): { name: string; data: Buffer }[] {
  if (bytes.length > LIMITS.syncPackageBytesMax) throw new PackageError('TOO_LARGE', `数据包超过大小上限（${LIMITS.syncPackageBytesMax} 字节）`);
  if (bytes.length < PACKAGE_MAGIC.length) {
    throw PACKAGE_MAGIC.subarray(0, bytes.length).equals(bytes) ? new PackageError('TRUNCATED', '文件被截断') : notAPackage();
  }
  if (!bytes.subarray(0, PACKAGE_MAGIC.length).equals(PACKAGE_MAGIC)) throw notAPackage();
  const entries: { name: string; data: Buffer }[] = [];
  let at = PACKAGE_MAGIC.length;
  while (at < bytes.length) {
    // Manifest + signature + data files.
    if (entries.length >= LIMITS.syncPackageFilesMax + 2) throw new PackageError('TOO_LARGE', '数据包内文件过多');
    if (at + 2 > bytes.length) throw new PackageError('TRUNCATED', '文件被截断');
    const nameLength = bytes.readUInt16BE(at);
    if (nameLength === 0 || nameLength > LIMITS.syncEntryNameBytesMax) throw new PackageError('MALFORMED', '数据包结构不正确（文件名长度）');
    if (at + 2 + nameLength + 4 > bytes.length) throw new PackageError('TRUNCATED', '文件被截断');
    const name = bytes.toString('utf8', at + 2, at + 2 + nameLength);
    const dataLength = bytes.readUInt32BE(at + 2 + nameLength);
    const start = at + 2 + nameLength + 4;
    if (start + dataLength > bytes.length) throw new PackageError('TRUNCATED', '文件被截断');
    entries.push({ name, data: bytes.subarray(start, start + dataLength) });
    at = start + dataLength;
  }
  return entries;
}

function notAPackage(): PackageError {
  return new PackageError('NOT_A_PACKAGE', '不是救助数据包（文件头不符）');
}

// ---- build --------------------------------------------------------------------------------

function encodeRows(rows: readonly PackageRow[]): Buffer {
  assert(rows.length <= LIMITS.syncFileRowsMax, 'too many rows for one file');
  // One canonical JSON object per line, each ending in '\n': an empty file is zero bytes.
  return Buffer.from(rows.map((r) => `${canonicalJson(r)}\n`).join(''), 'utf8');
}

export function buildPackage(input: BuildInput): Buffer {
  const data: { name: string; data: Buffer }[] = [];
  const files: ManifestFile[] = [];
  for (const f of input.files) {
    const name = `${f.name}.ndjson.gz`;
    const compressed = gzipSync(encodeRows(f.rows));
    let stored: Buffer = compressed;
    if (f.personal) {
      assert(input.sealer, `personal file ${f.name} needs the district's key to be sealed`);
      stored = input.sealer.seal(compressed);
    }
    files.push({ name, sha256: sha256(stored), rows: f.rows.length, bytes: stored.length, encrypted: f.personal });
    data.push({ name, data: stored });
  }
  const manifest = manifestSchema.parse({ ...input.manifestFields, formatVersion: PACKAGE_FORMAT_VERSION, files });
  const manifestBytes = Buffer.from(canonicalJson(manifest), 'utf8');
  assert(manifestBytes.length <= LIMITS.syncManifestBytesMax, 'manifest too large');
  const signature = input.signer.sign(manifestBytes);
  return encodeContainer([{ name: MANIFEST_ENTRY, data: manifestBytes }, { name: SIGNATURE_ENTRY, data: signature }, ...data]);
}

// ---- read ---------------------------------------------------------------------------------

function readManifest(entries: readonly { name: string; data: Buffer }[], options: ReadOptions): Manifest {
  const [manifestEntry, signatureEntry] = entries;
  if (manifestEntry?.name !== MANIFEST_ENTRY || signatureEntry?.name !== SIGNATURE_ENTRY) {
    throw new PackageError('MALFORMED', '数据包结构不正确（缺少清单或签名）');
  }
  if (manifestEntry.data.length > LIMITS.syncManifestBytesMax || signatureEntry.data.length > LIMITS.syncSignatureBytesMax) {
    throw new PackageError('TOO_LARGE', '清单或签名超过大小上限');
  }
  // The signature comes before any parsing: nothing unsigned is interpreted.
  let valid: boolean;
  try {
    valid = options.verify(options.publicKey, manifestEntry.data, signatureEntry.data);
  } catch {
    valid = false;
  }
  if (!valid) throw new PackageError('SIGNATURE_INVALID', '签名无效（数据包不是该镇街的密钥签发，或清单被改动）');
  let parsed: unknown;
  try {
    parsed = JSON.parse(manifestEntry.data.toString('utf8'));
  } catch {
    throw new PackageError('MANIFEST_INVALID', '清单格式不正确');
  }
  const result = manifestSchema.safeParse(parsed);
  if (!result.success || canonicalJson(result.data) !== manifestEntry.data.toString('utf8')) {
    throw new PackageError('MANIFEST_INVALID', '清单格式不正确');
  }
  return result.data;
}

function decodeRows(plain: Buffer, file: ManifestFile): PackageRow[] {
  const text = plain.toString('utf8');
  if (text.length > 0 && !text.endsWith('\n')) throw new PackageError('DATA_INVALID', `数据文件 ${file.name} 内容不完整`);
  const lines = text.length === 0 ? [] : text.slice(0, -1).split('\n');
  if (lines.length !== file.rows) throw new PackageError('ROWS_MISMATCH', `行数与清单不符：${file.name} 清单 ${file.rows} 行，实际 ${lines.length} 行`);
  return lines.map((line) => {
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw new PackageError('DATA_INVALID', `数据文件 ${file.name} 有无法解析的行`);
    }
    if (row === null || typeof row !== 'object' || Array.isArray(row)) throw new PackageError('DATA_INVALID', `数据文件 ${file.name} 有不是记录的行`);
    return row as PackageRow;
  });
}

function openFile(stored: Buffer, file: ManifestFile, opener: Opener | null): PackageRow[] {
  let compressed: Buffer = stored;
  if (file.encrypted) {
    if (!opener) throw new PackageError('NO_KEY_TO_OPEN', `数据文件 ${file.name} 已加密，本机没有解密密钥`);
    try {
      compressed = opener.open(stored);
    } catch {
      throw new PackageError('DECRYPT_FAILED', `数据文件 ${file.name} 无法解密（密钥不符）`);
    }
  }
  let plain: Buffer;
  try {
    plain = gunzipSync(compressed, { maxOutputLength: LIMITS.syncFilePlainBytesMax });
  } catch {
    throw new PackageError('DATA_INVALID', `数据文件 ${file.name} 无法解压（损坏或超过大小上限）`);
  }
  return decodeRows(plain, file);
}

/** Verifies everything before returning anything: the container, the signature, each file's
 *  length and hash, decryption, row counts. Throws PackageError on the first failure. */
export function readPackage(bytes: Buffer, options: ReadOptions): ReadResult {
  const entries = decodeContainer(bytes);
  const manifest = readManifest(entries, options);
  const data = entries.slice(2);
  if (data.length !== manifest.files.length || data.some((e, i) => e.name !== manifest.files[i]?.name)) {
    throw new PackageError('FILES_MISMATCH', '数据包内文件与清单不符');
  }
  manifest.files.forEach((file, i) => {
    const stored = data[i]?.data;
    assert(stored, 'entry matched above');
    if (stored.length !== file.bytes) throw new PackageError('FILE_LENGTH_MISMATCH', `文件被截断或长度不符：${file.name}`);
    if (sha256(stored) !== file.sha256) throw new PackageError('FILE_HASH_MISMATCH', `文件哈希不符：${file.name}`);
  });
  const files = manifest.files.map((file, i) => ({ name: file.name, rows: openFile(data[i]?.data ?? Buffer.alloc(0), file, options.opener) }));
  return { manifest, files, packageSha256: sha256(bytes) };
}

// ---- storage ------------------------------------------------------------------------------

/** Writes bytes so the final name appears only once the whole file is on disk: temp file in the
 *  same directory (a rename across devices is not atomic), fsync, rename, fsync the directory. */
export function writePackageAtomically(dir: string, fileName: string, bytes: Buffer): string {
  assert(!fileName.startsWith('.') && !fileName.includes('/') && !fileName.includes('\\'), 'plain final file name');
  const finalPath = join(dir, fileName);
  const tempPath = join(dir, `.${fileName}.${process.pid}.${Date.now()}.tmp`);
  writeTempFile(tempPath, bytes);
  renameSync(tempPath, finalPath);
  fsyncDirectory(dir);
  return finalPath;
}

/** Package files in a folder, by town, kind and sequence; temp files ('.' names) and anything
 *  not named like a package are ignored so a half-written file is never picked up. */
export function listPackages(dir: string): ({ fileName: string } & PackageName)[] {
  const names = readdirSync(dir);
  if (names.length > LIMITS.syncFolderEntriesMax) throw new PackageError('TOO_LARGE', `文件夹内文件过多（超过 ${LIMITS.syncFolderEntriesMax} 个），请先归档旧的数据包`);
  const found: ({ fileName: string } & PackageName)[] = [];
  for (const fileName of names) {
    if (fileName.startsWith('.')) continue;
    const parsed = parsePackageFileName(fileName);
    if (parsed) found.push({ fileName, ...parsed });
  }
  return found.sort((a, b) => a.townCode.localeCompare(b.townCode) || a.kind.localeCompare(b.kind) || a.sequence - b.sequence);
}
