// The receipt model: what a thermal receipt says, independent of paper width and printer.
// Services build one from their data (acceptance.ts for 受理回执); layout.ts turns it into
// lines for the preview and escpos.ts into bytes.
import { MAX_AMOUNT_FEN } from '../../contract/money';
import { DomainError } from '../errors';
import { codePointLabel, textColumns, unprintableCharacter } from './columns';
import { PRINT_LIMITS } from './limits';

/** 标签：值, the value wrapping in the column right of the labels. */
export interface KeyValueLine {
  kind: 'kv';
  label: string;
  value: string;
}
/** A paragraph over the full width; '\n' starts a new line. */
export interface TextLine {
  kind: 'text';
  text: string;
}
/** Bulleted items; with a label they sit in the value column, like a key-value line. */
export interface ListLine {
  kind: 'list';
  label?: string;
  items: string[];
}
export interface RuleLine {
  kind: 'rule';
}
/** An amount in figures (¥1,200.00) and in capitals (人民币壹仟贰佰元整), DOMAIN.md §5. */
export interface AmountLine {
  kind: 'amount';
  label: string;
  amountFen: number;
}
export type ReceiptLine = KeyValueLine | TextLine | ListLine | RuleLine | AmountLine;

export interface Receipt {
  title: string;
  subtitle?: string;
  lines: ReceiptLine[];
  /** Printable ASCII, e.g. the case number, printed as a QR code after the lines. */
  qr?: string;
  footer?: string[];
  /** A reprint carries a prominent 补打 at the top (DOMAIN.md §6). */
  reprint: boolean;
}

type Issue = { path: string; message: string };

// 18 characters shaped like a resident ID: 17 digits and a digit or X. Checked without the
// check digit or the birth date on purpose: a full ID with a typo is still a full ID.
const FULL_RESIDENT_ID = /\d{17}[\dX]/i;

/** Every piece of text in a receipt with its path, for the checks below. */
function receiptTexts(receipt: Receipt): [path: string, text: string][] {
  const texts: [string, string][] = [['title', receipt.title]];
  if (receipt.subtitle !== undefined) texts.push(['subtitle', receipt.subtitle]);
  receipt.lines.forEach((line, i) => {
    const at = `lines.${i}`;
    if (line.kind === 'kv') texts.push([`${at}.label`, line.label], [`${at}.value`, line.value]);
    else if (line.kind === 'text') texts.push([`${at}.text`, line.text]);
    else if (line.kind === 'amount') texts.push([`${at}.label`, line.label]);
    else if (line.kind === 'list') {
      if (line.label !== undefined) texts.push([`${at}.label`, line.label]);
      line.items.forEach((item, j) => texts.push([`${at}.items.${j}`, item]));
    }
  });
  if (receipt.qr !== undefined) texts.push(['qr', receipt.qr]);
  receipt.footer?.forEach((text, i) => texts.push([`footer.${i}`, text]));
  return texts;
}

function looksLikeFullResidentId(text: string): boolean {
  // Full-width digits (a Chinese IME) and spaces between digit groups hide nothing.
  const folded = text.replace(/[０-９Ｘｘ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  return FULL_RESIDENT_ID.test(folded) || FULL_RESIDENT_ID.test(folded.replace(/\s+/g, ''));
}

/**
 * Refuses a receipt that carries a full resident ID anywhere (DOMAIN.md §7, DESIGN.md §3):
 * receipts get masked IDs only (maskResidentId: 370404********0037).
 */
export function assertNoFullResidentId(receipt: Receipt): void {
  const found = receiptTexts(receipt).filter(([, text]) => looksLikeFullResidentId(text));
  if (found.length === 0) return;
  throw new DomainError('VALIDATION', '回执中不得出现完整的公民身份号码，只能打印脱敏号码（如 370404********0037）', {
    issues: found.map(([path]) => ({ path, message: '此处含有完整的公民身份号码' })),
  });
}

// Counts first, so no check below loops over more than the limits allow.
function countIssues(receipt: Receipt): Issue[] {
  const L = PRINT_LIMITS;
  const issues: Issue[] = [];
  if (receipt.lines.length > L.receiptLinesMax) issues.push({ path: 'lines', message: `回执最多 ${L.receiptLinesMax} 行` });
  receipt.lines.slice(0, L.receiptLinesMax).forEach((line, i) => {
    if (line.kind === 'list' && line.items.length > L.listItemsMax) {
      issues.push({ path: `lines.${i}.items`, message: `最多 ${L.listItemsMax} 项` });
    }
  });
  if ((receipt.footer?.length ?? 0) > L.footerLinesMax) issues.push({ path: 'footer', message: `页脚最多 ${L.footerLinesMax} 行` });
  return issues;
}

function shapeIssues(receipt: Receipt): Issue[] {
  const issues: Issue[] = [];
  const tooLong = (path: string, text: string, max: number): void => {
    if ([...text].length > max) issues.push({ path, message: `内容过长：最多 ${max} 个字` });
  };
  const L = PRINT_LIMITS;
  if (receipt.title.trim() === '') issues.push({ path: 'title', message: '回执标题不能为空' });
  tooLong('title', receipt.title, L.titleLengthMax);
  if (receipt.subtitle !== undefined) tooLong('subtitle', receipt.subtitle, L.subtitleLengthMax);
  receipt.lines.forEach((line, i) => {
    const at = `lines.${i}`;
    if (line.kind === 'kv' || line.kind === 'amount' || (line.kind === 'list' && line.label !== undefined)) {
      const label = line.label ?? '';
      if (label.trim() === '') issues.push({ path: `${at}.label`, message: '标签不能为空' });
      if (textColumns(label) + 2 > L.labelColumnsMax) {
        issues.push({ path: `${at}.label`, message: `标签过长：最多 ${L.labelColumnsMax / 2 - 1} 个汉字` });
      }
    }
    if (line.kind === 'amount' && !(Number.isSafeInteger(line.amountFen) && line.amountFen >= 0 && line.amountFen <= MAX_AMOUNT_FEN)) {
      issues.push({ path: `${at}.amountFen`, message: '金额无效' });
    }
    if (line.kind === 'kv') tooLong(`${at}.value`, line.value, L.valueLengthMax);
    if (line.kind === 'text') tooLong(`${at}.text`, line.text, L.textLengthMax);
    if (line.kind === 'list') line.items.forEach((item, j) => tooLong(`${at}.items.${j}`, item, L.listItemLengthMax));
  });
  receipt.footer?.forEach((text, i) => tooLong(`footer.${i}`, text, L.footerLineLengthMax));
  return issues;
}

function characterIssues(receipt: Receipt): Issue[] {
  const issues: Issue[] = [];
  for (const [path, text] of receiptTexts(receipt)) {
    if (path === 'qr') {
      if (!/^[\x20-\x7e]+$/.test(text) || text.length > PRINT_LIMITS.qrPayloadLengthMax) {
        issues.push({ path, message: `二维码内容只能是 1 至 ${PRINT_LIMITS.qrPayloadLengthMax} 个英文字母、数字或符号` });
      }
      continue;
    }
    // Only free text may break lines; a label or a value on two lines would break the columns.
    const lines = path.endsWith('.text') ? text.replace(/\r\n?/g, '\n').split('\n') : [text];
    const bad = lines.map(unprintableCharacter).find((char) => char !== null);
    if (bad !== undefined && bad !== null) {
      const shown = /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(bad) ? `「${bad}」` : '';
      issues.push({ path, message: `含有热敏打印机无法打印的字符${shown}（${codePointLabel(bad)}）` });
    }
  }
  return issues;
}

/** Throws DomainError VALIDATION listing every problem; passes a receipt that can print. */
export function validateReceipt(receipt: Receipt): void {
  const counts = countIssues(receipt);
  if (counts.length > 0) throw new DomainError('VALIDATION', '回执内容过多，无法打印', { issues: counts });
  assertNoFullResidentId(receipt);
  const issues = [...shapeIssues(receipt), ...characterIssues(receipt)];
  if (issues.length === 0) return;
  throw new DomainError('VALIDATION', '回执内容无法打印，请修改后重试', { issues });
}
