import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const BUSY_TIMEOUT_MS = 5000;
export const PAGE_CACHE_KIB = 64 * 1024;

/** Where the migrations live when running from the source tree (tsx, vitest, the hall server). */
export function defaultMigrationsDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), 'migrations');
}

/** A database that must not be used; the message is for the person starting the app. */
export class StartupCheckError extends Error {
  override name = 'StartupCheckError';
}

export interface OpenOptions {
  file: string;
  migrationsDir?: string;
  readonly?: boolean;
  /**
   * The better-sqlite3 addon to load. Electron runs a different Node ABI than plain Node, so
   * the desktop shell loads an addon built for Electron from its own folder while tests, the
   * hall server and the CLI keep the Node build in node_modules.
   */
  nativeBinding?: string;
}

export function openDatabase(options: OpenOptions): Db {
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir();
  const client = new Database(options.file, {
    readonly: options.readonly ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    applyPragmas(client);
    if (!options.readonly) {
      checkMigrationHistory(client, migrationsDir, 'before');
      migrate(drizzle(client), { migrationsFolder: migrationsDir });
    }
    checkMigrationHistory(client, migrationsDir, 'after');
    const db: Db = drizzle(client, { schema });
    return db;
  } catch (error) {
    client.close();
    throw error;
  }
}

// The driver's defaults are not what we need: WAL + synchronous=NORMAL can lose a committed
// payout on power loss, and foreign keys are off unless asked for. Set, read back, refuse.
function applyPragmas(client: Database.Database): void {
  client.pragma('journal_mode = WAL');
  client.pragma('synchronous = FULL');
  client.pragma('foreign_keys = ON');
  client.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // REPLACE removes the row it conflicts with without firing DELETE triggers unless this is
  // on, which would let INSERT OR REPLACE rewrite the append-only audit and change logs.
  client.pragma('recursive_triggers = ON');
  // 64 MiB of page cache (the driver's default is 2 MiB): the registry of a town is tens of
  // MB, and the counter's search-as-you-type should find its pages in memory (bench/README.md).
  client.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  const actual = {
    journal_mode: String(client.pragma('journal_mode', { simple: true })).toLowerCase(),
    synchronous: Number(client.pragma('synchronous', { simple: true })),
    foreign_keys: Number(client.pragma('foreign_keys', { simple: true })),
    busy_timeout: Number(client.pragma('busy_timeout', { simple: true })),
    recursive_triggers: Number(client.pragma('recursive_triggers', { simple: true })),
  };
  const expected = { journal_mode: 'wal', synchronous: 2, foreign_keys: 1, busy_timeout: BUSY_TIMEOUT_MS, recursive_triggers: 1 };
  for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
    if (actual[key] !== expected[key]) {
      throw new StartupCheckError(
        `数据库设置不符合要求，拒绝启动：${key} 应为 ${String(expected[key])}，实际为 ${String(actual[key])}（数据库文件：${client.name}）`,
      );
    }
  }
}

// drizzle's migrator applies only journal entries newer than the last applied one, so a
// migration with an older timestamp (a merge, a hand edit) is skipped without a word. The
// applied list must be a prefix of the journal before migrating and equal to it afterwards.
function checkMigrationHistory(client: Database.Database, migrationsDir: string, when: 'before' | 'after'): void {
  const hasTable = client
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  const applied = hasTable
    ? (client.prepare('SELECT hash, created_at AS createdAt FROM __drizzle_migrations ORDER BY rowid').all() as {
        hash: string;
        createdAt: number | string;
      }[])
    : [];
  const journal = readMigrationFiles({ migrationsFolder: migrationsDir });
  if (applied.length > journal.length) {
    throw new StartupCheckError(
      `数据库由更新版本的程序创建（已应用 ${applied.length} 个迁移，本程序只有 ${journal.length} 个），拒绝启动，请升级程序`,
    );
  }
  applied.forEach((row, i) => {
    const entry = journal[i]!;
    if (row.hash !== entry.hash || Number(row.createdAt) !== entry.folderMillis) {
      throw new StartupCheckError(`数据库迁移记录与程序不一致（第 ${i + 1} 个迁移），拒绝启动`);
    }
  });
  if (when === 'after' && applied.length !== journal.length) {
    throw new StartupCheckError(
      `数据库迁移未全部应用（应用 ${applied.length} 个，程序有 ${journal.length} 个），拒绝启动`,
    );
  }
}
