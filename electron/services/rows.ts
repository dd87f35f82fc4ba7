import { eq, getTableName, is, sql, SQL } from 'drizzle-orm';
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Ctx } from './context';
import { assert } from './errors';
import { preparedOnce } from './prepared';

// Every write to a synced table goes through these two functions, so the change log (read by
// the nightly package) can never miss a row: the change entry is the row as stored afterwards.

const primaryKeys = new WeakMap<SQLiteTable, { column: SQLiteColumn; property: string }>();

/**
 * Columns that never leave this installation: the change log feeds the nightly package to the
 * district, and password material or login churn is nobody's business there. Keyed by SQL
 * table name, listed by property name.
 */
export const LOCAL_ONLY_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  users: ['passwordHash', 'passwordSalt', 'failedLogins', 'lockedUntil', 'lastLoginAt', 'credentialEpoch', 'residentId'],
};

/**
 * Tables that never travel: this installation's own record of what it sent and received, and
 * the district's store of the towns' rows (db/schema/sync.ts). Written with plain SQL by the
 * sync services, never through insertRow/updateRow, so they never reach the change log.
 */
export const LOCAL_ONLY_TABLES: ReadonlySet<string> = new Set([
  'sync_exports',
  'sync_peers',
  'sync_received',
  'sync_held',
  'sync_quarantine',
  'sync_alerts',
  'district_rows',
  'district_replenishments',
  'district_decisions',
  'district_outbox',
]);

function forChangeLog(tableName: string, row: Record<string, unknown>): Record<string, unknown> {
  const local = LOCAL_ONLY_COLUMNS[tableName];
  if (!local) return row;
  return Object.fromEntries(Object.entries(row).filter(([key]) => !local.includes(key)));
}

function primaryKeyOf(table: SQLiteTable): { column: SQLiteColumn; property: string } {
  let found = primaryKeys.get(table);
  if (!found) {
    const primary = getTableConfig(table).columns.filter((c) => c.primary);
    assert(primary.length === 1, `table ${getTableName(table)} must have a single-column primary key`);
    const column = primary[0] as SQLiteColumn;
    // Rows come back keyed by the JS property name, which can differ from the column name.
    const entry = Object.entries(table as unknown as Record<string, unknown>).find(([, v]) => v === column);
    assert(entry, `primary key property of ${getTableName(table)} not found`);
    found = { column, property: entry[0] };
    primaryKeys.set(table, found);
  }
  return found;
}

// Insert and update statements prepared once per connection and row shape (which properties
// are given, which of them are null): building and preparing the SQL with the query builder on
// every row was most of an intake's own time (bench cases.accept). The shapes are the call
// sites' literals, so there are few of them.
interface PreparedWrite {
  get(values: Record<string, unknown>): unknown;
  all(values: Record<string, unknown>): unknown;
}

/** The key under which updateRow binds the row's primary key; never a property name. */
const KEY_PARAM = '$rowKey';

/**
 * Given properties, each as a placeholder. A null is written as NULL in the SQL (the shape
 * says which are null): drizzle's encoders run on a placeholder's value without its null check.
 * A value that is itself SQL cannot be a parameter, so such a call is not prepared.
 */
function placeholders(values: Record<string, unknown>): { shape: string; template: Record<string, unknown> } | null {
  const shape: string[] = [];
  const template: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (is(value, SQL)) return null;
    shape.push(value === null ? `${key}=null` : key);
    template[key] = value === null ? sql`null` : sql.placeholder(key);
  }
  return { shape: shape.join(','), template };
}

export function insertRow<T extends SQLiteTable>(ctx: Ctx, table: T, values: T['$inferInsert']): T['$inferSelect'] {
  const given = values as Record<string, unknown>;
  const shaped = placeholders(given);
  const row = (
    shaped === null
      ? ctx.db.insert(table).values(values).returning().get()
      : preparedOnce<PreparedWrite>(ctx.db, `rows.insert ${getTableName(table)} ${shaped.shape}`, () =>
          ctx.db
            .insert(table)
            .values(shaped.template as T['$inferInsert'])
            .returning()
            .prepare(),
        ).get(given)
  ) as T['$inferSelect'];
  record(ctx, table, 'insert', row);
  return row;
}

export function updateRow<T extends SQLiteTable>(
  ctx: Ctx,
  table: T,
  key: string | number,
  patch: Partial<T['$inferInsert']>,
): T['$inferSelect'] {
  const pk = primaryKeyOf(table).column;
  const given = patch as Record<string, unknown>;
  const shaped = placeholders(given);
  const rows = (
    shaped === null
      ? ctx.db.update(table).set(patch).where(eq(pk, key)).returning().all()
      : preparedOnce<PreparedWrite>(ctx.db, `rows.update ${getTableName(table)} ${shaped.shape}`, () =>
          ctx.db
            .update(table)
            .set(shaped.template as Partial<T['$inferInsert']>)
            .where(eq(pk, sql.placeholder(KEY_PARAM)))
            .returning()
            .prepare(),
        ).all({ ...given, [KEY_PARAM]: key })
  ) as T['$inferSelect'][];
  assert(rows.length === 1, `update ${getTableName(table)} ${String(key)} matched ${rows.length} rows`);
  const row = rows[0]!;
  record(ctx, table, 'update', row);
  return row;
}

function record(ctx: Ctx, table: SQLiteTable, op: 'insert' | 'update', row: Record<string, unknown>): void {
  const tableName = getTableName(table);
  assert(!LOCAL_ONLY_TABLES.has(tableName), `${tableName} never travels: write it with plain SQL`);
  ctx.changes.push({ tableName, rowId: rowKey(table, row), op, row: forChangeLog(tableName, row) });
}

function rowKey(table: SQLiteTable, row: Record<string, unknown>): string {
  const value = row[primaryKeyOf(table).property];
  assert(typeof value === 'string' || typeof value === 'number', `primary key of ${getTableName(table)} missing`);
  return String(value);
}

/** Deletes one row; the change entry carries the row as it was, so sync can delete it too. */
export function deleteRow<T extends SQLiteTable>(ctx: Ctx, table: T, key: string | number): T['$inferSelect'] {
  const pk = primaryKeyOf(table).column;
  const rows = ctx.db.delete(table).where(eq(pk, key)).returning().all() as T['$inferSelect'][];
  assert(rows.length === 1, `delete ${getTableName(table)} ${String(key)} matched ${rows.length} rows`);
  const row = rows[0]!;
  const tableName = getTableName(table);
  ctx.changes.push({ tableName, rowId: rowKey(table, row), op: 'delete', row: forChangeLog(tableName, row) });
  return row;
}
