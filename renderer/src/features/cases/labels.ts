import type { CaseEvent, CaseState } from '../../contract';
import { formatPlainDate } from '../../format';

// What the timeline says for each recorded event ('intake' is the birth of a case).
// The last four leave the state as it is: 先行救助 before the decision, its paperwork, and a recovery.
export const CASE_EVENT_LABELS: Record<CaseEvent | 'intake' | 'emergency_approved' | 'emergency_paid' | 'paperwork_completed' | 'recovered', string> = {
  intake: '受理',
  materials_completed: '材料补齐',
  check_started: '发起经济状况核对',
  check_completed: '核对完成',
  investigation_completed: '入户调查完成',
  review_completed: '民主评议完成',
  notice_started: '开始公示',
  objection_raised: '公示期收到异议',
  notice_ended: '公示期满',
  confirmed: '审核确认',
  submitted_to_district: '报区级审批',
  district_confirmed: '区级批准',
  district_refused: '区级不予批准',
  refused: '不予救助',
  referred: '转办',
  referral_answered: '转办答复',
  paid: '发放',
  emergency_approved: '批准先行救助',
  emergency_paid: '先行救助发放',
  paperwork_completed: '先行救助手续补齐',
  recovered: '追回救助金',
  withdrawn: '撤回申请',
  archived: '归档',
};

export function caseEventLabel(event: string): string {
  return (CASE_EVENT_LABELS as Record<string, string>)[event] ?? event;
}

export const CHANNEL_LABELS = { window: '窗口受理', assistant: '协理员代办' } as const;

export const SIGNATURE_LABELS = { commitment: '告知承诺书', authorisation: '家庭经济状况核对授权书' } as const;

/** The time limit runs from the day the materials are complete, so until then there is no promise. */
export function promisedText(state: CaseState, promisedDate: string): string {
  return state === 'materials_incomplete' ? '补齐材料后起算' : formatPlainDate(promisedDate);
}
