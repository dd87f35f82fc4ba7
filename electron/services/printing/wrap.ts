// Wrapping to a column width. Works on code points, so a character (a surrogate pair such as
// 𠀀 included) is never split; receipt text has no combining marks (columns.ts refuses them),
// so a code point is a whole character on paper.
import { assert } from '../errors';
import { charColumns, textColumns } from './columns';

// One token: a run of ASCII that is not space (a number, a case number, a word), a run of
// spaces, or a single other character (Chinese breaks between any two characters).
const TOKENS = /[\x21-\x7e]+| +|[^\x20-\x7e]/gu;

/**
 * Lines of at most `columns` columns. Keeps an ASCII run whole when it fits on a line of its
 * own (so 0632-7712345 or a case number is not cut in two), drops spaces at line ends and
 * starts, and breaks at each '\n'. Empty text gives one empty line.
 */
export function wrapColumns(text: string, columns: number): string[] {
  assert(Number.isInteger(columns) && columns >= 2, `wrap width must hold a double-width character: ${columns}`);
  return text.split('\n').flatMap((paragraph) => wrapParagraph(paragraph, columns));
}

function wrapParagraph(paragraph: string, columns: number): string[] {
  const lines: string[] = [];
  let line = '';
  let used = 0;
  const push = (): void => {
    lines.push(line.trimEnd());
    line = '';
    used = 0;
  };
  for (const token of paragraph.match(TOKENS) ?? []) {
    const width = textColumns(token);
    if (token.startsWith(' ')) {
      if (used === 0) continue;
      if (used + width <= columns) {
        line += token;
        used += width;
      } else push();
      continue;
    }
    if (used + width <= columns) {
      line += token;
      used += width;
      continue;
    }
    if (width <= columns && /^[\x21-\x7e]/.test(token)) {
      push();
      line = token;
      used = width;
      continue;
    }
    for (const char of token) {
      const charWidth = charColumns(char);
      if (used + charWidth > columns) push();
      line += char;
      used += charWidth;
    }
  }
  if (line !== '' || lines.length === 0) push();
  return lines;
}
