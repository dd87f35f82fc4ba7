// Pure layout: a receipt and a paper width -> the lines that print. The same lines are the
// on-screen preview, so the preview shows exactly what comes out of the printer: each text
// line fits its paper (double-size text counts twice), and escpos.ts adds no text of its own.
import { amountInCapitals, formatYuan } from '../../contract/money';
import { DomainError } from '../errors';
import { printableText, textColumns } from './columns';
import { PRINT_LIMITS } from './limits';
import type { Receipt, ReceiptLine } from './receipt';
import { validateReceipt } from './receipt';
import { wrapColumns } from './wrap';

export type PaperWidth = '58mm' | '80mm';

/** Half-width columns in font A (12×24): 384 dots on 58 mm paper, 576 on 80 mm. */
export const PAPER_COLUMNS = { '58mm': 32, '80mm': 48 } as const satisfies Record<PaperWidth, number>;

export interface PrintText {
  kind: 'text';
  text: string;
  align: 'left' | 'center';
  /** double: twice as wide and twice as tall, so the text takes half the columns. */
  size: 'normal' | 'double';
  bold: boolean;
}
export interface PrintQr {
  kind: 'qr';
  payload: string;
}
export type PrintLine = PrintText | PrintQr;

export interface ReceiptLayout {
  paper: PaperWidth;
  columns: (typeof PAPER_COLUMNS)[PaperWidth];
  lines: PrintLine[];
}

const REPRINT_MARK = '【补打】';
const LABEL_END = '：';
const CAPITALS_LABEL = '大写';
const BULLET = '·';

type Style = Omit<PrintText, 'kind' | 'text'>;
const PLAIN: Style = { align: 'left', size: 'normal', bold: false };
const HEADLINE: Style = { align: 'center', size: 'double', bold: true };
const CENTERED: Style = { align: 'center', size: 'normal', bold: false };

function styled(texts: string[], style: Style): PrintText[] {
  return texts.map((text) => ({ kind: 'text', text, ...style }));
}

/** The column where values start: the widest label and its '：', shared by the receipt. */
function valueColumn(lines: ReceiptLine[]): number {
  const labels = lines.flatMap((line) => {
    if (line.kind === 'kv') return [line.label];
    if (line.kind === 'amount') return [line.label, CAPITALS_LABEL];
    if (line.kind === 'list' && line.label !== undefined) return [line.label];
    return [];
  });
  return Math.max(0, ...labels.map((label) => textColumns(printableText(label) + LABEL_END)));
}

/** Label and value lines: the value wraps in its own column, under itself. */
function labelled(label: string, valueLines: string[], start: number): string[] {
  const head = printableText(label) + LABEL_END;
  const indent = ' '.repeat(start);
  return valueLines.map((value, i) =>
    (i === 0 ? head + ' '.repeat(start - textColumns(head)) + value : indent + value).trimEnd(),
  );
}

function bulleted(items: string[], columns: number): string[] {
  const width = columns - textColumns(BULLET);
  return items.flatMap((item) =>
    wrapColumns(printableText(item), width).map((text, i) => (i === 0 ? BULLET : '  ') + text),
  );
}

function bodyLines(line: ReceiptLine, columns: number, start: number): PrintText[] {
  const valueWidth = columns - start;
  switch (line.kind) {
    case 'kv':
      return styled(labelled(line.label, wrapColumns(printableText(line.value), valueWidth), start), PLAIN);
    case 'amount':
      return [
        ...styled(labelled(line.label, wrapColumns(printableText(formatYuan(line.amountFen)), valueWidth), start), {
          ...PLAIN,
          bold: true,
        }),
        ...styled(labelled(CAPITALS_LABEL, wrapColumns(amountInCapitals(line.amountFen), valueWidth), start), PLAIN),
      ];
    case 'text':
      return styled(wrapColumns(printableText(line.text.replace(/\r\n?/g, '\n')), columns), PLAIN);
    case 'list':
      return line.label === undefined
        ? styled(bulleted(line.items, columns), PLAIN)
        : styled(labelled(line.label, bulleted(line.items, valueWidth), start), PLAIN);
    case 'rule':
      return styled(['-'.repeat(columns)], PLAIN);
  }
}

/** Validates the receipt (a full resident ID anywhere refuses it), then lays it out. */
export function layoutReceipt(receipt: Receipt, paper: PaperWidth): ReceiptLayout {
  validateReceipt(receipt);
  const columns = PAPER_COLUMNS[paper];
  const start = valueColumn(receipt.lines);
  const lines: PrintLine[] = [];
  if (receipt.reprint) lines.push(...styled([REPRINT_MARK], HEADLINE));
  lines.push(...styled(wrapColumns(printableText(receipt.title), columns / 2), HEADLINE));
  if (receipt.subtitle !== undefined) lines.push(...styled(wrapColumns(printableText(receipt.subtitle), columns), CENTERED));
  lines.push(...styled(['='.repeat(columns)], PLAIN));
  for (const line of receipt.lines) lines.push(...bodyLines(line, columns, start));
  if (receipt.qr !== undefined) lines.push({ kind: 'qr', payload: receipt.qr });
  for (const text of receipt.footer ?? []) lines.push(...styled(wrapColumns(printableText(text), columns), CENTERED));
  if (lines.length > PRINT_LIMITS.layoutLinesMax) {
    throw new DomainError('VALIDATION', `回执过长：排版后超过 ${PRINT_LIMITS.layoutLinesMax} 行，请精简内容`);
  }
  return { paper, columns, lines };
}
