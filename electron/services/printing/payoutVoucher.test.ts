// 救助金发放凭证, A4 (documents.*, kind payout_voucher) and thermal (payouts.printVoucherReceipt),
// and the vouchers never printed (payouts.unprintedVouchers): the amount in figures and in
// capitals, masked IDs only, 补打 from the second copy, the thermal bytes from a loopback
// printer, and printing that never pays again (the payout and the ledger untouched).
import { eq, gt, max, sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { changeLog, payouts, persons, prints, reserveAccounts, reserveTransfers } from '../../../db/schema';
import { maskResidentId, reprintMark, type HouseholdView, type InputOf, type PayoutView, type RpcResult } from '../../contract';
import { capturePrinter, closedPrinterUri, type CapturePrinter } from '../../testing/capturePrinter';
import { intakeForm, madeUpId, registerFamily } from '../../testing/caseFixtures';
import { auditRows, codeOf, createTestApp, SETUP_TIMEOUT_MS, setUpTown, type TestApp } from '../../testing/testApp';
import { readEscPos } from './escposReader';

let t: TestApp;
let admin: string;
let clerk: string;
let approver: string;
let printer: CapturePrinter | undefined;

function valueOf<T>(result: RpcResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.code} ${result.error.message} ${JSON.stringify(result.error)}`);
  return result.value;
}

function fullIdOf(family: HouseholdView, index = 0): string {
  const row = t.app.db.select().from(persons).where(eq(persons.id, family.members[index]?.person.id ?? '')).get();
  if (!row) throw new Error('no member');
  return row.residentId;
}

/** A temporary-relief case of a new family, accepted by the clerk. */
function linshiCase(surname: string): { family: HouseholdView; caseId: string; caseNo: string } {
  const family = registerFamily(t, clerk, surname);
  const form = intakeForm(family, 'linshi');
  const [summary] = t.must('cases.intake', { ...form, kinds: form.kinds.map((k) => ({ ...k, category: '急难型' })) }, clerk).cases;
  if (!summary) throw new Error('no case');
  return { family, caseId: summary.id, caseNo: summary.caseNo };
}

/** 先行救助 approved by the approver (not the accepting clerk); paid when `pay`. */
function emergencyPayout(caseId: string, amountFen: number, payee: InputOf<'payouts.emergency'>['payee'], pay = true): PayoutView {
  const approved = t.must(
    'payouts.emergency',
    { id: crypto.randomUUID(), caseId, amountFen, cause: 'fire', opinion: '火灾致房屋受损，先行救助', repeatReason: null, payee, payment: { method: 'cash' } },
    approver,
  );
  return pay ? t.must('payouts.pay', { payoutId: approved.id, postId: crypto.randomUUID(), transferReference: null }, approver) : approved;
}

function usePrinter(uri: string): void {
  t.must('settings.update', { receiptPrinterUri: uri }, admin);
}

function payoutPrints(payoutId: string) {
  return t.app.db.select().from(prints).where(eq(prints.documentRef, payoutId)).orderBy(sql`${prints}.rowid`).all();
}

/** Everything paying wrote: the payout rows, the reserve's accounts and transfers. */
function moneyState() {
  return {
    payouts: t.app.db.select().from(payouts).orderBy(payouts.id).all(),
    accounts: t.app.db.select().from(reserveAccounts).all(),
    transfers: t.app.db.select().from(reserveTransfers).orderBy(reserveTransfers.seq).all(),
  };
}

beforeAll(() => {
  t = createTestApp();
  const tokens = setUpTown(t);
  admin = tokens.admin;
  clerk = tokens.clerk.token;
  approver = tokens.approver.token;
  t.must('reserve.allocate', { id: crypto.randomUUID(), amountFen: 5_000_000, documentNo: '峄民发〔2026〕12号', note: '' }, admin);
}, SETUP_TIMEOUT_MS);
afterAll(() => t.close());
afterEach(async () => {
  await printer?.close();
  printer = undefined;
});

describe('the A4 voucher (documents.get / documents.recordPrint, kind payout_voucher)', () => {
  let caseId: string;
  let caseNo: string;
  let family: HouseholdView;
  let payout: PayoutView;

  beforeAll(() => {
    ({ caseId, caseNo, family } = linshiCase('钱'));
    payout = emergencyPayout(caseId, 120_000, { proxy: false }, false);
  });

  it('refuses a payout not yet paid, and one that does not exist', () => {
    const unpaid = t.call('documents.get', { kind: 'payout_voucher', payoutId: payout.id }, clerk);
    expect(codeOf(unpaid)).toBe('CONFLICT');
    expect(unpaid.ok ? '' : unpaid.error.message).toContain('尚未发放');
    expect(codeOf(t.call('documents.recordPrint', { kind: 'payout_voucher', payoutId: payout.id, target: 'a4' }, approver))).toBe('CONFLICT');
    expect(payoutPrints(payout.id)).toEqual([]);
    expect(codeOf(t.call('documents.get', { kind: 'payout_voucher', payoutId: '01890000-0000-7000-8000-000000000000' }, clerk))).toBe('NOT_FOUND');
    // The reference names the payout, not the case.
    expect(codeOf(t.call('documents.get', { kind: 'payout_voucher', caseId }, clerk))).toBe('VALIDATION');
  });

  it('draws the paid voucher: number, case, payee, ¥1,200.00 in capitals, cause, method, emergency, approver, handler; masked IDs only', () => {
    payout = t.must('payouts.pay', { payoutId: payout.id, postId: crypto.randomUUID(), transferReference: null }, approver);
    const view = valueOf(t.call('documents.get', { kind: 'payout_voucher', payoutId: payout.id }, clerk));
    expect(view.nextCopyNo).toBe(1);
    const doc = view.document;
    if (doc.kind !== 'payout_voucher') throw new Error(doc.kind);
    const fullId = fullIdOf(family);
    expect(doc).toMatchObject({
      caseNo,
      caseId,
      voucherNo: payout.voucherNo,
      kindLabel: '临时救助（急难型）',
      applicantName: '钱一',
      residentIdMasked: maskResidentId(fullId),
      payee: { name: '钱一', residentIdMasked: maskResidentId(fullId), relation: null },
      amount: { fen: 120_000, capitals: '人民币壹仟贰佰元整' },
      causeLabel: '火灾',
      methodLabel: '现金',
      bank: null,
      emergency: true,
      approverName: 'approver1',
      handlerName: 'approver1',
      paidDate: '2026-11-28',
    });
    expect(doc.paperworkDueDate).not.toBeNull();
    expect(JSON.stringify(view)).not.toContain(fullId);
    expect(JSON.stringify(view)).not.toMatch(/\d{17}[\dX]/);
  });

  it('lists it among the unprinted vouchers until a copy is recorded; copy 2 says 补打; the case page lists both', () => {
    const before = t.must('payouts.unprintedVouchers', {}, approver);
    expect(before.vouchers.map((v) => v.payoutId)).toContain(payout.id);
    expect(before.vouchers.find((v) => v.payoutId === payout.id)).toEqual({
      payoutId: payout.id,
      caseId,
      caseNo,
      voucherNo: payout.voucherNo,
      payeeName: '钱一',
      amountFen: 120_000,
      paidDate: '2026-11-28',
    });

    const first = t.must('documents.recordPrint', { kind: 'payout_voucher', payoutId: payout.id, target: 'a4' }, clerk);
    expect(first).toMatchObject({ copyNo: 1, reprint: false });
    expect(reprintMark(first.copyNo)).toBeNull();
    expect(t.must('payouts.unprintedVouchers', {}, clerk).vouchers.map((v) => v.payoutId)).not.toContain(payout.id);

    const second = t.must('documents.recordPrint', { kind: 'payout_voucher', payoutId: payout.id, target: 'pdf' }, approver);
    expect(second).toMatchObject({ copyNo: 2, reprint: true });
    expect(reprintMark(second.copyNo)).toBe('补打（第2份）');
    expect(t.must('documents.get', { kind: 'payout_voucher', payoutId: payout.id }, clerk).nextCopyNo).toBe(3);

    expect(payoutPrints(payout.id)).toMatchObject([
      { caseId, documentKind: 'payout_voucher', copyNo: 1, target: 'a4' },
      { caseId, documentKind: 'payout_voucher', copyNo: 2, target: 'pdf' },
    ]);
    const onCase = t.must('cases.get', { caseId }, clerk).prints.filter((p) => p.documentKind === 'payout_voucher');
    expect(onCase.map((p) => [p.kindLabel, p.copyNo])).toEqual([
      ['救助金发放凭证', 1],
      ['救助金发放凭证', 2],
    ]);
    expect(auditRows(t, 'documents.recordPrint').at(-1)).toMatchObject({ entityType: 'payout', entityId: payout.id });
  });
});

describe('the thermal voucher (payouts.printVoucherReceipt)', () => {
  let caseId: string;
  let family: HouseholdView;
  let payout: PayoutView;
  const proxyId = madeUpId('19700101', 881);

  beforeAll(() => {
    ({ caseId, family } = linshiCase('孙'));
    payout = emergencyPayout(caseId, 100_530, { proxy: true, name: '孙代领', residentId: proxyId, relation: '兄弟' });
  });

  it('prints after the commit on the loopback printer: voucher number, capitals, proxy payee masked; the preview is the bytes', async () => {
    printer = await capturePrinter();
    usePrinter(printer.uri);
    expect(t.must('payouts.unprintedVouchers', {}, clerk).vouchers.map((v) => v.payoutId)).toContain(payout.id);

    const result = valueOf(await t.callAsync('payouts.printVoucherReceipt', { payoutId: payout.id }, clerk));
    expect(result).toMatchObject({ copyNo: 1, reprint: false, printed: { ok: true } });
    const job = await printer.nextJob();
    const text = iconv.decode(job, 'gb18030');
    const applicantId = fullIdOf(family);
    for (const expected of [
      '救助金发放凭证',
      payout.voucherNo ?? 'no voucher number',
      payout.caseNo,
      '￥1,005.30',
      '人民币壹仟零伍元叁角整',
      '孙代领（兄弟）',
      maskResidentId(proxyId),
      maskResidentId(applicantId),
      '先行救助',
      '火灾',
      '现金',
      'approver1',
      '2026年11月28日',
      '领款人签字',
      '经办人签字',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain(proxyId);
    expect(text).not.toContain(applicantId);
    expect(text).not.toContain('补打');
    expect(readEscPos(job).lines).toEqual(result.layout.lines.flatMap(({ kind, ...line }) => (kind === 'text' ? [line] : [])));

    expect(payoutPrints(payout.id)).toMatchObject([{ caseId, documentKind: 'payout_voucher_receipt', copyNo: 1, target: 'thermal' }]);
    expect(t.must('payouts.unprintedVouchers', {}, clerk).vouchers.map((v) => v.payoutId)).not.toContain(payout.id);
    expect(t.must('cases.get', { caseId }, clerk).prints.map((p) => p.kindLabel)).toContain('救助金发放凭证（热敏）');
    expect(auditRows(t, 'payouts.printVoucherReceipt').at(-1)).toMatchObject({ entityType: 'payout', entityId: payout.id });
  });

  it('a reprint says 补打 on paper and never pays again: the payout row and the ledger are unchanged, only prints rows are written', async () => {
    const money = moneyState();
    printer = await capturePrinter();
    usePrinter(printer.uri);
    const lastChange = t.app.db.select({ seq: max(changeLog.seq) }).from(changeLog).get()?.seq ?? 0;

    const again = valueOf(await t.callAsync('payouts.printVoucherReceipt', { payoutId: payout.id }, approver));
    expect(again).toMatchObject({ copyNo: 2, reprint: true, printed: { ok: true } });
    expect(again.layout.lines[0]).toMatchObject({ kind: 'text', text: '【补打】' });
    const text = iconv.decode(await printer.nextJob(), 'gb18030');
    expect(text).toContain('补打');
    expect(text).toContain('人民币壹仟零伍元叁角整');
    t.must('documents.recordPrint', { kind: 'payout_voucher', payoutId: payout.id, target: 'a4' }, clerk);

    expect(moneyState()).toEqual(money);
    const written = t.app.db
      .select({ table: changeLog.tableName })
      .from(changeLog)
      .where(gt(changeLog.seq, lastChange))
      .orderBy(changeLog.seq)
      .all()
      .map((r) => r.table);
    expect(written).toEqual(['prints', 'prints']);
    // Paying the same payout again is refused: printing offered no way round it.
    expect(codeOf(t.call('payouts.pay', { payoutId: payout.id, postId: crypto.randomUUID(), transferReference: null }, approver))).toBe('CONFLICT');
    expect(moneyState()).toEqual(money);
  });

  it('keeps the record when the printer cannot be reached, and records without sending when none is set', async () => {
    usePrinter(await closedPrinterUri());
    const unreachable = valueOf(await t.callAsync('payouts.printVoucherReceipt', { payoutId: payout.id }, clerk));
    expect(unreachable).toMatchObject({ copyNo: 3, reprint: true, printed: { ok: false, code: 'PRINTER_UNREACHABLE' } });
    expect(unreachable.layout.lines.length).toBeGreaterThan(10);

    usePrinter('');
    const none = valueOf(await t.callAsync('payouts.printVoucherReceipt', { payoutId: payout.id }, clerk));
    expect(none).toMatchObject({ copyNo: 4, printed: { ok: false, code: 'NO_PRINTER' } });
    expect(payoutPrints(payout.id).filter((p) => p.target === 'thermal').map((p) => p.copyNo)).toEqual([1, 2, 3, 4]);
  });

  it('refuses an unpaid payout, an unknown one and a town admin; the admin may see what is unprinted', () => {
    const other = linshiCase('周');
    const unpaid = emergencyPayout(other.caseId, 50_000, { proxy: false }, false);
    expect(codeOf(t.call('payouts.printVoucherReceipt', { payoutId: unpaid.id }, clerk))).toBe('CONFLICT');
    expect(payoutPrints(unpaid.id)).toEqual([]);
    expect(codeOf(t.call('payouts.printVoucherReceipt', { payoutId: '01890000-0000-7000-8000-000000000000' }, clerk))).toBe('NOT_FOUND');
    expect(codeOf(t.call('payouts.printVoucherReceipt', { payoutId: payout.id }, admin))).toBe('FORBIDDEN');
    const listed = t.must('payouts.unprintedVouchers', {}, admin);
    expect(listed.vouchers.map((v) => v.payoutId)).not.toContain(unpaid.id);
    expect(listed.more).toBe(false);
  });
});
