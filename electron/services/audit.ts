import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { and, desc, eq, gte, lt, asc, gt, type SQL } from 'drizzle-orm';
import { auditLog } from '../../db/schema';
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

// The three statements every mutation runs, prepared once per connection: building them with
// the query builder on every call was a measurable share of an intake (bench cases.accept).
const statements = new WeakMap<Database.Database, { head: Database.Statement; audit: Database.Statement; change: Database.Statement }>();

function prepared(db: Db) {
  let found = statements.get(db.$client);
  if (!found) {
    found = {
      head: db.$client.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1'),
      audit: db.$client.prepare(
        `INSERT INTO audit_log (seq, at, user_id, username, action, entity_type, entity_id, detail, prev_hash, hash)
         VALUES (@seq, @at, @userId, @username, @action, @entityType, @entityId, @detail, @prevHash, @hash)`,
      ),
      change: db.$client.prepare(
        'INSERT INTO change_log (table_name, row_id, op, row_json, audit_seq, at) VALUES (@tableName, @rowId, @op, @rowJson, @auditSeq, @at)',
      ),
    };
    statements.set(db.$client, found);
  }
  return found;
}

export function auditHead(db: Db): { seq: number; hash: string } {
  const last = prepared(db).head.get() as { seq: number; hash: string } | undefined;
  return last ?? { seq: 0, hash: GENESIS_HASH };
}

/** What stands in the log where personal data was: the log says a field was given, not what. */
export const WITHHELD = '[个人信息，不记入日志]';

// Keys whose values are about a person's life (where they live, their phone, their
// circumstances). The administrators who read the audit log are not the ones who may read the
// registry, so these stay out of it; the entity id says which record was touched.
const PERSONAL_KEYS: ReadonlySet<string> = new Set(['address', 'phone', 'notes', 'reason', 'assistantName', 'tags', 'disabilityCategory', 'disabilityGrade']);
// Inside these subtrees every value but the relation is about one person.
const PERSON_SUBTREES: ReadonlySet<string> = new Set(['person', 'members']);

/** Never a password, never a full resident ID, never a person's particulars. */
export function sanitizeDetail(value: unknown, depth = 0, inPerson = false): unknown {
  assert(depth < 10, 'audit detail nested too deeply');
  if (Array.isArray(value)) return value.map((v) => sanitizeDetail(v, depth + 1, inPerson));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (/password/i.test(key)) out[key] = '***';
      else if (key === 'residentId' && typeof v === 'string') out[key] = maskResidentId(v.trim().toUpperCase());
      else if (PERSONAL_KEYS.has(key) || (inPerson && key === 'name')) out[key] = WITHHELD;
      else out[key] = sanitizeDetail(v, depth + 1, inPerson || PERSON_SUBTREES.has(key));
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
  prepared(db).audit.run({ ...fields, hash: auditHash(fields) });
  return fields.seq;
}

interface LoggedChange {
  tableName: string;
  rowId: string;
  op: string;
  rowJson: string;
}

/**
 * The digest of one mutation's change-log rows, kept in its audit row's detail: the audit
 * chain then vouches for the change log too, which is what the nightly package is made of.
 */
export function changesDigest(changes: readonly LoggedChange[]): string {
  return createHash('sha256')
    .update(JSON.stringify(changes.map((c) => [c.tableName, c.rowId, c.op, c.rowJson])))
    .digest('hex');
}

export function logged(changes: readonly ChangeEntry[]): LoggedChange[] {
  return changes.map((c) => ({ tableName: c.tableName, rowId: c.rowId, op: c.op, rowJson: JSON.stringify(c.row) }));
}

export function appendChanges(db: Db, at: string, auditSeq: number, changes: readonly LoggedChange[]): void {
  const insert = prepared(db).change;
  for (const change of changes) insert.run({ ...change, auditSeq, at });
}

export type VerifyResult =
  | { intact: true; rows: number; headHash: string }
  | { intact: false; rows: number; brokenAtSeq: number };

/** Streams the change log in seq order, handing out the rows of one audit row at a time. */
function changeLogReader(db: Db) {
  const rows = db.$client
    .prepare('SELECT table_name AS tableName, row_id AS rowId, op, row_json AS rowJson, audit_seq AS auditSeq FROM change_log ORDER BY seq')
    .iterate() as IterableIterator<LoggedChange & { auditSeq: number | null }>;
  let next = rows.next();
  return {
    /** The rows written with this audit row; null when the log is out of order here. */
    take(auditSeq: number): LoggedChange[] | null {
      const taken: LoggedChange[] = [];
      while (!next.done && (next.value.auditSeq ?? 0) <= auditSeq) {
        if (next.value.auditSeq !== auditSeq) return null;
        taken.push(next.value);
        next = rows.next();
      }
      return taken;
    },
    leftOver: () => !next.done,
    close: () => rows.return?.(),
  };
}

function recordedDigest(detail: string): { count: number; sha256: string } | null {
  const parsed = JSON.parse(detail) as { changes?: { count?: unknown; sha256?: unknown } };
  const c = parsed.changes;
  return c && typeof c.count === 'number' && typeof c.sha256 === 'string' ? { count: c.count, sha256: c.sha256 } : null;
}

/**
 * Recomputes the whole chain in batches, and checks each audit row's change-log rows against
 * the digest it recorded; the first row that does not hold is named.
 */
export function verifyAuditChain(db: Db): VerifyResult {
  const changes = changeLogReader(db);
  try {
    return verifyWith(db, changes);
  } finally {
    changes.close();
  }
}

function verifyWith(db: Db, changes: ReturnType<typeof changeLogReader>): VerifyResult {
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
      const written = changes.take(row.seq);
      const recorded = recordedDigest(row.detail);
      const holds = written !== null && (recorded === null ? written.length === 0 : recorded.count === written.length && recorded.sha256 === changesDigest(written));
      if (!holds) return { intact: false, rows, brokenAtSeq: row.seq };
      prevHash = row.hash;
      expectedSeq += 1;
      rows += 1;
    }
  }
  // Change-log rows after the last audit row belong to no audited mutation.
  if (changes.leftOver()) return { intact: false, rows, brokenAtSeq: expectedSeq };
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
