// The sync crash test's child (electron/services/sync/crash.test.ts; test support, never shipped).
//   node <bundle> export <town database file> <migrations dir> <admin user id> <village code>
//     a town with the district's key and a sync folder: loops a few village renames (each one
//     transaction with its audit and change-log rows, as dispatch runs a call) and the package
//     export as the schedule runs it (runAsSystem: the package recorded in the transaction, the
//     file written after the commit), printing "ack export <sequence> <ms since ready>" once the
//     file is written.
//     At the go it first writes any recorded package whose file is missing, as the app's first
//     schedule tick does after a start.
//   node <bundle> import <district database file> <migrations dir>
//     a district with the town enrolled: imports the folder's new packages one file per
//     transaction as `npm run cli -- sync import` does, printing "ack import <sequence> <ms>" after
//     each commit, "done" when none is left, then exits.
// Both load and open the file, then wait for a line on stdin before they read or write: the
// parent starts the next child while it checks the file after a kill, so node's start-up
// overlaps the checks.
import { writeSync } from 'node:fs';
import { runAsSystem } from '../rpc/dispatch';
import { openApp } from '../rpc/app';
import type { Actor, AppDeps } from '../services/context';
import { getSettings } from '../services/settings';
import { deliverExports, exportPackage } from '../services/sync/exporter';
import { importFile, scanCandidates } from '../services/sync/importer';
import { updateVillage } from '../services/villages';

/** Village renames per package: a package carries their change-log and audit rows. */
const RENAMES_PER_PACKAGE = 3;

function line(text: string): void {
  // Synchronous, so it is out before the next write.
  writeSync(1, `${text}\n`);
}

function exportLoop(app: AppDeps, userId: string, villageCode: string): void {
  const actor: Actor = { userId, username: 'admin', roles: ['town_admin'] };
  const folder = getSettings(app.db).syncFolder;
  for (const fileName of deliverExports(app.db, folder)) line(`delivered ${fileName}`);
  const rename = (name: string) => runAsSystem(app, 'villages.update', (ctx) => updateVillage(ctx, { code: villageCode, name, active: true }), actor);
  // One rename and one export rolled back before 'ready' (see importAll).
  warmUp(() =>
    runAsSystem(app, 'sync.export', (ctx) => {
      updateVillage(ctx, { code: villageCode, name: '预热', active: true });
      exportPackage(ctx, 'manual');
      throw new WarmUp();
    }),
  );
  line('ready');
  const ready = performance.now();
  for (let n = 1; ; n++) {
    for (let i = 0; i < RENAMES_PER_PACKAGE; i++) rename(`崩溃村${process.pid % 1000}-${n}-${i}`);
    const made = runAsSystem(app, 'sync.export', (ctx) => exportPackage(ctx, 'manual'));
    // The milliseconds since 'ready' let the parent time its kills to the pace of this machine.
    line(`ack export ${made.sequence} ${Math.round(performance.now() - ready)}`);
  }
}

/** Thrown to roll a warm-up back: runAsSystem rolls back on any throw. */
class WarmUp extends Error {}

function warmUp(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof WarmUp)) throw error;
  }
}

function importAll(app: AppDeps): void {
  const candidates = runAsSystem(app, 'sync.scan', (ctx) => scanCandidates(ctx));
  // One import rolled back before 'ready': a fresh process spends its first import preparing
  // statements and compiling, and the parent's kills after 'ready' should land among imports.
  const first = candidates[0];
  if (first) {
    warmUp(() =>
      runAsSystem(app, 'sync.importFile', (ctx) => {
        importFile(ctx, first.folder, first.fileName);
        throw new WarmUp();
      }),
    );
  }
  line('ready');
  const ready = performance.now();
  for (const c of candidates) {
    const result = runAsSystem(app, 'sync.importFile', (ctx) => importFile(ctx, c.folder, c.fileName));
    // Anything but applied is a failure of the importer under test: said on stderr, exit 1.
    if (result.status !== 'applied') throw new Error(`${c.fileName}: ${result.status} ${result.message}`);
    line(`ack import ${c.sequence} ${Math.round(performance.now() - ready)}`);
  }
  line('done');
  app.db.$client.close();
  process.exit(0);
}

const [mode, file, migrationsDir, userId, villageCode] = process.argv.slice(2);
if (!file || !migrationsDir || (mode === 'export' && (!userId || !villageCode)) || (mode !== 'export' && mode !== 'import')) {
  throw new Error('usage: syncCrashChild export <file> <migrations dir> <admin user id> <village code> | import <file> <migrations dir>');
}
// Opening writes nothing, so it may overlap the parent's checks; everything else waits for the go.
const app = openApp({ file, migrationsDir, log: { info: () => undefined, error: (m, f) => process.stderr.write(`${m} ${JSON.stringify(f)}\n`) } });
process.stdin.once('data', () => (mode === 'export' ? exportLoop(app, userId ?? '', villageCode ?? '') : importAll(app)));
