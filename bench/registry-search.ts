import type Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../db/open';
import { searchPersons } from '../electron/services/registry/search';
import { seedRegistry, type SeededPerson } from './fixtures/registry';
import { madeUpMobile, madeUpResidentId, UNUSED_GIVEN } from './fixtures/people';
import { medianOfRounds, round, timeEach, type Timings } from './lib/measure';
import { createRng, type Rng } from './lib/rng';
import type { Benchmark, BenchContext } from './lib/report';

// The counter's search box over a town-sized register: 200,000 persons in 60,000 households.
// Each query kind is timed through searchPersons (the service the RPC calls), and the same
// queries through a naive LIKE scan in the same run as the baseline.
// Target: p99 <= 2 ms per kind, and >= 20x faster than the scan at p50.

const PERSON_COUNT = 200_000;
const HOUSEHOLD_COUNT = 60_000;
const QUERIES_PER_KIND = 1000;
const BASELINE_QUERIES_PER_KIND = 50;
const ROUNDS = 3;
const WARMUP_CALLS = 100;
const BASELINE_WARMUP_CALLS = 2;
const RESULT_LIMIT = 20;
/** Every MISS_EVERY-th query finds nobody (a typo, someone not registered): 10%. */
const MISS_EVERY = 10;
const SEED = 20261128;
const TARGET_P99_MS = 2;
const TARGET_SPEEDUP_P50 = 20;

const KINDS = ['id_exact', 'id_suffix', 'name_prefix', 'pinyin', 'phone'] as const;
type Kind = (typeof KINDS)[number];

interface Query {
  text: string;
  /** The person the query was drawn from; null for a query that must find nobody. */
  from: SeededPerson | null;
}

// What exists, for drawing misses that really miss every lookup planSearch makes for them.
class Index {
  readonly residentIds = new Set<string>();
  readonly idEnds = new Set<string>();
  readonly idStarts = new Set<string>();
  readonly nameStarts = new Set<string>();
  readonly pinyinStarts = new Set<string>();
  readonly phones = new Set<string>();
  readonly withPhone: SeededPerson[] = [];

  constructor(readonly persons: readonly SeededPerson[]) {
    for (const p of persons) {
      this.residentIds.add(p.residentId);
      for (let len = 4; len <= 6; len++) {
        this.idEnds.add(p.residentId.slice(-len));
        this.idStarts.add(p.residentId.slice(0, len));
      }
      this.nameStarts.add(p.name.slice(0, 2));
      this.pinyinStarts.add(p.nameInitials.slice(0, 3));
      this.pinyinStarts.add(p.namePinyin.slice(0, 3));
      if (p.phone !== '') {
        this.phones.add(p.phone);
        this.withPhone.push(p);
      }
    }
  }
}

function drawUntil(rng: Rng, draw: (rng: Rng) => string, ok: (text: string) => boolean): string {
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const text = draw(rng);
    if (ok(text)) return text;
  }
  throw new Error('could not draw a query that misses');
}

function hitQuery(kind: Kind, rng: Rng, index: Index): Query {
  const from = rng.pick(kind === 'phone' ? index.withPhone : index.persons);
  switch (kind) {
    case 'id_exact':
      return { text: from.residentId, from };
    case 'id_suffix':
      return { text: from.residentId.slice(-rng.int(4, 6)), from };
    case 'name_prefix':
      return { text: from.name.slice(0, 2), from };
    case 'pinyin':
      return { text: from.nameInitials, from };
    case 'phone':
      return { text: from.phone, from };
  }
}

function missQuery(kind: Kind, rng: Rng, index: Index): Query {
  const draw = (r: Rng): string => {
    switch (kind) {
      case 'id_exact':
        return madeUpResidentId(r, `19${String(r.int(30, 99))}-0${String(r.int(1, 9))}-1${String(r.int(0, 9))}`, 'male');
      case 'id_suffix':
        return r.digits(6);
      case 'name_prefix':
        return r.pick(index.persons).name.slice(0, 1) + r.pick(UNUSED_GIVEN);
      case 'pinyin':
        return Array.from({ length: 3 }, () => String.fromCharCode(97 + r.int(0, 25))).join('');
      case 'phone':
        return madeUpMobile(r);
    }
  };
  const misses = (text: string): boolean => {
    switch (kind) {
      case 'id_exact':
        return !index.residentIds.has(text);
      case 'id_suffix':
        return !index.idEnds.has(text) && !index.idStarts.has(text);
      case 'name_prefix':
        return !index.nameStarts.has(text);
      case 'pinyin':
        return !index.pinyinStarts.has(text);
      case 'phone':
        return !index.phones.has(text);
    }
  };
  return { text: drawUntil(rng, draw, misses), from: null };
}

function queriesFor(kind: Kind, rng: Rng, index: Index): Query[] {
  return Array.from({ length: QUERIES_PER_KIND }, (_, i) =>
    i % MISS_EVERY === MISS_EVERY - 1 ? missQuery(kind, rng, index) : hitQuery(kind, rng, index),
  );
}

// Before timing, make sure each query does what it claims: a fast search that finds the wrong
// thing (or nothing) would make a fine-looking figure.
// The business date ages are computed for; any fixed date keeps runs comparable.
const TODAY = '2026-11-28';

function checkResults(db: Db, kind: Kind, queries: readonly Query[]): number {
  let hitTotal = 0;
  for (const q of queries) {
    const { hits } = searchPersons(db, q.text, RESULT_LIMIT, TODAY);
    hitTotal += hits.length;
    const wrong = (why: string) => new Error(`${kind} query ${q.text}: ${why} (${hits.length} hits)`);
    if (q.from === null) {
      if (hits.length > 0) throw wrong('should find nobody');
      continue;
    }
    if (hits.length === 0) throw wrong(`should find ${q.from.name}`);
    const exactKinds: readonly Kind[] = ['id_exact', 'phone'];
    if (exactKinds.includes(kind) && !hits.some((h) => h.personId === q.from?.id)) throw wrong(`${q.from.name} missing`);
    if (kind === 'id_exact' && hits.length !== 1) throw wrong('exact ID should find one person');
    if (hits[0]?.matchedBy !== kind) throw wrong(`first hit matched by ${hits[0]?.matchedBy ?? 'nothing'}`);
  }
  return hitTotal / queries.length;
}

// The naive search box: one statement, LIKE on every searchable column, so SQLite scans the
// persons table (a leading % or an OR of LIKEs cannot use an index). Same result columns and
// joins as the service; LIMIT without ORDER BY lets it stop early when it finds enough.
function naiveScan(client: Database.Database): (q: string) => unknown[] {
  const stmt = client.prepare(`
    SELECT p.id AS personId, p.name, p.resident_id AS residentId, p.sex, p.birth_date AS birthDate,
           p.phone, p.tags_json AS tagsJson, m.household_id AS householdId, m.relation,
           v.name AS villageName,
           (SELECT hp.name FROM household_members hm JOIN persons hp ON hp.id = hm.person_id
             WHERE hm.household_id = m.household_id AND hm.left_at IS NULL AND hm.relation = 'head' LIMIT 1) AS headName
      FROM persons p
      LEFT JOIN household_members m ON m.person_id = p.id AND m.left_at IS NULL
      LEFT JOIN households h ON h.id = m.household_id
      LEFT JOIN villages v ON v.code = h.village_code
     WHERE p.resident_id LIKE '%' || @q || '%' OR p.name LIKE @q || '%'
        OR p.name_initials LIKE @q || '%' OR p.phone LIKE '%' || @q || '%'
     LIMIT ${RESULT_LIMIT}`);
  return (q) => stmt.all({ q });
}

function seed(ctx: BenchContext, file: string, rng: Rng): SeededPerson[] {
  const db = openDatabase({ file });
  try {
    // Only the seeding connection: a page cache that holds the whole file keeps 200,000 inserts
    // into six random-order indexes from spilling to disk mid-transaction. Searches run on a
    // fresh connection with the app's settings.
    db.$client.pragma('cache_size = -524288');
    const start = performance.now();
    const seeded = seedRegistry(db, rng, {
      personCount: PERSON_COUNT,
      householdCount: HOUSEHOLD_COUNT,
      detachedShare: 0.015,
      movedShare: 0.03,
    });
    const seedMs = performance.now() - start;
    db.$client.pragma('wal_checkpoint(TRUNCATE)');
    const rows = 1 + 7 + seeded.persons.length + seeded.householdCount + seeded.membershipCount;
    ctx.log(`seeded ${seeded.persons.length} persons, ${seeded.householdCount} households in ${(seedMs / 1000).toFixed(1)} s`);
    ctx.emit({
      case: 'seed',
      n: seeded.persons.length,
      households: seeded.householdCount,
      memberships: seeded.membershipCount,
      seed_ms: round(seedMs, 0),
      rows_per_s: round(rows / (seedMs / 1000), 0),
      db_mb: round(statSync(file).size / 2 ** 20, 1),
    });
    return seeded.persons;
  } finally {
    db.$client.close();
  }
}

interface KindPlan {
  kind: Kind;
  queries: Query[];
  meanHits: number;
  rounds: Timings[];
}

function report(ctx: BenchContext, n: number, plan: KindPlan, naive: Timings, load1m: number): void {
  const ours = medianOfRounds(plan.rounds);
  const speedup = naive.p50Ms / ours.p50Ms;
  ctx.emit({
    case: plan.kind,
    n,
    queries: plan.queries.length,
    rounds: plan.rounds.length,
    miss_share: round(1 / MISS_EVERY, 2),
    mean_hits: round(plan.meanHits, 1),
    p50_ms: round(ours.p50Ms),
    p99_ms: round(ours.p99Ms),
    p99_worst_round_ms: round(ours.worstRoundP99Ms),
    mean_ms: round(ours.meanMs),
    cpu_p50_ms: round(ours.cpuP50Ms),
    cpu_p99_ms: round(ours.cpuP99Ms),
    baseline_queries: naive.samplesMs.length,
    baseline_p50_ms: round(naive.p50Ms),
    baseline_p99_ms: round(naive.p99Ms),
    speedup_p50: round(speedup, 1),
    load_1m: round(load1m, 1),
  });
  const met = ours.p99Ms <= TARGET_P99_MS && speedup >= TARGET_SPEEDUP_P50;
  ctx.log(
    `${plan.kind}: p99 ${ours.p99Ms.toFixed(3)} ms (CPU ${ours.cpuP99Ms.toFixed(3)} ms), ${speedup.toFixed(0)}x the scan at p50: ` +
      `target ${met ? 'met' : 'MISSED'}`,
  );
}

export const registrySearch: Benchmark = {
  name: 'registry.search',
  description: `searchPersons over ${PERSON_COUNT} persons in ${HOUSEHOLD_COUNT} households, per query kind, against a LIKE scan`,
  run(ctx) {
    const file = join(ctx.tempDir(), 'registry.db');
    const rng = createRng(SEED);
    const persons = seed(ctx, file, rng);
    const index = new Index(persons);
    // Reopened the way the app opens an existing file: its pragmas and cache size, migration check.
    const db = openDatabase({ file });
    try {
      const plans: KindPlan[] = KINDS.map((kind) => {
        const queries = queriesFor(kind, rng, index);
        return { kind, queries, meanHits: checkResults(db, kind, queries), rounds: [] };
      });
      // Rounds go over every kind in turn, so a burst of other work lands in one round of a
      // kind rather than in all of one kind.
      for (let r = 0; r < ROUNDS; r++) {
        for (const plan of plans) {
          plan.rounds.push(timeEach(plan.queries, (q) => searchPersons(db, q.text, RESULT_LIMIT, TODAY), { warmupCalls: WARMUP_CALLS }));
        }
        ctx.log(`round ${r + 1} of ${ROUNDS} timed`);
      }
      // The machine's load over the last minute of timing, for reading the wall figures.
      const load1m = loadavg()[0] ?? 0;
      const naive = naiveScan(db.$client);
      for (const plan of plans) {
        const baseline = timeEach(plan.queries.slice(0, BASELINE_QUERIES_PER_KIND), (q) => naive(q.text), {
          warmupCalls: BASELINE_WARMUP_CALLS,
        });
        report(ctx, persons.length, plan, baseline, load1m);
      }
    } finally {
      db.$client.close();
    }
  },
};
