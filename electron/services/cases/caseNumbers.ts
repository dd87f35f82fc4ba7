import { eq, sql } from 'drizzle-orm';
import { caseSequences } from '../../../db/schema';
import type { Ctx } from '../context';
import { assert } from '../errors';
import { preparedOnce } from '../prepared';
import { insertRow, updateRow } from '../rows';

// Numbers people read, drawn from per-town, per-year sequences that only rise: case numbers
// (370404101-2026-00042) and payout voucher numbers (370404101-2026-F00007). Unique across the
// district because the town code is, never reused because a sequence never goes down. Drawn
// inside the caller's BEGIN IMMEDIATE transaction: a second counter waits for the first to
// commit, so two papers can never share a number. Each series is one row of case_sequences,
// keyed by its series id.

export const CASE_SEQ_MAX = 99_999;

export function formatCaseNo(townCode: string, year: number, seq: number): string {
  return `${townCode}-${year}-${String(seq).padStart(5, '0')}`;
}

/** 救助金发放凭证 numbers: F marks the series, so a voucher is never read as a case number. */
export function formatVoucherNo(townCode: string, year: number, seq: number): string {
  return `${townCode}-${year}-F${String(seq).padStart(5, '0')}`;
}

/** The next number of a series (1, 2, …), bumped in the caller's transaction. */
function nextInSeries(ctx: Ctx, id: string, townCode: string, year: number): number {
  assert(ctx.db.$client.inTransaction, `sequence ${id} is drawn inside the caller's transaction`);
  const row = preparedOnce(ctx.db, 'caseNumbers.sequence', () =>
    ctx.db
      .select()
      .from(caseSequences)
      .where(eq(caseSequences.id, sql.placeholder('id')))
      .prepare(),
  ).get({ id });
  const seq = (row?.lastSeq ?? 0) + 1;
  assert(seq <= CASE_SEQ_MAX, `sequence ${id} exhausted`);
  if (row) updateRow(ctx, caseSequences, id, { lastSeq: seq });
  else insertRow(ctx, caseSequences, { id, townCode, year, lastSeq: seq });
  return seq;
}

export function nextCaseNo(ctx: Ctx, townCode: string, year: number): string {
  // The case series keeps its original id (`${townCode}-${year}`): existing files go on counting.
  return formatCaseNo(townCode, year, nextInSeries(ctx, `${townCode}-${year}`, townCode, year));
}

export function nextVoucherNo(ctx: Ctx, townCode: string, year: number): string {
  return formatVoucherNo(townCode, year, nextInSeries(ctx, `voucher:${townCode}-${year}`, townCode, year));
}

/** 报账单 numbers: BZ marks the series; a town files one a month or a quarter, so three digits. */
export const CLAIM_SEQ_MAX = 999;

export function formatClaimNo(townCode: string, year: number, seq: number): string {
  return `${townCode}-${year}-BZ${String(seq).padStart(3, '0')}`;
}

export function nextClaimNo(ctx: Ctx, townCode: string, year: number): string {
  const seq = nextInSeries(ctx, `claim:${townCode}-${year}`, townCode, year);
  assert(seq <= CLAIM_SEQ_MAX, `claim sequence ${townCode}-${year} exhausted`);
  return formatClaimNo(townCode, year, seq);
}
