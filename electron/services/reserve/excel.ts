import ExcelJS from 'exceljs';
import { amountInCapitals, type ClaimDetail, type ExcelFile, type Statement } from '../../contract';
import type { Ctx } from '../context';
import { paperHead, type PaperHead } from '../documents/reservePapers';
import { assert } from '../errors';
import { claimDetail } from './claims';
import { statement } from './statement';

// The claim and the statement as .xlsx workbooks for the district's finance office: Chinese
// headers, amounts as numbers in yuan (format #,##0.00) so the office can add them up, a total
// row whose formula Excel recalculates and whose cached result is our own sum in fen, and the
// town, period and print date at the head.
//
// exceljs writes the zip asynchronously, and a call's transaction never awaits: the procedure
// reads everything inside its transaction, answers with an empty placeholder, and the file is
// written after the commit (ctx.afterCommitAsync; dispatchAsync fills base64). The export is
// a mutation for that reason, which also puts every export of payees' names in the audit log.

const YUAN_FORMAT = '#,##0.00';

/** Fen to the yuan number Excel stores: the double nearest the exact decimal (integer ÷ 100 rounds correctly). */
export function yuanOf(fen: number): number {
  assert(Number.isSafeInteger(fen), `amount ${fen} is an integer of fen`);
  return fen / 100;
}

interface Column {
  header: string;
  width: number;
  money?: true;
}

/** Title, head lines and the header row; answers the header row's number. */
function startSheet(sheet: ExcelJS.Worksheet, title: string, headLines: string[], columns: Column[]): number {
  sheet.columns = columns.map((c) => ({ width: c.width, ...(c.money ? { style: { numFmt: YUAN_FORMAT } } : {}) }));
  const last = columns.length;
  sheet.mergeCells(1, 1, 1, last);
  const titleCell = sheet.getCell(1, 1);
  titleCell.value = title;
  titleCell.font = { bold: true, size: 16 };
  titleCell.alignment = { horizontal: 'center' };
  headLines.forEach((line, i) => {
    sheet.mergeCells(2 + i, 1, 2 + i, last);
    sheet.getCell(2 + i, 1).value = line;
  });
  const headerRow = 2 + headLines.length;
  const row = sheet.getRow(headerRow);
  columns.forEach((c, i) => {
    const cell = row.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center' };
    cell.border = { bottom: { style: 'thin' } };
  });
  sheet.views = [{ state: 'frozen', ySplit: headerRow }];
  return headerRow;
}

/** The column letter of a 1-based column (A-Z: the sheets have fewer than 27 columns). */
function letter(column: number): string {
  assert(column >= 1 && column <= 26, `column ${column} within A-Z`);
  return String.fromCharCode(64 + column);
}

/** SUM over a column's data rows, with our own total as the cached result. */
function sumCell(column: number, firstRow: number, lastRow: number, totalFen: number): ExcelJS.CellFormulaValue {
  const range = lastRow >= firstRow ? `${letter(column)}${firstRow}:${letter(column)}${lastRow}` : null;
  return { formula: range === null ? '0' : `SUM(${range})`, result: yuanOf(totalFen), date1904: false };
}

export const CLAIM_COLUMNS: Column[] = [
  { header: '序号', width: 6 },
  { header: '发放凭证号', width: 24 },
  { header: '发放日期', width: 12 },
  { header: '案件编号', width: 22 },
  { header: '领款人', width: 10 },
  { header: '公民身份号码', width: 21 },
  { header: '救助原因', width: 14 },
  { header: '金额（元）', width: 14, money: true },
];

export function claimWorkbook(detail: ClaimDetail, head: PaperHead): ExcelJS.Workbook {
  const { claim, lines } = detail;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = head.officeName;
  const sheet = workbook.addWorksheet('报账单');
  const headerRow = startSheet(
    sheet,
    '临时救助备用金报账单',
    [`单位：${head.officeName}（${head.townName}）    报账单号：${claim.claimNo}`, `报账期间：${claim.periodStart} 至 ${claim.periodEnd}    打印日期：${head.printedDate}`],
    CLAIM_COLUMNS,
  );
  lines.forEach((l, i) => {
    sheet.getRow(headerRow + 1 + i).values = [i + 1, l.voucherNo, l.paidDate, l.caseNo, l.payeeName, l.payeeResidentIdMasked, l.causeLabel, yuanOf(l.amountFen)];
  });
  const first = headerRow + 1;
  const lastData = headerRow + lines.length;
  const total = sheet.getRow(lastData + 1);
  total.getCell(1).value = '合计';
  total.getCell(2).value = `${lines.length} 笔`;
  total.getCell(8).value = sumCell(8, first, lastData, claim.totalFen);
  total.font = { bold: true };
  sheet.mergeCells(lastData + 2, 1, lastData + 2, CLAIM_COLUMNS.length);
  sheet.getCell(lastData + 2, 1).value = `合计金额（大写）：${amountInCapitals(claim.totalFen)}`;
  sheet.getCell(lastData + 4, 1).value = '经办人：';
  sheet.getCell(lastData + 4, 4).value = '审核人：';
  sheet.getCell(lastData + 4, 7).value = '单位负责人：';
  return workbook;
}

export const STATEMENT_COLUMNS: Column[] = [
  { header: '记账序号', width: 9 },
  { header: '日期', width: 12 },
  { header: '摘要', width: 16 },
  { header: '凭证号或关联编号', width: 26 },
  { header: '说明', width: 24 },
  { header: '收入（元）', width: 14, money: true },
  { header: '支出（元）', width: 14, money: true },
  { header: '余额（元）', width: 14, money: true },
];

export function statementWorkbook(s: Statement, head: PaperHead): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = head.officeName;
  const sheet = workbook.addWorksheet('对账单');
  const headerRow = startSheet(
    sheet,
    '临时救助备用金对账单',
    [`单位：${head.officeName}（${head.townName}）`, `对账期间：${s.from} 至 ${s.to}    打印日期：${head.printedDate}`],
    STATEMENT_COLUMNS,
  );
  const opening = sheet.getRow(headerRow + 1);
  opening.getCell(3).value = '期初余额';
  opening.getCell(8).value = yuanOf(s.openingFen);
  s.rows.forEach((r, i) => {
    sheet.getRow(headerRow + 2 + i).values = [r.seq, r.businessDate, r.kindLabel, r.reference, r.note, r.inFen > 0 ? yuanOf(r.inFen) : null, r.outFen > 0 ? yuanOf(r.outFen) : null, yuanOf(r.balanceFen)];
  });
  const first = headerRow + 2;
  const lastData = headerRow + 1 + s.rows.length;
  const total = sheet.getRow(lastData + 1);
  total.getCell(3).value = '本期合计及期末余额';
  total.getCell(6).value = sumCell(6, first, lastData, s.inFen);
  total.getCell(7).value = sumCell(7, first, lastData, s.outFen);
  // Closing = opening + in − out, as a formula over the cells above, cached with our figure.
  total.getCell(8).value = { formula: `H${headerRow + 1}+F${lastData + 1}-G${lastData + 1}`, result: yuanOf(s.closingFen), date1904: false };
  total.font = { bold: true };
  return workbook;
}

export async function workbookBase64(workbook: ExcelJS.Workbook): Promise<string> {
  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer).toString('base64');
}

/** File names people keep: the paper, its number or period (no path characters in either). */
export function claimFileName(claimNo: string): string {
  return `备用金报账单-${claimNo}.xlsx`;
}

export function statementFileName(from: string, to: string): string {
  return `备用金对账单-${from}至${to}.xlsx`;
}

/** reserve.claimExcel: the claim read now, the workbook written after the commit. */
export function claimExcel(ctx: Ctx, claimId: string): ExcelFile {
  const detail = claimDetail(ctx.db, claimId);
  const head = paperHead(ctx);
  ctx.audit.entity('reimbursement_claim', claimId);
  ctx.audit.note({ claimNo: detail.claim.claimNo, rows: detail.lines.length });
  ctx.afterCommitAsync('base64', () => workbookBase64(claimWorkbook(detail, head)));
  return { fileName: claimFileName(detail.claim.claimNo), base64: '' };
}

/** reserve.statementExcel: the statement read now, the workbook written after the commit. */
export function statementExcel(ctx: Ctx, period: { from: string; to: string }): ExcelFile {
  const s = statement(ctx.db, period);
  const head = paperHead(ctx);
  ctx.audit.note({ from: s.from, to: s.to, rows: s.rows.length });
  ctx.afterCommitAsync('base64', () => workbookBase64(statementWorkbook(s, head)));
  return { fileName: statementFileName(s.from, s.to), base64: '' };
}
