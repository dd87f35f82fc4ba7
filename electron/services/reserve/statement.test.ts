import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Ctx } from '../context';
import { DomainError } from '../errors';
import { ledgerCall, serviceCtx } from '../../testing/ledgerDriving';
import { codeOf, freshTown, SETUP_TIMEOUT_MS, userRecord, type TestApp } from '../../testing/testApp';
import { addDaysIso } from '../time';
import { allocate, bookOver, bookShort, holdPayout, postPayout, recordRecovery, replenish, reserveBalances, reverseTransfer, voidPayout, type Transfer } from './ledger';
import { statement } from './statement';

let t: TestApp;
let admin: string;
let actor: Actor;

beforeAll(() => {
  ({ t, admin } = freshTown());
  actor = { userId: userRecord(t, 'admin').id, username: 'admin', roles: ['town_admin'] };
}, SETUP_TIMEOUT_MS);

afterAll(() => t.close());

/** The test clock starts on 2026-11-28 (Asia/Shanghai); a ctx on another business day. */
const on = (date: string): Ctx => ({ ...serviceCtx(t.app, actor), today: date });
const entry = (amountFen: number, reference: string) => ({ id: uuidv7(), amountFen, reference, note: '' });

describe('statement (对账单)', () => {
  it('opens with the balance before the period, lists every cash movement with its running balance, and closes', () => {
    const booked = ledgerCall(t.app, actor, 'test.arrange', () => {
      const a = allocate(on('2026-10-20'), entry(5_000_000, '峄民发〔2026〕12号'));
      const hold = holdPayout(on('2026-10-31'), entry(120_000, 'case-1'));
      const post = postPayout(on('2026-11-02'), { id: uuidv7(), holdId: hold.id, note: '' });
      const hold2 = holdPayout(on('2026-11-03'), entry(40_000, 'case-2'));
      voidPayout(on('2026-11-04'), { id: uuidv7(), holdId: hold2.id, note: '' });
      const short = bookShort(on('2026-11-05'), entry(1_000, 'dayclose-1'));
      const rev = reverseTransfer(on('2026-11-06'), { id: uuidv7(), transferId: short.id, note: '清点有误' });
      const rep = replenish(on('2026-12-01'), entry(120_000, 'BB2026-041'));
      return { a, post, short, rev, rep };
    });
    const s = t.must('reserve.statement', { from: '2026-11-01', to: '2026-11-30' }, admin);
    expect(s.openingFen).toBe(5_000_000);
    // The hold (October), the second hold and its void move no cash: not on the statement.
    expect(s.rows.map((r) => [r.seq, r.kindLabel, r.inFen, r.outFen, r.balanceFen])).toEqual([
      [booked.post.seq, '现金发放', 0, 120_000, 4_880_000],
      [booked.short.seq, '短款', 0, 1_000, 4_879_000],
      [booked.rev.seq, '冲正', 1_000, 0, 4_880_000],
    ]);
    expect(s).toMatchObject({ inFen: 1_000, outFen: 121_000, closingFen: 4_880_000 });
    // The whole ledger: opening 0, closing the book balance.
    const all = t.must('reserve.statement', { from: '2026-01-01', to: '2026-12-31' }, admin);
    expect(all.openingFen).toBe(0);
    expect(all.closingFen).toBe(reserveBalances(t.app.db).balanceFen);
    expect(all.rows.at(-1)).toMatchObject({ seq: booked.rep.seq, reference: 'BB2026-041', inFen: 120_000 });
    // A period with no movement: opening = closing.
    expect(t.must('reserve.statement', { from: '2026-10-21', to: '2026-10-30' }, admin)).toMatchObject({ openingFen: 5_000_000, rows: [], closingFen: 5_000_000 });
    expect(t.call('reserve.statement', { from: '2026-11-30', to: '2026-11-01' }, admin)).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '开始日期不能晚于结束日期' } });
  });

  it('refuses users without the reserve', () => {
    const clerk = t.must('users.create', { username: 'clerk9', displayName: '柜员', roles: ['clerk'], password: 'Initial#2026' }, admin);
    expect(clerk.id).toBeTruthy();
    const token = t.must('auth.login', { username: 'clerk9', password: 'Initial#2026' }).token;
    t.must('auth.changePassword', { currentPassword: 'Initial#2026', newPassword: 'Changed#2026' }, token);
    expect(codeOf(t.call('reserve.statement', { from: '2026-11-01', to: '2026-11-30' }, token))).toBe('FORBIDDEN');
  });
});

// ---- property: any sequence of ledger operations over any days -----------------------------

type Op =
  | { op: 'allocate' | 'replenish' | 'recover' | 'over' | 'short' | 'hold'; amountFen: number; days: number }
  | { op: 'post' | 'void' | 'reverse'; pick: number; days: number };

const amount = fc.integer({ min: 1, max: 2_000_000 });
const days = fc.integer({ min: 0, max: 3 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constantFrom('allocate' as const, 'replenish' as const, 'recover' as const, 'over' as const, 'short' as const, 'hold' as const), amountFen: amount, days }),
  fc.record({ op: fc.constantFrom('post' as const, 'void' as const, 'reverse' as const), pick: fc.nat(), days }),
);

/** What the model says an operation did to the cash box. */
function cashEffect(kind: Transfer['kind'], amountFen: number, reversedEffect: number): number {
  if (kind === 'allocate' || kind === 'replenish' || kind === 'recover' || kind === 'over') return amountFen;
  if (kind === 'post' || kind === 'short') return -amountFen;
  if (kind === 'reverse') return -reversedEffect;
  return 0;
}

describe('statement property', () => {
  it('opening + movements = closing for any window over any sequence, and the running balance agrees with a model', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 25 }), fc.nat({ max: 40 }), fc.nat({ max: 40 }), (ops, a, b) => {
        const client = t.app.db.$client;
        client.exec('BEGIN');
        try {
          // The ledger as the examples above left it (all dated before 2027): the baseline.
          const baseline = reserveBalances(t.app.db).balanceFen;
          const effects = new Map<string, { date: string; effect: number }>();
          const holds: Transfer[] = [];
          const posted: Transfer[] = [];
          let date = '2027-01-01';
          for (const op of ops) {
            date = addDaysIso(date, op.days);
            const ctx = on(date);
            client.exec('SAVEPOINT step');
            try {
              let booked: Transfer | null = null;
              if (op.op === 'post' || op.op === 'void') {
                const hold = holds[op.pick % Math.max(holds.length, 1)];
                if (hold) booked = (op.op === 'post' ? postPayout : voidPayout)(ctx, { id: uuidv7(), holdId: hold.id, note: '' });
              } else if (op.op === 'reverse') {
                const original = posted[op.pick % Math.max(posted.length, 1)];
                if (original) booked = reverseTransfer(ctx, { id: uuidv7(), transferId: original.id, note: '' });
              } else if ('amountFen' in op) {
                const fn = { allocate, replenish, recover: recordRecovery, over: bookOver, short: bookShort, hold: holdPayout }[op.op];
                booked = fn(ctx, entry(op.amountFen, `R${effects.size}`));
              }
              client.exec('RELEASE step');
              if (booked) {
                const reversed = booked.reversedId === null ? 0 : (effects.get(booked.reversedId)?.effect ?? 0);
                effects.set(booked.id, { date, effect: cashEffect(booked.kind, booked.amountFen, reversed) });
                if (booked.kind === 'hold') holds.push(booked);
                if (['allocate', 'replenish', 'recover', 'over', 'short', 'post'].includes(booked.kind)) posted.push(booked);
              }
            } catch (error) {
              client.exec('ROLLBACK TO step');
              client.exec('RELEASE step');
              if (!(error instanceof DomainError)) throw error;
            }
          }
          const [lo, hi] = [Math.min(a, b), Math.max(a, b)];
          const from = addDaysIso('2027-01-01', lo);
          const to = addDaysIso('2027-01-01', hi);
          const s = statement(t.app.db, { from, to });
          const sum = (pick: (d: string) => boolean) => [...effects.values()].filter((e) => pick(e.date)).reduce((x, e) => x + e.effect, 0);
          expect(s.openingFen).toBe(baseline + sum((d) => d < from));
          expect(s.closingFen).toBe(baseline + sum((d) => d <= to));
          expect(s.openingFen + s.inFen - s.outFen).toBe(s.closingFen);
          // In commit order, whatever the amounts or dates.
          expect(s.rows.map((r) => r.seq)).toEqual(s.rows.map((r) => r.seq).sort((x, y) => x - y));
          let running = s.openingFen;
          for (const r of s.rows) {
            running += r.inFen - r.outFen;
            expect(r.balanceFen).toBe(running);
            expect(r.balanceFen).toBeGreaterThanOrEqual(0);
          }
          expect(running).toBe(s.closingFen);
          expect(s.rows.length).toBe([...effects.values()].filter((e) => e.effect !== 0 && e.date >= from && e.date <= to).length);
        } finally {
          client.exec('ROLLBACK');
        }
      }),
      { numRuns: 150 },
    );
  });
});
