// The reserve papers' words and the statement's period reference, without zod, so the
// renderer can load them (renderer/src/contract.ts).

export const CLAIM_STATES = ['submitted', 'settled'] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];
export const CLAIM_STATE_LABELS: Record<ClaimState, string> = { submitted: '已提交待补拨', settled: '已补拨结算' };

/**
 * A statement is drawn from a period, not a row: its print route (#/print/statement/<value>)
 * and prints.documentRef carry the period as one value, 2026-11-01_2026-11-30, so each
 * period's copies are counted on their own.
 */
export const STATEMENT_PERIOD_PATTERN = /^(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})$/;

export function statementPeriodRef(from: string, to: string): string {
  return `${from}_${to}`;
}

/** The period a statement reference names, or null when it names none (the dates are checked by the service). */
export function statementPeriodOf(ref: string): { from: string; to: string } | null {
  const m = STATEMENT_PERIOD_PATTERN.exec(ref);
  return m?.[1] !== undefined && m[2] !== undefined ? { from: m[1], to: m[2] } : null;
}
