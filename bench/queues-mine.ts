import { loadavg } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { openDatabase } from '../db/open';
import type { WorkQueue, WorkQueues } from '../electron/contract';
import { dispatch } from '../electron/rpc/dispatch';
import type { AppDeps } from '../electron/services/context';
import { seedCaseTown, CASE_TOWN } from './fixtures/caseTown';
import { BENCH_TODAY, BenchClock, benchApp, logIn, setUpBenchTown, type BenchTown, type BenchUser } from './fixtures/town';
import { medianOfRounds, round, timeEach, type Timings } from './lib/measure';
import { createRng } from './lib/rng';
import type { Benchmark, BenchContext } from './lib/report';

// 我的待办 at the start of a working day: queues.mine through dispatch() (session, one read
// transaction, output validation) for a clerk and for an approver, over 100,000 cases of which
// a few thousand are open and some overdue. Baseline in the same run: the same counts from a
// naive full scan, every case and referral selected and filtered in JavaScript.
// Target: p99 <= 10 ms.

const CALLS_PER_ROUND = 300;
const ROUNDS = 3;
const WARMUP_CALLS = 20;
const BASELINE_CALLS = 20;
const BASELINE_WARMUP_CALLS = 2;
const SEED = 20261126;
const TARGET_P99_MS = 10;

interface ScanCase {
  id: string;
  state: string;
  promised_date: string;
  by_referral: number;
}
interface ScanReferral {
  case_id: string;
  due_date: string;
  answered_date: string | null;
}

// What each queue holds (services/cases/queues.ts), restated for the scan; a Record, so a queue
// added to the contract does not compile until the scan knows it.
const OPEN_STATES: ReadonlySet<string> = new Set([
  'materials_incomplete', 'accepted', 'checking', 'investigating', 'reviewing', 'ready_for_notice', 'in_notice', 'deciding',
  'submitted_to_district', 'referred',
]);
const IN_QUEUE: Record<WorkQueue, (c: ScanCase, openReferral: ScanReferral | undefined) => boolean> = {
  materials_incomplete: (c) => c.state === 'materials_incomplete',
  to_check: (c) => c.state === 'accepted' && c.by_referral === 0,
  to_refer: (c) => c.state === 'accepted' && c.by_referral === 1,
  checking: (c) => c.state === 'checking',
  investigating: (c) => c.state === 'investigating',
  reviewing: (c) => c.state === 'reviewing',
  ready_for_notice: (c) => c.state === 'ready_for_notice',
  in_notice: (c) => c.state === 'in_notice',
  deciding: (c) => c.state === 'deciding',
  referred: (c, r) => c.state === 'referred' && r !== undefined,
  overdue: (c) => OPEN_STATES.has(c.state) && c.promised_date < BENCH_TODAY,
  referral_overdue: (_c, r) => r !== undefined && r.due_date < BENCH_TODAY,
  // The seeded town has paid no temporary relief: no payout, so no emergency paperwork owed.
  emergency_paperwork: () => false,
};
const QUEUES = Object.entries(IN_QUEUE) as [WorkQueue, (typeof IN_QUEUE)[WorkQueue]][];

function naiveCounts(client: Database.Database): () => Map<WorkQueue, number> {
  const allCases = client.prepare('SELECT * FROM cases');
  const allReferrals = client.prepare('SELECT * FROM referrals');
  return () => {
    const cases = allCases.all() as ScanCase[];
    const open = new Map<string, ScanReferral>();
    for (const r of allReferrals.all() as ScanReferral[]) if (r.answered_date === null) open.set(r.case_id, r);
    const counts = new Map<WorkQueue, number>();
    for (const c of cases) {
      const referral = open.get(c.id);
      for (const [queue, holds] of QUEUES) if (holds(c, referral)) counts.set(queue, (counts.get(queue) ?? 0) + 1);
    }
    return counts;
  };
}

function callQueues(app: AppDeps, token: string): WorkQueues {
  const result = dispatch(app, { procedure: 'queues.mine', input: {}, token });
  if (!result.ok) throw new Error(`queues.mine failed: ${result.error.code} ${result.error.message}`);
  return result.value as WorkQueues;
}

/** Before timing: the procedure's counts are the scan's, and a queue is not empty by accident. */
function check(role: string, answer: WorkQueues, naive: Map<WorkQueue, number>): number {
  let total = 0;
  for (const q of answer.queues) {
    if (q.count !== (naive.get(q.queue) ?? 0)) throw new Error(`${role} ${q.queue}: queues.mine counts ${q.count}, the scan ${naive.get(q.queue) ?? 0}`);
    total += q.count;
  }
  if (total === 0) throw new Error(`${role}: every queue is empty; the seed has no open cases`);
  return total;
}

interface RolePlan {
  role: 'clerk' | 'approver';
  user: BenchUser;
  token: string;
  queued: number;
  queues: number;
  rounds: Timings[];
}

function report(ctx: BenchContext, plan: RolePlan, naive: Timings, load1m: number): void {
  const o = medianOfRounds(plan.rounds);
  ctx.emit({
    case: plan.role,
    n: CASE_TOWN.cases,
    queues: plan.queues,
    queued_cases: plan.queued,
    calls: o.samplesMs.length,
    rounds: plan.rounds.length,
    p50_ms: round(o.p50Ms),
    p99_ms: round(o.p99Ms),
    p99_worst_round_ms: round(o.worstRoundP99Ms),
    mean_ms: round(o.meanMs),
    cpu_p50_ms: round(o.cpuP50Ms),
    cpu_p99_ms: round(o.cpuP99Ms),
    baseline_calls: naive.samplesMs.length,
    baseline_p50_ms: round(naive.p50Ms),
    baseline_p99_ms: round(naive.p99Ms),
    baseline_cpu_p50_ms: round(naive.cpuP50Ms),
    speedup_p50: round(naive.p50Ms / o.p50Ms, 1),
    load_1m: round(load1m, 1),
  });
  ctx.log(`${plan.role}: p99 ${o.p99Ms.toFixed(3)} ms (CPU ${o.cpuP99Ms.toFixed(3)} ms), scan p50 ${naive.p50Ms.toFixed(1)} ms: target ${o.p99Ms <= TARGET_P99_MS ? 'met' : 'MISSED'}`);
}

export const queuesMine: Benchmark = {
  name: 'queues.mine',
  description: `queues.mine through dispatch() for a clerk and an approver over ${CASE_TOWN.cases} cases, against a full scan in JS`,
  run(ctx) {
    const file = join(ctx.tempDir(), 'queues.db');
    const rng = createRng(SEED);
    const setupDb = openDatabase({ file });
    let town: BenchTown;
    try {
      town = setUpBenchTown(benchApp(setupDb, new BenchClock()));
      seedCaseTown(ctx, setupDb, town, rng);
    } finally {
      setupDb.$client.close();
    }
    // Reopened the way the app opens an existing file; both users log in on this connection.
    const db = openDatabase({ file });
    try {
      const app = benchApp(db, new BenchClock());
      const scan = naiveCounts(db.$client);
      const counts = scan();
      const plans: RolePlan[] = (['clerk', 'approver'] as const).map((role) => {
        const user = town[role];
        const token = logIn(app, user);
        const answer = callQueues(app, token);
        return { role, user, token, queued: check(role, answer, counts), queues: answer.queues.length, rounds: [] };
      });
      const calls = Array.from({ length: CALLS_PER_ROUND }, (_, i) => i);
      // Rounds alternate the roles, so a burst of other work lands in one round of one role.
      for (let r = 0; r < ROUNDS; r++) {
        for (const plan of plans) plan.rounds.push(timeEach(calls, () => callQueues(app, plan.token), { warmupCalls: WARMUP_CALLS }));
        ctx.log(`round ${r + 1} of ${ROUNDS} timed`);
      }
      const load1m = loadavg()[0] ?? 0;
      const baseline = timeEach(calls.slice(0, BASELINE_CALLS), () => scan(), { warmupCalls: BASELINE_WARMUP_CALLS });
      for (const plan of plans) report(ctx, plan, baseline, load1m);
    } finally {
      db.$client.close();
    }
  },
};
