// 受理回执 from a case through dispatchAsync, as the transports call it: the print is recorded
// in the mutation's transaction and sent to a loopback "printer" after the commit; a printer
// that is off leaves the record in place and says so in Chinese.
import { and, eq } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { persons, prints } from '../../../db/schema';
import type { HouseholdView, RpcResult } from '../../contract';
import { capturePrinter, closedPrinterUri, type CapturePrinter } from '../../testing/capturePrinter';
import { intakeForm, materialsOf, registerFamily } from '../../testing/caseFixtures';
import { auditRows, codeOf, createTestApp, SETUP_TIMEOUT_MS, setUpTown, type TestApp } from '../../testing/testApp';
import { readEscPos } from './escposReader';

let t: TestApp;
let admin: string;
let clerk: string;
let approver: string;
let family: HouseholdView;
let caseId: string;
let caseNo: string;
let applicationId: string;
let fullId: string;
let printer: CapturePrinter | undefined;

beforeAll(() => {
  t = createTestApp();
  const tokens = setUpTown(t);
  admin = tokens.admin;
  clerk = tokens.clerk.token;
  approver = tokens.approver.token;
  family = registerFamily(t, clerk, '赵');
  const intake = t.must('cases.intake', intakeForm(family), clerk);
  const first = intake.cases[0];
  if (!first) throw new Error('no case');
  ({ id: caseId, caseNo, applicationId } = first);
  const head = t.app.db.select().from(persons).where(eq(persons.id, family.members[0]?.person.id ?? '')).get();
  if (!head) throw new Error('no head');
  fullId = head.residentId;
}, SETUP_TIMEOUT_MS);
afterAll(() => t.close());
afterEach(async () => {
  await printer?.close();
  printer = undefined;
});

function usePrinter(uri: string): void {
  t.must('settings.update', { receiptPrinterUri: uri, officeName: '', enquiryPhone: '0632-7712345' }, admin);
}

function printRows(ref: string) {
  return t.app.db
    .select()
    .from(prints)
    .where(and(eq(prints.documentKind, 'acceptance_receipt'), eq(prints.documentRef, ref)))
    .all();
}

function valueOf<T>(result: RpcResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.code} ${result.error.message}`);
  return result.value;
}

const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;

describe('printing.printReceipt and printing.receiptPreview', () => {
  it('prints the first copy after the commit: case number, masked ID, kind, never the full ID', async () => {
    printer = await capturePrinter();
    usePrinter(printer.uri);
    const preview = valueOf(t.call('printing.receiptPreview', { caseId }, approver));
    expect(preview.nextCopyNo).toBe(1);

    const result = valueOf(await t.callAsync('printing.printReceipt', { caseId }, clerk));
    expect(result).toEqual({ copyNo: 1, reprint: false, printed: { ok: true } });
    const job = await printer.nextJob();
    const text = iconv.decode(job, 'gb18030');
    for (const expected of [caseNo, masked(fullId), '最低生活保障', '赵一', '阴平镇社会救助服务大厅', '2026年11月28日', 'clerk1', '0632-7712345', '户口簿']) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain(fullId);
    expect(text).not.toContain('补打');

    // The preview is what printed, line for line, and the QR carries the case number.
    const read = readEscPos(job);
    expect(read.lines).toEqual(preview.layout.lines.flatMap(({ kind, ...line }) => (kind === 'text' ? [line] : [])));
    expect(read.qr.map((q) => q.payload)).toEqual([caseNo]);
    expect(preview.layout.columns).toBe(48);

    expect(printRows(applicationId)).toMatchObject([{ caseId, copyNo: 1, target: 'thermal' }]);
    expect(auditRows(t, 'printing.printReceipt').at(-1)).toMatchObject({ entityType: 'case', entityId: caseId });
  });

  it('marks the second copy 补打, as the preview said it would', async () => {
    printer = await capturePrinter();
    usePrinter(printer.uri);
    const preview = valueOf(t.call('printing.receiptPreview', { caseId }, clerk));
    expect(preview.nextCopyNo).toBe(2);
    expect(preview.layout.lines[0]).toMatchObject({ kind: 'text', text: '【补打】' });

    const result = valueOf(await t.callAsync('printing.printReceipt', { caseId }, clerk));
    expect(result).toMatchObject({ copyNo: 2, reprint: true, printed: { ok: true } });
    const job = await printer.nextJob();
    expect(iconv.decode(job, 'gb18030')).toContain('补打');
    expect(readEscPos(job).lines).toEqual(preview.layout.lines.flatMap(({ kind, ...line }) => (kind === 'text' ? [line] : [])));
    expect(printRows(applicationId).map((r) => r.copyNo)).toEqual([1, 2]);
  });

  it('keeps the record when the printer cannot be reached, and says so in Chinese', async () => {
    usePrinter(await closedPrinterUri());
    const result = valueOf(await t.callAsync('printing.printReceipt', { caseId }, clerk));
    expect(result).toMatchObject({ copyNo: 3, reprint: true, printed: { ok: false, code: 'PRINTER_UNREACHABLE' } });
    expect(result.printed.ok ? '' : result.printed.message).toMatch(/^打印机无法连接/);
    expect(printRows(applicationId).map((r) => r.copyNo)).toEqual([1, 2, 3]);
  });

  it('records without sending when no printer is set', async () => {
    usePrinter('');
    const result = valueOf(await t.callAsync('printing.printReceipt', { caseId }, clerk));
    expect(result).toMatchObject({ copyNo: 4, printed: { ok: false, code: 'NO_PRINTER' } });
    expect(printRows(applicationId)).toHaveLength(4);
  });

  it('a plain dispatch() records the print and reports it not sent (no await on the printer)', async () => {
    printer = await capturePrinter();
    usePrinter(printer.uri);
    const result = valueOf(t.call('printing.printReceipt', { caseId }, clerk));
    expect(result).toMatchObject({ copyNo: 5, printed: { ok: false, code: 'NOT_SENT' } });
    expect(printer.emptySessions).toBe(0);
  });

  it('one receipt for a form of several kinds: each kind with its own number, copies counted together', () => {
    usePrinter('');
    const form = intakeForm(family, 'dibao', {
      kinds: [
        { reliefType: 'dibao', category: null, materials: materialsOf('dibao') },
        { reliefType: 'linshi', category: '急难型', materials: materialsOf('linshi') },
      ],
    });
    const both = t.must('cases.intake', form, clerk).cases;
    const [dibao, linshi] = both;
    if (!dibao || !linshi) throw new Error('two cases expected');
    const preview = valueOf(t.call('printing.receiptPreview', { caseId: linshi.id }, clerk));
    const text = preview.layout.lines.map((l) => (l.kind === 'text' ? l.text : l.payload)).join('\n');
    // (on 80 mm paper the second item wraps before its number)
    for (const expected of [`最低生活保障 ${dibao.caseNo}`, '临时救助（急难型）', linshi.caseNo]) expect(text).toContain(expected);

    expect(valueOf(t.call('printing.printReceipt', { caseId: linshi.id }, clerk)).copyNo).toBe(1);
    expect(valueOf(t.call('printing.printReceipt', { caseId: dibao.id }, clerk))).toMatchObject({ copyNo: 2, reprint: true });
  });

  it('refuses an unknown case, an approver printing, and a preview for a town admin', () => {
    expect(codeOf(t.call('printing.printReceipt', { caseId: '01890000-0000-7000-8000-000000000000' }, clerk))).toBe('NOT_FOUND');
    expect(codeOf(t.call('printing.printReceipt', { caseId }, approver))).toBe('FORBIDDEN');
    expect(codeOf(t.call('printing.receiptPreview', { caseId }, admin))).toBe('FORBIDDEN');
  });
});
