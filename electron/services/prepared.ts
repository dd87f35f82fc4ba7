import type Database from 'better-sqlite3';
import type { Db } from '../../db/open';

// Statements prepared once per connection. Building SQL with the query builder and preparing
// it on every call costs more than running it on the hot paths (an intake's row writes, the
// work queues: bench cases.accept, queues.mine), so those build a drizzle prepared query once
// per connection and key and bind placeholders per call. Keys name call sites (or a row shape
// for rows.ts), so the set is fixed by the code. Past the bound (a key built from data would
// get there) statements are built per call instead of cached: slower, never a clerk's intake
// failing half-way on a long-running hall server. Tests assert the bound is never reached.

export const STATEMENTS_PER_CONNECTION_MAX = 1000;

/** How many statements a connection holds: tests check the bound is far away. */
export function preparedCount(db: Db): number {
  return byConnection.get(db.$client)?.size ?? 0;
}

const byConnection = new WeakMap<Database.Database, Map<string, unknown>>();

export function preparedOnce<T>(db: Db, key: string, build: () => T): T {
  let statements = byConnection.get(db.$client);
  if (!statements) {
    statements = new Map();
    byConnection.set(db.$client, statements);
  }
  if (statements.has(key)) return statements.get(key) as T;
  const statement = build();
  if (statements.size >= STATEMENTS_PER_CONNECTION_MAX) return statement;
  statements.set(key, statement);
  return statement;
}
