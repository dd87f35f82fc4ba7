import { accessSync, constants, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { Installation } from '../../contract';
import type { Db } from '../../../db/open';
import type { AppDeps } from '../context';
import { DomainError } from '../errors';
import { getSettings } from '../settings';
import { requireInstallation } from '../setup';
import { ensureKeyPair, open, sealFor, sign, verify, type KeyOwner, type SyncKeys } from './keys';
import type { Opener, ReadOptions, Sealer, Signer } from './packageFormat';

// Who this installation is to its peers, where its packages go, and whom it exchanges them
// with: read by the exporter, the importer and the 数据同步 page alike.

// Keys are loaded once per data directory: loading checks file modes and parses PEM, and an
// export or import asks for them on every call. Keys are never rewritten (keys.ts), so a cached
// pair cannot go stale.
const keysByDir = new Map<string, SyncKeys>();

export function ownKeys(app: Pick<AppDeps, 'dataDir'>): SyncKeys {
  let keys = keysByDir.get(app.dataDir);
  if (!keys) {
    keys = ensureKeyPair(app.dataDir);
    keysByDir.set(app.dataDir, keys);
  }
  return keys;
}

export function ownerOf(installation: Installation): KeyOwner {
  return installation.kind === 'town'
    ? { kind: 'town', code: installation.townCode ?? '', name: installation.townName ?? '' }
    : { kind: 'district', code: installation.districtCode, name: installation.districtName };
}

export interface PeerRow {
  code: string;
  name: string;
  kind: 'town' | 'district';
  signingPublicKey: string;
  agreementPublicKey: string;
  fingerprint: string;
  folder: string | null;
  enrolledAt: string;
  lastSequence: number;
  lastPackageSha256: string | null;
  lastCreatedAt: string | null;
  lastImportedAt: string | null;
  lastAuditSeq: number;
  lastAuditHash: string | null;
  reserveBalanceFen: number | null;
  reserveHeldFen: number | null;
  reserveAvailableFen: number | null;
}

const PEER_COLUMNS = `code, name, kind, signing_public_key AS signingPublicKey, agreement_public_key AS agreementPublicKey,
  fingerprint, folder, enrolled_at AS enrolledAt, last_sequence AS lastSequence, last_package_sha256 AS lastPackageSha256,
  last_created_at AS lastCreatedAt, last_imported_at AS lastImportedAt, last_audit_seq AS lastAuditSeq,
  last_audit_hash AS lastAuditHash, reserve_balance_fen AS reserveBalanceFen, reserve_held_fen AS reserveHeldFen,
  reserve_available_fen AS reserveAvailableFen`;

export function peerByCode(db: Db, code: string): PeerRow | null {
  return (db.$client.prepare(`SELECT ${PEER_COLUMNS} FROM sync_peers WHERE code = ?`).get(code) as PeerRow | undefined) ?? null;
}

export function listPeers(db: Db): PeerRow[] {
  return db.$client.prepare(`SELECT ${PEER_COLUMNS} FROM sync_peers ORDER BY code`).all() as PeerRow[];
}

/** A town's district (the one peer of kind 'district'), or null before its key is imported. */
export function districtPeer(db: Db): PeerRow | null {
  return (db.$client.prepare(`SELECT ${PEER_COLUMNS} FROM sync_peers WHERE kind = 'district'`).get() as PeerRow | undefined) ?? null;
}

/** The folder set in 数据同步, checked to exist and be writable: a clear sentence, not EACCES. */
export function usableFolder(path: string, purpose: string): string {
  if (path === '') throw new DomainError('CONFLICT', `尚未设置同步文件夹，请在“数据同步”页设置后再${purpose}`);
  if (!isAbsolute(path)) throw new DomainError('VALIDATION', `同步文件夹须为完整路径（例如 /media/usb 或 D:\\同步）：${path}`);
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new DomainError('CONFLICT', `同步文件夹不存在或无法访问：${path}（U 盘是否已插好？）`);
  }
  if (!isDir) throw new DomainError('VALIDATION', `同步文件夹不是文件夹：${path}`);
  try {
    accessSync(path, constants.R_OK | constants.W_OK);
  } catch {
    throw new DomainError('CONFLICT', `同步文件夹不可读写：${path}`);
  }
  return path;
}

export function syncFolderOf(db: Db): string {
  return getSettings(db).syncFolder;
}

/** Where a peer's packages arrive and where the answers to it go: its own folder, else the common one. */
export function folderOfPeer(db: Db, peer: Pick<PeerRow, 'folder'>): string {
  return peer.folder ?? syncFolderOf(db);
}

export function signerOf(keys: SyncKeys): Signer {
  return { sign: (bytes) => sign(keys, bytes) };
}

export function sealerFor(peer: Pick<PeerRow, 'agreementPublicKey'>): Sealer {
  const recipient = Buffer.from(peer.agreementPublicKey, 'hex');
  return { seal: (plain) => sealFor(recipient, plain) };
}

export function openerOf(keys: SyncKeys): Opener {
  return { open: (sealed) => open(keys, sealed) };
}

/** How to read a package from `peer`: its enrolled signing key, our key to open what it sealed. */
export function readOptionsFor(peer: Pick<PeerRow, 'signingPublicKey'>, keys: SyncKeys): ReadOptions {
  return { publicKey: Buffer.from(peer.signingPublicKey, 'hex'), verify, opener: openerOf(keys) };
}

export function requireKind(db: Db, kind: 'town' | 'district'): Installation {
  const installation = requireInstallation(db);
  if (installation.kind !== kind) {
    throw new DomainError('CONFLICT', kind === 'town' ? '此操作仅用于镇街安装' : '此操作仅用于区级安装');
  }
  return installation;
}
