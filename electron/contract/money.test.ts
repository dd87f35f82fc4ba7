import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountInCapitals, formatYuan, MAX_AMOUNT_FEN, parseYuanToFen } from './money';

describe('amount in capitals', () => {
  it.each([
    // DOMAIN.md §9's examples
    [120000, '人民币壹仟贰佰元整'],
    [10511011, '人民币壹拾万伍仟壹佰壹拾元零壹角壹分'],
    [100530, '人民币壹仟零伍元叁角整'],
    // edge cases named by the reserve issue
    [5, '人民币伍分'],
    [1000, '人民币壹拾元整'],
    [10000000, '人民币壹拾万元整'],
    // more: zeros inside and across sections, jiao without fen, fen without jiao
    [0, '人民币零元整'],
    [50, '人民币伍角整'],
    [105, '人民币壹元零伍分'],
    [10050000, '人民币壹拾万零伍佰元整'],
    [100500000, '人民币壹佰万伍仟元整'], // 一百万五千: the zeros end a section
    [1000000500, '人民币壹仟万零伍元整'],
    [10000000000, '人民币壹亿元整'],
    [10000100000, '人民币壹亿零壹仟元整'],
    [300000, '人民币叁仟元整'],
    [5000000, '人民币伍万元整'],
    [1010, '人民币壹拾元零壹角整'], // 元位 is 0 and 角 is not: one 零, as in DOMAIN.md's 105,110.11
  ])('%i fen -> %s', (fen, words) => {
    expect(amountInCapitals(fen)).toBe(words);
  });

  it('never writes two 零 in a row, never ends a section with 零 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_AMOUNT_FEN }), (fen) => {
        const words = amountInCapitals(fen);
        expect(words).not.toMatch(/零零|零[元万亿角]|零整/);
        expect(words.startsWith('人民币')).toBe(true);
        expect(words.endsWith('整') || words.endsWith('分')).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses what is not an amount in fen', () => {
    expect(() => amountInCapitals(-1)).toThrow();
    expect(() => amountInCapitals(1.5)).toThrow();
    expect(() => amountInCapitals(MAX_AMOUNT_FEN + 1)).toThrow();
  });
});

describe('yuan text', () => {
  it.each([
    ['1200', 120000],
    ['1200.5', 120050],
    ['1,200.50', 120050],
    ['  0.05 ', 5],
    ['¥1,200.00', 120000],
    ['105110.11', 10511011],
    ['１２００．５', 120050],
  ])('%s -> %i fen', (text, fen) => {
    expect(parseYuanToFen(text)).toEqual({ ok: true, fen });
  });

  it.each(['', 'abc', '-5', '1.234', '1,20', '12,00.00', '1.', '.5', '1e3', '1 200', '1,2０'])('refuses %j', (text) => {
    const result = parseYuanToFen(text);
    expect(result.ok ? 'accepted' : result.message).toMatch(/金额/);
  });

  it('formats and parses back to the same fen (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_AMOUNT_FEN }), (fen) => {
        expect(parseYuanToFen(formatYuan(fen))).toEqual({ ok: true, fen });
      }),
      { numRuns: 2000 },
    );
  });

  it('formats with thousands separators and two decimals', () => {
    expect(formatYuan(120000)).toBe('¥1,200.00');
    expect(formatYuan(5)).toBe('¥0.05');
    expect(formatYuan(10511011)).toBe('¥105,110.11');
  });
});
