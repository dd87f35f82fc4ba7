import { loadavg } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase, type Db } from '../db/open';
import type { InputOf, OutputOf, ProcedureName } from '../electron/contract';
import { dispatch } from '../electron/rpc/dispatch';
import type { Actor, AppDeps } from '../electron/services/context';
import { approvePayout, payPayout } from '../electron/services/payouts/payouts';
import { checkLedgerInvariants } from '../electron/services/reserve/invariants';
import { allocate, replenish, reserveBalances } from '../electron/services/reserve/ledger';
import { madeUpId } from '../electron/testing/caseFixtures';
import { approvedReliefCase, copiesOfApprovedCase, ledgerCall, serviceCtx, type PooledCase } from '../electron/testing/ledgerDriving';
import { VILLAGE_CODE } from '../electron/testing/testApp';
import { BenchClock, benchApp, logIn, must, setUpBenchTown } from './fixtures/town';
import { medianOfRounds, round, summarise, type Timings } from './lib/measure';
import type { Benchmark, BenchContext } from './lib/report';

// A cash payout of temporary relief as the approver makes it at the counter: payouts.approve
// (the cash held in the reserve) then payouts.pay (the hold posted, the voucher number drawn),
// both through dispatch() as the renderer sends them (session, input validation, one BEGIN
// IMMEDIATE transaction each with the audit and change-log rows, synchronous=FULL as
// db/open.ts sets and checks). The ledger holds a town's years of payouts before the timing
// (the approval reads the reserve's balances, the pay the next voucher number). Baseline in
// the same run, alternated call for call so both see the same machine: a bare one-row INSERT
// committed on its own at synchronous=FULL in the same file, the floor any commit pays for its
// fsync. A payout is two commits, so it cannot go below twice the floor. Target (issue 4):
// payout p50 <= 3x the floor's.

/** Payouts on file before the timing: a few years of a town's temporary relief in cash (each approval reads the whole ledger: bench/README.md). */
const HISTORY_PAYOUTS = 1_000;
const PAYOUTS_PER_ROUND = 200;
const ROUNDS = 3;
const WARMUP_PAYOUTS = 20;
const TARGET_RATIO_P50 = 3;
const REPLENISH_FEN = 5_000_000;

/** Decided amounts from 500 to 3,000 yuan (the town's limit), the same every run. */
const amountOf = (i: number) => 50_000 + ((i * 7_919) % 250_001);

type Call = <N extends ProcedureName>(name: N, input: InputOf<N>) => OutputOf<N>;

/** The district tops the fund up (untimed) when the next payouts would not fit. */
function keepFunded(app: AppDeps, admin: Actor, neededFen: number): void {
  while (reserveBalances(app.db).availableFen < neededFen) {
    ledgerCall(app, admin, 'reserve.replenish', (ctx) => replenish(ctx, { id: uuidv7(), amountFen: REPLENISH_FEN, reference: '峄民补〔2026〕', note: '' }));
  }
}

/**
 * Years of payouts, approved and paid through the services in one transaction (no audit rows,
 * no fsync each): what the timing reads is the ledger and the payouts, not the logs.
 */
function seedHistory(app: AppDeps, admin: Actor, approver: Actor, cases: readonly PooledCase[]): void {
  const client = app.db.$client;
  client.transaction(() => {
    for (const c of cases) {
      const ctx = serviceCtx(app, approver);
      if (reserveBalances(app.db).availableFen < c.amountFen!) replenish(serviceCtx(app, admin), { id: uuidv7(), amountFen: REPLENISH_FEN, reference: '峄民补〔2025〕', note: '' });
      const payoutId = uuidv7();
      approvePayout(ctx, { id: payoutId, caseId: c.id, payee: { proxy: false }, payment: { method: 'cash' } });
      payPayout(ctx, { payoutId, postId: uuidv7(), transferReference: null });
    }
  })();
}

/** The floor: one row, one BEGIN IMMEDIATE ... COMMIT, at the app's pragmas (synchronous=FULL, WAL). */
function bareCommit(db: Db): (i: number) => void {
  db.$client.exec('CREATE TABLE bench_floor (id INTEGER PRIMARY KEY, note TEXT NOT NULL)');
  const insert = db.$client.prepare('INSERT INTO bench_floor (note) VALUES (?)');
  const commit = db.$client.transaction((i: number) => insert.run(`row ${i}`));
  return (i) => {
    commit.immediate(i);
  };
}

/** One payout at the counter: approve, then pay; both answers checked. */
function payOut(call: Call, c: PooledCase): void {
  const approved = call('payouts.approve', { id: uuidv7(), caseId: c.id, payee: { proxy: false }, payment: { method: 'cash' } });
  if (approved.state !== 'approved' || approved.amountFen !== c.amountFen) throw new Error(`payout of ${c.caseNo} not approved as decided`);
  const paid = call('payouts.pay', { payoutId: approved.id, postId: uuidv7(), transferReference: null });
  if (paid.state !== 'paid' || paid.voucherNo === null) throw new Error(`payout of ${c.caseNo} not paid`);
}

interface Sample {
  wallMs: number;
  cpuMs: number;
}

function timed(fn: () => void): Sample {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  fn();
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Payouts and bare commits alternated, one each in turn: the same seconds of the machine for both. */
function timeRound(call: Call, floor: (i: number) => void, cases: readonly PooledCase[], keep: (neededFen: number) => void, offset: number): { ours: Timings; bare: Timings } {
  const ours: Sample[] = [];
  const bare: Sample[] = [];
  keep(cases.reduce((s, c) => s + c.amountFen!, 0));
  cases.forEach((c, i) => {
    ours.push(timed(() => payOut(call, c)));
    bare.push(timed(() => floor(offset + i)));
  });
  const summary = (samples: Sample[]) => summarise(samples.map((s) => s.wallMs), samples.map((s) => s.cpuMs));
  return { ours: summary(ours), bare: summary(bare) };
}

function report(ctx: BenchContext, ours: Timings[], floor: Timings[], load1m: number): void {
  const o = medianOfRounds(ours);
  const b = medianOfRounds(floor);
  ctx.emit({
    n: HISTORY_PAYOUTS,
    payouts: o.samplesMs.length,
    rounds: ours.length,
    p50_ms: round(o.p50Ms),
    p99_ms: round(o.p99Ms),
    p99_worst_round_ms: round(o.worstRoundP99Ms),
    mean_ms: round(o.meanMs),
    cpu_p50_ms: round(o.cpuP50Ms),
    cpu_p99_ms: round(o.cpuP99Ms),
    baseline_commits: b.samplesMs.length,
    baseline_p50_ms: round(b.p50Ms),
    baseline_p99_ms: round(b.p99Ms),
    baseline_mean_ms: round(b.meanMs),
    baseline_cpu_p50_ms: round(b.cpuP50Ms),
    // How many bare commits one payout costs; a payout is two commits.
    ratio_p50: round(o.p50Ms / b.p50Ms, 2),
    ratio_p99: round(o.p99Ms / b.p99Ms, 2),
    load_1m: round(load1m, 1),
  });
  const ratio = o.p50Ms / b.p50Ms;
  ctx.log(
    `payout p50 ${o.p50Ms.toFixed(3)} ms (CPU ${o.cpuP50Ms.toFixed(3)} ms), bare commit p50 ${b.p50Ms.toFixed(3)} ms: ` +
      `${ratio.toFixed(2)}x, target ${TARGET_RATIO_P50}x ${ratio <= TARGET_RATIO_P50 ? 'met' : 'MISSED'}`,
  );
}

/** After the run: every payout paid once, the ledger's invariants whole. */
function checkAfter(db: Db, payouts: number): void {
  const row = db.$client
    .prepare(
      `SELECT (SELECT count(*) FROM payouts WHERE state = 'paid') AS paid, (SELECT count(*) FROM payouts) AS total,
              (SELECT count(*) FROM reserve_transfers WHERE kind = 'post') AS posts`,
    )
    .get() as { paid: number; total: number; posts: number };
  if (row.paid !== payouts || row.total !== payouts || row.posts !== payouts) throw new Error(`expected ${payouts} paid payouts and posts, found ${JSON.stringify(row)}`);
  const violations = checkLedgerInvariants(db);
  if (violations.length > 0) throw new Error(`ledger invariants: ${violations.map((v) => v.message).join('; ')}`);
}

export const reservePayout: Benchmark = {
  name: 'reserve.payout',
  description: `a cash payout (payouts.approve + payouts.pay through dispatch()) with ${HISTORY_PAYOUTS} payouts on file, against a bare commit at synchronous=FULL`,
  run(ctx) {
    const file = join(ctx.tempDir(), 'reserve.db');
    const db = openDatabase({ file });
    try {
      if (Number(db.$client.pragma('synchronous', { simple: true })) !== 2) throw new Error('the bench runs at synchronous=FULL, as the app');
      const app = benchApp(db, new BenchClock());
      const town = setUpBenchTown(app);
      const adminId = (db.$client.prepare("SELECT id FROM users WHERE username = 'admin'").get() as { id: string }).id;
      const admin: Actor = { userId: adminId, username: 'admin', roles: ['town_admin'] };
      const approver: Actor = { userId: town.approver.id, username: town.approver.username, roles: ['approver'] };
      ledgerCall(app, admin, 'reserve.allocate', (c) => allocate(c, { id: uuidv7(), amountFen: 5_000_000, reference: '峄民发〔2021〕12号', note: '' }));
      const clerk = { id: town.clerk.id, token: logIn(app, town.clerk) };
      const approverToken = logIn(app, town.approver);
      const desk = { app, must: <N extends ProcedureName>(name: N, input: InputOf<N>, token: string | null) => must(app, name, input, token), clerk, approverToken };
      const family = must(
        app,
        'registry.household.create',
        {
          villageCode: VILLAGE_CODE,
          address: '朱沟村',
          phone: '',
          registration: 'rural',
          members: [{ relation: 'head', person: { name: '付一', residentId: madeUpId('19700101', 1), phone: '', tags: [], disabilityCategory: null, disabilityGrade: null, notes: '' } }],
        },
        clerk.token,
      );
      const template = approvedReliefCase(desk, { id: family.id, applicantPersonId: family.members[0]!.person.id }, amountOf(0));
      const timedCount = ROUNDS * PAYOUTS_PER_ROUND;
      const cases = copiesOfApprovedCase(app, template, HISTORY_PAYOUTS + WARMUP_PAYOUTS + timedCount - 1, (i) => amountOf(i + 1));
      cases.unshift(template);
      const history = cases.slice(0, HISTORY_PAYOUTS);
      const warmup = cases.slice(HISTORY_PAYOUTS, HISTORY_PAYOUTS + WARMUP_PAYOUTS);
      const rounds = Array.from({ length: ROUNDS }, (_, r) => cases.slice(HISTORY_PAYOUTS + WARMUP_PAYOUTS + r * PAYOUTS_PER_ROUND, HISTORY_PAYOUTS + WARMUP_PAYOUTS + (r + 1) * PAYOUTS_PER_ROUND));
      const seedStart = performance.now();
      seedHistory(app, admin, approver, history);
      db.$client.pragma('wal_checkpoint(TRUNCATE)');
      ctx.log(`${HISTORY_PAYOUTS} payouts on file in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

      const call: Call = (name, input) => {
        const result = dispatch(app, { procedure: name, input, token: approverToken });
        if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
        return result.value as OutputOf<typeof name>;
      };
      const keep = (neededFen: number) => keepFunded(app, admin, neededFen);
      const floor = bareCommit(db);
      // Warm-up: statements prepared, code compiled, pages cached; then rounds of both, alternated.
      timeRound(call, floor, warmup, keep, 0);
      const ours: Timings[] = [];
      const bare: Timings[] = [];
      for (const [r, round] of rounds.entries()) {
        const timedRound = timeRound(call, floor, round, keep, (r + 1) * PAYOUTS_PER_ROUND);
        ours.push(timedRound.ours);
        bare.push(timedRound.bare);
        ctx.log(`round ${r + 1} of ${ROUNDS} timed`);
      }
      const load1m = loadavg()[0] ?? 0;
      checkAfter(db, HISTORY_PAYOUTS + WARMUP_PAYOUTS + timedCount);
      report(ctx, ours, bare, load1m);
    } finally {
      db.$client.close();
    }
  },
};
