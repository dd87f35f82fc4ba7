import { eq, sql } from 'drizzle-orm';
import { caseSequences } from '../../../db/schema';
import type { Ctx } from '../context';
import { assert } from '../errors';
import { preparedOnce } from '../prepared';
import { insertRow, updateRow } from '../rows';

// Case numbers people read: town code, year, sequence (370404101-2026-00042), unique across
// the district because the town code is, and never reused because the sequence only rises.
// Drawn inside the intake's BEGIN IMMEDIATE transaction: a second counter waits for the
// first to commit, so two cases can never share a number.

export const CASE_SEQ_MAX = 99_999;

export function formatCaseNo(townCode: string, year: number, seq: number): string {
  return `${townCode}-${year}-${String(seq).padStart(5, '0')}`;
}

export function nextCaseNo(ctx: Ctx, townCode: string, year: number): string {
  assert(ctx.db.$client.inTransaction, 'case numbers are drawn inside the intake transaction');
  const id = `${townCode}-${year}`;
  const row = preparedOnce(ctx.db, 'caseNumbers.sequence', () =>
    ctx.db
      .select()
      .from(caseSequences)
      .where(eq(caseSequences.id, sql.placeholder('id')))
      .prepare(),
  ).get({ id });
  const seq = (row?.lastSeq ?? 0) + 1;
  assert(seq <= CASE_SEQ_MAX, `case sequence for ${id} exhausted`);
  if (row) updateRow(ctx, caseSequences, id, { lastSeq: seq });
  else insertRow(ctx, caseSequences, { id, townCode, year, lastSeq: seq });
  return formatCaseNo(townCode, year, seq);
}
