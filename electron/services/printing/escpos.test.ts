import iconv from 'iconv-lite';
import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { describe, expect, it } from 'vitest';
import {
  ALIGN,
  BOLD,
  INIT,
  PARTIAL_CUT,
  QR_CORRECTION_M,
  QR_MODEL_2,
  QR_PRINT,
  encodeEscPos,
  qrModuleDots,
  qrModuleSize,
  qrStore,
} from './escpos';
import { readEscPos } from './escposReader';
import { layoutReceipt } from './layout';
import type { Receipt } from './receipt';

const receipt: Receipt = {
  title: '社会救助受理回执',
  subtitle: '阴平镇社会救助服务窗口',
  lines: [
    { kind: 'kv', label: '案件编号', value: '370404101-2026-00042' },
    // 𠀀 (U+20000) and 㐀 (U+3400) are outside GBK: GB18030 gives them four-byte codes.
    { kind: 'kv', label: '申请人', value: '刘䶮𠀀㐀' },
    { kind: 'list', label: '申请事项', items: ['最低生活保障', '临时救助'] },
    { kind: 'amount', label: '救助金额', amountFen: 120000 },
  ],
  qr: '370404101-2026-00042',
  footer: ['请妥善保管本回执'],
  reprint: false,
};

describe('encodeEscPos', () => {
  const layout = layoutReceipt(receipt, '58mm');
  const job = encodeEscPos(layout);

  it('starts with ESC @ and FS & (initialise, Chinese mode)', () => {
    expect([...job.subarray(0, 4)]).toEqual([0x1b, 0x40, 0x1c, 0x26]);
  });

  it('carries every line as GB18030 that decodes back to exactly the laid-out text', () => {
    const read = readEscPos(job);
    expect(read.startsWithInit).toBe(true);
    expect(read.chineseMode).toBe(true);
    const laidOut = layout.lines.flatMap((line) => (line.kind === 'text' ? [line] : []));
    expect(read.lines).toEqual(laidOut.map(({ text, align, size, bold }) => ({ text, align, size, bold })));
  });

  it('encodes characters outside GBK with their four-byte GB18030 codes, not as ?', () => {
    expect(iconv.encode('𠀀', 'gb18030')).toEqual(Buffer.from([0x95, 0x32, 0x82, 0x36]));
    expect(job.includes(Buffer.from([0x95, 0x32, 0x82, 0x36]))).toBe(true);
    expect(job.includes(iconv.encode('刘䶮𠀀㐀', 'gb18030'))).toBe(true);
    expect(iconv.decode(job, 'gb18030')).toContain('申请人：  刘䶮𠀀㐀');
    expect(job.includes(Buffer.from('?'))).toBe(false);
  });

  it('prints the QR (model 2, correction M, a module size that fits) with its payload', () => {
    expect(readEscPos(job).qr).toEqual([{ payload: '370404101-2026-00042', model: 0x32, correction: 0x31, moduleDots: 6 }]);
    expect(job.includes(Buffer.from(qrStore('370404101-2026-00042')))).toBe(true);
  });

  it('ends with a feed and a partial cut (GS V 1)', () => {
    expect([...job.subarray(-6)]).toEqual([0x1b, 0x64, 0x04, 0x1d, 0x56, 0x01]);
    expect(readEscPos(job).endsWithPartialCut).toBe(true);
  });

  it('sizes the title with GS ! (which Chinese characters obey) and restores normal size after it', () => {
    const read = readEscPos(job);
    expect(read.lines[0]).toEqual({ text: '社会救助受理回执', align: 'center', size: 'double', bold: true });
    expect(read.lines[1]).toMatchObject({ size: 'normal', bold: false, align: 'center' });
    expect(job.includes(Buffer.from([0x1d, 0x21, 0x11]))).toBe(true);
  });

  it('prints no QR and no stray bytes for a receipt without one', () => {
    const { qr: _qr, ...withoutQr } = receipt;
    const plain = encodeEscPos(layoutReceipt(withoutQr, '80mm'));
    expect(readEscPos(plain).qr).toEqual([]);
  });
});

describe('qrModuleDots', () => {
  it('takes the largest module that fits, within 3 to 6 dots', () => {
    expect(qrModuleDots('370404101-2026-00042', '58mm')).toBe(6);
    // 120 bytes need version 7 (45 modules + 8 quiet): 384 / 53 = 7 -> capped at 6.
    expect(qrModuleDots('A'.repeat(120), '58mm')).toBe(6);
    expect(() => qrModuleDots('A'.repeat(121), '58mm')).toThrow();
  });
});

describe('the command bytes agree with node-thermal-printer (Epson)', () => {
  // The library is not used to build jobs (see escpos.ts); it still documents the same commands.
  const library = (build: (printer: ThermalPrinter) => void): number[] => {
    const printer = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: '' });
    build(printer);
    return [...printer.getBuffer()];
  };

  it('for alignment, bold, QR and the partial cut', () => {
    expect(library((p) => p.alignCenter())).toEqual(ALIGN.center);
    expect(library((p) => p.alignLeft())).toEqual(ALIGN.left);
    expect(library((p) => p.bold(true))).toEqual(BOLD.on);
    expect(library((p) => p.bold(false))).toEqual(BOLD.off);
    expect(library((p) => p.printQR('370404101-2026-00042', { model: 2, cellSize: 6, correction: 'M' }))).toEqual([
      ...QR_MODEL_2,
      ...qrModuleSize(6),
      ...QR_CORRECTION_M,
      ...qrStore('370404101-2026-00042'),
      ...QR_PRINT,
    ]);
    // The library feeds 2 × ESC d 4, cuts, then re-initialises: the cut itself is the same.
    expect(library((p) => p.partialCut())).toEqual([0x1b, 0x64, 0x04, 0x1b, 0x64, 0x04, ...PARTIAL_CUT, ...INIT]);
  });
});
