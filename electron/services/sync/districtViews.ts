import { CASE_STATES, LIMITS, RELIEF_TYPES, type CaseState, type ReliefType } from '../../contract';
import type { DistrictCaseRow, DistrictTown } from '../../contract/sync';
import type { Ctx } from '../context';
import { OPEN_STATES } from '../cases/lifecycle';
import { DIVISIONS } from '../divisions';
import { preparedOnce } from '../prepared';
import { addDaysIso } from '../time';
import { listPeers } from './config';

// The district console's views (issue 5 item 4): what every town's packages left in
// district_rows, read with json_extract on the (table_name, town_code) index. district_rows
// keeps the latest version of each town row, a deleted row as op 'delete': every read skips
// those. Row JSON carries drizzle property names (camelCase), as rows.ts logged them.

const TOWN_NAMES = new Map(DIVISIONS.towns.map((t) => [t.code, t.name]));

/** The town's name from the shipped divisions; an enrolled peer's own name when not listed. */
export function townName(code: string, fallback: string | null = null): string {
  return TOWN_NAMES.get(code) ?? fallback ?? code;
}

// The open states bound by name in an IN list: the same set the town's overdue queue uses.
const OPEN_PARAMS: Record<string, string> = Object.fromEntries([...OPEN_STATES].map((s, i) => [`open${i}`, s]));
const OPEN_LIST = Object.keys(OPEN_PARAMS)
  .map((n) => `@${n}`)
  .join(', ');

const CASE_STATE_ORDER = new Map<string, number>(CASE_STATES.map((s, i) => [s, i]));
const RELIEF_ORDER = new Map<string, number>(RELIEF_TYPES.map((r, i) => [r, i]));

function townStatements(ctx: Ctx) {
  return preparedOnce(ctx.db, 'districtViews.town', () => ({
    held: ctx.db.$client.prepare('SELECT sequence FROM sync_held WHERE peer_code = ? ORDER BY sequence').pluck(),
    quarantined: ctx.db.$client.prepare('SELECT count(*) FROM sync_quarantine WHERE peer_code = ?').pluck(),
    alerts: ctx.db.$client.prepare('SELECT count(*) FROM sync_alerts WHERE peer_code = ?').pluck(),
    payouts: ctx.db.$client.prepare(
      `SELECT count(*) AS count, coalesce(sum(json_extract(row_json, '$.amountFen')), 0) AS totalFen
       FROM district_rows WHERE table_name = 'payouts' AND town_code = @town AND op <> 'delete'
         AND json_extract(row_json, '$.paidDate') >= @from AND json_extract(row_json, '$.paidDate') < @to`,
    ),
    // One pass over the town's cases: the counts by kind and state, and within each group the
    // overdue ones and those submitted with no district decision yet (district_decisions'
    // unique (town_code, case_id) index answers the NOT EXISTS).
    cases: ctx.db.$client.prepare(
      `SELECT reliefType, state, count(*) AS count,
         sum(state IN (${OPEN_LIST}) AND promisedDate < @today) AS overdue,
         sum(state = 'submitted_to_district' AND NOT EXISTS (
           SELECT 1 FROM district_decisions dd WHERE dd.town_code = @town AND dd.case_id = caseId)) AS submitted
       FROM (SELECT row_id AS caseId, json_extract(row_json, '$.reliefType') AS reliefType, json_extract(row_json, '$.state') AS state,
               json_extract(row_json, '$.promisedDate') AS promisedDate
             FROM district_rows WHERE table_name = 'cases' AND town_code = @town AND op <> 'delete')
       GROUP BY reliefType, state`,
    ),
  }));
}

/** The sequences missing below the highest held one: the packages the town must still bring. */
export function missingSequences(lastSequence: number, held: readonly number[]): number[] {
  const top = held.length === 0 ? lastSequence : Math.max(...held);
  const heldSet = new Set(held);
  const missing: number[] = [];
  // Bounded: a town that jumped far ahead is shown its first gaps, not a list without end.
  for (let s = lastSequence + 1; s < top && missing.length < LIMITS.districtListRowsMax; s++) if (!heldSet.has(s)) missing.push(s);
  return missing;
}

/** The first day of the month of `today` and of the month after (YYYY-MM-DD). */
function monthOf(today: string): { from: string; to: string } {
  const from = `${today.slice(0, 7)}-01`;
  const next = addDaysIso(from, 32);
  return { from, to: `${next.slice(0, 7)}-01` };
}

export function districtTowns(ctx: Ctx): DistrictTown[] {
  const s = townStatements(ctx);
  const month = monthOf(ctx.today);
  return listPeers(ctx.db)
    .filter((p) => p.kind === 'town')
    .map((peer) => {
      const held = s.held.all(peer.code) as number[];
      const payouts = s.payouts.get({ town: peer.code, ...month }) as { count: number; totalFen: number };
      const groups = s.cases.all({ town: peer.code, today: ctx.today, ...OPEN_PARAMS }) as {
        reliefType: ReliefType;
        state: CaseState;
        count: number;
        overdue: number;
        submitted: number;
      }[];
      groups.sort(
        (a, b) =>
          (RELIEF_ORDER.get(a.reliefType) ?? 99) - (RELIEF_ORDER.get(b.reliefType) ?? 99) ||
          (CASE_STATE_ORDER.get(a.state) ?? 99) - (CASE_STATE_ORDER.get(b.state) ?? 99),
      );
      return {
        code: peer.code,
        name: townName(peer.code, peer.name),
        fingerprint: peer.fingerprint,
        folder: peer.folder,
        lastSequence: peer.lastSequence,
        lastCreatedAt: peer.lastCreatedAt,
        lastImportedAt: peer.lastImportedAt,
        missingSequences: missingSequences(peer.lastSequence, held),
        heldSequences: held,
        quarantined: s.quarantined.get(peer.code) as number,
        alerts: s.alerts.get(peer.code) as number,
        // The reserve is what the last package stated: none before the first.
        reserve:
          peer.reserveBalanceFen === null || peer.reserveHeldFen === null || peer.reserveAvailableFen === null
            ? null
            : { balanceFen: peer.reserveBalanceFen, heldFen: peer.reserveHeldFen, availableFen: peer.reserveAvailableFen },
        payoutsThisMonth: { count: payouts.count, totalFen: payouts.totalFen },
        casesByKindState: groups.map((g) => ({ reliefType: g.reliefType, state: g.state, count: g.count })),
        overdue: groups.reduce((n, g) => n + g.overdue, 0),
        submitted: groups.reduce((n, g) => n + g.submitted, 0),
      };
    });
}

export interface DistrictCasesFilter {
  townCode: string | null;
  reliefType: ReliefType | null;
  state: CaseState | null;
  overdueOnly: boolean;
  limit: number;
}

interface CasePick {
  townCode: string;
  caseId: string;
  caseNo: string;
  applicantPersonId: string;
  reliefType: ReliefType;
  state: CaseState;
  createdAt: string;
  promisedDate: string | null;
  overdue: number;
}

function casesSql(filter: DistrictCasesFilter): { where: string; key: string } {
  const terms = [`table_name = 'cases'`, `op <> 'delete'`];
  if (filter.townCode !== null) terms.push('town_code = @town');
  if (filter.reliefType !== null) terms.push(`json_extract(row_json, '$.reliefType') = @kind`);
  if (filter.state !== null) terms.push(`json_extract(row_json, '$.state') = @state`);
  if (filter.overdueOnly) terms.push(`json_extract(row_json, '$.state') IN (${OPEN_LIST}) AND json_extract(row_json, '$.promisedDate') < @today`);
  // Four switches: at most 16 statements, each prepared once.
  const key = `districtViews.cases.${Number(filter.townCode !== null)}${Number(filter.reliefType !== null)}${Number(filter.state !== null)}${Number(filter.overdueOnly)}`;
  return { where: terms.join(' AND '), key };
}

export function districtCases(ctx: Ctx, filter: DistrictCasesFilter): { rows: DistrictCaseRow[]; total: number } {
  const { where, key } = casesSql(filter);
  const s = preparedOnce(ctx.db, key, () => ({
    count: ctx.db.$client.prepare(`SELECT count(*) FROM district_rows WHERE ${where}`).pluck(),
    pick: ctx.db.$client.prepare(
      `SELECT town_code AS townCode, row_id AS caseId, json_extract(row_json, '$.caseNo') AS caseNo,
         json_extract(row_json, '$.applicantPersonId') AS applicantPersonId, json_extract(row_json, '$.reliefType') AS reliefType,
         json_extract(row_json, '$.state') AS state, json_extract(row_json, '$.createdAt') AS createdAt,
         json_extract(row_json, '$.promisedDate') AS promisedDate,
         (json_extract(row_json, '$.state') IN (${OPEN_LIST}) AND json_extract(row_json, '$.promisedDate') < @today) AS overdue
       FROM district_rows WHERE ${where}
       ORDER BY json_extract(row_json, '$.createdAt') DESC, json_extract(row_json, '$.caseNo') DESC LIMIT @limit`,
    ),
  }));
  const params = {
    ...OPEN_PARAMS,
    today: ctx.today,
    limit: Math.min(filter.limit, LIMITS.districtListRowsMax),
    ...(filter.townCode !== null ? { town: filter.townCode } : {}),
    ...(filter.reliefType !== null ? { kind: filter.reliefType } : {}),
    ...(filter.state !== null ? { state: filter.state } : {}),
  };
  // better-sqlite3 ignores named values a statement does not use: one set fits all 16.
  const total = s.count.get(params) as number;
  const picks = s.pick.all(params) as CasePick[];
  const amounts = latestDecisionAmounts(ctx, picks);
  const lookups = caseLookups(ctx);
  return {
    total,
    rows: picks.map((c) => ({
      townCode: c.townCode,
      townName: townName(c.townCode),
      caseId: c.caseId,
      caseNo: c.caseNo,
      applicantName: (lookups.personName.get(c.townCode, c.applicantPersonId) as string | undefined) ?? '',
      reliefType: c.reliefType,
      state: c.state,
      acceptedAt: c.createdAt,
      promisedBy: c.promisedDate,
      overdue: c.overdue === 1,
      amountFen: amounts.get(`${c.townCode}/${c.caseId}`) ?? null,
      districtDecision: (lookups.districtDecision.get(c.townCode, c.caseId) as 'approved' | 'refused' | undefined) ?? null,
    })),
  };
}

function caseLookups(ctx: Ctx) {
  return preparedOnce(ctx.db, 'districtViews.caseLookups', () => ({
    // Primary-key lookups on district_rows (town_code, table_name, row_id).
    personName: ctx.db.$client
      .prepare(`SELECT json_extract(row_json, '$.name') FROM district_rows WHERE town_code = ? AND table_name = 'persons' AND row_id = ? AND op <> 'delete'`)
      .pluck(),
    districtDecision: ctx.db.$client.prepare('SELECT outcome FROM district_decisions WHERE town_code = ? AND case_id = ?').pluck(),
    // The decisions of the page's cases in one pass over each town's decisions (a per-case
    // lookup by caseId would need an index on the JSON; see the report on district_rows indexes).
    decisions: ctx.db.$client.prepare(
      `SELECT json_extract(row_json, '$.caseId') AS caseId, json_extract(row_json, '$.amountFen') AS amountFen
       FROM district_rows WHERE table_name = 'decisions' AND town_code = @town AND op <> 'delete'
         AND json_extract(row_json, '$.caseId') IN (SELECT value FROM json_each(@caseIds))
       ORDER BY json_extract(row_json, '$.decidedAt'), row_id`,
    ),
  }));
}

/** The amount of each case's latest decision (town/caseId -> fen or null), when it has one. */
function latestDecisionAmounts(ctx: Ctx, picks: readonly CasePick[]): Map<string, number | null> {
  const byTown = new Map<string, string[]>();
  for (const c of picks) byTown.set(c.townCode, [...(byTown.get(c.townCode) ?? []), c.caseId]);
  const amounts = new Map<string, number | null>();
  const { decisions } = caseLookups(ctx);
  for (const [town, caseIds] of byTown) {
    // Oldest first: the last one written for a case is its latest decision.
    for (const d of decisions.all({ town, caseIds: JSON.stringify(caseIds) }) as { caseId: string; amountFen: number | null }[]) {
      amounts.set(`${town}/${d.caseId}`, d.amountFen);
    }
  }
  return amounts;
}

export interface DistrictClaim {
  claimNo: string;
  periodStart: string;
  periodEnd: string;
  totalFen: number;
  state: string;
  payoutCount: number;
}

export function districtClaims(ctx: Ctx, townCode: string): DistrictClaim[] {
  return preparedOnce(ctx.db, 'districtViews.claims', () =>
    ctx.db.$client.prepare(
      `SELECT json_extract(row_json, '$.claimNo') AS claimNo, json_extract(row_json, '$.periodStart') AS periodStart,
         json_extract(row_json, '$.periodEnd') AS periodEnd, json_extract(row_json, '$.totalFen') AS totalFen,
         json_extract(row_json, '$.state') AS state, json_extract(row_json, '$.payoutCount') AS payoutCount
       FROM district_rows WHERE table_name = 'reimbursement_claims' AND town_code = ? AND op <> 'delete'
       ORDER BY json_extract(row_json, '$.submittedAt') DESC, json_extract(row_json, '$.claimNo') DESC LIMIT ?`,
    ),
  ).all(townCode, LIMITS.districtListRowsMax) as DistrictClaim[];
}
