// Test support (tests, the crash child): runs reserve-ledger operations whose procedures come
// later (payouts, day close) the way dispatch() runs a mutation: one BEGIN IMMEDIATE
// transaction, a ctx built as dispatch builds it, the audit row and the change-log rows
// appended before COMMIT; a throw rolls everything back.
import type { Actor, AppDeps, AuditEntry, Ctx } from '../services/context';
import { appendAudit, appendChanges, changesDigest, logged } from '../services/audit';
import { businessDate } from '../services/time';

/** A ctx as dispatch() builds one for `actor`, now; the audit row's entity and notes go into `entry`. */
export function serviceCtx(app: AppDeps, actor: Actor, entry: AuditEntry = { action: 'test', entityType: null, entityId: null, detail: {} }): Ctx {
  const now = app.clock.now();
  return {
    ...app,
    actor,
    sessionToken: null,
    nowIso: now.toISOString(),
    today: businessDate(now),
    changes: [],
    audit: {
      entity: (type, id) => {
        entry.entityType = type;
        entry.entityId = id;
      },
      note: (fields) => Object.assign(entry.detail, fields),
      actAs: () => undefined,
      extra: () => undefined,
    },
    afterCommit: () => undefined,
    afterCommitAsync: () => undefined,
  };
}

export function ledgerCall<T>(app: AppDeps, actor: Actor, action: string, fn: (ctx: Ctx) => T): T {
  const entry: AuditEntry = { action, entityType: null, entityId: null, detail: {} };
  const ctx = serviceCtx(app, actor, entry);
  const client = app.db.$client;
  client.exec('BEGIN IMMEDIATE');
  try {
    const value = fn(ctx);
    const changes = logged(ctx.changes);
    if (changes.length > 0) entry.detail.changes = { count: changes.length, sha256: changesDigest(changes) };
    const seq = appendAudit(app.db, ctx.nowIso, actor, entry);
    appendChanges(app.db, ctx.nowIso, seq, changes);
    client.exec('COMMIT');
    return value;
  } catch (error) {
    if (client.inTransaction) client.exec('ROLLBACK');
    throw error;
  }
}
