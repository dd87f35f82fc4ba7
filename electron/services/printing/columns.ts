// How wide text is on a thermal printer in Chinese mode, and which characters it can print.
//
// A column is one half-width cell: 32 on 58 mm paper, 48 on 80 mm. In Chinese mode (FS &) an
// ESC/POS printer prints a single byte (ASCII) in the 12×24 font and every multi-byte GB18030
// code in the 24×24 Chinese font, so the width on paper follows the encoding, not the font a
// screen would pick. For the characters we accept that is Unicode East Asian Width with
// ambiguous characters wide (UAX #11 for an East Asian context): Han, full-width forms and the
// GBK symbols (· — × ① ā α) all take two columns, printable ASCII one.
import iconv from 'iconv-lite';

const PRINTABLE_ASCII = /^[\x20-\x7e]$/;
const HAN = /^\p{Script=Han}$/u;
// Controls, format characters (zero-width joiners, bidi marks), lone surrogates, private use
// (no printer font has those glyphs) and combining marks (would change the width of the
// character before them and could be split from it by wrapping).
const NEVER_PRINTABLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{M}]$/u;

/** Columns one character (a code point) takes on paper. */
export function charColumns(char: string): 1 | 2 {
  return PRINTABLE_ASCII.test(char) ? 1 : 2;
}

export function textColumns(text: string): number {
  let columns = 0;
  for (const char of text) columns += charColumns(char);
  return columns;
}

/**
 * What we send for what people wrote. formatYuan writes ¥ (U+00A5), which GBK lacks: GB18030
 * gives it a four-byte code outside the set printers must carry, so it would print as '?'.
 * The full-width ￥ (GBK A3A4) is in every Chinese printer font.
 */
export function printableText(text: string): string {
  return text.replace(/\u00a5/g, '\uffe5');
}

/**
 * The first character a Chinese-mode printer cannot print, or null. Accepted: printable ASCII,
 * anything GB18030 encodes in two bytes (GBK: Hanzi, punctuation, full-width forms, symbols),
 * and Han ideographs with four-byte codes (rare characters in names, such as 𠀀 or 㐀).
 * Refused: emoji, Hangul, other scripts' four-byte codes, controls, marks, private use.
 */
export function unprintableCharacter(text: string): string | null {
  for (const char of text) {
    if (PRINTABLE_ASCII.test(char)) continue;
    if (NEVER_PRINTABLE.test(char)) return char;
    if (HAN.test(char)) continue;
    if (iconv.encode(char, 'gb18030').length !== 2) return char;
  }
  return null;
}

/** U+1F600 style, for messages about a character that may not display. */
export function codePointLabel(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}
