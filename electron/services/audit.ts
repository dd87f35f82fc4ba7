import { createHash } from 'node:crypto';
import { and, desc, eq, gte, lt, asc, gt, type SQL } from 'drizzle-orm';
import { auditLog, changeLog } from '../../db/schema';
import { LIMITS, maskResidentId, type AuditRow } from '../contract';
import type { Actor, AuditEntry, ChangeEntry, Ctx } from './context';
import type { Db } from '../../db/open';
import { assert } from './errors';
import { businessDayStartIso, addDaysIso } from './time';

export const GENESIS_HASH = '0'.repeat(64);

type AuditFields = Omit<typeof auditLog.$inferSelect, 'hash'>;

// The canonical form that is hashed: a fixed field order, so the same row always hashes the same.
function canonical(row: AuditFields): string {
  return JSON.stringify([
    row.seq,
    row.at,
    row.userId,
    row.username,
    row.action,
    row.entityType,
    row.entityId,
    row.detail,
    row.prevHash,
  ]);
}

export function auditHash(row: AuditFields): string {
  return createHash('sha256').update(row.prevHash).update(canonical(row)).digest('hex');
}

export function auditHead(db: Db): { seq: number; hash: string } {
  const last = db.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1).get();
  return last ?? { seq: 0, hash: GENESIS_HASH };
}

/** Never let a password into the log, and never a full resident ID. */
export function sanitizeDetail(value: unknown, depth = 0): unknown {
  assert(depth < 10, 'audit detail nested too deeply');
  if (Array.isArray(value)) return value.map((v) => sanitizeDetail(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (/password/i.test(key)) out[key] = '***';
      else if (key === 'residentId' && typeof v === 'string') out[key] = maskResidentId(v.trim().toUpperCase());
      else out[key] = sanitizeDetail(v, depth + 1);
    }
    return out;
  }
  return value;
}

/** Appends one audit row and returns its seq. Must run inside the caller's transaction. */
export function appendAudit(db: Db, at: string, actor: Actor | null, entry: AuditEntry): number {
  assert(db.$client.inTransaction, 'audit rows are written inside the mutation transaction');
  const head = auditHead(db);
  const fields: AuditFields = {
    seq: head.seq + 1,
    at,
    userId: actor?.userId ?? null,
    username: actor?.username ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    detail: JSON.stringify(sanitizeDetail(entry.detail)),
    prevHash: head.hash,
  };
  db.insert(auditLog).values({ ...fields, hash: auditHash(fields) }).run();
  return fields.seq;
}

export function appendChanges(db: Db, at: string, auditSeq: number, changes: ChangeEntry[]): void {
  for (const change of changes) {
    db.insert(changeLog)
      .values({ tableName: change.tableName, rowId: change.rowId, op: change.op, rowJson: JSON.stringify(change.row), auditSeq, at })
      .run();
  }
}

export type VerifyResult =
  | { intact: true; rows: number; headHash: string }
  | { intact: false; rows: number; brokenAtSeq: number };

/** Recomputes the whole chain in batches; the first row that does not hash is named. */
export function verifyAuditChain(db: Db): VerifyResult {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let rows = 0;
  for (;;) {
    const batch = db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, expectedSeq - 1))
      .orderBy(asc(auditLog.seq))
      .limit(LIMITS.auditVerifyBatchRows)
      .all();
    if (batch.length === 0) break;
    for (const row of batch) {
      // A missing seq (a deleted row, were the trigger dropped) breaks the chain as surely as an edit.
      if (row.seq !== expectedSeq || row.prevHash !== prevHash || auditHash(row) !== row.hash) {
        return { intact: false, rows, brokenAtSeq: expectedSeq };
      }
      prevHash = row.hash;
      expectedSeq += 1;
      rows += 1;
    }
  }
  return { intact: true, rows, headHash: prevHash };
}

export interface AuditFilter {
  userId: string | null;
  action: string | null;
  fromDate: string | null;
  toDate: string | null;
  beforeSeq: number | null;
  limit: number;
}

export function listAudit(ctx: Ctx, filter: AuditFilter): { rows: AuditRow[]; hasMore: boolean } {
  const where: SQL[] = [];
  if (filter.userId) where.push(eq(auditLog.userId, filter.userId));
  if (filter.action) where.push(eq(auditLog.action, filter.action));
  if (filter.fromDate) where.push(gte(auditLog.at, businessDayStartIso(filter.fromDate)));
  if (filter.toDate) where.push(lt(auditLog.at, businessDayStartIso(addDaysIso(filter.toDate, 1))));
  if (filter.beforeSeq !== null) where.push(lt(auditLog.seq, filter.beforeSeq));
  const rows = ctx.db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.seq))
    .limit(filter.limit + 1)
    .all();
  return {
    rows: rows.slice(0, filter.limit).map((r) => ({
      seq: r.seq,
      at: r.at,
      userId: r.userId,
      username: r.username,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      detail: r.detail,
      hash: r.hash,
    })),
    hasMore: rows.length > filter.limit,
  };
}
