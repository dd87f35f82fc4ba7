import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StartupCheckError } from '../../db/open';
import { databaseFile } from '../config';
import { openApp } from '../rpc/app';
import { silentLogger } from '../testing/testApp';
import { appPaths, dataDirFlag, describeStartupFailure, electronSqliteBinding } from './startup';

describe('dataDirFlag', () => {
  it.each([
    [['/opt/relief-desk/relief-desk'], undefined],
    [['/usr/bin/electron', '.', '--data-dir', '/srv/town'], '/srv/town'],
    [['/opt/relief-desk/relief-desk', '--data-dir=/srv/town'], '/srv/town'],
    [['relief-desk', '--no-sandbox', '--data-dir=D:\\镇街数据', '--enable-logging'], 'D:\\镇街数据'],
    [['relief-desk', '--data-dir'], undefined],
    [['relief-desk', '--data-dir', '--enable-logging'], undefined],
    [['relief-desk', '--data-dir='], undefined],
    [['relief-desk', '--data-directory=/x'], undefined],
  ] as [string[], string | undefined][])('%j -> %s', (argv, dir) => {
    expect(dataDirFlag(argv)).toBe(dir);
  });
});

describe('appPaths', () => {
  it('finds the migrations the build ships (from the checkout, as `electron .` runs)', () => {
    const paths = appPaths(process.cwd());
    expect(existsSync(join(paths.migrationsDir, 'meta', '_journal.json'))).toBe(true);
    expect(paths.rendererDir).toBe(join(process.cwd(), 'dist', 'renderer'));
    expect(paths.preloadFile).toBe(join(process.cwd(), 'dist-electron', 'preload', 'index.cjs'));
  });
});

describe('describeStartupFailure', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('shows a refused database exactly as db/open.ts words it, in Chinese', () => {
    const dir = mkdtempSync(join(tmpdir(), 'relief-desk-startup-'));
    dirs.push(dir);
    const file = databaseFile(dir);
    const { migrationsDir } = appPaths(process.cwd());
    // A database written by a newer release: one migration more than this program has.
    openApp({ file, migrationsDir, log: silentLogger }).db.$client.close();
    const raw = new Database(file);
    raw.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('future', Date.now());
    raw.close();

    let thrown: unknown;
    try {
      openApp({ file, migrationsDir, log: silentLogger });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StartupCheckError);
    const shown = describeStartupFailure(thrown);
    expect(shown.content).toBe((thrown as Error).message);
    expect(shown.content).toContain('拒绝启动');
    expect(shown.title).toBe('社会救助一窗通 无法启动');
  });

  it('wraps anything else as an unexpected error with its detail', () => {
    const shown = describeStartupFailure(new Error('EACCES: permission denied, mkdir'));
    expect(shown.content).toContain('意外错误');
    expect(shown.content).toContain('EACCES');
    expect(describeStartupFailure('boom').content).toContain('boom');
  });
});

describe('electronSqliteBinding', () => {
  it('never points at the Node build in node_modules', () => {
    const unpackaged = electronSqliteBinding({ appPath: '/app', isPackaged: false, resourcesPath: '/res' });
    const packaged = electronSqliteBinding({ appPath: '/res/app.asar', isPackaged: true, resourcesPath: '/res' });
    expect(unpackaged).toBe(join('/app', '.electron-native', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'));
    // Outside app.asar: native code cannot load from inside the archive.
    expect(packaged).toBe(join('/res', 'native', 'better_sqlite3.node'));
    for (const path of [unpackaged, packaged]) expect(path).not.toContain('node_modules');
  });
});
