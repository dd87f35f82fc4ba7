// The crash test's child (electron/services/reserve/crash.test.ts; test support, never shipped):
// loops cash payouts of temporary relief (approve, which holds the cash, then pay, which posts
// it and draws the voucher number) on a pool of approved cases, and the district's
// replenishments, on a database file until it is killed. Each is one transaction as dispatch
// runs a call (audit row and change-log rows included), and its id goes to stdout only after
// the commit. The parent SIGKILLs it at random moments and then checks the file.
//   node <bundle> <database file> <migrations dir> <approver's user id>
// It loads and opens the file, then waits for a line on stdin before it reads or writes: the
// parent starts the next child while it checks the file after a kill, so node's start-up (most
// of a restart on a busy machine) overlaps the checks. At start it cancels the payouts a previous run approved
// and never paid (killed between approval and cash), as the office would, which releases their
// holds so the fund does not run dry and their cases take a payout again.
import { writeSync } from 'node:fs';
import { openApp } from '../rpc/app';
import type { Actor, AppDeps } from '../services/context';
import { approvePayout, cancelPayout, payPayout } from '../services/payouts/payouts';
import { replenish, reserveBalances } from '../services/reserve/ledger';
import { ledgerCall, serviceCtx } from './ledgerDriving';

function args(): { file: string; migrationsDir: string; userId: string } {
  const [file, migrationsDir, userId] = process.argv.slice(2);
  if (!file || !migrationsDir || !userId) throw new Error('usage: reserveCrashChild <file> <migrations dir> <approver user id>');
  return { file, migrationsDir, userId };
}

const REPLENISH_FEN = 1_000_000;

function main(app: AppDeps, userId: string): void {
  const actor: Actor = { userId, username: 'approver1', roles: ['approver'] };
  const client = app.db.$client;

  /** After the commit: a line the parent counts as acknowledged. Synchronous, so it is out before the next write. */
  function ack(what: string, id: string): void {
    writeSync(1, `ack ${what} ${id}\n`);
  }

  const unpaid = client.prepare("SELECT id FROM payouts WHERE state = 'approved' ORDER BY approved_at").all() as { id: string }[];
  for (const { id } of unpaid) {
    ledgerCall(app, actor, 'payouts.cancel', (ctx) => cancelPayout(ctx, { payoutId: id, voidId: app.ids.newId(), reason: '重启后取消未发放的救助金' }));
    ack('cancelled', id);
  }
  // Approved temporary-relief cases without a live payout, in case-number order, with the decided amount.
  const pool = client
    .prepare(
      `SELECT c.id, d.amount_fen AS amountFen FROM cases c JOIN decisions d ON d.case_id = c.id
       WHERE c.relief_type = 'linshi' AND c.state = 'approved' AND d.outcome = 'approved'
         AND NOT EXISTS (SELECT 1 FROM payouts p WHERE p.case_id = c.id AND p.state <> 'cancelled')
       ORDER BY c.case_no`,
    )
    .all() as { id: string; amountFen: number }[];
  const topUp = (n: number) => {
    const id = app.ids.newId();
    ledgerCall(app, actor, 'reserve.replenish', (ctx) => replenish(ctx, { id, amountFen: REPLENISH_FEN, reference: `BB-${n}`, note: '' }));
    ack('replenish', id);
  };
  // Not enough available: the district replenishes first (any refusal of an approval is then a bug).
  const fund = (amountFen: number, n: number) => {
    if (reserveBalances(app.db).availableFen < amountFen) topUp(n);
  };
  // One payout approved, paid and rolled back before 'ready': a fresh process spends its first
  // call preparing statements and compiling (150 ms on a loaded machine), and the parent's
  // kills after 'ready' should land among commits, not in that.
  const warm = pool[0];
  if (warm) {
    fund(warm.amountFen, 0);
    client.exec('BEGIN IMMEDIATE');
    try {
      const ctx = serviceCtx(app, actor);
      const payoutId = app.ids.newId();
      approvePayout(ctx, { id: payoutId, caseId: warm.id, payee: { proxy: false }, payment: { method: 'cash' } });
      payPayout(ctx, { payoutId, postId: app.ids.newId(), transferReference: null });
    } finally {
      client.exec('ROLLBACK');
    }
  }
  writeSync(1, 'ready\n');

  let n = 0;
  for (;;) {
    n++;
    if (n % 7 === 0) {
      topUp(n);
      continue;
    }
    const next = pool.shift();
    // The parent makes enough cases for its kills; running out is a broken test, said on stderr.
    if (next === undefined) throw new Error('the pool of approved temporary-relief cases ran out: make more in crash.test.ts');
    fund(next.amountFen, n);
    const payoutId = app.ids.newId();
    ledgerCall(app, actor, 'payouts.approve', (ctx) => approvePayout(ctx, { id: payoutId, caseId: next.id, payee: { proxy: false }, payment: { method: 'cash' } }));
    ack('approved', payoutId);
    ledgerCall(app, actor, 'payouts.pay', (ctx) => payPayout(ctx, { payoutId, postId: app.ids.newId(), transferReference: null }));
    ack('paid', payoutId);
  }
}

// The file is opened (migrations checked, as the app starts) before the go: opening writes
// nothing, so it may overlap the parent's checks and the previous child's last moments; what
// the run reads (payouts left unpaid, the pool) is read after the go, once that child is dead.
const { file, migrationsDir, userId } = args();
const app = openApp({ file, migrationsDir, log: { info: () => undefined, error: (m, f) => process.stderr.write(`${m} ${JSON.stringify(f)}\n`) } });
process.stdin.once('data', () => main(app, userId));
