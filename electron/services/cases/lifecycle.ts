// The case life cycle (DOMAIN.md §4) as a pure state machine: no database, no clock. The
// services record each transition (who, when, why) as a case event; this file only says which
// transitions exist. Payment itself belongs to the reserve (temporary relief) work.
import { CASE_STATE_LABELS, type CaseEvent, type CaseState } from '../../contract';

export { CASE_EVENTS, CASE_STATES, type CaseEvent, type CaseState } from '../../contract';

/** Facts about the case's kind that decide between branches, fixed when it is accepted. */
export interface CaseFacts {
  /** The kind needs a village democratic review before notice (e.g. 低保). */
  requiresReview: boolean;
  /** The town may decide this case (else it goes to the district). */
  townMayDecide: boolean;
  /** The kind is decided by another department: the case is referred, not investigated. */
  byReferral: boolean;
}

export type Transition = { ok: true; to: CaseState } | { ok: false; message: string };

/** States in which the town still owes the applicant an answer: a case here may be withdrawn. */
export const OPEN_STATES: ReadonlySet<CaseState> = new Set<CaseState>([
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
]);
// Refusal is possible wherever the town still holds the case; in notice an objection comes
// first, and a submitted case waits for the district.
const REFUSABLE: ReadonlySet<CaseState> = new Set(['accepted', 'checking', 'investigating', 'reviewing', 'ready_for_notice', 'deciding']);
const ARCHIVABLE: ReadonlySet<CaseState> = new Set(['paid', 'refused', 'referral_answered', 'withdrawn', 'approved']);

function to(state: CaseState): Transition {
  return { ok: true, to: state };
}

export function transition(from: CaseState, event: CaseEvent, facts: CaseFacts): Transition {
  const refuse = (why: string): Transition => ({
    ok: false,
    message: `案件当前状态为“${CASE_STATE_LABELS[from]}”，${why}`,
  });
  switch (event) {
    case 'materials_completed':
      return from === 'materials_incomplete' ? to('accepted') : refuse('没有待补齐的材料');
    case 'check_started':
      if (facts.byReferral) return refuse('该事项由部门办理，应转办而不是核对');
      return from === 'accepted' ? to('checking') : refuse('不能发起经济状况核对');
    case 'check_completed':
      return from === 'checking' ? to('investigating') : refuse('没有进行中的核对');
    case 'investigation_completed':
      if (from !== 'investigating') return refuse('不在入户调查阶段');
      return to(facts.requiresReview ? 'reviewing' : 'ready_for_notice');
    case 'review_completed':
      return from === 'reviewing' ? to('ready_for_notice') : refuse('不在民主评议阶段');
    case 'notice_started':
      return from === 'ready_for_notice' ? to('in_notice') : refuse('不能开始公示');
    case 'objection_raised':
      return from === 'in_notice' ? to('investigating') : refuse('不在公示期内，不能登记异议');
    case 'notice_ended':
      return from === 'in_notice' ? to('deciding') : refuse('不在公示期内');
    case 'confirmed':
      if (from !== 'deciding') return refuse('不能审核确认');
      return facts.townMayDecide ? to('approved') : refuse('超出镇街审批权限，应报区级审批');
    case 'submitted_to_district':
      return from === 'deciding' ? to('submitted_to_district') : refuse('不能报区级审批');
    case 'district_confirmed':
      return from === 'submitted_to_district' ? to('approved') : refuse('未报区级审批');
    case 'district_refused':
      return from === 'submitted_to_district' ? to('refused') : refuse('未报区级审批');
    case 'refused':
      return REFUSABLE.has(from) ? to('refused') : refuse('不能作出不予救助决定');
    case 'referred':
      if (!facts.byReferral) return refuse('该事项由本镇街办理，不能转办');
      return from === 'accepted' ? to('referred') : refuse('不能转办');
    case 'referral_answered':
      return from === 'referred' ? to('referral_answered') : refuse('没有待答复的转办');
    case 'paid':
      return from === 'approved' ? to('paid') : refuse('尚未批准，不能发放');
    case 'withdrawn':
      return OPEN_STATES.has(from) ? to('withdrawn') : refuse('案件已办结，不能撤回');
    case 'archived':
      return ARCHIVABLE.has(from) ? to('archived') : refuse('案件未办结，不能归档');
  }
}
