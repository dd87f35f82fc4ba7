import { closeSync, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Db } from '../../../db/open';
import { LIMITS } from '../../contract/limits';
import type { SyncCandidate, SyncImportOutcome, SyncImportStatus } from '../../contract/sync';
import type { Ctx } from '../context';
import { assert, DomainError } from '../errors';
import { requireInstallation } from '../setup';
import { raiseAlert } from './alerts';
import { listPeers, ownKeys, peerByCode, districtPeer, readOptionsFor, syncFolderOf, type PeerRow } from './config';
import { checkTownPackage } from './districtChecks';
import { AUDIT_FILE } from './exporter';
import { listPackages, PackageError, parsePackageFileName, readPackage, sha256, type ReadResult } from './packageFormat';
import { applyDistrictPackage } from './townApply';

// The importer's rules (DESIGN.md §5, issue 5 item 3), the same on both sides: a district
// reads towns' packages, a town reads the district's answers. One package per call, in the
// caller's transaction, so a progress bar can follow and an interruption loses at most the
// package in hand, which then left nothing behind.
//   same sequence, same file: already imported, nothing happens;
//   same sequence, another validly signed file: quarantined, alert raised;
//   a sequence beyond the next: verified and held until the gap fills;
//   the next sequence, continuing the previous package's hash: applied, then any held ones
//   that now follow, each as its own savepoint;
//   anything that fails verification: rejected (quarantined with the reason), never applied.

/** The folders this installation reads packages from: the common one and each peer's own. */
export function watchedFolders(db: Db): string[] {
  const folders = new Set<string>();
  const common = syncFolderOf(db);
  if (common !== '') folders.add(resolve(common));
  for (const p of listPeers(db)) if (p.folder) folders.add(resolve(p.folder));
  return [...folders];
}

function expectedKind(db: Db): { incoming: 'town' | 'district'; ownTown: string | null } {
  const installation = requireInstallation(db);
  return installation.kind === 'district' ? { incoming: 'town', ownTown: null } : { incoming: 'district', ownTown: installation.townCode };
}

function receivedRow(db: Db, peerCode: string, sequence: number): { packageSha256: string; bytes: number } | null {
  return (
    (db.$client.prepare('SELECT package_sha256 AS packageSha256, bytes FROM sync_received WHERE peer_code = ? AND sequence = ?').get(peerCode, sequence) as
      | { packageSha256: string; bytes: number }
      | undefined) ?? null
  );
}

function heldRow(db: Db, peerCode: string, sequence: number): { packageSha256: string } | null {
  return (
    (db.$client.prepare('SELECT package_sha256 AS packageSha256 FROM sync_held WHERE peer_code = ? AND sequence = ?').get(peerCode, sequence) as
      | { packageSha256: string }
      | undefined) ?? null
  );
}

/**
 * Package files in the watched folders not yet applied, in apply order. A file under a sequence
 * already applied is listed only when its size differs from the applied one's (hashing every
 * old package on every scan would read years of files); importing it names the fork.
 */
export function scanCandidates(ctx: Ctx): SyncCandidate[] {
  const { incoming, ownTown } = expectedKind(ctx.db);
  const out: SyncCandidate[] = [];
  for (const folder of watchedFolders(ctx.db)) {
    let listed;
    try {
      listed = listPackages(folder);
    } catch (error) {
      if (error instanceof PackageError) throw new DomainError('CONFLICT', `${folder}：${error.message}`);
      throw new DomainError('CONFLICT', `同步文件夹不存在或无法读取：${folder}（U 盘是否已插好？）`);
    }
    for (const p of listed) {
      if (p.kind !== incoming || (ownTown !== null && p.townCode !== ownTown)) continue;
      // Null: a town not enrolled here, or the district before its key is imported; listed, so
      // the admin sees the file and importing it says why it cannot be read.
      const peer = incoming === 'town' ? peerByCode(ctx.db, p.townCode) : districtPeer(ctx.db);
      let bytes: number;
      try {
        const stat = lstatSync(join(folder, p.fileName));
        if (!stat.isFile()) continue; // a link, a pipe, a device: never a package (importFile says so)
        bytes = stat.size;
      } catch {
        continue; // gone between the listing and now: the next scan will say
      }
      if (peer) {
        const received = receivedRow(ctx.db, peer.code, p.sequence);
        if (received && received.bytes === bytes) continue;
        // Held and still waiting: nothing to do. Held and now next (its release was refused
        // before, e.g. a headless import of answers that book money): offered again.
        if (heldRow(ctx.db, peer.code, p.sequence) && p.sequence !== peer.lastSequence + 1) continue;
      }
      // A file already refused stays refused: not offered again on every scan. Only files
      // whose name was quarantined are hashed, so the scan stays a listing.
      if (quarantinedAgain(ctx.db, folder, p.fileName)) continue;
      if (out.length >= LIMITS.syncFolderEntriesMax) break;
      out.push({ folder, fileName: p.fileName, peerCode: peer?.code ?? p.townCode, peerName: peer?.name ?? null, sequence: p.sequence, bytes });
    }
  }
  return out.sort((a, b) => a.peerCode.localeCompare(b.peerCode) || a.sequence - b.sequence);
}

function quarantinedAgain(db: Db, folder: string, fileName: string): boolean {
  const shas = db.$client.prepare('SELECT package_sha256 AS sha FROM sync_quarantine WHERE file_name = ? LIMIT 20').all(fileName) as { sha: string }[];
  if (shas.length === 0) return false;
  let bytes: Buffer;
  try {
    bytes = readPackageFile(join(folder, fileName));
  } catch {
    return false;
  }
  const sha = sha256(bytes);
  return shas.some((q) => q.sha === sha);
}

function outcome(
  fileName: string,
  located: { peerCode: string | null; sequence: number | null },
  status: SyncImportStatus,
  message: string,
  rows = 0,
  alsoApplied: number[] = [],
): SyncImportOutcome {
  return { fileName, peerCode: located.peerCode, sequence: located.sequence, status, rows, message, alsoApplied };
}

function quarantine(ctx: Ctx, q: { peerCode: string | null; sequence: number | null; fileName: string; packageSha256: string; code: string; message: string }): void {
  ctx.db.$client
    .prepare(
      `INSERT INTO sync_quarantine (peer_code, sequence, file_name, package_sha256, code, message, at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (package_sha256) DO NOTHING`,
    )
    .run(q.peerCode, q.sequence, q.fileName, q.packageSha256, q.code, q.message, ctx.nowIso);
}

/** Imports one package file from a watched folder. Inside the caller's transaction. */
export function importFile(ctx: Ctx, folder: string, fileName: string): SyncImportOutcome {
  assert(ctx.db.$client.inTransaction, 'importFile runs in the caller transaction');
  const dir = resolve(folder);
  // The hall server must not become a way to read any file on the PC: only package names, only
  // in the folders this installation was told to watch.
  if (!watchedFolders(ctx.db).includes(dir)) throw new DomainError('VALIDATION', `不是本机设置的同步文件夹：${folder}`);
  const name = parsePackageFileName(fileName);
  if (!name) throw new DomainError('VALIDATION', `不是数据包文件名：${fileName}`);
  const { incoming, ownTown } = expectedKind(ctx.db);
  if (name.kind !== incoming || (ownTown !== null && name.townCode !== ownTown)) {
    throw new DomainError('VALIDATION', incoming === 'town' ? `${fileName} 不是镇街上报的数据包` : `${fileName} 不是发给本镇街的区级数据包`);
  }
  const peer = incoming === 'town' ? peerByCode(ctx.db, name.townCode) : districtPeer(ctx.db);
  const located = { peerCode: peer?.code ?? name.townCode, sequence: name.sequence };
  if (!peer) {
    return outcome(fileName, located, 'rejected', incoming === 'town' ? `镇街 ${name.townCode} 尚未登记（请先导入其公钥文件）` : '尚未导入区级公钥，无法校验区级数据包');
  }
  const path = join(dir, fileName);
  let bytes: Buffer;
  try {
    bytes = readPackageFile(path);
  } catch (error) {
    if (error instanceof PackageError) return outcome(fileName, located, 'rejected', `${fileName}：${error.message}`);
    throw new DomainError('NOT_FOUND', `无法读取文件：${path}`);
  }
  const packageSha256 = sha256(bytes);
  const received = receivedRow(ctx.db, peer.code, name.sequence);
  if (received?.packageSha256 === packageSha256) return outcome(fileName, located, 'duplicate', `第 ${name.sequence} 号数据包已导入过，未重复导入`);
  const held = heldRow(ctx.db, peer.code, name.sequence);
  const heldIsNext = held?.packageSha256 === packageSha256 && name.sequence === peer.lastSequence + 1;
  if (held?.packageSha256 === packageSha256 && !heldIsNext) return outcome(fileName, located, 'held', heldMessage(peer, name.sequence));

  let read: ReadResult;
  try {
    read = readPackage(bytes, readOptionsFor(peer, ownKeys(ctx)));
    const m = read.manifest;
    if (m.kind !== incoming || m.townCode !== name.townCode || m.sequence !== name.sequence) {
      throw new PackageError('MANIFEST_INVALID', `清单与文件名不符（清单：${m.kind === 'town' ? '镇街' : '区级'} ${m.townCode} 第 ${m.sequence} 号）`);
    }
  } catch (error) {
    if (!(error instanceof PackageError)) throw error;
    const message = `${fileName}：${error.message}`;
    quarantine(ctx, { ...located, fileName, packageSha256, code: error.code, message });
    raiseAlert(ctx, { kind: 'rejected', key: packageSha256, ...located, message, detail: { code: error.code, fileName } });
    ctx.audit.note({ fileName, status: 'rejected', code: error.code });
    return outcome(fileName, located, 'rejected', message);
  }

  // A validly signed package under a number already used or held by another file: the town
  // made two packages with one number (a restored backup, a copied installation). Neither is
  // trusted over the other without a person looking.
  if (received || (held && !heldIsNext) || name.sequence <= peer.lastSequence) {
    const message = `${peer.name} 第 ${name.sequence} 号数据包与已${received ? '导入' : '暂存'}的同号数据包不同，已隔离，请核实该镇街是否重装或恢复过备份`;
    return fork(ctx, located, fileName, packageSha256, message);
  }
  if (name.sequence > peer.lastSequence + 1) {
    ctx.db.$client
      .prepare('INSERT INTO sync_held (peer_code, sequence, package_sha256, file_name, content, received_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(peer.code, name.sequence, packageSha256, fileName, bytes, ctx.nowIso);
    ctx.audit.note({ fileName, status: 'held' });
    return outcome(fileName, located, 'held', heldMessage(peer, name.sequence));
  }
  if (read.manifest.previousPackageSha256 !== peer.lastPackageSha256) {
    return fork(ctx, located, fileName, packageSha256, `${peer.name} 第 ${name.sequence} 号数据包不是接在已导入的第 ${peer.lastSequence} 号之后（前一包哈希不符），已隔离`);
  }

  let rows: number;
  try {
    rows = applyAtomically(ctx, peer, read, fileName, bytes.length);
  } catch (error) {
    // FORBIDDEN: the package is sound but this caller may not apply it (a headless import of
    // answers that book money): nothing is recorded, the caller is told, a person imports it.
    if (!(error instanceof PackageError) && !(error instanceof DomainError)) throw error;
    if (error instanceof DomainError && error.code === 'FORBIDDEN') throw error;
    const message = `${fileName}：无法导入（${error.message}），未导入任何内容`;
    quarantine(ctx, { ...located, fileName, packageSha256, code: error instanceof PackageError ? error.code : error.code, message });
    raiseAlert(ctx, { kind: 'rejected', key: packageSha256, ...located, message, detail: { fileName } });
    ctx.audit.note({ fileName, status: 'rejected' });
    return outcome(fileName, located, 'rejected', message);
  }
  const alsoApplied: number[] = [];
  // The gap this package filled may free packages held behind it.
  for (;;) {
    const current = peerByCode(ctx.db, peer.code);
    assert(current, 'peer stays enrolled');
    const next = ctx.db.$client
      .prepare('SELECT sequence, file_name AS fileName, content, package_sha256 AS packageSha256 FROM sync_held WHERE peer_code = ? AND sequence = ?')
      .get(peer.code, current.lastSequence + 1) as { sequence: number; fileName: string; content: Buffer; packageSha256: string } | undefined;
    if (!next) break;
    const dropHeld = (): void => {
      ctx.db.$client.prepare('DELETE FROM sync_held WHERE peer_code = ? AND sequence = ?').run(peer.code, next.sequence);
    };
    const heldRead = readPackage(next.content, readOptionsFor(current, ownKeys(ctx)));
    if (heldRead.manifest.previousPackageSha256 !== current.lastPackageSha256) {
      dropHeld();
      fork(ctx, { peerCode: peer.code, sequence: next.sequence }, next.fileName, next.packageSha256, `${peer.name} 暂存的第 ${next.sequence} 号数据包不是接在第 ${current.lastSequence} 号之后，已隔离`);
      break;
    }
    try {
      // The held row goes in the same savepoint: a package that cannot apply stays held.
      rows += ctx.db.$client.transaction(() => {
        dropHeld();
        return applyOne(ctx, current, heldRead, next.fileName, next.content.length);
      })();
    } catch (error) {
      if (!(error instanceof PackageError) && !(error instanceof DomainError)) throw error;
      if (error instanceof DomainError && error.code === 'FORBIDDEN') break;
      dropHeld();
      const message = `${next.fileName}：无法导入（${error.message}），未导入任何内容`;
      quarantine(ctx, { peerCode: peer.code, sequence: next.sequence, fileName: next.fileName, packageSha256: next.packageSha256, code: error.code, message });
      raiseAlert(ctx, { kind: 'rejected', key: next.packageSha256, peerCode: peer.code, sequence: next.sequence, message, detail: { fileName: next.fileName } });
      break;
    }
    alsoApplied.push(next.sequence);
  }
  ctx.audit.entity('sync_peer', peer.code);
  ctx.audit.note({ fileName, status: 'applied', sequence: name.sequence, alsoApplied, rows });
  const more = alsoApplied.length > 0 ? `，并导入暂存的第 ${alsoApplied.join('、')} 号` : '';
  return outcome(fileName, located, 'applied', `已导入 ${peer.name} 第 ${name.sequence} 号数据包（${rows} 行）${more}`, rows, alsoApplied);
}

function fork(ctx: Ctx, located: { peerCode: string; sequence: number }, fileName: string, packageSha256: string, message: string): SyncImportOutcome {
  quarantine(ctx, { ...located, fileName, packageSha256, code: 'FORK', message });
  raiseAlert(ctx, { kind: 'fork', key: packageSha256, ...located, message, detail: { fileName, packageSha256 } });
  ctx.audit.note({ fileName, status: 'quarantined', packageSha256 });
  return outcome(fileName, located, 'quarantined', message);
}

function heldMessage(peer: PeerRow, sequence: number): string {
  const from = peer.lastSequence + 1;
  const to = sequence - 1;
  const missing = from === to ? `第 ${from} 号` : `第 ${from}–${to} 号中缺失的`;
  return `${peer.name} 第 ${sequence} 号数据包已校验并暂存，等待${missing}数据包到达后按序导入`;
}

/** applyOne inside a savepoint: a package whose rows turn out bad half-way leaves nothing. */
function applyAtomically(ctx: Ctx, peer: PeerRow, read: ReadResult, fileName: string, bytes: number): number {
  // better-sqlite3 runs a transaction function inside an open transaction as a SAVEPOINT. The
  // package may have been held before (its release refused once): applied, it is held no more.
  return ctx.db.$client.transaction(() => {
    ctx.db.$client.prepare('DELETE FROM sync_held WHERE peer_code = ? AND sequence = ?').run(peer.code, read.manifest.sequence);
    return applyOne(ctx, peer, read, fileName, bytes);
  })();
}

/**
 * A package file's bytes: a regular file only (a symlink could point at /dev/zero, a FIFO would
 * block the read while the write lock is held), and never more than a package may be.
 */
function readPackageFile(path: string): Buffer {
  const stat = lstatSync(path);
  if (!stat.isFile()) throw new PackageError('NOT_A_PACKAGE', '不是普通文件（链接、管道或设备），不予读取');
  if (stat.size > LIMITS.syncPackageBytesMax) throw new PackageError('TOO_LARGE', `数据包超过大小上限（${LIMITS.syncPackageBytesMax} 字节）`);
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > LIMITS.syncPackageBytesMax) throw new PackageError('TOO_LARGE', `数据包超过大小上限（${LIMITS.syncPackageBytesMax} 字节）`);
    const buffer = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buffer, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** Applies one verified package that continues the peer's sequence; returns the rows applied. */
function applyOne(ctx: Ctx, peer: PeerRow, read: ReadResult, fileName: string, bytes: number): number {
  const m = read.manifest;
  assert(m.sequence === peer.lastSequence + 1 && m.previousPackageSha256 === peer.lastPackageSha256, 'applyOne continues the sequence');
  const rows = peer.kind === 'town' ? applyTownPackage(ctx, peer, read) : applyDistrictPackage(ctx, read).rows;
  const client = ctx.db.$client;
  client
    .prepare(
      `UPDATE sync_peers SET last_sequence = ?, last_package_sha256 = ?, last_created_at = ?, last_imported_at = ?,
         last_audit_seq = ?, last_audit_hash = ?, reserve_balance_fen = ?, reserve_held_fen = ?, reserve_available_fen = ?
       WHERE code = ?`,
    )
    .run(
      m.sequence,
      read.packageSha256,
      m.createdAt,
      ctx.nowIso,
      m.auditHead?.seq ?? peer.lastAuditSeq,
      m.auditHead?.hash ?? peer.lastAuditHash,
      m.reserve.balanceFen,
      m.reserve.heldFen,
      m.reserve.availableFen,
      peer.code,
    );
  client
    .prepare('INSERT INTO sync_received (peer_code, sequence, package_sha256, file_name, created_at, imported_at, rows, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(peer.code, m.sequence, read.packageSha256, fileName, m.createdAt, ctx.nowIso, rows, bytes);
  return rows;
}

interface ChangeLine {
  seq: number;
  op: 'insert' | 'update' | 'delete';
  rowId: string;
  row: unknown;
}

const UPSERT_SQL = `INSERT INTO district_rows (town_code, table_name, row_id, op, row_json, change_seq, package_sequence)
  VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (town_code, table_name, row_id) DO UPDATE SET op = excluded.op, row_json = excluded.row_json,
    change_seq = excluded.change_seq, package_sequence = excluded.package_sequence
  WHERE excluded.change_seq >= district_rows.change_seq`;

/** District: a town's rows into the district store, the latest version of each row kept. */
function applyTownPackage(ctx: Ctx, peer: PeerRow, read: ReadResult): number {
  const m = read.manifest;
  const upsert = ctx.db.$client.prepare(UPSERT_SQL);
  const touched: { tableName: string; rowId: string }[] = [];
  let auditRows: Record<string, unknown>[] = [];
  let rows = 0;
  for (const file of read.files) {
    const table = file.name.replace(/\.ndjson\.gz$/, '');
    if (table === AUDIT_FILE) {
      auditRows = file.rows;
      for (const a of file.rows) {
        const seq = Number(a.seq);
        if (!Number.isInteger(seq)) throw new PackageError('DATA_INVALID', `审计记录缺少序号：${file.name}`);
        upsert.run(peer.code, AUDIT_FILE, String(seq), 'insert', JSON.stringify(a), seq, m.sequence);
        rows += 1;
      }
      continue;
    }
    for (const raw of file.rows) {
      const line = raw as unknown as ChangeLine;
      if (!Number.isInteger(line.seq) || typeof line.rowId !== 'string' || !['insert', 'update', 'delete'].includes(line.op)) {
        throw new PackageError('DATA_INVALID', `数据行格式不正确：${file.name}`);
      }
      upsert.run(peer.code, table, line.rowId, line.op, JSON.stringify(line.row), line.seq, m.sequence);
      touched.push({ tableName: table, rowId: line.rowId });
      rows += 1;
    }
  }
  checkTownPackage(ctx, {
    townCode: peer.code,
    sequence: m.sequence,
    createdAt: m.createdAt,
    previousCreatedAt: peer.lastCreatedAt,
    previousAuditHead: { seq: peer.lastAuditSeq, hash: peer.lastAuditHash },
    manifestAuditHead: m.auditHead,
    auditRows,
    touched,
  });
  return rows;
}
