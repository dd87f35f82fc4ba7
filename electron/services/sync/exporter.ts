import { existsSync } from 'node:fs';
import { join } from 'node:path';
import journal from '../../../db/migrations/meta/_journal.json';
import type { Db } from '../../../db/open';
import { LIMITS } from '../../contract/limits';
import type { SyncExportResult, SyncTrigger } from '../../contract/sync';
import { auditHead } from '../audit';
import type { Ctx } from '../context';
import { assert, DomainError } from '../errors';
import { reserveBalances } from '../reserve/ledger';
import { LOCAL_ONLY_COLUMNS } from '../rows';
import { districtPeer, ownKeys, requireKind, sealerFor, signerOf, syncFolderOf, usableFolder } from './config';
import { buildPackage, packageFileName, sha256, writePackageAtomically, type PackageFileInput, type PackageRow } from './packageFormat';

// The town's nightly package (issue 5 item 1, docs/sync-package.md): every change-log entry
// and audit row since the previous package, one data file per table, personal tables sealed for
// the district. The package is recorded with its bytes in the same transaction that reads the
// log, and the file is written after the commit: a crash between the two leaves a recorded
// package whose file the next export (or the next start) writes, byte for byte the same. A
// package is never rebuilt under a number already used: a rebuilt one would be sealed afresh,
// a different file, and the district would rightly quarantine it as a fork.

/** Tables holding no one's personal data: sent readable. Every other table is sealed, so a
 *  table added later is sealed until someone decides otherwise. */
export const PUBLIC_TABLES: ReadonlySet<string> = new Set([
  'installation',
  'settings',
  'villages',
  'catalogue_versions',
  'calendar_days',
  'case_sequences',
  'users',
  'reserve_accounts',
]);
// Not public, though they hold money rather than people: reserve_transfers, day_closes and
// reimbursement_claims carry free-text notes and reasons (a void's reason, a recovery order,
// a shortfall's explanation) that can describe someone's circumstances.

export const AUDIT_FILE = 'audit_log';

/** The migration the rows were written under: the last one this program ships (and applied at open). */
export const SCHEMA_VERSION: string = (() => {
  const last = journal.entries.at(-1);
  assert(last, 'migrations journal is empty');
  return last.tag;
})();

/** The change log leaves local-only columns out as it is written (rows.ts); a log written by an
 *  older version may hold them, and a package must never carry a password hash. */
function withoutLocalColumns(tableName: string, row: unknown): unknown {
  const local = LOCAL_ONLY_COLUMNS[tableName];
  if (!local || row === null || typeof row !== 'object') return row;
  return Object.fromEntries(Object.entries(row).filter(([key]) => !local.includes(key)));
}

interface ExportRecord {
  sequence: number;
  fileName: string;
  toChangeSeq: number;
  toAuditSeq: number;
  packageSha256: string;
}

function lastExport(db: Db): ExportRecord | null {
  return (
    (db.$client
      .prepare(
        `SELECT sequence, file_name AS fileName, to_change_seq AS toChangeSeq, to_audit_seq AS toAuditSeq,
                package_sha256 AS packageSha256
           FROM sync_exports ORDER BY sequence DESC LIMIT 1`,
      )
      .get() as ExportRecord | undefined) ?? null
  );
}

interface ChangeRow {
  seq: number;
  table_name: string;
  row_id: string;
  op: string;
  row_json: string;
  audit_seq: number | null;
  at: string;
}

interface AuditRow {
  seq: number;
  at: string;
  user_id: string | null;
  username: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

/** Builds, records and (after the commit) writes the town's next package. Inside a transaction. */
export function exportPackage(ctx: Ctx, trigger: SyncTrigger): SyncExportResult {
  const installation = requireKind(ctx.db, 'town');
  const townCode = installation.townCode;
  assert(townCode, 'a town installation has a town code');
  const folder = usableFolder(syncFolderOf(ctx.db), '导出');
  const district = districtPeer(ctx.db);
  if (!district) {
    throw new DomainError('CONFLICT', '尚未导入区级公钥：数据包中的个人信息须用区级公钥加密，请先在“数据同步”页导入区级公钥文件');
  }
  const client = ctx.db.$client;
  assert(client.inTransaction, 'exportPackage reads the log and records the package in one transaction');

  const previous = lastExport(ctx.db);
  const sequence = (previous?.sequence ?? 0) + 1;
  const fromChangeSeq = previous?.toChangeSeq ?? 0;
  const fromAuditSeq = previous?.toAuditSeq ?? 0;

  const changes = client
    .prepare(`SELECT seq, table_name, row_id, op, row_json, audit_seq, at FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?`)
    .all(fromChangeSeq, LIMITS.syncPackageChangesMax) as ChangeRow[];
  const capped = changes.length === LIMITS.syncPackageChangesMax;
  const toChangeSeq = changes.at(-1)?.seq ?? fromChangeSeq;
  // A capped package stops its audit rows where its changes stop, so the next package carries
  // both from the same point; otherwise everything up to the head goes.
  const head = auditHead(ctx.db);
  let auditLimit = head.seq;
  if (capped) {
    // Not Math.max(...changes): 200,000 arguments overflow the stack, and the town would never
    // export again. Audit seqs rise with the change seqs, but take the maximum all the same.
    auditLimit = fromAuditSeq;
    for (const c of changes) if (c.audit_seq !== null && c.audit_seq > auditLimit) auditLimit = c.audit_seq;
  }
  const audits = client
    .prepare(
      `SELECT seq, at, user_id, username, action, entity_type, entity_id, detail, prev_hash, hash
         FROM audit_log WHERE seq > ? AND seq <= ? ORDER BY seq`,
    )
    .all(fromAuditSeq, auditLimit) as AuditRow[];
  const toAuditSeq = audits.at(-1)?.seq ?? fromAuditSeq;

  const byTable = new Map<string, PackageRow[]>();
  for (const c of changes) {
    let rows = byTable.get(c.table_name);
    if (!rows) byTable.set(c.table_name, (rows = []));
    rows.push({ seq: c.seq, op: c.op, rowId: c.row_id, at: c.at, auditSeq: c.audit_seq, row: withoutLocalColumns(c.table_name, JSON.parse(c.row_json)) });
  }
  assert(byTable.size + 1 <= LIMITS.syncPackageFilesMax, 'more synced tables than a package may carry');
  const files: PackageFileInput[] = [...byTable.keys()].sort().map((name) => ({ name, rows: byTable.get(name) ?? [], personal: !PUBLIC_TABLES.has(name) }));
  files.push({
    name: AUDIT_FILE,
    personal: true,
    rows: audits.map((a) => ({
      seq: a.seq,
      at: a.at,
      userId: a.user_id,
      username: a.username,
      action: a.action,
      entityType: a.entity_type,
      entityId: a.entity_id,
      // As stored, not parsed: the hash covers these exact characters, and the district
      // recomputes it (a re-serialised object would sort its keys and never match).
      detail: a.detail,
      prevHash: a.prev_hash,
      hash: a.hash,
    })),
  });

  const headRow = toAuditSeq === 0 ? null : (client.prepare('SELECT seq, hash FROM audit_log WHERE seq = ?').get(toAuditSeq) as { seq: number; hash: string });
  const balances = reserveBalances(ctx.db);
  const keys = ownKeys(ctx);
  const bytes = buildPackage({
    manifestFields: {
      kind: 'town',
      townCode,
      sequence,
      previousPackageSha256: previous?.packageSha256 ?? null,
      schemaVersion: SCHEMA_VERSION,
      createdAt: ctx.nowIso,
      auditHead: headRow,
      reserve: { balanceFen: balances.balanceFen, heldFen: balances.heldFen, availableFen: balances.availableFen },
    },
    files,
    signer: signerOf(keys),
    sealer: sealerFor(district),
  });
  const fileName = packageFileName(townCode, sequence);
  const rows = changes.length + audits.length;
  const packageSha256 = sha256(bytes);
  client
    .prepare(
      `INSERT INTO sync_exports (sequence, file_name, created_at, trigger, from_change_seq, to_change_seq, from_audit_seq,
         to_audit_seq, rows, bytes, package_sha256, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(sequence, fileName, ctx.nowIso, trigger, fromChangeSeq, toChangeSeq, fromAuditSeq, toAuditSeq, rows, bytes.length, packageSha256, bytes);
  ctx.audit.entity('sync_package', String(sequence));
  ctx.audit.note({ sequence, trigger, rows, bytes: bytes.length, packageSha256, capped });
  ctx.afterCommit(() => {
    // The package is recorded: a failed write (the stick pulled out, the disk full) must not
    // answer as if nothing happened. It is logged, and the minute's check writes it again.
    try {
      deliverExports(ctx.db, folder);
    } catch (error) {
      ctx.log.error('sync package recorded but not yet written', { sequence, folder, error: String(error) });
    }
  });
  return { sequence, fileName, rows, bytes: bytes.length, path: join(folder, fileName) };
}

/**
 * Writes every recorded package the district has not acknowledged whose file is not in the
 * folder: the one just made, one whose write a crash cut off, one that left on another stick.
 * The bytes are the recorded ones, so a re-written package is the same package.
 */
export function deliverExports(db: Db, folder: string): string[] {
  // The newest unacknowledged ones (the one just made among them): a district that has not
  // answered for a year must not hold back tonight's file, nor cost a year of checks a minute.
  const pending = db.$client
    .prepare(`SELECT sequence, file_name AS fileName FROM sync_exports WHERE acknowledged_at IS NULL ORDER BY sequence DESC LIMIT ?`)
    .all(LIMITS.syncListRowsMax) as { sequence: number; fileName: string }[];
  pending.reverse();
  const written: string[] = [];
  for (const p of pending) {
    if (existsSync(join(folder, p.fileName))) continue;
    const row = db.$client.prepare('SELECT content FROM sync_exports WHERE sequence = ?').get(p.sequence) as { content: Buffer };
    writePackageAtomically(folder, p.fileName, row.content);
    written.push(p.fileName);
  }
  return written;
}
