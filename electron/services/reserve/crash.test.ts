import { rmSync } from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCrashChild, startCrashChild, type CrashChild } from '../../testing/crashChild';
import { defaultMigrationsDir, openDatabase } from '../../../db/open';
import { verifyAuditChain } from '../audit';
import { registerFamily } from '../../testing/caseFixtures';
import { approvedReliefCase, copiesOfApprovedCase, ledgerCall, type ReliefDesk } from '../../testing/ledgerDriving';
import { createTestApp, SETUP_TIMEOUT_MS, setUpTown, userRecord, type TestApp } from '../../testing/testApp';
import { checkLedgerInvariants } from './invariants';
import { allocate } from './ledger';

// Crash test (issue 4): a child process pays temporary relief in cash (payouts.approve, which
// holds the cash, then payouts.pay, which posts it) on a pool of approved cases, and books the
// district's replenishments, on a database file, printing each payout's and transfer's id
// after its commit; we SIGKILL it at random moments (RELIEF_DESK_CRASH_KILLS times, 100 by
// default), and after each kill open the file as a restarted app would and check:
// integrity_check is ok, the ledger's invariants hold (payouts against their transfers
// included), the audit chain is intact, every acknowledged payout is there exactly once (paid,
// with exactly one post of its hold), every acknowledged transfer is there with its change-log
// row (which the nightly package reads). The child is bundled once with esbuild so each
// restart costs a plain `node` start, not a TypeScript loader's.

const KILLS = Number(process.env.RELIEF_DESK_CRASH_KILLS ?? 100);
/** Approved cases made for the child to pay, per kill: well above what a child pays before it is killed. */
const CASES_PER_KILL = 40;
/** Started before they are needed: a restart on a busy machine is mostly node booting. */
const CHILDREN_AHEAD = 3;
/** A child that is not ready by then is broken, not slow. */
const READY_TIMEOUT_MS = 30_000;

let t: TestApp;
/** The approver who pays (the clerk accepted the cases). */
let userId: string;
let bundle: string;
let bundleDir: string;
let pooled: number;

beforeAll(async () => {
  t = createTestApp();
  const tokens = setUpTown(t);
  userId = tokens.approver.id;
  ledgerCall(t.app, { userId: userRecord(t, 'admin').id, username: 'admin', roles: ['town_admin'] }, 'reserve.allocate', (ctx) =>
    allocate(ctx, { id: uuidv7(), amountFen: 5_000_000, reference: '峄民发〔2026〕12号', note: '' }),
  );
  const family = registerFamily(t, tokens.clerk.token, '崩');
  const desk: ReliefDesk = { app: t.app, must: (name, input, token) => t.must(name, input, token), clerk: tokens.clerk, approverToken: tokens.approver.token };
  const template = approvedReliefCase(desk, { id: family.id, applicantPersonId: family.members[0]!.person.id }, 120_000);
  // Amounts from one fen to the town's limit, the same every run.
  pooled = 1 + copiesOfApprovedCase(t.app, template, KILLS * CASES_PER_KILL - 1, (i) => 1 + ((i * 7_919) % 300_000)).length;
  t.app.db.$client.close();
  ({ bundle, bundleDir } = await bundleCrashChild('reserveCrashChild.ts', 'crash'));
}, SETUP_TIMEOUT_MS);

afterAll(() => {
  rmSync(t.dir, { recursive: true, force: true });
  rmSync(bundleDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


/** A child loaded and waiting for its go: node starts while the previous kill is being checked. */
function startChild(): CrashChild {
  return startCrashChild(bundle, [t.file, defaultMigrationsDir(), userId]);
}

interface Run {
  lines: string[];
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
  wasReady: boolean;
}

/** Lets the child go and kills it at a random moment: mostly while booking, sometimes while it opens the file. */
async function runAndKill(child: CrashChild): Promise<Run> {
  child.go();
  let wasReady = false;
  if (Math.random() < 0.15) {
    await sleep(Math.random() * 100);
  } else {
    const started = Date.now();
    while (!child.out().includes('ready\n') && !child.exited() && Date.now() - started < READY_TIMEOUT_MS) await sleep(2);
    wasReady = child.out().includes('ready\n');
    await sleep(Math.random() * 250);
  }
  child.kill();
  const { code, signal, stderr } = await child.closed;
  // Only whole lines: each is one write() after the commit, so a cut one should never happen; if it did, it was not acknowledged.
  const lines = child.out().split('\n').slice(0, -1);
  return { lines, signal, code, stderr, wasReady };
}

describe('reserve ledger under SIGKILL', () => {
  it(`keeps every acknowledged transfer exactly once and all invariants after ${KILLS} kills`, async () => {
    const started = performance.now();
    const acknowledged = new Map<string, string>(); // transfer id -> kind
    const approved = new Set<string>(); // payout ids
    const paid = new Set<string>();
    const cancelled = new Set<string>();
    let killedWhileBooking = 0;
    // Children booted ahead, each waiting for its go: node's start-up overlaps the runs and checks.
    const waiting = Array.from({ length: CHILDREN_AHEAD }, startChild);
    for (let kill = 1; kill <= KILLS; kill++) {
      const run = await runAndKill(waiting.shift()!);
      waiting.push(startChild());
      expect(run.signal, `child ended by itself (code ${run.code}): ${run.stderr}`).toBe('SIGKILL');
      for (const line of run.lines) {
        const [word, kind, id = ''] = line.split(' ');
        if (word !== 'ack') continue;
        const seen = { approved, paid, cancelled }[kind as 'approved' | 'paid' | 'cancelled'] ?? null;
        if (seen === null) {
          expect(acknowledged.has(id), `transfer ${id} acknowledged twice`).toBe(false);
          acknowledged.set(id, kind!);
          continue;
        }
        expect(seen.has(id), `payout ${id} acknowledged ${kind} twice`).toBe(false);
        seen.add(id);
      }
      if (run.wasReady) killedWhileBooking++;

      const db = openDatabase({ file: t.file }); // as the app restarting after the crash
      try {
        expect(db.$client.pragma('integrity_check', { simple: true }), `kill ${kill}`).toBe('ok');
        expect(checkLedgerInvariants(db), `kill ${kill}`).toEqual([]);
        expect(verifyAuditChain(db).intact, `kill ${kill}`).toBe(true);
        const rows = new Map(
          (db.$client.prepare('SELECT id, kind FROM reserve_transfers').all() as { id: string; kind: string }[]).map((r) => [r.id, r.kind]),
        );
        for (const [id, kind] of acknowledged) expect(rows.get(id), `acknowledged ${kind} ${id} after kill ${kill}`).toBe(kind);
        const unlogged = db.$client
          .prepare(
            `SELECT count(*) AS n FROM reserve_transfers t
             WHERE (SELECT count(*) FROM change_log c WHERE c.table_name = 'reserve_transfers' AND c.row_id = t.id) <> 1`,
          )
          .get() as { n: number };
        expect(unlogged.n, `transfers without exactly one change-log row after kill ${kill}`).toBe(0);
        // Every acknowledged payout exactly once: paid ones with exactly one post of their hold.
        const payout = db.$client.prepare(
          `SELECT p.state, p.post_transfer_id AS postId,
             (SELECT count(*) FROM reserve_transfers t WHERE t.pending_id = p.hold_transfer_id AND t.kind = 'post') AS posts,
             (SELECT group_concat(t.id) FROM reserve_transfers t WHERE t.pending_id = p.hold_transfer_id AND t.kind = 'post') AS postIds,
             (SELECT count(*) FROM payouts q WHERE q.case_id = p.case_id AND q.state <> 'cancelled') AS liveOnCase
           FROM payouts p WHERE p.id = ?`,
        );
        for (const id of approved) {
          const row = payout.get(id) as { state: string; postId: string | null; posts: number; postIds: string | null; liveOnCase: number } | undefined;
          expect(row, `acknowledged payout ${id} after kill ${kill}`).toBeDefined();
          if (paid.has(id)) expect(row, `paid payout ${id} after kill ${kill}`).toEqual({ state: 'paid', postId: row!.postIds, posts: 1, postIds: row!.postId, liveOnCase: 1 });
          else if (cancelled.has(id)) expect(row!.state, `cancelled payout ${id} after kill ${kill}`).toBe('cancelled');
          else expect(['approved', 'paid', 'cancelled'], `payout ${id} after kill ${kill}`).toContain(row!.state);
        }
      } finally {
        db.$client.close();
      }
    }
    for (const child of waiting) child.kill();
    await Promise.all(waiting.map((child) => child.closed));
    const db = openDatabase({ file: t.file });
    const byKind = db.$client.prepare('SELECT kind, count(*) AS n FROM reserve_transfers GROUP BY kind ORDER BY kind').all() as { kind: string; n: number }[];
    const total = byKind.reduce((s, r) => s + r.n, 0);
    const found = (
      db.$client.prepare(`SELECT count(*) AS n FROM payouts WHERE state = 'paid' AND id IN (SELECT value FROM json_each(?))`).get(JSON.stringify([...paid])) as { n: number }
    ).n;
    const payoutsByState = db.$client.prepare('SELECT state, count(*) AS n FROM payouts GROUP BY state ORDER BY state').all() as { state: string; n: number }[];
    db.$client.close();
    console.log(
      `reserve crash test: ${KILLS} kills (${killedWhileBooking} while booking, ${KILLS - killedWhileBooking} during start-up), ` +
        `${paid.size} payouts acknowledged paid (${found} found paid), ${approved.size} approved, ${cancelled.size} cancelled at restart, ` +
        `${acknowledged.size} replenishments acknowledged; payouts on file: ${payoutsByState.map((r) => `${r.state} ${r.n}`).join(', ')}; ` +
        `${total} transfers (${byKind.map((r) => `${r.kind} ${r.n}`).join(', ')}); ${pooled} cases pooled; ${Math.round(performance.now() - started)} ms`,
    );
    expect(found).toBe(paid.size);
    expect(total).toBeGreaterThanOrEqual(acknowledged.size + 2 * paid.size);
    expect(killedWhileBooking).toBeGreaterThan(0);
    expect(paid.size).toBeGreaterThan(0);
  }, 600_000);
});
