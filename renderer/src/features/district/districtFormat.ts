import {
  CASE_STATES,
  CLAIM_STATE_LABELS,
  CLAIM_STATES,
  RELIEF_TYPES,
  type CaseState,
  type ClaimState,
  type DistrictCaseRow,
  type DistrictTown,
  type ReliefType,
  type SyncAlertRow,
} from '../../contract';

// Pure helpers of the 区级总览 page, kept apart from React so they are tested on their own
// (districtFormat.test.ts).

/** Ascending sequence numbers as runs, so a long gap reads at a glance: [3,4,5,8] -> "3–5、8". */
export function sequenceRuns(sequences: readonly number[]): string {
  const sorted = [...new Set(sequences)].sort((a, b) => a - b);
  const runs: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j += 1;
    runs.push(j === i ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return runs.join('、');
}

/** Why a town's row is highlighted (empty: nothing to look into). */
export function townProblems(town: Pick<DistrictTown, 'missingSequences' | 'quarantined' | 'alerts'>): string[] {
  const problems: string[] = [];
  if (town.missingSequences.length > 0) problems.push(`缺少第 ${sequenceRuns(town.missingSequences)} 号数据包`);
  if (town.quarantined > 0) problems.push(`${town.quarantined} 个数据包已隔离`);
  if (town.alerts > 0) problems.push(`${town.alerts} 条预警`);
  return problems;
}

/**
 * The cases waiting for the district's decision: submitted by the town and not yet decided
 * here (a decision already recorded waits only for the next answer package, not for the admin).
 */
export function awaitingDecision(rows: readonly DistrictCaseRow[]): DistrictCaseRow[] {
  return rows.filter((r) => r.state === 'submitted_to_district' && r.districtDecision === null);
}

/** Alerts newest first (by time, then by id: two raised in one import keep their order reversed). */
export function newestFirst(alerts: readonly SyncAlertRow[]): SyncAlertRow[] {
  return [...alerts].sort((a, b) => (a.at === b.at ? b.id - a.id : a.at < b.at ? 1 : -1));
}

/** An amount in fen as the yuan text a person would type (prefilling an amount field): 120050 -> "1200.50". */
export function yuanInput(fen: number): string {
  return (fen / 100).toFixed(2);
}

/** A town claim's state in words; the district view carries it as the town wrote it, so an unknown one shows as is. */
export function claimStateLabel(state: string): string {
  return (CLAIM_STATES as readonly string[]).includes(state) ? CLAIM_STATE_LABELS[state as ClaimState] : state;
}

export interface KindTally {
  reliefType: ReliefType;
  total: number;
  states: { state: CaseState; count: number }[];
}

/**
 * A town's case counts by kind and state (district.towns casesByKindState) grouped by kind, in
 * the catalogue's order of kinds and the life cycle's order of states; kinds without a case left out.
 */
export function casesByKind(groups: DistrictTown['casesByKindState']): KindTally[] {
  const tallies: KindTally[] = [];
  for (const reliefType of RELIEF_TYPES) {
    const states = CASE_STATES.flatMap((state) => {
      const count = groups.filter((g) => g.reliefType === reliefType && g.state === state).reduce((n, g) => n + g.count, 0);
      return count > 0 ? [{ state, count }] : [];
    });
    if (states.length > 0) tallies.push({ reliefType, total: states.reduce((n, s) => n + s.count, 0), states });
  }
  return tallies;
}
