import fc from 'fast-check';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HouseholdView } from '../../contract';
import type { SyncImportOutcome } from '../../contract/sync';
import { madeUpId, intakeForm } from '../../testing/caseFixtures';
import { familyWith, paidLinshi, townRun, type TownRun } from '../../testing/districtStore';
import { ADMIN, createTestApp, SETUP_TIMEOUT_MS, TOWN_CODE, VILLAGE_CODE, type TestApp } from '../../testing/testApp';
import { sha256 } from './packageFormat';

// Property test of the importer's sequence rules (issue 5, "What it must show"): random town
// activity cut into packages by sync.exportNow; delivering them to the district in any order,
// any number of times, some only late, ends in exactly the state of importing each once in
// order. After every delivery the district must be in the state of the in-order import of the
// packages applied so far (1..last, no gaps), hold exactly the delivered ones beyond it, and
// have quarantined, rejected and alerted nothing (every package is genuine); re-importing an
// applied package answers 'duplicate' (a held one 'held') and changes nothing. A delivery is
// imported by name or found by sync.scan as the console does, and the folder may be emptied
// after it (the USB stick taken away): held packages then apply from what the district kept.
//
// The town, the key exchange and the district are set up once (scrypt makes each set-up take
// seconds); each run resets the district's import state with plain SQL (checked equal to the
// state right after enrolment) and empties the watched folder. On a failure fast-check prints
// its seed and path; the pool of packages comes from POOL_SEED (printed below): rerun with
// both to replay, and keep the delivery sequence below as a regression run.

const RUNS = Number(process.env.RELIEF_DESK_SYNC_PROPERTY_RUNS ?? 200);
const POOL_SEED = Number(process.env.RELIEF_DESK_SYNC_POOL_SEED ?? Math.floor(Math.random() * 2 ** 31));
const PROPERTY_SEED = process.env.RELIEF_DESK_SYNC_PROPERTY_SEED === undefined ? undefined : Number(process.env.RELIEF_DESK_SYNC_PROPERTY_SEED);

/** Packages in the pool; a run delivers a prefix 1..n of them (a prefix is a whole chain). */
const PACKAGES = 5;
/** Town activity steps cut into the packages. */
const ACTIVITY_STEPS = 25;

const TOWN = TOWN_CODE;

// ---- the town's activity ----------------------------------------------------------------

type Activity =
  | { op: 'village' }
  | { op: 'renameVillage'; pick: number; active: boolean }
  | { op: 'family'; members: number }
  | { op: 'intake'; pick: number }
  | { op: 'linshi'; pick: number; amountFen: number }
  | { op: 'allocate' | 'replenish'; amountFen: number }
  | { op: 'settings'; reserveAlertPercent: number; officeName: string };

const activityArb: fc.Arbitrary<Activity> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ op: 'village' as const }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('renameVillage' as const), pick: fc.nat(), active: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('family' as const), members: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('intake' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('linshi' as const), pick: fc.nat(), amountFen: fc.integer({ min: 1, max: 300_000 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('allocate' as const, 'replenish' as const), amountFen: fc.integer({ min: 1, max: 10_000_000 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('settings' as const), reserveAlertPercent: fc.integer({ min: 0, max: 50 }), officeName: fc.constantFrom('', '峨山镇社会救助服务大厅', '便民服务中心') }),
  },
);

/** The activity and where it is cut: an export before step i for each cut i (equal cuts: an export with nothing new but its predecessor's audit row). */
interface PoolSpec {
  activity: Activity[];
  cuts: number[];
}
const poolArb: fc.Arbitrary<PoolSpec> = fc.record({
  activity: fc.array(activityArb, { minLength: ACTIVITY_STEPS, maxLength: ACTIVITY_STEPS }),
  cuts: fc.array(fc.integer({ min: 0, max: ACTIVITY_STEPS }), { minLength: PACKAGES - 1, maxLength: PACKAGES - 1 }),
});

interface Package {
  sequence: number;
  fileName: string;
  bytes: Buffer;
}

/** Runs the activity in the town, exporting at the cuts and once at the end: the packages in order. */
function makePackages(town: TownRun, pool: PoolSpec): Package[] {
  const { t, admin, clerk } = town;
  const villages: string[] = [];
  const families: { view: HouseholdView; hasCase: boolean }[] = [];
  let residents = 0;
  const exportNow = () => {
    t.must('sync.exportNow', {}, admin);
    // Later packages are made later: the district checks the town's clock never goes back.
    t.clock.advance(20_000);
  };
  const cuts = [...pool.cuts].sort((a, b) => a - b);
  pool.activity.forEach((a, i) => {
    while (cuts[0] === i) {
      cuts.shift();
      exportNow();
    }
    switch (a.op) {
      case 'village': {
        const code = `${TOWN}${String(300 + villages.length)}`;
        t.must('villages.create', { code, name: `新村${villages.length + 1}` }, admin);
        villages.push(code);
        break;
      }
      case 'renameVillage': {
        if (villages.length === 0) break;
        const code = villages[a.pick % villages.length]!;
        t.must('villages.update', { code, name: `更名村${i}`, active: a.active }, admin);
        break;
      }
      case 'family': {
        const ids = Array.from({ length: a.members }, (_, m) => madeUpId(m === 0 ? '19700101' : m === 1 ? '19720202' : '20150303', 500 + residents++));
        const family = familyWith(town, `户${families.length + 1}`, ids);
        families.push({ view: family, hasCase: false });
        break;
      }
      case 'intake':
      case 'linshi': {
        // One case per family keeps the repeat and open-case rules out of the way.
        const open = families.filter((f) => !f.hasCase);
        if (open.length === 0) break;
        const f = open[a.pick % open.length]!;
        f.hasCase = true;
        if (a.op === 'linshi') paidLinshi(town, f.view, a.amountFen);
        else t.must('cases.intake', intakeForm(f.view, 'dibao'), clerk.token);
        break;
      }
      case 'allocate':
        t.must('reserve.allocate', { id: uuidv7(), amountFen: a.amountFen, documentNo: `峄民发〔2026〕${i}号`, note: '' }, admin);
        break;
      case 'replenish':
        t.must('reserve.replenish', { id: uuidv7(), amountFen: a.amountFen, voucherNo: `区财拨〔2026〕${i}号`, note: '', claimId: null }, admin);
        break;
      case 'settings':
        t.must('settings.update', { reserveAlertPercent: a.reserveAlertPercent, officeName: a.officeName }, admin);
        break;
    }
  });
  cuts.forEach(() => exportNow());
  exportNow();
  const rows = t.app.db.$client.prepare('SELECT sequence, file_name AS fileName, content AS bytes FROM sync_exports ORDER BY sequence').all() as Package[];
  expect(rows.map((r) => r.sequence)).toEqual(Array.from({ length: PACKAGES }, (_, i) => i + 1));
  return rows;
}

// ---- the district's state ---------------------------------------------------------------

let town: TownRun;
let district: TestApp;
let districtAdmin: string;
let watched: string;
let pool: Package[];
/** The state after importing packages 1..k once, in order (k = 0: right after enrolment). */
const reference: State[] = [];
/** The raw import tables right after enrolment: the reset must restore exactly these. */
let enrolled: string;
/** What the in-order import alerted and quarantined (with the words, for the failure message). */
let referenceAlerts: unknown[] = [];
let referenceQuarantine = -1;

/** The import state compared with the reference: what importing produced, less when it ran. */
interface State {
  rows: string;
  received: string;
  peer: string;
  alerts: string;
}

function count(table: string): number {
  return district.app.db.$client.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

function one(sql: string): string {
  return (district.app.db.$client.prepare(sql).pluck().get() as string | null) ?? '';
}

// Concatenated in SQLite: a run compares the whole store after every delivery, and building
// JS objects of every row would cost more than the import itself.
const ROWS_SQL = `SELECT group_concat(line, char(10)) FROM (SELECT town_code || '|' || table_name || '|' || row_id || '|' || op || '|' ||
  change_seq || '|' || package_sequence || '|' || row_json AS line FROM district_rows ORDER BY town_code, table_name, row_id)`;

function state(): State {
  return {
    rows: one(ROWS_SQL),
    received: one(
      `SELECT json_group_array(json_array(peer_code, sequence, package_sha256, file_name, created_at, rows, bytes))
         FROM (SELECT * FROM sync_received ORDER BY peer_code, sequence)`,
    ),
    peer: one(
      `SELECT json_group_array(json_array(code, last_sequence, last_package_sha256, last_created_at, last_audit_seq, last_audit_hash,
         reserve_balance_fen, reserve_held_fen, reserve_available_fen)) FROM (SELECT * FROM sync_peers ORDER BY code)`,
    ),
    alerts: one(`SELECT json_group_array(json_array(kind, key)) FROM (SELECT kind, key FROM sync_alerts ORDER BY kind, key)`),
  };
}

/** Every column of every table an import writes (imported_at, ids included): "changes nothing" means this. */
function raw(): string {
  return [
    one(ROWS_SQL),
    ...['sync_received', 'sync_held', 'sync_quarantine', 'sync_alerts', 'sync_peers'].map((table) =>
      one(`SELECT group_concat(line, char(10)) FROM (SELECT json_object(${columnsOf(table)}) AS line FROM ${table} ORDER BY line)`),
    ),
  ].join('\n');
}

const columns = new Map<string, string>();
function columnsOf(table: string): string {
  let list = columns.get(table);
  if (list === undefined) {
    const names = district.app.db.$client.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[];
    // A blob (sync_held's content) goes in by its length: its hash is in the row beside it.
    list = names.map((n) => `'${n}', ${n === 'content' ? 'length(content)' : n}`).join(', ');
    columns.set(table, list);
  }
  return list;
}

function same(actual: unknown, expected: unknown, what: string): void {
  if (actual !== expected) expect(actual, what).toEqual(expected);
}

function sameState(actual: State, expected: State, what: string): void {
  for (const key of ['rows', 'received', 'peer', 'alerts'] as const) same(actual[key], expected[key], `${what}: ${key}`);
}

/** The district's import state back to right after enrolment. */
function reset(): void {
  district.app.db.$client.exec(`
    DELETE FROM district_rows; DELETE FROM sync_received; DELETE FROM sync_held; DELETE FROM sync_quarantine; DELETE FROM sync_alerts;
    UPDATE sync_peers SET last_sequence = 0, last_package_sha256 = NULL, last_created_at = NULL, last_imported_at = NULL,
      last_audit_seq = 0, last_audit_hash = NULL, reserve_balance_fen = NULL, reserve_held_fen = NULL, reserve_available_fen = NULL;`);
  emptyFolder();
  same(raw(), enrolled, 'reset state equals the state right after enrolment');
}

function emptyFolder(): void {
  for (const f of readdirSync(watched)) rmSync(join(watched, f));
}

function deliver(sequence: number): void {
  const p = pool[sequence - 1]!;
  // Written plainly: the import follows at once, so no reader sees a half-written file.
  writeFileSync(join(watched, p.fileName), p.bytes);
}

function importFile(sequence: number): SyncImportOutcome {
  // Each import a second later: imported_at differs from the reference's, and must not matter.
  district.clock.advance(1_000);
  return district.must('sync.importFile', { folder: watched, fileName: pool[sequence - 1]!.fileName }, districtAdmin);
}

// ---- the deliveries ---------------------------------------------------------------------

interface Delivery {
  /** The package (its sequence) that arrives in the folder. */
  sequence: number;
  /** Imported by name, or found by sync.scan and imported as the console does. */
  via: 'file' | 'scan';
  /** Which applied or held package arrives and is imported again after the step. */
  replay: number;
  /** The folder is emptied after the step (the USB stick taken away): a held package must apply from what the district kept. */
  takenAway: boolean;
}

/** What the importer must answer for one file, given what was applied and held before. */
function expectedOutcome(sequence: number, last: number, held: Set<number>): { status: string; alsoApplied: number[] } {
  if (sequence <= last) return { status: 'duplicate', alsoApplied: [] };
  if (sequence > last + 1) return { status: 'held', alsoApplied: [] };
  const alsoApplied: number[] = [];
  while (held.has(sequence + alsoApplied.length + 1)) alsoApplied.push(sequence + alsoApplied.length + 1);
  return { status: 'applied', alsoApplied };
}

function runDeliveries(n: number, deliveries: readonly Delivery[]): void {
  reset();
  const delivered = new Set<number>();
  const held = new Set<number>();
  let last = 0;
  const take = (sequence: number, what: string) => {
    const want = expectedOutcome(sequence, last, held);
    const got = importFile(sequence);
    same(JSON.stringify({ status: got.status, alsoApplied: got.alsoApplied, sequence: got.sequence }), JSON.stringify({ ...want, sequence }), `${what}: outcome`);
    if (want.status === 'held') held.add(sequence);
    if (want.status === 'applied') {
      for (const s of want.alsoApplied) held.delete(s);
      last = sequence + want.alsoApplied.length;
    }
  };
  deliveries.forEach((d, step) => {
    const what = `step ${step + 1} (package ${d.sequence} via ${d.via}${d.takenAway ? ', then taken away' : ''}; applied 1..${last}, held ${[...held].join(',')})`;
    assertTrue(d.sequence >= 1 && d.sequence <= n, `${what}: a package of the run`);
    deliver(d.sequence);
    delivered.add(d.sequence);
    if (d.via === 'file') {
      take(d.sequence, what);
    } else {
      // The folder lists what is neither applied nor held: only a newly arrived package beyond the last.
      const candidates = district.must('sync.scan', {}, districtAdmin).candidates.map((c) => c.sequence);
      same(JSON.stringify(candidates), JSON.stringify(d.sequence > last && !held.has(d.sequence) ? [d.sequence] : []), `${what}: scan`);
      for (const s of candidates) take(s, what);
    }
    checkInvariants(delivered, held, last, what);
    // Importing again an applied or a held package answers as before and changes nothing.
    const known = [...Array.from({ length: last }, (_, i) => i + 1), ...[...held].sort((a, b) => a - b)];
    if (known.length > 0) {
      const again = known[d.replay % known.length]!;
      const before = raw();
      deliver(again);
      const got = importFile(again);
      same(got.status, again <= last ? 'duplicate' : 'held', `${what}: package ${again} imported again`);
      same(raw(), before, `${what}: package ${again} imported again changes nothing`);
    }
    if (d.takenAway) emptyFolder();
  });
  same(last, n, 'every package delivered: all applied');
  same(held.size, 0, 'every package delivered: nothing held');
  sameState(state(), reference[n]!, 'after the deliveries');
}

function assertTrue(condition: boolean, what: string): void {
  if (!condition) expect(condition, what).toBe(true);
}

function checkInvariants(delivered: Set<number>, held: Set<number>, last: number, what: string): void {
  // Applied: exactly 1..last, and last is as far as the delivered packages reach without a gap.
  let reach = 0;
  while (delivered.has(reach + 1)) reach += 1;
  same(last, reach, `${what}: applied up to the first gap`);
  const client = district.app.db.$client;
  const received = client.prepare('SELECT sequence FROM sync_received ORDER BY sequence').pluck().all() as number[];
  same(JSON.stringify(received), JSON.stringify(Array.from({ length: last }, (_, i) => i + 1)), `${what}: applied sequences 1..last`);
  // Held: every delivered package beyond last (all beyond last + 1), each with its own bytes.
  const heldRows = client.prepare('SELECT sequence, package_sha256 AS sha FROM sync_held ORDER BY sequence').all() as { sequence: number; sha: string }[];
  const wantHeld = [...delivered].filter((s) => s > last).sort((a, b) => a - b);
  same(JSON.stringify(heldRows), JSON.stringify(wantHeld.map((sequence) => ({ sequence, sha: sha256(pool[sequence - 1]!.bytes) }))), `${what}: held`);
  same(JSON.stringify([...held].sort((a, b) => a - b)), JSON.stringify(wantHeld), `${what}: held (the answers)`);
  assertTrue(
    heldRows.every((h) => h.sequence > last + 1),
    `${what}: held ones all beyond last + 1`,
  );
  same(count('sync_quarantine'), 0, `${what}: nothing quarantined`);
  // The store: exactly what importing 1..last in order made.
  sameState(state(), reference[last]!, `${what}: the state of importing 1..${last} in order`);
}

// ---- set-up -----------------------------------------------------------------------------

const cleanups: (() => void)[] = [];

beforeAll(() => {
  const started = performance.now();
  const townFolder = mkdtempSync(join(tmpdir(), 'relief-desk-sync-town-'));
  watched = mkdtempSync(join(tmpdir(), 'relief-desk-sync-district-'));
  cleanups.push(() => rmSync(townFolder, { recursive: true, force: true }), () => rmSync(watched, { recursive: true, force: true }));
  district = createTestApp();
  cleanups.push(() => district.close());
  // Durability is not under test here, and an fsync per import call is most of a run's time.
  district.app.db.$client.pragma('synchronous = OFF');
  district.must('setup.run', { kind: 'district', townCode: null, admin: ADMIN });
  districtAdmin = district.must('auth.login', { username: ADMIN.username, password: ADMIN.password }).token;
  district.must('sync.configure', { folder: watched, exportTime: '22:00' }, districtAdmin);
  town = townRun(TOWN, VILLAGE_CODE, '2026-11-20');
  cleanups.push(() => town.t.close());
  // The town exports into its own folder; the test hands the files to the district one by one.
  town.t.must('sync.configure', { folder: townFolder, exportTime: '22:00' }, town.admin);
  town.t.must('sync.enroll', { text: district.must('sync.status', {}, districtAdmin).keys.publicKeyFile, folder: null }, town.admin);
  district.must('sync.enroll', { text: town.t.must('sync.status', {}, town.admin).keys.publicKeyFile, folder: null }, districtAdmin);
  enrolled = raw();
  reference.push(state());

  console.log(`sync property test: package pool from RELIEF_DESK_SYNC_POOL_SEED=${POOL_SEED}`);
  const [generated] = fc.sample(poolArb, { seed: POOL_SEED, numRuns: 1 });
  pool = makePackages(town, generated!);

  // The reference: each package imported once, in order.
  for (const p of pool) {
    deliver(p.sequence);
    const got = importFile(p.sequence);
    expect(got).toMatchObject({ status: 'applied', sequence: p.sequence, alsoApplied: [] });
    reference.push(state());
  }
  referenceAlerts = district.app.db.$client.prepare('SELECT kind, key, message FROM sync_alerts ORDER BY id').all();
  referenceQuarantine = count('sync_quarantine');
  console.log(
    `sync property test: set-up ${Math.round(performance.now() - started)} ms; ${pool.length} packages, ${pool.reduce((s, p) => s + p.bytes.length, 0)} bytes, ` +
      `${count('district_rows')} district rows`,
  );
}, SETUP_TIMEOUT_MS);

afterAll(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

// ---- the properties ---------------------------------------------------------------------

const deliveryArb: fc.Arbitrary<{ n: number; deliveries: Delivery[] }> = fc.integer({ min: 1, max: PACKAGES }).chain((n) => {
  const sequences = Array.from({ length: n }, (_, i) => i + 1);
  const attrs = fc.record({ via: fc.constantFrom('file' as const, 'scan' as const), replay: fc.nat(), takenAway: fc.boolean() });
  return fc
    .record({
      // Each package once, in any order (some arrive only late) ...
      first: fc.shuffledSubarray(sequences, { minLength: n, maxLength: n }),
      firstAttrs: fc.array(attrs, { minLength: n, maxLength: n }),
      // ... and again, anywhere: duplicates and replays.
      again: fc.array(fc.record({ sequence: fc.integer({ min: 1, max: n }), at: fc.nat(), attrs }), { maxLength: n }),
    })
    .map(({ first, firstAttrs, again }) => {
      const deliveries: Delivery[] = first.map((sequence, i) => ({ sequence, ...firstAttrs[i]! }));
      for (const a of again) deliveries.splice(a.at % (deliveries.length + 1), 0, { sequence: a.sequence, ...a.attrs });
      return { n, deliveries };
    });
});

describe('sync import: any delivery order, duplicates and replays end as the in-order import', () => {
  it('imports genuine packages of a healthy town in order without alert or quarantine', () => {
    // A chain break or clock alert raised here is a false alarm the district would act on.
    expect(referenceQuarantine).toBe(0);
    expect(referenceAlerts).toEqual([]);
  });

  it(`ends in the in-order state and keeps the sequence rules after every delivery (${RUNS} runs)`, () => {
    const started = performance.now();
    fc.assert(
      fc.property(deliveryArb, ({ n, deliveries }) => runDeliveries(n, deliveries)),
      { numRuns: RUNS, ...(PROPERTY_SEED === undefined ? {} : { seed: PROPERTY_SEED }) },
    );
    console.log(`sync property test: ${RUNS} runs in ${Math.round(performance.now() - started)} ms (pool seed ${POOL_SEED})`);
  }, 600_000);

  it('holds on sequences written out by hand (regressions)', () => {
    const seqs = (via: Delivery['via'], ...sequences: number[]) => sequences.map((sequence, i) => ({ sequence, via, replay: i, takenAway: false }));
    // Late arrivals held, then a duplicate of the held one, the gap filled, and both replayed.
    runDeliveries(3, seqs('file', 3, 3, 2, 1, 2, 3));
    runDeliveries(3, seqs('scan', 3, 3, 2, 1, 2, 3));
    // The whole pool backwards, then forwards again.
    runDeliveries(PACKAGES, seqs('file', ...Array.from({ length: PACKAGES }, (_, i) => PACKAGES - i), ...Array.from({ length: PACKAGES }, (_, i) => i + 1)));
    // A gap filled in the middle of a held run: 1, then 3 and 5 held, 2 frees 3 only, 4 frees 5.
    runDeliveries(5, seqs('scan', 1, 5, 3, 2, 4));
    // One package only, delivered three times.
    runDeliveries(1, seqs('file', 1, 1, 1));
    // The stick taken away after each delivery: the held ones apply from what the district kept.
    runDeliveries(3, seqs('scan', 3, 2, 1).map((d) => ({ ...d, takenAway: true })));
  });
});
