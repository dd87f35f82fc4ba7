import { eq, getTableName } from 'drizzle-orm';
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Ctx } from './context';
import { assert } from './errors';

// Every write to a synced table goes through these two functions, so the change log (read by
// the nightly package) can never miss a row: the change entry is the row as stored afterwards.

const primaryKeys = new WeakMap<SQLiteTable, SQLiteColumn>();

/**
 * Columns that never leave this installation: the change log feeds the nightly package to the
 * district, and password material or login churn is nobody's business there. Keyed by SQL
 * table name, listed by property name.
 */
export const LOCAL_ONLY_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  users: ['passwordHash', 'passwordSalt', 'failedLogins', 'lockedUntil', 'lastLoginAt', 'credentialEpoch', 'residentId'],
};

function forChangeLog(tableName: string, row: Record<string, unknown>): Record<string, unknown> {
  const local = LOCAL_ONLY_COLUMNS[tableName];
  if (!local) return row;
  return Object.fromEntries(Object.entries(row).filter(([key]) => !local.includes(key)));
}

function primaryKeyOf(table: SQLiteTable): SQLiteColumn {
  let column = primaryKeys.get(table);
  if (!column) {
    const primary = getTableConfig(table).columns.filter((c) => c.primary);
    assert(primary.length === 1, `table ${getTableName(table)} must have a single-column primary key`);
    column = primary[0]!;
    primaryKeys.set(table, column);
  }
  return column;
}

export function insertRow<T extends SQLiteTable>(ctx: Ctx, table: T, values: T['$inferInsert']): T['$inferSelect'] {
  const row = ctx.db.insert(table).values(values).returning().get() as T['$inferSelect'];
  record(ctx, table, 'insert', row);
  return row;
}

export function updateRow<T extends SQLiteTable>(
  ctx: Ctx,
  table: T,
  key: string | number,
  patch: Partial<T['$inferInsert']>,
): T['$inferSelect'] {
  const pk = primaryKeyOf(table);
  const rows = ctx.db.update(table).set(patch).where(eq(pk, key)).returning().all() as T['$inferSelect'][];
  assert(rows.length === 1, `update ${getTableName(table)} ${String(key)} matched ${rows.length} rows`);
  const row = rows[0]!;
  record(ctx, table, 'update', row);
  return row;
}

function record(ctx: Ctx, table: SQLiteTable, op: 'insert' | 'update', row: Record<string, unknown>): void {
  const tableName = getTableName(table);
  ctx.changes.push({ tableName, rowId: rowKey(table, primaryKeyOf(table), row), op, row: forChangeLog(tableName, row) });
}

function rowKey(table: SQLiteTable, pk: SQLiteColumn, row: Record<string, unknown>): string {
  // Rows come back keyed by the JS property name, which can differ from the column name.
  const entry = Object.entries(table as unknown as Record<string, unknown>).find(([, v]) => v === pk);
  assert(entry, `primary key property of ${getTableName(table)} not found`);
  const value = row[entry[0]];
  assert(typeof value === 'string' || typeof value === 'number', `primary key of ${getTableName(table)} missing`);
  return String(value);
}

/** Deletes one row; the change entry carries the row as it was, so sync can delete it too. */
export function deleteRow<T extends SQLiteTable>(ctx: Ctx, table: T, key: string | number): T['$inferSelect'] {
  const pk = primaryKeyOf(table);
  const rows = ctx.db.delete(table).where(eq(pk, key)).returning().all() as T['$inferSelect'][];
  assert(rows.length === 1, `delete ${getTableName(table)} ${String(key)} matched ${rows.length} rows`);
  const row = rows[0]!;
  const tableName = getTableName(table);
  ctx.changes.push({ tableName, rowId: rowKey(table, pk, row), op: 'delete', row: forChangeLog(tableName, row) });
  return row;
}
