import ExcelJS from 'exceljs';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimTown, emergencyPayout, moveTo } from '../../testing/claimFixtures';
import { codeOf, SETUP_TIMEOUT_MS, type TestApp } from '../../testing/testApp';
import { yuanOf } from './excel';

let t: TestApp;
let admin: string;
let approverToken: string;
let claimId: string;
// Amounts whose yuan have no exact binary form: the sheet must still add up to the fen.
const AMOUNTS = [120_010, 30_005, 99_999, 1];

beforeAll(() => {
  const town = claimTown('2026-10-01');
  ({ t, admin, approver: approverToken } = town);
  AMOUNTS.forEach((amountFen, i) => {
    moveTo(town, `2026-10-0${i + 1}`);
    emergencyPayout(town, { amountFen, surname: '赵钱孙李'[i] ?? '周' });
  });
  moveTo(town, '2026-11-28');
  claimId = uuidv7();
  t.must('reserve.submitClaim', { id: claimId, periodStart: '2026-10-01', periodEnd: '2026-10-31' }, approverToken);
}, SETUP_TIMEOUT_MS);

afterAll(() => t.close());

async function readBack(base64: string): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(Buffer.from(base64, 'base64')).buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  return sheet;
}

const fenOf = (value: ExcelJS.CellValue): number => {
  if (typeof value === 'number') return Math.round(value * 100);
  if (value !== null && typeof value === 'object' && 'result' in value && typeof value.result === 'number') return Math.round(value.result * 100);
  throw new Error(`not an amount: ${JSON.stringify(value)}`);
};

describe('Excel exports', () => {
  it('converts fen to the yuan number exactly', () => {
    for (const fen of [0, 1, 5, 10, 99, 100, 120_010, 10_511_011, 99_999_999_999]) expect(Math.round(yuanOf(fen) * 100)).toBe(fen);
    expect(yuanOf(120_010)).toBe(1200.1);
  });

  it('exports a claim: Chinese headers, the town and period, one row per voucher, amounts in yuan, a total row', async () => {
    // Through plain dispatch the file is not written (it follows the commit): the placeholder.
    expect(t.must('reserve.claimExcel', { claimId }, admin)).toEqual({ fileName: '备用金报账单-370404101-2026-BZ001.xlsx', base64: '' });
    const result = await t.callAsync('reserve.claimExcel', { claimId }, admin);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.fileName).toBe('备用金报账单-370404101-2026-BZ001.xlsx');
    const sheet = await readBack(result.value.base64);
    expect(sheet.name).toBe('报账单');
    expect(sheet.getCell('A1').value).toBe('临时救助备用金报账单');
    expect(sheet.getCell('A2').text).toContain('阴平镇');
    expect(sheet.getCell('A2').text).toContain('370404101-2026-BZ001');
    expect(sheet.getCell('A3').text).toBe('报账期间：2026-10-01 至 2026-10-31    打印日期：2026-11-28');
    expect(sheet.getRow(4).values).toEqual([undefined, '序号', '发放凭证号', '发放日期', '案件编号', '领款人', '公民身份号码', '救助原因', '金额（元）']);
    const amounts = AMOUNTS.map((_, i) => sheet.getCell(`H${5 + i}`));
    expect(amounts.map((c) => fenOf(c.value))).toEqual(AMOUNTS);
    expect(amounts.every((c) => typeof c.value === 'number' && c.numFmt === '#,##0.00')).toBe(true);
    expect(sheet.getCell('E5').value).toBe('赵一');
    expect(sheet.getCell('F5').text).toMatch(/^370404\*{8}\d{3}[\dX]$/);
    expect(sheet.getCell('G5').value).toBe('火灾');
    // The total row: the SUM formula over the rows above, cached with our own sum in fen.
    expect(sheet.getCell('A9').value).toBe('合计');
    expect(sheet.getCell('B9').value).toBe('4 笔');
    const total = sheet.getCell('H9').value as ExcelJS.CellFormulaValue;
    expect(total.formula).toBe('SUM(H5:H8)');
    expect(fenOf(total)).toBe(AMOUNTS.reduce((a, b) => a + b, 0));
    expect(sheet.getCell('A10').value).toBe('合计金额（大写）：人民币贰仟伍佰元零壹角伍分');
    // Every export of payees' names is in the audit log.
    const audited = t.app.db.$client.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'reserve.claimExcel' AND entity_id = ?").get(claimId) as { n: number };
    expect(audited.n).toBe(2);
  });

  it('exports a statement: opening row, movements with running balance, totals and the closing balance', async () => {
    t.must('reserve.replenish', { id: uuidv7(), amountFen: 250_015, voucherNo: 'BB2026-041', note: '10月报账补拨', claimId }, admin);
    const s = t.must('reserve.statement', { from: '2026-10-01', to: '2026-11-28' }, admin);
    const result = await t.callAsync('reserve.statementExcel', { from: '2026-10-01', to: '2026-11-28' }, approverToken);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.fileName).toBe('备用金对账单-2026-10-01至2026-11-28.xlsx');
    const sheet = await readBack(result.value.base64);
    expect(sheet.getCell('A1').value).toBe('临时救助备用金对账单');
    expect(sheet.getRow(4).values).toEqual([undefined, '记账序号', '日期', '摘要', '凭证号或关联编号', '说明', '收入（元）', '支出（元）', '余额（元）']);
    expect(sheet.getCell('C5').value).toBe('期初余额');
    expect(fenOf(sheet.getCell('H5').value)).toBe(s.openingFen);
    s.rows.forEach((r, i) => {
      const row = sheet.getRow(6 + i);
      expect(row.getCell(1).value).toBe(r.seq);
      expect(row.getCell(3).value).toBe(r.kindLabel);
      expect(row.getCell(4).value).toBe(r.reference);
      expect(row.getCell(6).value === null ? 0 : fenOf(row.getCell(6).value)).toBe(r.inFen);
      expect(row.getCell(7).value === null ? 0 : fenOf(row.getCell(7).value)).toBe(r.outFen);
      expect(fenOf(row.getCell(8).value)).toBe(r.balanceFen);
    });
    // Cash payouts are listed by their voucher number; the replenishment by its own.
    const postings = s.rows.filter((r) => r.kind === 'post').map((r) => r.reference);
    expect(postings).toHaveLength(AMOUNTS.length);
    expect(postings.every((ref) => /^370404101-2026-F\d{5}$/.test(ref))).toBe(true);
    expect(s.rows.at(-1)).toMatchObject({ kindLabel: '区级补拨', reference: 'BB2026-041', inFen: 250_015 });
    const totalRow = 6 + s.rows.length;
    expect(sheet.getCell(`C${totalRow}`).value).toBe('本期合计及期末余额');
    expect(fenOf(sheet.getCell(`F${totalRow}`).value)).toBe(s.inFen);
    expect(fenOf(sheet.getCell(`G${totalRow}`).value)).toBe(s.outFen);
    const closing = sheet.getCell(`H${totalRow}`).value as ExcelJS.CellFormulaValue;
    expect(closing.formula).toBe(`H5+F${totalRow}-G${totalRow}`);
    expect(fenOf(closing)).toBe(s.closingFen);
    expect(s.closingFen).toBe(t.must('reserve.summary', {}, admin).balanceFen);
  });

  it('refuses an unknown claim', async () => {
    expect(codeOf(await t.callAsync('reserve.claimExcel', { claimId: uuidv7() }, admin))).toBe('NOT_FOUND');
  });
});
