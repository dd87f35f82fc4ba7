import Database from 'better-sqlite3';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUSY_TIMEOUT_MS, defaultMigrationsDir, openDatabase, StartupCheckError, type Db } from './open';

// openDatabase() is the gate every process passes: pragmas read back, migration history
// checked before and after migrating. Each test has its own folder and files.

interface JournalEntry {
  idx: number;
  version: string;
  when: number;
  tag: string;
  breakpoints: boolean;
}
interface Journal {
  version: string;
  dialect: string;
  entries: JournalEntry[];
}

let dir: string;
const opened: Db[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'relief-desk-open-'));
});

afterEach(() => {
  for (const db of opened.splice(0)) if (db.$client.open) db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

function open(file: string, migrationsDir?: string, readonly?: boolean): Db {
  const db = openDatabase({ file, ...(migrationsDir ? { migrationsDir } : {}), ...(readonly ? { readonly } : {}) });
  opened.push(db);
  return db;
}

function openRefused(file: string, migrationsDir?: string, readonly?: boolean): StartupCheckError {
  try {
    open(file, migrationsDir, readonly);
  } catch (error) {
    expect(error).toBeInstanceOf(StartupCheckError);
    return error as StartupCheckError;
  }
  throw new Error('openDatabase accepted the database');
}

/** A copy of the shipped migrations folder that a test may change. */
function migrationsCopy(): string {
  const copy = join(dir, 'migrations');
  cpSync(defaultMigrationsDir(), copy, { recursive: true });
  return copy;
}

function readJournal(migrationsDir: string): Journal {
  return JSON.parse(readFileSync(join(migrationsDir, 'meta', '_journal.json'), 'utf8')) as Journal;
}

function writeJournal(migrationsDir: string, journal: Journal): void {
  writeFileSync(join(migrationsDir, 'meta', '_journal.json'), JSON.stringify(journal, null, 2));
}

/** Adds a migration file and its journal entry; `at` says where in the entry list. */
function addMigration(migrationsDir: string, tag: string, when: number, sql: string, at?: number): void {
  writeFileSync(join(migrationsDir, `${tag}.sql`), sql);
  const journal = readJournal(migrationsDir);
  const entry: JournalEntry = { idx: 0, version: '6', when, tag, breakpoints: true };
  journal.entries.splice(at ?? journal.entries.length, 0, entry);
  journal.entries.forEach((e, i) => (e.idx = i));
  writeJournal(migrationsDir, journal);
}

function tableNames(db: Db): string[] {
  return (db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name,
  );
}

function appliedCount(db: Db): number {
  return (db.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
}

const shipped = readJournal(defaultMigrationsDir());
const lastWhen = shipped.entries.at(-1)?.when ?? 0;

describe('pragmas and table rules', () => {
  it('reads back WAL, synchronous FULL, foreign keys on and the busy timeout', () => {
    const db = open(join(dir, 'a.db'));
    const pragma = (name: string): unknown => db.$client.pragma(name, { simple: true });
    expect(pragma('journal_mode')).toBe('wal');
    expect(pragma('synchronous')).toBe(2);
    expect(pragma('foreign_keys')).toBe(1);
    expect(pragma('busy_timeout')).toBe(BUSY_TIMEOUT_MS);
    // so that REPLACE into an append-only table fires its delete trigger
    expect(pragma('recursive_triggers')).toBe(1);
    expect(BUSY_TIMEOUT_MS).toBeGreaterThan(0);
  });

  it('enforces foreign keys', () => {
    const db = open(join(dir, 'a.db'));
    expect(() =>
      db.$client
        .prepare("INSERT INTO households (id, village_code, address, phone, registration, created_at, updated_at) VALUES ('h', 'none', 'a', '', 'rural', 'x', 'x')")
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('refuses a database that cannot be WAL', () => {
    const error = openRefused(':memory:');
    expect(error.message).toMatch(/journal_mode/);
    expect(error.message).toMatch(/拒绝启动/);
  });

  it('is STRICT: a text in an integer column is refused', () => {
    const db = open(join(dir, 'a.db'));
    expect(() =>
      db.$client.prepare("INSERT INTO villages (code, name, active, created_at, updated_at) VALUES ('v', 'n', 'yes', 'x', 'x')").run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
  });
});

describe('migrations', () => {
  it('creates every table of the schema on a fresh file', () => {
    const db = open(join(dir, 'a.db'));
    expect(tableNames(db)).toEqual(
      expect.arrayContaining(['audit_log', 'change_log', 'household_members', 'households', 'installation', 'persons', 'settings', 'users', 'villages']),
    );
    expect(appliedCount(db)).toBe(shipped.entries.length);
  });

  it('a re-open is idempotent and keeps the data', () => {
    const file = join(dir, 'a.db');
    const first = open(file);
    first.$client.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('k', '1', 'now')").run();
    const tables = tableNames(first);
    const migrations = first.$client.prepare('SELECT * FROM __drizzle_migrations ORDER BY rowid').all();
    first.$client.close();
    for (let i = 0; i < 2; i++) {
      const again = open(file);
      expect(tableNames(again)).toEqual(tables);
      expect(again.$client.prepare('SELECT * FROM __drizzle_migrations ORDER BY rowid').all()).toEqual(migrations);
      expect(again.$client.prepare("SELECT value_json FROM settings WHERE key = 'k'").get()).toEqual({ value_json: '1' });
      again.$client.close();
    }
  });

  it('applies a new migration with a later timestamp, once', () => {
    const file = join(dir, 'a.db');
    open(file).$client.close();
    const migrations = migrationsCopy();
    addMigration(migrations, '0099_extra', lastWhen + 1000, 'CREATE TABLE `extra_thing` (`id` integer PRIMARY KEY NOT NULL) STRICT;');
    const db = open(file, migrations);
    expect(tableNames(db)).toContain('extra_thing');
    expect(appliedCount(db)).toBe(shipped.entries.length + 1);
    db.$client.close();
    expect(appliedCount(open(file, migrations))).toBe(shipped.entries.length + 1);
  });

  it('refuses a database whose recorded migration hash differs from the journal (an edited migration)', () => {
    const file = join(dir, 'a.db');
    open(file).$client.close();
    const migrations = migrationsCopy();
    appendFileSync(join(migrations, `${shipped.entries[0]?.tag ?? ''}.sql`), '\n-- edited after release\n');
    expect(openRefused(file, migrations).message).toMatch(/第 1 个迁移/);
  });

  it('refuses a database whose recorded hash was changed', () => {
    const file = join(dir, 'a.db');
    open(file).$client.close();
    const raw = new Database(file);
    raw.prepare("UPDATE __drizzle_migrations SET hash = 'edited' WHERE rowid = (SELECT max(rowid) FROM __drizzle_migrations)").run();
    raw.close();
    expect(openRefused(file).message).toMatch(new RegExp(`第 ${shipped.entries.length} 个迁移`));
  });

  it('refuses a database with more applied migrations than the journal (made by a newer app)', () => {
    const file = join(dir, 'a.db');
    open(file).$client.close();
    const raw = new Database(file);
    raw.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('f'.repeat(64), lastWhen + 1000);
    raw.close();
    const error = openRefused(file);
    expect(error.message).toMatch(/更新版本/);
  });

  it('refuses a migration appended with an older timestamp than the last applied one (drizzle would skip it)', () => {
    const file = join(dir, 'a.db');
    open(file).$client.close();
    const migrations = migrationsCopy();
    const first = shipped.entries[0]?.when ?? 0;
    addMigration(migrations, '0002_late_merge', first + 1, 'CREATE TABLE `late_merge` (`id` integer PRIMARY KEY NOT NULL) STRICT;');
    const error = openRefused(file, migrations);
    expect(error.message).toMatch(/未全部应用/);
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare("SELECT 1 FROM sqlite_master WHERE name = 'late_merge'").get()).toBeUndefined();
    raw.close();
  });

  it('refuses a migration slotted into the journal before one already applied', () => {
    const file = join(dir, 'a.db');
    open(file).$client.close();
    const migrations = migrationsCopy();
    const first = shipped.entries[0]?.when ?? 0;
    addMigration(migrations, '0000a_between', first + 1, 'CREATE TABLE `between_thing` (`id` integer PRIMARY KEY NOT NULL) STRICT;', 1);
    expect(openRefused(file, migrations).message).toMatch(/第 2 个迁移/);
  });

  it('a fresh database takes every migration in journal order, timestamps aside', () => {
    const migrations = migrationsCopy();
    const first = shipped.entries[0]?.when ?? 0;
    addMigration(migrations, '0002_late_merge', first + 1, 'CREATE TABLE `late_merge` (`id` integer PRIMARY KEY NOT NULL) STRICT;');
    const db = open(join(dir, 'fresh.db'), migrations);
    expect(tableNames(db)).toContain('late_merge');
    expect(appliedCount(db)).toBe(shipped.entries.length + 1);
  });
});

describe('read-only open', () => {
  it('opens a migrated database for reading and refuses writes', () => {
    const file = join(dir, 'a.db');
    open(file).$client.close();
    const db = open(file, undefined, true);
    expect(appliedCount(db)).toBe(shipped.entries.length);
    expect(() => db.$client.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('k', '1', 'now')").run()).toThrow(/readonly/);
  });

  it('refuses a read-only open of a database that is behind the program', () => {
    const file = join(dir, 'a.db');
    open(file).$client.close();
    const migrations = migrationsCopy();
    addMigration(migrations, '0099_extra', lastWhen + 1000, 'CREATE TABLE `extra_thing` (`id` integer PRIMARY KEY NOT NULL) STRICT;');
    expect(openRefused(file, migrations, true).message).toMatch(/未全部应用/);
  });
});
