import { describe, expect, it } from 'vitest';
import { CASE_EVENTS, CASE_STATES, transition, type CaseEvent, type CaseFacts, type CaseState } from './lifecycle';

const LOCAL: CaseFacts = { requiresReview: true, townMayDecide: true, byReferral: false };
const NO_REVIEW: CaseFacts = { ...LOCAL, requiresReview: false };
const DISTRICT: CaseFacts = { ...LOCAL, townMayDecide: false };
const REFERRAL: CaseFacts = { requiresReview: false, townMayDecide: false, byReferral: true };

// Every legal transition, written out once. Anything not listed here must be refused.
const LEGAL: [CaseState, CaseEvent, CaseFacts, CaseState][] = [
  ['materials_incomplete', 'materials_completed', LOCAL, 'accepted'],
  ['accepted', 'check_started', LOCAL, 'checking'],
  ['checking', 'check_completed', LOCAL, 'investigating'],
  ['investigating', 'investigation_completed', LOCAL, 'reviewing'],
  ['investigating', 'investigation_completed', NO_REVIEW, 'ready_for_notice'],
  ['reviewing', 'review_completed', LOCAL, 'ready_for_notice'],
  ['ready_for_notice', 'notice_started', LOCAL, 'in_notice'],
  ['in_notice', 'objection_raised', LOCAL, 'investigating'],
  ['in_notice', 'notice_ended', LOCAL, 'deciding'],
  ['deciding', 'confirmed', LOCAL, 'approved'],
  ['deciding', 'submitted_to_district', DISTRICT, 'submitted_to_district'],
  ['deciding', 'submitted_to_district', LOCAL, 'submitted_to_district'],
  ['submitted_to_district', 'district_confirmed', DISTRICT, 'approved'],
  ['submitted_to_district', 'district_refused', DISTRICT, 'refused'],
  ['accepted', 'referred', REFERRAL, 'referred'],
  ['referred', 'referral_answered', REFERRAL, 'referral_answered'],
  ['approved', 'paid', LOCAL, 'paid'],
  ...(['accepted', 'checking', 'investigating', 'reviewing', 'ready_for_notice', 'deciding'] as const).map(
    (s): [CaseState, CaseEvent, CaseFacts, CaseState] => [s, 'refused', LOCAL, 'refused'],
  ),
  ...(
    [
      'materials_incomplete',
      'accepted',
      'checking',
      'investigating',
      'reviewing',
      'ready_for_notice',
      'in_notice',
      'deciding',
      'submitted_to_district',
      'referred',
    ] as const
  ).map((s): [CaseState, CaseEvent, CaseFacts, CaseState] => [s, 'withdrawn', LOCAL, 'withdrawn']),
  ...(['paid', 'refused', 'referral_answered', 'withdrawn', 'approved'] as const).map(
    (s): [CaseState, CaseEvent, CaseFacts, CaseState] => [s, 'archived', LOCAL, 'archived'],
  ),
];

describe('case life cycle', () => {
  it.each(LEGAL)('%s + %s -> %s', (from, event, facts, expected) => {
    expect(transition(from, event, facts)).toEqual({ ok: true, to: expected });
  });

  // Every state x every event x every kind of facts: what is not in LEGAL is refused with a
  // Chinese message naming the current state.
  const factsSets = { LOCAL, NO_REVIEW, DISTRICT, REFERRAL };
  const cells = CASE_STATES.flatMap((s) =>
    CASE_EVENTS.flatMap((e) => Object.entries(factsSets).map(([name, f]) => [s, e, name, f] as const)),
  );
  it.each(cells)('%s + %s (%s)', (from, event, _name, facts) => {
    const listed = LEGAL.find(([s, e, f]) => s === from && e === event && sameFacts(f, facts, event));
    const result = transition(from, event, facts);
    if (listed) expect(result).toEqual({ ok: true, to: listed[3] });
    else expect(result.ok ? 'allowed' : result.message).toMatch(/^案件当前状态为“.+”，/);
  });

  it('a town-level decision is refused when the amount or kind exceeds town authority', () => {
    const result = transition('deciding', 'confirmed', DISTRICT);
    expect(result.ok ? 'allowed' : result.message).toContain('报区级');
  });

  it('an objection sends the case back to investigation and a new notice is needed', () => {
    let state: CaseState = 'in_notice';
    for (const event of ['objection_raised', 'investigation_completed', 'review_completed', 'notice_started'] as const) {
      const r = transition(state, event, LOCAL);
      if (!r.ok) throw new Error(r.message);
      state = r.to;
    }
    expect(state).toBe('in_notice');
    expect(transition('investigating', 'notice_ended', LOCAL).ok).toBe(false);
  });

  it('a referral kind is never investigated, a local kind is never referred', () => {
    expect(transition('accepted', 'check_started', REFERRAL).ok).toBe(false);
    expect(transition('accepted', 'referred', LOCAL).ok).toBe(false);
  });
});

function sameFacts(a: CaseFacts, b: CaseFacts, event: CaseEvent): boolean {
  // Facts matter only to these events; elsewhere any facts give the same answer.
  if (event === 'investigation_completed') return a.requiresReview === b.requiresReview;
  if (event === 'confirmed') return a.townMayDecide === b.townMayDecide;
  if (event === 'check_started' || event === 'referred') return a.byReferral === b.byReferral;
  return true;
}
