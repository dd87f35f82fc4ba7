// The crash test's child (electron/services/reserve/crash.test.ts; test support, never shipped):
// loops cash payouts (hold, then post) and replenishments on a database file until it is
// killed, writing each transfer's id to stdout only after its transaction has committed.
// The parent SIGKILLs it at random moments and then checks the file.
//   node <bundle> <database file> <migrations dir> <user id>
// It loads, then waits for a line on stdin before it opens the file: the parent starts the
// next child while it checks the file after a kill, so node's start-up (most of a restart on
// a busy machine) overlaps the checks. At start it voids the holds a previous run left unpaid (killed between approval and cash),
// as the office would cancel them, so the fund does not run dry of available money.
import { writeSync } from 'node:fs';
import { isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { and, eq } from 'drizzle-orm';
import { reserveTransfers } from '../../db/schema';
import { openApp } from '../rpc/app';
import type { Actor } from '../services/context';
import { DomainError } from '../services/errors';
import { holdPayout, postPayout, replenish, voidPayout } from '../services/reserve/ledger';
import { ledgerCall } from './ledgerDriving';

function args(): { file: string; migrationsDir: string; userId: string } {
  const [file, migrationsDir, userId] = process.argv.slice(2);
  if (!file || !migrationsDir || !userId) throw new Error('usage: reserveCrashChild <file> <migrations dir> <user id>');
  return { file, migrationsDir, userId };
}

function main(): void {
  const { file, migrationsDir, userId } = args();
  const app = openApp({ file, migrationsDir, log: { info: () => undefined, error: (m, f) => process.stderr.write(`${m} ${JSON.stringify(f)}\n`) } });
  const actor: Actor = { userId, username: 'crash', roles: ['approver'] };

  /** After the commit: a line the parent counts as acknowledged. Synchronous, so it is out before the next write. */
  function ack(kind: string, id: string): void {
    writeSync(1, `ack ${kind} ${id}\n`);
  }

  const settlement = alias(reserveTransfers, 'settlement');
  const unpaid = app.db
    .select({ id: reserveTransfers.id })
    .from(reserveTransfers)
    .leftJoin(settlement, eq(settlement.pendingId, reserveTransfers.id))
    .where(and(eq(reserveTransfers.kind, 'hold'), isNull(settlement.id)))
    .all();
  for (const hold of unpaid) {
    const id = app.ids.newId();
    ledgerCall(app, actor, 'reserve.voidPayout', (ctx) => voidPayout(ctx, { id, holdId: hold.id, note: '重启后取消未发放的冻结' }));
    ack('void', id);
  }
  writeSync(1, 'ready\n');

  const REPLENISH_FEN = 1_000_000;
  let n = 0;
  for (;;) {
    n++;
    if (n % 7 === 0) {
      const id = app.ids.newId();
      ledgerCall(app, actor, 'reserve.replenish', (ctx) => replenish(ctx, { id, amountFen: REPLENISH_FEN, reference: `BB-${n}`, note: '' }));
      ack('replenish', id);
      continue;
    }
    const holdId = app.ids.newId();
    const amountFen = 1 + Math.floor(Math.random() * 300_000);
    try {
      ledgerCall(app, actor, 'reserve.holdPayout', (ctx) => holdPayout(ctx, { id: holdId, amountFen, reference: `CASE-${n}`, note: '' }));
    } catch (error) {
      // Not enough available: the district replenishes, then the loop goes on.
      if (!(error instanceof DomainError)) throw error;
      const id = app.ids.newId();
      ledgerCall(app, actor, 'reserve.replenish', (ctx) => replenish(ctx, { id, amountFen: REPLENISH_FEN, reference: `BB-${n}`, note: '' }));
      ack('replenish', id);
      continue;
    }
    ack('hold', holdId);
    const postId = app.ids.newId();
    ledgerCall(app, actor, 'reserve.postPayout', (ctx) => postPayout(ctx, { id: postId, holdId, note: '' }));
    ack('post', postId);
  }
}

process.stdin.once('data', main);
