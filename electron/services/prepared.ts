import type Database from 'better-sqlite3';
import type { Db } from '../../db/open';
import { assert } from './errors';

// Statements prepared once per connection. Building SQL with the query builder and preparing
// it on every call costs more than running it on the hot paths (an intake's row writes, the
// work queues: bench cases.accept, queues.mine), so those build a drizzle prepared query once
// per connection and key and bind placeholders per call. Keys name call sites (or a row shape
// for rows.ts), so the set is fixed by the code; the bound catches a key built from data.

const STATEMENTS_PER_CONNECTION_MAX = 1000;

const byConnection = new WeakMap<Database.Database, Map<string, unknown>>();

export function preparedOnce<T>(db: Db, key: string, build: () => T): T {
  let statements = byConnection.get(db.$client);
  if (!statements) {
    statements = new Map();
    byConnection.set(db.$client, statements);
  }
  if (statements.has(key)) return statements.get(key) as T;
  assert(statements.size < STATEMENTS_PER_CONNECTION_MAX, `too many prepared statements on one connection (adding ${key})`);
  const statement = build();
  statements.set(key, statement);
  return statement;
}
