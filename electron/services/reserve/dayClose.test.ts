import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputOf } from '../../contract';
import { auditHead, verifyAuditChain } from '../audit';
import type { Actor } from '../context';
import { intakeForm, materialsOf, registerFamily } from '../../testing/caseFixtures';
import { ledgerCall } from '../../testing/ledgerDriving';
import { ADMIN, auditRows, codeOf, createTestApp, SETUP_TIMEOUT_MS, setUpTown, type TestApp, userRecord } from '../../testing/testApp';
import { closeDay } from './dayClose';
import { checkLedgerInvariants } from './invariants';
import { holdPayout, postPayout, recordRecovery, reserveBalances, reverseTransfer, voidPayout } from './ledger';

// 日结: the preview's sums of the day, a difference booked as 长款 or 短款 with its reason, a
// count that matches booking nothing, one close per business day, retries, and the ledger's
// invariants after each.

const DAY_MS = 24 * 60 * 60 * 1000;

let t: TestApp;
let admin: string;
let approverToken: string;
let clerkToken: string;
let approver: Actor;

beforeAll(() => {
  t = createTestApp();
  const town = setUpTown(t);
  admin = town.admin;
  approverToken = town.approver.token;
  clerkToken = town.clerk.token;
  approver = { userId: town.approver.id, username: 'approver1', roles: ['approver'] };
}, SETUP_TIMEOUT_MS);

afterAll(() => t.close());

const run = <T>(fn: Parameters<typeof ledgerCall<T>>[3]): T => ledgerCall(t.app, approver, 'test.reserve', fn);
const entry = (amountFen: number, reference = '370404101-2026-00001') => ({ id: uuidv7(), amountFen, reference, note: '' });

/** The next business day; the idle lock has locked every session overnight, so each logs in again. */
function nextDay() {
  t.clock.advance(DAY_MS);
  const login = (username: string, password: string) => t.must('auth.login', { username, password }).token;
  admin = login(ADMIN.username, ADMIN.password);
  approverToken = login('approver1', 'Changed#2026');
  clerkToken = login('clerk1', 'Changed#2026');
}

const preview = () => t.must('reserve.dayClosePreview', { date: null }, approverToken);

/** A close input counting `countedFen` against the book as the preview shows it now. */
function closeInput(countedFen: number, reason: string, id = uuidv7()): InputOf<'reserve.closeDay'> {
  const p = preview();
  return { id, countedFen, reason, seen: { businessDate: p.businessDate, bookBalanceFen: p.balanceFen } };
}

function rowCounts() {
  const count = (table: string) => (t.app.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { transfers: count('reserve_transfers'), closes: count('day_closes'), changes: count('change_log') };
}

function expectLedgerSound() {
  expect(checkLedgerInvariants(t.app.db)).toEqual([]);
  expect(verifyAuditChain(t.app.db)).toMatchObject({ intact: true });
}

describe('day close', () => {
  it("previews the day's payouts, voids, reversals, district money, recoveries and the held payouts' total", () => {
    t.must('reserve.allocate', { id: uuidv7(), amountFen: 5_000_000, documentNo: '峄民发〔2026〕12号', note: '' }, admin);
    const replenishment = t.must('reserve.replenish', { id: uuidv7(), amountFen: 120_000, voucherNo: 'BB2026-031', note: '' }, admin);
    const paid = run((ctx) => holdPayout(ctx, entry(50_000)));
    run((ctx) => postPayout(ctx, { id: uuidv7(), holdId: paid.id, note: '' }));
    const paid2 = run((ctx) => holdPayout(ctx, entry(20_000, '370404101-2026-00002')));
    run((ctx) => postPayout(ctx, { id: uuidv7(), holdId: paid2.id, note: '' }));
    const cancelled = run((ctx) => holdPayout(ctx, entry(30_000)));
    run((ctx) => voidPayout(ctx, { id: uuidv7(), holdId: cancelled.id, note: '取消' }));
    run((ctx) => holdPayout(ctx, entry(8_000, '370404101-2026-00003')));
    run((ctx) => reverseTransfer(ctx, { id: uuidv7(), transferId: replenishment.transfer.id, note: '补拨凭证号填错' }));
    run((ctx) => recordRecovery(ctx, entry(1_000)));

    const p = preview();
    expect(p).toMatchObject({ businessDate: '2026-11-28', isToday: true, openingFen: 0, heldFen: 8_000, close: null, transfersTruncated: false });
    // in: 5,000,000 + 120,000 + 1,000; out: 50,000 + 20,000 + the reversed 120,000; holds and voids move no cash
    expect(p.netFen).toBe(5_000_000 + 120_000 + 1_000 - 50_000 - 20_000 - 120_000);
    expect(p.balanceFen).toBe(p.netFen);
    const sum = (kind: string) => p.movements.find((m) => m.kind === kind);
    expect(sum('post')).toEqual({ kind: 'post', label: '现金发放', count: 2, fen: 70_000 });
    expect(sum('void')).toEqual({ kind: 'void', label: '取消发放', count: 1, fen: 30_000 });
    expect(sum('reverse')).toEqual({ kind: 'reverse', label: '冲正', count: 1, fen: 120_000 });
    expect(sum('allocate')).toMatchObject({ count: 1, fen: 5_000_000 });
    expect(sum('replenish')).toMatchObject({ count: 1, fen: 120_000 });
    expect(sum('recover')).toMatchObject({ count: 1, fen: 1_000 });
    expect(sum('hold')).toMatchObject({ count: 4, fen: 108_000 });
    expect(p.transfers.map((x) => x.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(p.transfers.reduce((s, x) => s + x.cashEffectFen, 0)).toBe(p.netFen);
    // clerks do not see the reserve
    expect(codeOf(t.call('reserve.dayClosePreview', { date: null }, clerkToken))).toBe('FORBIDDEN');
  });

  it('requires a reason for a difference, and writes nothing without one', () => {
    const before = rowCounts();
    const p = preview();
    const refused = t.call('reserve.closeDay', closeInput(p.balanceFen - 1_000, '  '), approverToken);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('VALIDATION');
    expect(refused.error.message).toBe('清点金额与账面余额不符（短款 ¥10.00），请填写原因');
    expect(refused.error.issues?.[0]?.path).toBe('reason');
    expect(rowCounts()).toEqual(before);
  });

  it('books a 10-yuan shortage as a short entry with its reason, the audit head before the close stored', () => {
    const p = preview();
    const head = auditHead(t.app.db);
    const input = closeInput(p.balanceFen - 1_000, '清点短少十元，原因待查');
    const close = t.must('reserve.closeDay', input, approverToken);
    expect(close).toMatchObject({
      id: input.id,
      businessDate: '2026-11-28',
      bookBalanceFen: p.balanceFen,
      countedFen: p.balanceFen - 1_000,
      differenceFen: -1_000,
      differenceReason: '清点短少十元，原因待查',
      payoutCount: 2,
      payoutsFen: 70_000,
      reversalsFen: 120_000,
      replenishmentsFen: 5_120_000,
      auditHeadHash: head.hash,
      closedByName: 'approver1',
    });
    // the close's own audit row follows the stored head
    const [closeAudit] = auditRows(t, 'reserve.closeDay');
    expect(closeAudit).toMatchObject({ prevHash: head.hash, entityType: 'day_close', entityId: input.id });
    const after = preview();
    expect(after.balanceFen).toBe(p.balanceFen - 1_000);
    const short = after.transfers.find((x) => x.kind === 'short');
    expect(short).toMatchObject({ seq: close.differenceSeq, kindLabel: '短款', amountFen: 1_000, cashEffectFen: -1_000, reference: '日结 2026-11-28', note: '清点短少十元，原因待查' });
    expect(after.close).toEqual(close);
    expectLedgerSound();
  });

  it('answers a retry with the first close; other content under its id is refused; a second close of the day too', () => {
    const [first] = t.must('reserve.dayCloses', { limit: 10 }, approverToken);
    if (!first) throw new Error('no close');
    const before = rowCounts();
    const retry = t.must('reserve.closeDay', { id: first.id, countedFen: first.countedFen, reason: '清点短少十元，原因待查', seen: { businessDate: first.businessDate, bookBalanceFen: first.bookBalanceFen } }, approverToken);
    expect(retry).toEqual(first);
    expect({ ...rowCounts(), changes: before.changes }).toEqual(before);
    const other = t.call('reserve.closeDay', { id: first.id, countedFen: first.countedFen, reason: '另一个原因', seen: { businessDate: first.businessDate, bookBalanceFen: first.bookBalanceFen } }, approverToken);
    expect(codeOf(other)).toBe('CONFLICT');
    const again = t.call('reserve.closeDay', closeInput(preview().balanceFen, ''), approverToken);
    expect(again.ok ? '' : again.error.message).toContain('今日已日结');
    expect({ ...rowCounts(), changes: before.changes }).toEqual(before);
  });

  it('books an over entry on the next day, and nothing when the count matches on the day after', () => {
    nextDay();
    const p = preview();
    expect(p).toMatchObject({ businessDate: '2026-11-29', close: null, transfers: [], netFen: 0, openingFen: p.balanceFen });
    const over = t.must('reserve.closeDay', closeInput(p.balanceFen + 500, '找零多收五元'), approverToken);
    expect(over).toMatchObject({ differenceFen: 500, payoutCount: 0, payoutsFen: 0 });
    expect(preview().transfers).toMatchObject([{ kind: 'over', kindLabel: '长款', amountFen: 500, cashEffectFen: 500 }]);

    nextDay();
    const before = rowCounts();
    const balance = preview().balanceFen;
    const even = t.must('reserve.closeDay', closeInput(balance, ''), approverToken);
    expect(even).toMatchObject({ businessDate: '2026-11-30', differenceFen: 0, differenceSeq: null, differenceReason: null, bookBalanceFen: balance, countedFen: balance });
    expect(rowCounts()).toMatchObject({ transfers: before.transfers, closes: before.closes + 1 });
    // the past days' closes, newest first; a past day's preview shows its close
    expect(t.must('reserve.dayCloses', { limit: 10 }, approverToken).map((c) => c.businessDate)).toEqual(['2026-11-30', '2026-11-29', '2026-11-28']);
    expect(t.must('reserve.dayClosePreview', { date: '2026-11-28' }, approverToken)).toMatchObject({ isToday: false, close: { differenceFen: -1_000 } });
    expectLedgerSound();
  });

  it('refuses a count made against a book that moved since, a count below the held payouts, and anyone but the approver', () => {
    nextDay();
    const p = preview();
    const stale = { id: uuidv7(), countedFen: p.balanceFen, reason: '', seen: { businessDate: p.businessDate, bookBalanceFen: p.balanceFen } };
    run((ctx) => recordRecovery(ctx, entry(200)));
    const moved = t.call('reserve.closeDay', stale, approverToken);
    expect(moved.ok ? '' : moved.error.message).toContain('账面余额已变动');
    const yesterday = t.call('reserve.closeDay', { ...stale, seen: { ...stale.seen, businessDate: '2026-11-30' } }, approverToken);
    expect(yesterday.ok ? '' : yesterday.error.message).toContain('营业日已变为 2026-12-01');

    const held = reserveBalances(t.app.db).heldFen;
    expect(held).toBe(8_000);
    const below = t.call('reserve.closeDay', closeInput(held - 1, '短少'), approverToken);
    expect(below.ok ? '' : below.error.message).toContain('少于已审批未发放的 ¥80.00');

    expect(codeOf(t.call('reserve.closeDay', closeInput(preview().balanceFen, ''), admin))).toBe('FORBIDDEN');
    expect(codeOf(t.call('reserve.closeDay', closeInput(preview().balanceFen, ''), clerkToken))).toBe('FORBIDDEN');
    expect(t.must('reserve.dayClosePreview', { date: null }, admin).close).toBeNull();
    expectLedgerSound();
  });

  it('draws the 日结单 from the close: figures, the short entry, the hash; prints recorded, the second a reprint', () => {
    const first = t.must('reserve.dayCloses', { limit: 10 }, approverToken).find((c) => c.businessDate === '2026-11-28');
    if (!first) throw new Error('no close of 2026-11-28');
    const view = t.must('documents.get', { kind: 'day_close_slip', dayCloseId: first.id }, approverToken);
    expect(view.nextCopyNo).toBe(1);
    const doc = view.document;
    if (doc.kind !== 'day_close_slip') throw new Error(doc.kind);
    expect(doc.close).toEqual(first);
    expect(doc).toMatchObject({ differenceLabel: '短款', transfersTruncated: false, heldPayouts: [] });
    expect(doc.officeName).toContain('社会救助服务大厅');
    expect(doc.close.auditHeadHash).toMatch(/^[0-9a-f]{64}$/);
    // the day's entries up to the close, its own short entry last; the day after's are not on it
    expect(doc.transfers.at(-1)).toMatchObject({ kind: 'short', amountFen: 1_000, seq: first.differenceSeq });
    expect(doc.transfers.every((x) => x.seq <= (first.differenceSeq ?? 0))).toBe(true);
    const one = t.must('documents.recordPrint', { kind: 'day_close_slip', dayCloseId: first.id, target: 'a4' }, approverToken);
    const two = t.must('documents.recordPrint', { kind: 'day_close_slip', dayCloseId: first.id, target: 'pdf' }, approverToken);
    expect([one.copyNo, one.reprint, two.copyNo, two.reprint]).toEqual([1, false, 2, true]);
    expect(auditRows(t, 'documents.recordPrint').at(-1)).toMatchObject({ entityType: 'day_close', entityId: first.id });
    expect(codeOf(t.call('documents.get', { kind: 'day_close_slip', dayCloseId: uuidv7() }, approverToken))).toBe('NOT_FOUND');
    expect(codeOf(t.call('documents.get', { kind: 'day_close_slip', caseId: first.id }, approverToken))).toBe('VALIDATION');
  });

  it('lists an approved cash payout as held (in the box, in the count); the slip keeps it as held at the close after it is paid', () => {
    nextDay();
    const family = registerFamily(t, clerkToken, '孙');
    const [accepted] = t.must(
      'cases.intake',
      intakeForm(family, 'linshi', { reason: '房屋失火', kinds: [{ reliefType: 'linshi', category: '急难型', materials: materialsOf('linshi') }] }),
      clerkToken,
    ).cases;
    if (!accepted) throw new Error('no case');
    const payout = t.must(
      'payouts.emergency',
      { id: uuidv7(), caseId: accepted.id, amountFen: 60_000, cause: 'fire', opinion: '房屋失火，先行救助', repeatReason: null, payee: { proxy: false }, payment: { method: 'cash' } },
      approverToken,
    );
    const p = preview();
    expect(p.heldFen).toBe(8_000 + 60_000);
    expect(p.heldPayouts).toEqual([{ payoutId: payout.id, caseNo: accepted.caseNo, payeeName: payout.payeeName, amountFen: 60_000, approvedAt: payout.approvedAt }]);
    const close = t.must('reserve.closeDay', closeInput(p.balanceFen, ''), approverToken);
    t.clock.advance(60_000);
    t.must('payouts.pay', { payoutId: payout.id, postId: uuidv7(), transferReference: null }, approverToken);
    expect(preview().heldPayouts).toEqual([]);
    const slip = t.must('documents.get', { kind: 'day_close_slip', dayCloseId: close.id }, approverToken).document;
    if (slip.kind !== 'day_close_slip') throw new Error(slip.kind);
    expect(slip.heldPayouts.map((h) => h.payoutId)).toEqual([payout.id]);
    // the payout after the close is in the book, not on the slip's list of the day
    expect(slip.transfers.some((x) => x.kind === 'post')).toBe(false);
    expect(preview().transfers.some((x) => x.kind === 'post')).toBe(true);
    expectLedgerSound();
  });

  it('is callable from a plain ctx (the property model): closeDay(ctx, { id, countedFen, reason })', () => {
    nextDay();
    const balance = reserveBalances(t.app.db).balanceFen;
    const id = uuidv7();
    const close = run((ctx) => closeDay(ctx, { id, countedFen: balance - 300, reason: '短少三元' }));
    expect(close).toMatchObject({ id, businessDate: '2026-12-03', differenceFen: -300 });
    expect(run((ctx) => closeDay(ctx, { id, countedFen: balance - 300, reason: ' 短少三元 ' }))).toEqual(close);
    expect(reserveBalances(t.app.db).balanceFen).toBe(balance - 300);
    expectLedgerSound();
  });
});

describe('day close invariants (cli verify)', () => {
  // Last: day_closes are final (a trigger refuses DELETE), so the forged rows stay.
  it('reports a close whose difference entry is of the wrong direction, size or day', () => {
    const over = t.app.db.$client.prepare("SELECT id, business_date AS day FROM reserve_transfers WHERE kind = 'over'").get() as { id: string; day: string };
    const forge = t.app.db.$client.prepare(
      `INSERT INTO day_closes (id, business_date, book_balance_fen, counted_fen, difference_fen, difference_transfer_id, difference_reason,
         payout_count, payouts_fen, reversals_fen, replenishments_fen, audit_head_hash, closed_by, closed_at)
       VALUES (?, ?, 10000, ?, ?, ?, '伪造', 0, 0, 0, 0, 'x', ?, '2027-01-04T09:00:00.000Z')`,
    );
    const closer = userRecord(t, 'approver1').id;
    expect(checkLedgerInvariants(t.app.db)).toEqual([]);
    forge.run(uuidv7(), '2027-01-04', 9_500, -500, over.id, closer);
    forge.run(uuidv7(), '2027-01-05', 10_700, 700, over.id, closer);
    forge.run(uuidv7(), '2027-01-06', 10_500, 500, over.id, closer);
    expect(over.day).toBe('2026-11-29');
    expect(checkLedgerInvariants(t.app.db).map((v) => [v.rule, v.message])).toEqual([
      ['day_close_difference_booked', '2027-01-04 日结：差额记账的方向不对（over）'],
      ['day_close_difference_booked', '2027-01-05 日结：差额记账的金额与差额不符'],
      ['day_close_difference_booked', '2027-01-06 日结：差额记账不在日结当日'],
    ]);
  });
});
