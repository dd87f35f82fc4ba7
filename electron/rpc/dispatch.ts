import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  isProcedureName,
  procedures,
  type ProcedureDef,
  type ProcedureName,
  type RpcError,
  type RpcResult,
} from '../contract';
import { appendAudit, appendChanges, changesDigest, logged } from '../services/audit';
import type { Actor, AppDeps, AuditEntry, ChangeEntry, Ctx } from '../services/context';
import { assert, DomainError } from '../services/errors';
import { idleLockMs } from '../services/settings';
import { businessDate } from '../services/time';
import { findUserById, rolesOf } from '../services/users';
import { handlers } from './handlers';

export interface RpcRequest {
  procedure: string;
  input: unknown;
  /** Bearer token of the session; null for public procedures. */
  token: string | null;
}

type Resolved = { actor: Actor | null; token: string | null } | { error: RpcError };

/** Registered by ctx.afterCommitAsync(): fills `field` of the committed value. */
interface PostCommitEffect {
  field: string;
  effect: () => Promise<unknown>;
}

/** A committed answer and the slow work that follows it (dispatchAsync awaits that). */
interface Dispatched {
  result: RpcResult<unknown>;
  effects: PostCommitEffect[];
}

const NO_EFFECTS: PostCommitEffect[] = [];

/**
 * The only way into the services: session -> role -> parse input -> handler in one
 * transaction with its audit and change-log rows -> parse output -> result. Synchronous, so a
 * call is one BEGIN IMMEDIATE transaction with nothing awaited inside it. Both transports
 * (IPC and HTTP) call it through dispatchAsync(), which adds the post-commit effects.
 */
export function dispatch(app: AppDeps, request: RpcRequest): RpcResult<unknown> {
  return dispatchCommitted(app, request).result;
}

/**
 * dispatch(), then the post-commit effects the handler registered (ctx.afterCommitAsync),
 * each filling its field of the value. What the transports call. The record stands whatever
 * an effect does: an effect that throws, or answers something the output schema refuses, is
 * logged and leaves the handler's placeholder in place.
 */
export async function dispatchAsync(app: AppDeps, request: RpcRequest): Promise<RpcResult<unknown>> {
  const { result, effects } = dispatchCommitted(app, request);
  if (!result.ok || effects.length === 0 || !isProcedureName(request.procedure)) return result;
  const output = procedures[request.procedure].output;
  let value = result.value;
  for (const { field, effect } of effects) {
    try {
      assert(isRecord(value), `${request.procedure}: effects fill fields of an object`);
      const merged = output.safeParse({ ...value, [field]: await effect() });
      if (merged.success) value = merged.data;
      else app.log.error('post-commit effect answered outside the output schema', { procedure: request.procedure, field, error: merged.error.message });
    } catch (error) {
      app.log.error('post-commit effect failed', { procedure: request.procedure, field, error: describe(error) });
    }
  }
  return { ok: true, value };
}

function dispatchCommitted(app: AppDeps, request: RpcRequest): Dispatched {
  if (!isProcedureName(request.procedure)) {
    return { result: fail('UNKNOWN_PROCEDURE', `没有名为 ${request.procedure.slice(0, 80)} 的操作`), effects: NO_EFFECTS };
  }
  const name = request.procedure;
  const def: ProcedureDef = procedures[name];
  const now = app.clock.now();
  // Session resolution reads the database too (users, settings, the idle-lock audit row):
  // whatever fails there is answered as INTERNAL like any other bug, never thrown.
  try {
    return def.kind === 'mutation'
      ? runMutation(app, name, def, request, now)
      : { result: runQuery(app, name, def, request, now), effects: NO_EFFECTS };
  } catch (error) {
    if (error instanceof DomainError) {
      const result: RpcResult<unknown> = { ok: false, error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) } };
      return { result, effects: NO_EFFECTS };
    }
    const correlationId = randomUUID();
    app.log.error('rpc handler failed', { correlationId, procedure: name, error: describe(error) });
    const result: RpcResult<unknown> = { ok: false, error: { code: 'INTERNAL', message: `系统内部错误，请联系技术支持（编号 ${correlationId}）`, correlationId } };
    return { result, effects: NO_EFFECTS };
  }
}

function fail(code: RpcError['code'], message: string): RpcResult<never> {
  return { ok: false, error: { code, message } };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
}

function validationError(error: z.ZodError): RpcError {
  const issues = error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const first = issues[0];
  return {
    code: 'VALIDATION',
    message: first ? `输入有误：${first.path ? `${first.path}：` : ''}${first.message}` : '输入有误',
    issues,
  };
}

function resolveSession(app: AppDeps, name: ProcedureName, def: ProcedureDef, token: string | null, nowMs: number): Resolved {
  if (def.access === 'public') return { actor: null, token: null };
  if (!token) return { error: { code: 'UNAUTHENTICATED', message: '请先登录' } };
  const session = app.sessions.get(token);
  if (!session) return { error: { code: 'UNAUTHENTICATED', message: '登录已失效，请重新登录' } };
  const user = findUserById(app.db, session.userId);
  if (!user || user.disabled) {
    app.sessions.delete(token);
    return { error: { code: 'ACCOUNT_DISABLED', message: '该账号已停用，请联系管理员' } };
  }
  // The password was changed or reset since this session began (perhaps in another process).
  if (user.credentialEpoch !== session.credentialEpoch) {
    app.sessions.delete(token);
    return { error: { code: 'UNAUTHENTICATED', message: '账号密码已变更，请重新登录' } };
  }
  const actor: Actor = { userId: user.id, username: user.username, roles: rolesOf(user) };
  if (!session.locked && nowMs - session.lastActiveMs > idleLockMs(app.db)) {
    session.locked = true;
    writeAuditOnly(app, new Date(nowMs), actor, { action: 'auth.idleLock', entityType: 'user', entityId: user.id, detail: {} });
  }
  if (session.locked && !def.allowLocked) {
    return { error: { code: 'SESSION_LOCKED', message: '长时间未操作，屏幕已锁定，请输入密码解锁' } };
  }
  if (user.mustChangePassword && !def.allowPasswordChangePending) {
    return { error: { code: 'PASSWORD_CHANGE_REQUIRED', message: '密码已被重置，请先修改密码' } };
  }
  if (def.access !== 'session' && !def.access.some((role) => actor.roles.includes(role))) {
    writeAuditOnly(app, new Date(nowMs), actor, { action: 'rpc.forbidden', entityType: null, entityId: null, detail: { procedure: name } });
    return { error: { code: 'FORBIDDEN', message: '您的角色无权进行此操作' } };
  }
  // Calls that may run while locked (me, unlock, logout) do not count as activity, so a
  // renderer polling auth.me cannot keep an abandoned counter unlocked.
  if (!def.allowLocked) session.lastActiveMs = nowMs;
  return { actor, token };
}

function writeAuditOnly(app: AppDeps, at: Date, actor: Actor | null, entry: AuditEntry): void {
  if (app.db.$client.inTransaction) appendAudit(app.db, at.toISOString(), actor, entry);
  else app.db.$client.transaction(() => appendAudit(app.db, at.toISOString(), actor, entry)).immediate();
}

/** Session, role and input, in that order; the answer to give instead, or what to run with. */
function admit(
  app: AppDeps,
  name: ProcedureName,
  def: ProcedureDef,
  request: RpcRequest,
  now: Date,
): { error: RpcError } | { resolved: { actor: Actor | null; token: string | null }; input: unknown } {
  const resolved = resolveSession(app, name, def, request.token, now.getTime());
  if ('error' in resolved) return { error: resolved.error };
  const parsed = def.input.safeParse(request.input ?? {});
  if (!parsed.success) return { error: validationError(parsed.error) };
  return { resolved, input: parsed.data };
}

interface CallState {
  ctx: Ctx;
  entity: { type: string; id: string } | null;
  notes: Record<string, unknown>;
  extras: AuditEntry[];
  actAs: Actor | null;
  afterCommit: (() => void)[];
  effects: PostCommitEffect[];
}

function newCall(app: AppDeps, resolved: { actor: Actor | null; token: string | null }, now: Date): CallState {
  const changes: ChangeEntry[] = [];
  const state: CallState = {
    entity: null,
    notes: {},
    extras: [],
    actAs: null,
    afterCommit: [],
    effects: [],
    ctx: undefined as unknown as Ctx,
  };
  state.ctx = {
    ...app,
    actor: resolved.actor,
    sessionToken: resolved.token,
    nowIso: now.toISOString(),
    today: businessDate(now),
    changes,
    audit: {
      entity: (type, id) => {
        state.entity = { type, id };
      },
      note: (fields) => Object.assign(state.notes, fields),
      actAs: (actor) => {
        state.actAs = actor;
      },
      extra: (entry) => state.extras.push(entry),
    },
    afterCommit: (fn) => state.afterCommit.push(fn),
    afterCommitAsync: (field, effect) => state.effects.push({ field, effect }),
  };
  return state;
}

function runQuery(app: AppDeps, name: ProcedureName, def: ProcedureDef, request: RpcRequest, now: Date): RpcResult<unknown> {
  const admitted = admit(app, name, def, request, now);
  if ('error' in admitted) return { ok: false, error: admitted.error };
  const { resolved, input } = admitted;
  const call = newCall(app, resolved, now);
  const handler = handlers[name] as (ctx: Ctx, input: unknown) => unknown;
  // One read transaction: a page built from several selects sees one snapshot.
  const value = app.db.$client.transaction(() => def.output.parse(handler(call.ctx, input)))();
  if (call.ctx.changes.length > 0) throw new Error(`query ${name} wrote rows`);
  if (call.effects.length > 0) throw new Error(`query ${name} registered post-commit effects`);
  return { ok: true, value };
}

function runMutation(app: AppDeps, name: ProcedureName, def: ProcedureDef, request: RpcRequest, now: Date): Dispatched {
  const handler = handlers[name] as (ctx: Ctx, input: unknown) => unknown;
  const client = app.db.$client;
  client.exec('BEGIN IMMEDIATE');
  let result: RpcResult<unknown>;
  let call: CallState;
  try {
    // Who may do this is decided under the write lock: a user another hall-server process
    // disabled or demoted a moment ago cannot slip a write in on the rights they had.
    const admitted = admit(app, name, def, request, now);
    if ('error' in admitted) {
      client.exec('COMMIT'); // keeps an idle-lock or refused-call audit row, nothing else
      return { result: { ok: false, error: admitted.error }, effects: NO_EFFECTS };
    }
    const { resolved, input } = admitted;
    call = newCall(app, resolved, now);
    try {
      const value = def.output.parse(handler(call.ctx, input));
      // An effect fills a field the output already has (its placeholder), never a new one.
      for (const { field } of call.effects) assert(isRecord(value) && field in value, `${name}: no placeholder for effect ${field}`);
      result = { ok: true, value };
    } catch (error) {
      if (!(error instanceof DomainError) || !error.commitChanges) throw error;
      result = { ok: false, error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) } };
    }
    writeAuditAndChanges(app, name, def, call, input, result);
    client.exec('COMMIT');
  } catch (error) {
    if (client.inTransaction) client.exec('ROLLBACK');
    throw error;
  }
  for (const fn of call.afterCommit) fn();
  return { result, effects: result.ok ? call.effects : NO_EFFECTS };
}

/**
 * Work the installation does by itself, outside any RPC (the nightly export, the CLI's sync
 * commands): one BEGIN IMMEDIATE transaction with its audit row (`action`, no actor unless
 * one is given) and change-log rows, exactly as a procedure's. Throws what `fn` throws, after
 * rolling back; the after-commit work runs once committed.
 */
export function runAsSystem<T>(app: AppDeps, action: string, fn: (ctx: Ctx) => T, actor: Actor | null = null): T {
  const client = app.db.$client;
  assert(!client.inTransaction, `runAsSystem(${action}) inside another transaction`);
  const call = newCall(app, { actor, token: null }, app.clock.now());
  client.exec('BEGIN IMMEDIATE');
  let value: T;
  try {
    value = fn(call.ctx);
    const changes = logged(call.ctx.changes);
    const detail: Record<string, unknown> = { ...call.notes };
    if (changes.length > 0) detail.changes = { count: changes.length, sha256: changesDigest(changes) };
    const seq = appendAudit(app.db, call.ctx.nowIso, actor, {
      action,
      entityType: call.entity?.type ?? null,
      entityId: call.entity?.id ?? null,
      detail,
    });
    for (const extra of call.extras) appendAudit(app.db, call.ctx.nowIso, actor, extra);
    appendChanges(app.db, call.ctx.nowIso, seq, changes);
    client.exec('COMMIT');
  } catch (error) {
    if (client.inTransaction) client.exec('ROLLBACK');
    throw error;
  }
  assert(call.effects.length === 0, `${action}: post-commit effects are for procedures`);
  for (const after of call.afterCommit) after();
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function writeAuditAndChanges(
  app: AppDeps,
  name: ProcedureName,
  def: ProcedureDef,
  call: CallState,
  input: unknown,
  result: RpcResult<unknown>,
): void {
  const { ctx } = call;
  const actor = call.actAs ?? ctx.actor;
  const changes = logged(ctx.changes);
  const detail: Record<string, unknown> = { ...(def.auditInput === false ? {} : { input }), ...call.notes };
  if (!result.ok) detail.error = result.error.code;
  if (changes.length > 0) detail.changes = { count: changes.length, sha256: changesDigest(changes) };
  const seq = appendAudit(app.db, ctx.nowIso, actor, {
    action: name,
    entityType: call.entity?.type ?? null,
    entityId: call.entity?.id ?? null,
    detail,
  });
  for (const extra of call.extras) appendAudit(app.db, ctx.nowIso, actor, extra);
  appendChanges(app.db, ctx.nowIso, seq, changes);
}
