// Test support (imported by *.test.ts only): a fresh migrated database file per app, a
// controllable clock, and a typed call() through the real dispatch().
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { auditLog, users } from '../../db/schema';
import { openDatabase } from '../../db/open';
import type { InputOf, OutputOf, ProcedureName, RpcResult } from '../contract';
import { createApp } from '../rpc/app';
import { dispatch, dispatchAsync } from '../rpc/dispatch';
import type { AppDeps, Clock, Logger } from '../services/context';

export class TestClock implements Clock {
  constructor(private ms = Date.parse('2026-11-28T02:00:00.000Z')) {}
  now(): Date {
    return new Date(this.ms);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

export const silentLogger: Logger & { errors: string[] } = {
  errors: [],
  info: () => undefined,
  error(message, fields) {
    this.errors.push(`${message} ${JSON.stringify(fields)}`);
  },
};

export interface TestApp {
  app: AppDeps;
  clock: TestClock;
  dir: string;
  file: string;
  call<N extends ProcedureName>(name: N, input: InputOf<N>, token?: string | null): RpcResult<OutputOf<N>>;
  /** Like call(), through dispatchAsync as the transports do: post-commit effects included. */
  callAsync<N extends ProcedureName>(name: N, input: InputOf<N>, token?: string | null): Promise<RpcResult<OutputOf<N>>>;
  /** Like call(), but throws unless ok: for arranging a test, not for asserting on it. */
  must<N extends ProcedureName>(name: N, input: InputOf<N>, token?: string | null): OutputOf<N>;
  close(): void;
}

export function createTestApp(): TestApp {
  const dir = mkdtempSync(join(tmpdir(), 'relief-desk-test-'));
  const file = join(dir, 'test.db');
  const clock = new TestClock();
  const db = openDatabase({ file });
  const app = createApp({ db, clock, ids: { newId: () => uuidv7() }, log: silentLogger });
  const call = <N extends ProcedureName>(name: N, input: InputOf<N>, token: string | null = null) =>
    dispatch(app, { procedure: name, input, token }) as RpcResult<OutputOf<N>>;
  return {
    app,
    clock,
    dir,
    file,
    call,
    callAsync: async (name, input, token = null) =>
      (await dispatchAsync(app, { procedure: name, input, token })) as RpcResult<OutputOf<typeof name>>,
    must(name, input, token = null) {
      const result = call(name, input, token);
      if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
    close() {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const ADMIN = { username: 'admin', displayName: '王管理', password: 'Admin#2026' } as const;
export const TOWN_CODE = '370404101';
export const VILLAGE_CODE = '370404101251';

/** A set-up town with an admin, a clerk and an approver, each logged in (passwords changed). */
export function setUpTown(t: TestApp) {
  t.must('setup.run', { kind: 'town', townCode: TOWN_CODE, admin: ADMIN });
  const admin = t.must('auth.login', { username: ADMIN.username, password: ADMIN.password }).token;
  const user = (username: string, roles: ('clerk' | 'approver')[]) => {
    const created = t.must('users.create', { username, displayName: username, roles, password: 'Initial#2026' }, admin);
    const first = t.must('auth.login', { username, password: 'Initial#2026' }).token;
    t.must('auth.changePassword', { currentPassword: 'Initial#2026', newPassword: 'Changed#2026' }, first);
    return { id: created.id, token: first };
  };
  return { admin, clerk: user('clerk1', ['clerk']), approver: user('approver1', ['approver']) };
}

/** Valid made-up resident IDs (check digit computed), for tests and benches. */
export { checkCharacter } from '../contract';

/** Set-ups hash passwords with scrypt (0.1-0.2 s each, far more on a loaded machine). */
export const SETUP_TIMEOUT_MS = 120_000;

/** The error code of a result, or 'OK': one value to compare in a table test. */
export function codeOf(result: RpcResult<unknown>): string {
  return result.ok ? 'OK' : result.error.code;
}

/** A set-up town with only its administrator, logged in. */
export function freshTown(): { t: TestApp; admin: string } {
  const t = createTestApp();
  t.must('setup.run', { kind: 'town', townCode: TOWN_CODE, admin: ADMIN });
  const admin = t.must('auth.login', { username: ADMIN.username, password: ADMIN.password }).token;
  return { t, admin };
}

export function userRecord(t: TestApp, username: string) {
  const row = t.app.db.select().from(users).where(eq(users.username, username)).get();
  if (!row) throw new Error(`no user ${username}`);
  return row;
}

/** Audit rows of one action, with their detail parsed. */
export function auditRows(t: TestApp, action: string) {
  return t.app.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.action, action))
    .all()
    .map((r) => ({ ...r, detailJson: JSON.parse(r.detail) as Record<string, unknown> }));
}

/**
 * A second app on the same database file, as a second hall-server process would be: its own
 * connection and its own in-memory sessions, sharing only the file (and the test clock).
 */
export function secondProcess(t: TestApp): Pick<TestApp, 'call' | 'must'> & { app: AppDeps; close(): void } {
  const db = openDatabase({ file: t.file });
  const app = createApp({ db, clock: t.clock, ids: { newId: () => uuidv7() }, log: silentLogger });
  const call = <N extends ProcedureName>(name: N, input: InputOf<N>, token: string | null = null) =>
    dispatch(app, { procedure: name, input, token }) as RpcResult<OutputOf<N>>;
  return {
    app,
    call,
    must(name, input, token = null) {
      const result = call(name, input, token);
      if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
    close: () => db.$client.close(),
  };
}

/** A clerk just created and logged in with the initial password 'Initial#2026' (the change still due). */
export function newClerk(t: TestApp, admin: string, username: string): { id: string; token: string } {
  const { id } = t.must('users.create', { username, displayName: username, roles: ['clerk'], password: 'Initial#2026' }, admin);
  const token = t.must('auth.login', { username, password: 'Initial#2026' }).token;
  return { id, token };
}

/** The outcome of every recorded login attempt for a username, in order. */
export function loginOutcomes(t: TestApp, username: string): unknown[] {
  return auditRows(t, 'auth.login')
    .filter((r) => r.detailJson.username === username)
    .map((r) => r.detailJson.outcome);
}
