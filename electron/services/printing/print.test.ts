// End to end: an acceptance receipt through layout, ESC/POS and TCP to a capturing "printer".
import iconv from 'iconv-lite';
import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { afterEach, describe, expect, it } from 'vitest';
import { capturePrinter, type CapturePrinter } from '../../testing/capturePrinter';
import type { AcceptanceFacts } from './acceptance';
import { acceptanceReceipt } from './acceptance';
import { readEscPos } from './escposReader';
import { printReceipt, renderReceipt } from './print';

const FULL_ID = '370404198503120037';

const facts: AcceptanceFacts = {
  officeName: '阴平镇社会救助服务窗口',
  caseNumber: '370404101-2026-00042',
  applicantName: '刘䶮𠀀',
  residentId: FULL_ID,
  items: ['最低生活保障', '临时救助（急难型）'],
  materials: ['户口簿', '家庭经济状况核对授权书'],
  acceptedOn: '2026-11-28',
  promisedBy: '2027-01-12',
  handlerName: '王丽',
  enquiryPhone: '0632-7712345',
  reprint: false,
};

let printer: CapturePrinter | undefined;
afterEach(async () => {
  await printer?.close();
  printer = undefined;
});

describe('printing an acceptance receipt to a network printer', () => {
  it('sends exactly the rendered job, with the case, the masked ID and the items, and never the full ID', async () => {
    printer = await capturePrinter();
    // node-thermal-printer's connection check opens and closes an empty session first.
    expect(await new ThermalPrinter({ type: PrinterTypes.EPSON, interface: printer.uri }).isPrinterConnected()).toBe(true);

    const receipt = acceptanceReceipt(facts);
    const result = await printReceipt(receipt, { uri: printer.uri, paper: '58mm' });
    const job = await printer.nextJob();

    expect(result).toEqual({ ok: true, bytesSent: job.length });
    expect(job.equals(renderReceipt(receipt, '58mm').job)).toBe(true);
    expect(printer.emptySessions).toBe(1);

    const text = iconv.decode(job, 'gb18030');
    for (const expected of ['社会救助受理回执', '370404101-2026-00042', '370404********0037', '刘䶮𠀀', '最低生活保障', '临时救助（急难型）', '户口簿', '2026年11月28日', '2027年1月12日', '王丽', '0632-7712345']) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain(FULL_ID);
    expect(job.includes(Buffer.from(FULL_ID))).toBe(false);
    expect(text).not.toContain('补打');
    expect(readEscPos(job).qr.map((qr) => qr.payload)).toEqual(['370404101-2026-00042']);
  });

  it('marks a reprint 补打 at the top, on 80 mm paper too', async () => {
    printer = await capturePrinter();
    const result = await printReceipt(acceptanceReceipt({ ...facts, reprint: true }), { uri: printer.uri, paper: '80mm' });
    const read = readEscPos(await printer.nextJob());
    expect(result.ok).toBe(true);
    expect(read.lines[0]).toEqual({ text: '【补打】', align: 'center', size: 'double', bold: true });
    expect(read.lines[1]?.text).toBe('社会救助受理回执');
  });

  it('prints nothing when a full ID slipped into the receipt', async () => {
    printer = await capturePrinter();
    const receipt = acceptanceReceipt(facts);
    receipt.lines.push({ kind: 'text', text: `备注：${FULL_ID}` });
    await expect(printReceipt(receipt, { uri: printer.uri, paper: '58mm' })).rejects.toThrow(/完整的公民身份号码/);
    expect(printer.emptySessions).toBe(0);
  });
});
