import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { acceptanceReceipt, chineseDate } from './acceptance';
import { layoutReceipt } from './layout';
import { PRINT_LIMITS } from './limits';
import type { Receipt } from './receipt';
import { assertNoFullResidentId, validateReceipt } from './receipt';

const FULL_ID = '370404198503120037';

const base: Receipt = { title: '社会救助受理回执', lines: [{ kind: 'kv', label: '申请人', value: '张三' }], reprint: false };

function issuesOf(receipt: Receipt): { path: string; message: string }[] {
  try {
    validateReceipt(receipt);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).issues ?? [];
  }
  throw new Error('expected the receipt to be refused');
}

describe('the full resident ID guard', () => {
  const withFullId: [string, Receipt][] = [
    ['a value', { ...base, lines: [{ kind: 'kv', label: '身份证号', value: FULL_ID }] }],
    ['free text', { ...base, lines: [{ kind: 'text', text: `备注：申请人身份证${FULL_ID}已核验` }] }],
    ['a list item', { ...base, lines: [{ kind: 'list', items: [`张三 ${FULL_ID.slice(0, 17)}X`] }] }],
    ['the title', { ...base, title: FULL_ID }],
    ['the footer', { ...base, footer: [FULL_ID.toLowerCase().replace(/7$/, 'x')] }],
    ['the QR', { ...base, qr: FULL_ID }],
    ['full-width digits', { ...base, lines: [{ kind: 'text', text: '３７０４０４１９８５０３１２００３７' }] }],
    ['digits spaced in groups', { ...base, lines: [{ kind: 'text', text: '370404 19850312 0037' }] }],
  ];

  it.each(withFullId)('refuses a full ID in %s, naming where', (_where, receipt) => {
    expect(() => assertNoFullResidentId(receipt)).toThrow(DomainError);
    expect(() => layoutReceipt(receipt, '58mm')).toThrow(/完整的公民身份号码/);
    expect(issuesOf(receipt)[0]?.message).toBe('此处含有完整的公民身份号码');
  });

  it('lets the masked ID, a case number and a phone number through', () => {
    const receipt: Receipt = {
      ...base,
      lines: [
        { kind: 'kv', label: '身份证号', value: '370404********0037' },
        { kind: 'kv', label: '案件编号', value: '370404101-2026-00042' },
        { kind: 'kv', label: '咨询电话', value: '0632-7712345' },
      ],
      qr: '370404101-2026-00042',
    };
    expect(() => validateReceipt(receipt)).not.toThrow();
  });

  it('never lets the acceptance receipt carry the full ID it was given', () => {
    const receipt = acceptanceReceipt({
      officeName: '阴平镇社会救助服务窗口',
      caseNumber: '370404101-2026-00042',
      applicantName: '张三',
      residentId: FULL_ID,
      items: ['最低生活保障'],
      materials: [],
      acceptedOn: '2026-11-28',
      promisedBy: '2027-01-12',
      handlerName: '王丽',
      enquiryPhone: '0632-7712345',
      reprint: false,
    });
    expect(JSON.stringify(receipt)).not.toContain(FULL_ID);
    expect(JSON.stringify(receipt)).toContain('370404********0037');
    expect(() => validateReceipt(receipt)).not.toThrow();
  });
});

describe('validateReceipt', () => {
  it('refuses more lines than the limit before looking at their text', () => {
    const lines = Array.from({ length: PRINT_LIMITS.receiptLinesMax + 1 }, () => ({ kind: 'rule' as const }));
    expect(issuesOf({ ...base, lines })).toEqual([{ path: 'lines', message: `回执最多 ${PRINT_LIMITS.receiptLinesMax} 行` }]);
  });

  it('refuses a value longer than the limit and a label too wide for the label column', () => {
    const issues = issuesOf({
      ...base,
      lines: [
        { kind: 'kv', label: '申请人', value: '张'.repeat(PRINT_LIMITS.valueLengthMax + 1) },
        { kind: 'kv', label: '家庭经济状况核对', value: '已授权' },
      ],
    });
    expect(issues.map((issue) => issue.path)).toEqual(['lines.0.value', 'lines.1.label']);
  });

  it('refuses characters a thermal printer cannot print, and names them', () => {
    const issues = issuesOf({
      ...base,
      lines: [
        { kind: 'kv', label: '申请人', value: '张三😀' },
        { kind: 'kv', label: '备注', value: '第一行\n第二行' },
        { kind: 'kv', label: '姓名', value: '김철수' },
      ],
    });
    expect(issues).toEqual([
      { path: 'lines.0.value', message: '含有热敏打印机无法打印的字符「😀」（U+1F600）' },
      { path: 'lines.1.value', message: '含有热敏打印机无法打印的字符（U+000A）' },
      { path: 'lines.2.value', message: '含有热敏打印机无法打印的字符「김」（U+AE40）' },
    ]);
  });

  it('accepts rare Han characters with four-byte GB18030 codes, GBK symbols and line breaks in free text', () => {
    const receipt: Receipt = {
      ...base,
      lines: [
        { kind: 'kv', label: '申请人', value: '刘䶮 𠀀 㐀' },
        { kind: 'text', text: '①已收户口簿；②已收授权书\r\n—— 以上材料均为复印件 ×2' },
      ],
    };
    expect(() => validateReceipt(receipt)).not.toThrow();
  });

  it('refuses a QR payload that is not short printable ASCII', () => {
    expect(issuesOf({ ...base, qr: '案件370404' })[0]?.path).toBe('qr');
    expect(issuesOf({ ...base, qr: 'A'.repeat(PRINT_LIMITS.qrPayloadLengthMax + 1) })[0]?.path).toBe('qr');
  });

  it('refuses an invalid amount and an empty title', () => {
    const issues = issuesOf({ ...base, title: ' ', lines: [{ kind: 'amount', label: '金额', amountFen: 1.5 }] });
    expect(issues.map((issue) => issue.path)).toEqual(['title', 'lines.0.amountFen']);
  });
});

describe('chineseDate', () => {
  it('writes business dates as people read them', () => {
    expect(chineseDate('2026-11-28')).toBe('2026年11月28日');
    expect(chineseDate('2027-01-02')).toBe('2027年1月2日');
  });
});
