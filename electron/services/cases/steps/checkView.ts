import { and, asc, desc, eq } from 'drizzle-orm';
import { cases, economicCheckResults, economicChecks, users } from '../../../../db/schema';
import {
  CHECK_OUTCOMES,
  checkFiguresSchema,
  ECONOMIC_CHECK_SOURCE_LABELS,
  ECONOMIC_CHECK_SOURCES,
  type CheckFigures,
  type EconomicCheckSource,
  type EconomicCheckView,
} from '../../../contract';
import type { Db } from '../../../../db/open';
import type { Ctx } from '../../context';
import { DomainError, assert } from '../../errors';
import { requireCase } from '../records';

// Reading economic checks back: stored vocabularies and figures are checked here, once, as
// any stored text is (DESIGN.md §8).

export type CheckRecord = typeof economicChecks.$inferSelect;

export function parseSource(value: string): EconomicCheckSource {
  const source = ECONOMIC_CHECK_SOURCES.find((s) => s === value);
  assert(source, `unknown check source ${value} stored`);
  return source;
}

function parseFigures(json: string): CheckFigures {
  const parsed = checkFiguresSchema.safeParse(JSON.parse(json));
  assert(parsed.success, 'stored check figures do not match the contract');
  return parsed.data;
}

export function requireCheck(ctx: Ctx, id: string): CheckRecord {
  const row = ctx.db.select().from(economicChecks).where(eq(economicChecks.id, id)).get();
  if (!row) throw new DomainError('NOT_FOUND', '核对记录不存在');
  return row;
}

/** Completed and still valid on `today`: the report a new case of the household may reuse. */
export function isValidOn(row: CheckRecord, today: string): boolean {
  return row.status === 'completed' && row.validUntil !== null && row.validUntil >= today;
}

/** The household's latest check (by request), whatever its status. */
export function latestCheck(db: Db, householdId: string): CheckRecord | undefined {
  return db
    .select()
    .from(economicChecks)
    .where(eq(economicChecks.householdId, householdId))
    .orderBy(desc(economicChecks.requestedDate), desc(economicChecks.createdAt), desc(economicChecks.id))
    .limit(1)
    .get();
}

/** The household's check still waiting for the centre's report, if any (one at a time). */
export function pendingCheck(db: Db, householdId: string): CheckRecord | undefined {
  return db
    .select()
    .from(economicChecks)
    .where(and(eq(economicChecks.householdId, householdId), eq(economicChecks.status, 'requested')))
    .get();
}

export function checkView(ctx: Ctx, row: CheckRecord): EconomicCheckView {
  const requestingCase = ctx.db.select({ caseNo: cases.caseNo }).from(cases).where(eq(cases.id, row.caseId)).get();
  assert(requestingCase, `check ${row.id} names a missing case`);
  const requestedBy = ctx.db.select({ displayName: users.displayName }).from(users).where(eq(users.id, row.requestedBy)).get();
  assert(requestedBy, `check ${row.id} names a missing user`);
  const results = ctx.db
    .select({
      source: economicCheckResults.source,
      outcome: economicCheckResults.outcome,
      figuresJson: economicCheckResults.figuresJson,
      note: economicCheckResults.note,
      recordedBy: users.displayName,
      recordedAt: economicCheckResults.recordedAt,
    })
    .from(economicCheckResults)
    .innerJoin(users, eq(users.id, economicCheckResults.recordedBy))
    .where(eq(economicCheckResults.checkId, row.id))
    .orderBy(asc(economicCheckResults.source))
    // one row per source (a unique index), so never more than the sources
    .limit(ECONOMIC_CHECK_SOURCES.length)
    .all()
    .map((r) => {
      const source = parseSource(r.source);
      const outcome = CHECK_OUTCOMES.find((o) => o === r.outcome);
      assert(outcome, `unknown check outcome ${r.outcome} stored`);
      return {
        source,
        label: ECONOMIC_CHECK_SOURCE_LABELS[source],
        outcome,
        figures: parseFigures(r.figuresJson),
        note: r.note,
        recordedBy: r.recordedBy,
        recordedAt: r.recordedAt,
      };
    })
    // the policy's order, as on the centre's report
    .sort((a, b) => ECONOMIC_CHECK_SOURCES.indexOf(a.source) - ECONOMIC_CHECK_SOURCES.indexOf(b.source));
  const have = new Set(results.map((r) => r.source));
  return {
    id: row.id,
    householdId: row.householdId,
    caseId: row.caseId,
    caseNo: requestingCase.caseNo,
    status: row.status,
    requestedDate: row.requestedDate,
    requestedBy: requestedBy.displayName,
    reportNo: row.reportNo,
    completedDate: row.completedDate,
    validUntil: row.validUntil,
    validToday: isValidOn(row, ctx.today),
    results,
    missingSources: ECONOMIC_CHECK_SOURCES.filter((s) => !have.has(s)),
  };
}

/** checks.get: the latest check of the case's household, or null when it never had one. */
export function getCheckForCase(ctx: Ctx, caseId: string): EconomicCheckView | null {
  const row = requireCase(ctx, caseId);
  const latest = latestCheck(ctx.db, row.householdId);
  return latest ? checkView(ctx, latest) : null;
}
