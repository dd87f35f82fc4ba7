import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { charColumns, printableText, textColumns } from './columns';
import type { PrintText } from './layout';
import { PAPER_COLUMNS, layoutReceipt } from './layout';
import type { Receipt } from './receipt';
import { wrapColumns } from './wrap';

const textLines = (receipt: Receipt, paper: '58mm' | '80mm'): PrintText[] =>
  layoutReceipt(receipt, paper).lines.filter((line): line is PrintText => line.kind === 'text');

const receipt = (lines: Receipt['lines'], extra: Partial<Receipt> = {}): Receipt => ({
  title: '社会救助受理回执',
  lines,
  reprint: false,
  ...extra,
});

describe('columns', () => {
  it('counts ASCII as one column and CJK, full-width forms and GBK symbols as two', () => {
    expect(textColumns('A1-')).toBe(3);
    expect(textColumns('最低生活保障')).toBe(12);
    expect(textColumns('ＡＢ，。')).toBe(8);
    expect(textColumns('·—①')).toBe(6);
    expect(charColumns('𠀀')).toBe(2);
    expect(charColumns('䶮')).toBe(2);
  });

  it('prints ¥ as the full-width ￥ that every Chinese printer font has', () => {
    expect(printableText('¥1,200.00')).toBe('￥1,200.00');
  });
});

describe('wrapColumns', () => {
  it('wraps Chinese text at any character and never past the width', () => {
    expect(wrapColumns('最低生活保障特困人员救助供养', 10)).toEqual(['最低生活保', '障特困人员', '救助供养']);
  });

  it('moves a double-width character to the next line rather than overflow by one column', () => {
    expect(wrapColumns('a最低生活保障', 6)).toEqual(['a最低', '生活保', '障']);
  });

  it('never splits a surrogate pair such as 𠀀', () => {
    const lines = wrapColumns('申请人刘𠀀𠀀𠀀𠀀', 9);
    expect(lines).toEqual(['申请人刘', '𠀀𠀀𠀀𠀀']);
    expect(lines.join('')).not.toContain('\ufffd');
  });

  it('keeps a phone number or a case number whole when it fits on a line of its own', () => {
    expect(wrapColumns('咨询电话 0632-7712345', 16)).toEqual(['咨询电话', '0632-7712345']);
    expect(wrapColumns('案件编号 370404101-2026-00042', 24)).toEqual(['案件编号', '370404101-2026-00042']);
  });

  it('fills the line and goes on with a run too long for any line', () => {
    expect(wrapColumns('编号370404101-2026-00042', 12)).toEqual(['编号37040410', '1-2026-00042']);
  });

  it('breaks at newlines and gives one empty line for empty text', () => {
    expect(wrapColumns('第一段\n\n第二段', 32)).toEqual(['第一段', '', '第二段']);
    expect(wrapColumns('', 32)).toEqual(['']);
  });

  it('loses no character and keeps every line within the width (property)', () => {
    const char = fc.constantFrom('a', 'Z', '7', '-', ' ', '最', '障', '，', '①', '䶮', '𠀀', '￥');
    fc.assert(
      fc.property(fc.array(char, { maxLength: 200 }), fc.integer({ min: 2, max: 48 }), (chars, columns) => {
        const text = chars.join('');
        const lines = wrapColumns(text, columns);
        for (const line of lines) expect(textColumns(line)).toBeLessThanOrEqual(columns);
        expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
      }),
    );
  });
});

describe('layoutReceipt', () => {
  const sample = receipt(
    [
      { kind: 'kv', label: '案件编号', value: '370404101-2026-00042' },
      { kind: 'kv', label: '申请人', value: '刘䶮' },
      { kind: 'list', label: '申请事项', items: ['最低生活保障', '临时救助'] },
      { kind: 'rule' },
      { kind: 'amount', label: '救助金额', amountFen: 120000 },
    ],
    { subtitle: '阴平镇社会救助服务窗口', qr: '370404101-2026-00042', footer: ['请妥善保管本回执'] },
  );

  it('fits every line to the paper on 58 mm (32 columns) and 80 mm (48 columns), double size counting twice', () => {
    for (const paper of ['58mm', '80mm'] as const) {
      const layout = layoutReceipt(sample, paper);
      expect(layout.columns).toBe(PAPER_COLUMNS[paper]);
      for (const line of layout.lines) {
        if (line.kind !== 'text') continue;
        expect(textColumns(line.text) * (line.size === 'double' ? 2 : 1)).toBeLessThanOrEqual(layout.columns);
      }
    }
    expect(PAPER_COLUMNS).toEqual({ '58mm': 32, '80mm': 48 });
  });

  it('lays the title out centred, double size and bold, and values in a column after the labels', () => {
    const lines = textLines(sample, '58mm');
    expect(lines[0]).toEqual({ kind: 'text', text: '社会救助受理回执', align: 'center', size: 'double', bold: true });
    expect(lines.map((line) => line.text)).toEqual(
      expect.arrayContaining([
        '案件编号：370404101-2026-00042',
        '申请人：  刘䶮',
        '申请事项：·最低生活保障',
        '          ·临时救助',
        '-'.repeat(32),
        '救助金额：￥1,200.00',
        '大写：    人民币壹仟贰佰元整',
      ]),
    );
  });

  it('wraps a long value in the value column, under itself', () => {
    const value = '因火灾导致住房损毁，家庭基本生活暂时出现严重困难，申请临时救助（急难型）';
    const lines = textLines(receipt([{ kind: 'kv', label: '事由', value }]), '58mm').slice(2);
    expect(lines[0]?.text.startsWith('事由：因火灾')).toBe(true);
    for (const line of lines.slice(1)) expect(line.text.startsWith('      ')).toBe(true);
    expect(lines.map((line) => line.text.slice(line === lines[0] ? 3 : 6)).join('')).toBe(value);
    for (const line of lines) expect(textColumns(line.text)).toBeLessThanOrEqual(32);
  });

  it('gives 80 mm paper fewer, longer lines than 58 mm', () => {
    const text = '请妥善保管本回执，凭案件编号到窗口或电话查询办理进度。'.repeat(3);
    const narrow = textLines(receipt([{ kind: 'text', text }]), '58mm');
    const wide = textLines(receipt([{ kind: 'text', text }]), '80mm');
    expect(wide.length).toBeLessThan(narrow.length);
  });

  it('puts a prominent 补打 at the top of a reprint and none on the first print', () => {
    const reprint = textLines({ ...sample, reprint: true }, '58mm');
    expect(reprint[0]).toMatchObject({ text: '【补打】', align: 'center', size: 'double', bold: true });
    expect(textLines(sample, '58mm').some((line) => line.text.includes('补打'))).toBe(false);
  });

  it('places the QR after the lines and before the footer', () => {
    const kinds = layoutReceipt(sample, '80mm').lines.map((line) => (line.kind === 'qr' ? 'qr' : line.text));
    expect(kinds.slice(-2)).toEqual(['qr', '请妥善保管本回执']);
  });
});
