import { join } from 'node:path';
import { StartupCheckError } from '../../db/open';

// Start-up decisions of the shell, pure so they are tested under plain Node.

/**
 * `--data-dir <dir>` or `--data-dir=<dir>` anywhere in argv (Electron puts its own and
 * Chromium's switches around ours, and argv[1] is the app path only when run unpackaged).
 */
export function dataDirFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--data-dir=')) return arg.slice('--data-dir='.length) || undefined;
    if (arg === '--data-dir') {
      const next = argv[i + 1];
      return next && !next.startsWith('--') ? next : undefined;
    }
  }
  return undefined;
}

/** Where the shell finds its own files, inside app.asar when packaged or the checkout when not. */
export function appPaths(appPath: string) {
  return {
    migrationsDir: join(appPath, 'db', 'migrations'),
    rendererDir: join(appPath, 'dist', 'renderer'),
    preloadFile: join(appPath, 'dist-electron', 'preload', 'index.cjs'),
  };
}

/**
 * The better-sqlite3 addon built for Electron's ABI (scripts/electron-native.mjs). It never
 * replaces the Node build in node_modules, which tests, the hall server and the CLI load:
 * unpackaged it sits in .electron-native/, packaged it is an extra resource outside app.asar
 * (native code cannot load from inside the archive).
 */
export function electronSqliteBinding(options: { appPath: string; isPackaged: boolean; resourcesPath: string }): string {
  return options.isPackaged
    ? join(options.resourcesPath, 'native', 'better_sqlite3.node')
    : join(options.appPath, '.electron-native', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
}

/**
 * The dialog shown when the app cannot start. A refused database (StartupCheckError) already
 * carries a Chinese sentence for the person at the desk; anything else is unexpected.
 */
export function describeStartupFailure(error: unknown): { title: string; content: string } {
  if (error instanceof StartupCheckError) {
    return { title: '社会救助一窗通 无法启动', content: error.message };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return {
    title: '社会救助一窗通 无法启动',
    content: `启动时发生意外错误，请联系技术支持。\n\n${detail}`,
  };
}
