// The case life cycle's vocabulary (DOMAIN.md §4). Which transitions exist is decided in
// electron/services/cases/lifecycle.ts; these names and labels are shared with the renderer.

export const CASE_STATES = [
  'materials_incomplete',
  'accepted',
  'checking',
  'investigating',
  'reviewing',
  'ready_for_notice',
  'in_notice',
  'deciding',
  'submitted_to_district',
  'approved',
  'paid',
  'refused',
  'referred',
  'referral_answered',
  'withdrawn',
  'archived',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_STATE_LABELS: Record<CaseState, string> = {
  materials_incomplete: '材料不全待补齐',
  accepted: '已受理',
  checking: '经济状况核对中',
  investigating: '入户调查中',
  reviewing: '民主评议中',
  ready_for_notice: '待公示',
  in_notice: '公示中',
  deciding: '待审核确认',
  submitted_to_district: '已报区级审批',
  approved: '已批准',
  paid: '已发放',
  refused: '不予救助',
  referred: '已转办',
  referral_answered: '转办已答复',
  withdrawn: '已撤回',
  archived: '已归档',
};

export const CASE_EVENTS = [
  'materials_completed',
  'check_started',
  'check_completed',
  'investigation_completed',
  'review_completed',
  'notice_started',
  'objection_raised',
  'notice_ended',
  'confirmed',
  'submitted_to_district',
  'district_confirmed',
  'district_refused',
  'refused',
  'referred',
  'referral_answered',
  'paid',
  'withdrawn',
  'archived',
] as const;
export type CaseEvent = (typeof CASE_EVENTS)[number];

