import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCrashChild, startCrashChild, type CrashChild } from '../../testing/crashChild';
import { defaultMigrationsDir, openDatabase } from '../../../db/open';
import { townRun, type TownRun } from '../../testing/districtStore';
import { ADMIN, createTestApp, SETUP_TIMEOUT_MS, userRecord, type TestApp } from '../../testing/testApp';
import { deliverExports } from './exporter';
import { ensureKeyPair, open, verify, type SyncKeys } from './keys';
import { listPackages, packageFileName, parsePackageFileName, readPackage, sha256, type Manifest } from './packageFormat';

// Crash tests of the nightly sync (issue 5): a child process exports packages (town) or imports
// them (district) on a database file and is SIGKILLed at random moments
// (RELIEF_DESK_SYNC_CRASH_KILLS times each, 50 by default), restarted each time; after each kill
// the parent opens the file as a restarted app would and checks it.
//   export: the folder holds only whole packages, each exactly the bytes recorded in
//     sync_exports; the records are numbered 1..n without gaps, each continuing the previous
//     package's hash; at the end the delivery writes what a kill cut off and the district
//     applies every package in order.
//   import: the district's store is exactly the store after importing the first k packages,
//     for some k, never part of a package; at the end the child imports the rest.
// The child (electron/testing/syncCrashChild.ts) is bundled once with esbuild so each restart
// costs a plain `node` start, as in the reserve crash test.

const KILLS = Number(process.env.RELIEF_DESK_SYNC_CRASH_KILLS ?? 50);
/** Packages the town makes for the import test. */
const IMPORT_PACKAGES = 30;
/** Started before they are needed: a restart on a busy machine is mostly node booting. */
const CHILDREN_AHEAD = 3;
/** A child that is not ready by then is broken, not slow. */
const READY_TIMEOUT_MS = 30_000;

const EXPORTING = '370404101';
const IMPORTED = '370404102';

let district: { t: TestApp; admin: string };
let exporting: TownRun;
let imported: TownRun;
let exportFolder: string;
let importFolder: string;
let exportingAdminId: string;
let exportingKeys: SyncKeys;
let districtKeys: SyncKeys;
let bundle: string;
let bundleDir: string;
const scratch: string[] = [];

function dir(prefix: string): string {
  const made = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(made);
  return made;
}

/** A town enrolled both ways with the district, its packages in its own folder. */
function enrolledTown(code: string, folder: string): TownRun {
  const run = townRun(code, `${code}201`, '2026-11-20');
  run.t.must('sync.configure', { folder, exportTime: '22:00' }, run.admin);
  run.t.must('sync.enroll', { text: district.t.must('sync.status', {}, district.admin).keys.publicKeyFile, folder: null }, run.admin);
  district.t.must('sync.enroll', { text: run.t.must('sync.status', {}, run.admin).keys.publicKeyFile, folder }, district.admin);
  run.t.must('villages.create', { code: `${code}299`, name: '崩溃村' }, run.admin);
  return run;
}

beforeAll(async () => {
  const t = createTestApp();
  t.must('setup.run', { kind: 'district', townCode: null, admin: ADMIN });
  const admin = t.must('auth.login', { username: ADMIN.username, password: ADMIN.password }).token;
  t.must('sync.configure', { folder: dir('relief-desk-sync-crash-district-'), exportTime: '22:00' }, admin);
  district = { t, admin };
  exportFolder = dir('relief-desk-sync-crash-export-');
  importFolder = dir('relief-desk-sync-crash-import-');
  exporting = enrolledTown(EXPORTING, exportFolder);
  exportingAdminId = userRecord(exporting.t, 'admin').id;
  exportingKeys = ensureKeyPair(exporting.t.dir);
  districtKeys = ensureKeyPair(district.t.dir);
  // The town the import test reads: packages with a little activity each, made once.
  imported = enrolledTown(IMPORTED, importFolder);
  for (let n = 1; n <= IMPORT_PACKAGES; n++) {
    imported.t.must('villages.create', { code: `${IMPORTED}${300 + n}`, name: `新村${n}` }, imported.admin);
    imported.t.must('villages.update', { code: `${IMPORTED}299`, name: `崩溃村${n}`, active: n % 2 === 0 }, imported.admin);
    imported.t.must('sync.exportNow', {}, imported.admin);
  }
  expect(listPackages(importFolder)).toHaveLength(IMPORT_PACKAGES);
  // The children open these files: the parent lets go of the town's (the district's it keeps, for its checks).
  exporting.t.app.db.$client.close();
  imported.t.app.db.$client.close();
  ({ bundle, bundleDir } = await bundleCrashChild('syncCrashChild.ts', 'sync-crash'));
}, SETUP_TIMEOUT_MS);

afterAll(() => {
  district.t.close();
  for (const d of [exporting.t.dir, imported.t.dir, bundleDir, ...scratch]) rmSync(d, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


/** A child loaded and waiting for its go: node starts while the previous kill is being checked. */
function startChild(args: readonly string[]): CrashChild {
  return startCrashChild(bundle, args);
}

interface Run {
  lines: string[];
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
  wasReady: boolean;
}

/** Lets the child go and kills it at a random moment: mostly after 'ready' (within windowMs), sometimes while it starts. */
async function runAndKill(child: CrashChild, windowMs: number): Promise<Run> {
  child.go();
  let wasReady = false;
  if (Math.random() < 0.15) {
    await sleep(Math.random() * 100);
  } else {
    const started = Date.now();
    while (!child.out().includes('ready\n') && !child.exited() && Date.now() - started < READY_TIMEOUT_MS) await sleep(2);
    wasReady = child.out().includes('ready\n');
    await sleep(Math.random() * windowMs);
  }
  child.kill();
  const { code, signal, stderr } = await child.closed;
  // Only whole lines: each is one write() after the commit.
  const lines = child.out().split('\n').slice(0, -1);
  return { lines, signal, code, stderr, wasReady };
}

/** The sequences a run acknowledged, in order. */
function acked(run: Run, what: 'export' | 'import'): number[] {
  return run.lines.filter((l) => l.startsWith(`ack ${what} `)).map((l) => Number(l.split(' ')[2]));
}

/**
 * Milliseconds per package on this machine, from the children's acknowledgements (each says
 * how long after 'ready' it came): kills are timed to the children's pace, which a shared
 * machine's load changes tenfold.
 */
class Pace {
  constructor(private ms: number) {}
  get perPackage(): number {
    return this.ms;
  }
  learn(run: Run): void {
    const last = run.lines.filter((l) => l.startsWith('ack ')).at(-1);
    const count = run.lines.filter((l) => l.startsWith('ack ')).length;
    if (!last || count === 0) {
      // Killed after 'ready' before its first package: slower than thought.
      if (run.wasReady) this.ms = Math.min(2_000, this.ms * 1.5);
      return;
    }
    const measured = Number(last.split(' ')[3]) / count;
    if (Number.isFinite(measured) && measured > 0) this.ms = 0.7 * this.ms + 0.3 * measured;
  }
}

describe('sync under SIGKILL', () => {
  it(`export: the folder holds only whole recorded packages, numbered and chained, after ${KILLS} kills`, async () => {
    const started = performance.now();
    const readOptions = { publicKey: exportingKeys.signingPublicRaw, verify, opener: { open: (s: Buffer) => open(districtKeys, s) } };
    /** Package hash -> its manifest, each package verified once. */
    const verified = new Map<string, Manifest>();
    const args = ['export', exporting.t.file, defaultMigrationsDir(), exportingAdminId, `${EXPORTING}299`];
    let highestAcked = 0;
    let ackedCount = 0;
    let killedWhileExporting = 0;
    let unwrittenAfterKill = 0;
    let tempFilesSeen = 0;
    let delivered = 0;
    const pace = new Pace(50);
    const waiting = Array.from({ length: CHILDREN_AHEAD }, () => startChild(args));
    for (let kill = 1; kill <= KILLS; kill++) {
      // About two packages a run: kills land in renames, in exports and between commit and file.
      const run = await runAndKill(waiting.shift()!, Math.min(5_000, 2.5 * pace.perPackage));
      waiting.push(startChild(args));
      pace.learn(run);
      expect(run.signal, `child ended by itself (code ${run.code}): ${run.stderr}`).toBe('SIGKILL');
      if (run.wasReady) killedWhileExporting++;
      delivered += run.lines.filter((l) => l.startsWith('delivered ')).length;
      for (const sequence of acked(run, 'export')) {
        // Rising, with gaps where a package was recorded and its file cut off (written by the next start, unacknowledged).
        expect(sequence, `acknowledged package ${sequence} after kill ${kill}`).toBeGreaterThan(highestAcked);
        highestAcked = sequence;
        ackedCount++;
      }

      const db = openDatabase({ file: exporting.t.file }); // as the app restarting after the crash
      try {
        expect(db.$client.pragma('integrity_check', { simple: true }), `kill ${kill}`).toBe('ok');
        const records = db.$client
          .prepare('SELECT sequence, file_name AS fileName, bytes, package_sha256 AS packageSha256, content FROM sync_exports ORDER BY sequence')
          .all() as { sequence: number; fileName: string; bytes: number; packageSha256: string; content: Buffer }[];
        expect(records.length, `acknowledged packages recorded after kill ${kill}`).toBeGreaterThanOrEqual(highestAcked);
        records.forEach((r, i) => {
          expect(r.sequence, `sequence without gaps after kill ${kill}`).toBe(i + 1);
          expect(r.fileName).toBe(packageFileName(EXPORTING, r.sequence));
          expect(sha256(r.content), `package ${r.sequence}'s recorded bytes after kill ${kill}`).toBe(r.packageSha256);
          expect(r.content.length).toBe(r.bytes);
          let manifest = verified.get(r.packageSha256);
          if (!manifest) {
            manifest = readPackage(r.content, readOptions).manifest;
            verified.set(r.packageSha256, manifest);
          }
          expect(manifest.sequence).toBe(r.sequence);
          expect(manifest.previousPackageSha256, `package ${r.sequence} continues ${r.sequence - 1}`).toBe(records[i - 1]?.packageSha256 ?? null);
        });
        // The folder: whole packages, each exactly a recorded one; temp files are dot files the listing skips.
        const names = readdirSync(exportFolder);
        const packages = names.filter((n) => !n.startsWith('.'));
        tempFilesSeen += names.length - packages.length;
        expect(listPackages(exportFolder).map((p) => p.fileName)).toEqual(packages.sort());
        for (const fileName of packages) {
          const parsed = parsePackageFileName(fileName);
          expect(parsed, `${fileName} after kill ${kill}`).toMatchObject({ townCode: EXPORTING, kind: 'town' });
          const record = records[parsed!.sequence - 1];
          expect(record, `${fileName} is a recorded package after kill ${kill}`).toBeDefined();
          const bytes = readFileSync(join(exportFolder, fileName));
          expect(sha256(bytes), `${fileName} is whole after kill ${kill}`).toBe(record!.packageSha256);
        }
        if (packages.length < records.length) unwrittenAfterKill++;
      } finally {
        db.$client.close();
      }
    }
    for (const child of waiting) child.kill();
    await Promise.all(waiting.map((child) => child.closed));

    // The delivery (as the next schedule tick runs it) writes whatever a kill cut off, byte for byte.
    const db = openDatabase({ file: exporting.t.file });
    deliverExports(db, exportFolder);
    const records = db.$client.prepare('SELECT sequence, file_name AS fileName, package_sha256 AS packageSha256 FROM sync_exports ORDER BY sequence').all() as {
      sequence: number;
      fileName: string;
      packageSha256: string;
    }[];
    db.$client.close();
    expect(records.length).toBeGreaterThan(KILLS / 2);
    for (const r of records) expect(sha256(readFileSync(join(exportFolder, r.fileName))), r.fileName).toBe(r.packageSha256);

    // The district applies every package in order: no fork, no refusal.
    const { t, admin } = district;
    for (const r of records) {
      const result = t.must('sync.importFile', { folder: exportFolder, fileName: r.fileName }, admin);
      expect(result.status, `${r.fileName}: ${result.message}`).toBe('applied');
    }
    expect(t.app.db.$client.prepare('SELECT count(*) AS n FROM sync_quarantine').get()).toEqual({ n: 0 });
    expect(t.must('district.towns', {}, admin).find((x) => x.code === EXPORTING)?.lastSequence).toBe(records.length);
    console.log(
      `sync export crash test: ${KILLS} kills (${killedWhileExporting} while exporting, ${KILLS - killedWhileExporting} during start-up), ` +
        `${records.length} packages recorded (${ackedCount} acknowledged by the run that made them), ${unwrittenAfterKill} kills left a recorded package without its file, ` +
        `${delivered} written by the next start, ${tempFilesSeen} temp-file sightings; ${Math.round(pace.perPackage)} ms a package; ` +
        `all imported in order; ${Math.round(performance.now() - started)} ms`,
    );
    expect(killedWhileExporting).toBeGreaterThan(0);
  }, 600_000);

  it(`import: the district holds exactly the first k packages after each of ${KILLS} kills`, async () => {
    const started = performance.now();
    const client = district.t.app.db.$client;
    const files = listPackages(importFolder).map((p) => p.fileName);
    const pristinePeer = client.prepare('SELECT * FROM sync_peers WHERE code = ?').get(IMPORTED) as Record<string, unknown>;
    /** Puts the district back to before the town's first package (between rounds, with no child running). */
    const reset = () => {
      client.transaction(() => {
        client.prepare('DELETE FROM district_rows WHERE town_code = ?').run(IMPORTED);
        client.prepare('DELETE FROM sync_received WHERE peer_code = ?').run(IMPORTED);
        const columns = Object.keys(pristinePeer).filter((c) => c !== 'code');
        client.prepare(`UPDATE sync_peers SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE code = @code`).run(pristinePeer);
      })();
    };
    // The reference: the store's digest after each prefix, imported here one file at a time.
    const digests: string[] = [digestOf(client)];
    const referenceStarted = performance.now();
    for (const fileName of files) {
      const result = district.t.must('sync.importFile', { folder: importFolder, fileName }, district.admin);
      expect(result.status).toBe('applied');
      digests.push(digestOf(client));
    }
    const referenceMs = performance.now() - referenceStarted;
    expect(new Set(digests).size).toBe(IMPORT_PACKAGES + 1);
    reset();
    expect(digestOf(client)).toBe(digests[0]);

    const args = ['import', district.t.file, defaultMigrationsDir()];
    const pace = new Pace(referenceMs / IMPORT_PACKAGES);
    let prefix = 0;
    let rounds = 0;
    let killedWhileImporting = 0;
    const prefixesSeen = new Set<number>();
    const stateAfter = (kill: number | 'end'): number => {
      const db = openDatabase({ file: district.t.file }); // as the app restarting after the crash
      try {
        expect(db.$client.pragma('integrity_check', { simple: true }), `kill ${kill}`).toBe('ok');
        const k = digests.indexOf(digestOf(db.$client));
        expect(k, `the district's store after kill ${kill} is the store after no prefix of the packages`).toBeGreaterThanOrEqual(0);
        expect(db.$client.prepare('SELECT count(*) AS n FROM sync_held WHERE peer_code = ?').get(IMPORTED)).toEqual({ n: 0 });
        expect(db.$client.prepare('SELECT count(*) AS n FROM sync_quarantine WHERE peer_code = ?').get(IMPORTED)).toEqual({ n: 0 });
        return k;
      } finally {
        db.$client.close();
      }
    };
    const waiting = Array.from({ length: CHILDREN_AHEAD }, () => startChild(args));
    for (let kill = 1; kill <= KILLS; kill++) {
      // Kills land anywhere among the imports left (a run that finishes first starts a new round).
      const run = await runAndKill(waiting.shift()!, 0.9 * pace.perPackage * (IMPORT_PACKAGES - prefix));
      waiting.push(startChild(args));
      pace.learn(run);
      const done = run.lines.includes('done');
      if (!done) expect(run.signal, `child ended by itself (code ${run.code}): ${run.stderr}`).toBe('SIGKILL');
      // Finished: it exits by itself, unless the kill came between 'done' and its exit.
      else expect(run.code === 0 || run.signal === 'SIGKILL', run.stderr).toBe(true);
      if (run.wasReady && !done) killedWhileImporting++;
      const imports = acked(run, 'import');
      imports.forEach((sequence, i) => expect(sequence, `import acknowledged after kill ${kill}`).toBe(prefix + i + 1));
      const k = stateAfter(kill);
      // Every acknowledged import is there, and at most the one in hand besides.
      expect(k, `after kill ${kill}`).toBeGreaterThanOrEqual(prefix + imports.length);
      expect(k, `after kill ${kill}`).toBeLessThanOrEqual(prefix + imports.length + 1);
      prefixesSeen.add(k);
      prefix = k;
      if (prefix === IMPORT_PACKAGES) {
        // A whole round: start again from an empty store, so every kill lands among imports.
        rounds++;
        reset();
        prefix = 0;
      }
    }
    // The last child is left to finish: it imports whatever the last kill left.
    const last = waiting.shift()!;
    last.go();
    const end = await last.closed;
    for (const child of waiting) child.kill();
    await Promise.all(waiting.map((child) => child.closed));
    expect(end.code, end.stderr).toBe(0);
    expect(last.out()).toContain('done\n');
    expect(stateAfter('end')).toBe(IMPORT_PACKAGES);
    console.log(
      `sync import crash test: ${KILLS} kills (${killedWhileImporting} while importing), ${rounds} full rounds reset, ` +
        `prefixes seen ${[...prefixesSeen].sort((a, b) => a - b).join(',')}; reference import of ${IMPORT_PACKAGES} packages ${Math.round(referenceMs)} ms, children ${Math.round(pace.perPackage)} ms a package; ` +
        `${Math.round(performance.now() - started)} ms`,
    );
    expect(killedWhileImporting).toBeGreaterThan(0);
  }, 600_000);
});

/** The district's store of the imported town, without the district's own clock readings. */
function digestOf(db: { prepare(sql: string): { all(...params: unknown[]): unknown[] } }): string {
  const rows = db.prepare('SELECT * FROM district_rows WHERE town_code = ? ORDER BY table_name, row_id').all(IMPORTED);
  const received = db
    .prepare('SELECT peer_code, sequence, package_sha256, file_name, created_at, rows, bytes FROM sync_received WHERE peer_code = ? ORDER BY sequence')
    .all(IMPORTED);
  const peer = db
    .prepare(
      `SELECT last_sequence, last_package_sha256, last_created_at, last_audit_seq, last_audit_hash,
              reserve_balance_fen, reserve_held_fen, reserve_available_fen FROM sync_peers WHERE code = ?`,
    )
    .all(IMPORTED);
  return sha256(Buffer.from(JSON.stringify({ rows, received, peer }), 'utf8'));
}
