import { parseYuanToFen } from '../../../contract';

/** A typed number for an integer field; NaN when not a whole number, so the server names the field. */
export function wholeNumber(text: string): number {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
}

/** Yuan typed by people, as fen; the parse problem is reported next to the field before sending. */
export function fenOf(text: string): { fen: number | null; problem: string | null } {
  if (text.trim() === '') return { fen: null, problem: null };
  const parsed = parseYuanToFen(text);
  return parsed.ok ? { fen: parsed.fen, problem: null } : { fen: null, problem: parsed.message };
}

export const DATE_LABEL_PROPS = { inputLabel: { shrink: true } } as const;
