// Money is integer fen everywhere (DESIGN.md §3); yuan exist only in text for people.
// Pure, shared by services (vouchers) and the renderer (amount fields).

/** 9,999亿 yuan: beyond anything a town handles, and well inside exact integers. */
export const MAX_AMOUNT_FEN = 99_999_999_999_999;

export type ParsedAmount = { ok: true; fen: number } | { ok: false; message: string };

const YUAN_TEXT = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/** Yuan as people type them: 1200, 1200.5, 1,200.50 (an optional leading ¥, full-width too). Nothing else. */
export function parseYuanToFen(text: string): ParsedAmount {
  // A Chinese IME types full-width digits and punctuation: read them as what they mean.
  const halfWidth = text
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/，/g, ',')
    .replace(/[．。]/g, '.');
  const trimmed = halfWidth.trim().replace(/^[¥￥]\s*/, '');
  const match = YUAN_TEXT.exec(trimmed);
  if (!match) {
    return { ok: false, message: '金额格式不正确：请输入元为单位的数字，最多两位小数，如 1200、1200.5 或 1,200.50' };
  }
  const yuanDigits = match[1]!.replace(/,/g, '');
  const fraction = (match[2] ?? '').padEnd(2, '0');
  if (yuanDigits.length > 12) return { ok: false, message: '金额过大' };
  const fen = Number(yuanDigits) * 100 + Number(fraction);
  if (!Number.isSafeInteger(fen) || fen > MAX_AMOUNT_FEN) return { ok: false, message: '金额过大' };
  return { ok: true, fen };
}

function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen) || fen < 0 || fen > MAX_AMOUNT_FEN) throw new RangeError(`not an amount in fen: ${fen}`);
}

/** 120000 -> ¥1,200.00 */
export function formatYuan(fen: number): string {
  assertFen(fen);
  const yuan = Math.floor(fen / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `¥${yuan}.${String(fen % 100).padStart(2, '0')}`;
}

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const PLACE_UNITS = ['', '拾', '佰', '仟'] as const;
const SECTION_UNITS = ['', '万', '亿'] as const;

// Integer yuan in capitals, one 零 for any run of zeros inside a section or across the start
// of one (100500 壹拾万零伍佰), none for zeros that end a section (105110 壹拾万伍仟…).
function integerCapitals(yuan: number): string {
  const digits = String(yuan);
  let out = '';
  let zeroPending = false;
  for (let i = 0; i < digits.length; i++) {
    const pos = digits.length - 1 - i;
    const d = Number(digits[i]);
    if (d === 0) {
      if (out !== '') zeroPending = true;
    } else {
      if (zeroPending) out += '零';
      zeroPending = false;
      out += DIGITS[d]! + PLACE_UNITS[pos % 4]!;
    }
    if (pos % 4 === 0 && pos > 0) {
      const section = digits.slice(Math.max(0, i - 3), i + 1);
      if (/[1-9]/.test(section)) {
        out += SECTION_UNITS[pos / 4]!;
        zeroPending = false;
      }
    }
  }
  return out;
}

/** 120000 -> 人民币壹仟贰佰元整; 10511011 -> 人民币壹拾万伍仟壹佰壹拾元零壹角壹分 (DOMAIN.md §9). */
export function amountInCapitals(fen: number): string {
  assertFen(fen);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const fenDigit = fen % 10;
  let out = yuan > 0 ? `${integerCapitals(yuan)}元` : '';
  if (jiao === 0 && fenDigit === 0) return `人民币${out || '零元'}整`;
  if (jiao > 0) {
    if (yuan > 0 && yuan % 10 === 0) out += '零';
    out += `${DIGITS[jiao]!}角`;
  } else if (yuan > 0) {
    out += '零';
  }
  out += fenDigit > 0 ? `${DIGITS[fenDigit]!}分` : '整';
  return `人民币${out}`;
}
