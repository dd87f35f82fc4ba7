// The kinds of assistance (DOMAIN.md §3) and the catalogue's words, with Chinese labels. No zod
// here: the renderer imports these, and the schemas stay in catalogue.ts.

export const RELIEF_TYPES = ['dibao', 'tekun', 'linshi', 'yiliao', 'jiaoyu', 'zhufang', 'jiuye', 'falv', 'kangfu', 'shouzai', 'cishan'] as const;
export type ReliefType = (typeof RELIEF_TYPES)[number];
export const RELIEF_TYPE_LABELS: Record<ReliefType, string> = {
  dibao: '最低生活保障',
  tekun: '特困人员救助供养',
  linshi: '临时救助',
  yiliao: '医疗救助',
  jiaoyu: '教育救助',
  zhufang: '住房救助',
  jiuye: '就业救助',
  falv: '法律援助',
  kangfu: '康复救助',
  shouzai: '受灾人员救助',
  cishan: '慈善及社会力量救助',
};

/**
 * What a decision's amount means, per kind (DOMAIN.md §3, §5): 低保 and 特困 pay a monthly
 * amount for a period of months; 临时救助 is a one-off grant (the town limit is per grant); the
 * referral kinds are decided and paid by a department, so the town records no amount. The one
 * place this is said: the decision's rules, its dialog and the approval form's sums follow it.
 */
export const AMOUNT_BASES = ['monthly', 'one_off', 'none'] as const;
export type AmountBasis = (typeof AMOUNT_BASES)[number];
export const RELIEF_AMOUNT_BASIS: Record<ReliefType, AmountBasis> = {
  dibao: 'monthly',
  tekun: 'monthly',
  linshi: 'one_off',
  yiliao: 'none',
  jiaoyu: 'none',
  zhufang: 'none',
  jiuye: 'none',
  falv: 'none',
  kangfu: 'none',
  shouzai: 'none',
  cishan: 'none',
};

export const DECIDING_BODIES = ['town', 'district', 'department'] as const;
export type DecidingBody = (typeof DECIDING_BODIES)[number];
export const DECIDING_BODY_LABELS: Record<DecidingBody, string> = {
  town: '镇街审核确认',
  district: '区民政局审批',
  department: '转办相关部门',
};

export const MATERIAL_STATUSES = ['received', 'verified', 'commitment', 'missing'] as const;
export type MaterialStatus = (typeof MATERIAL_STATUSES)[number];
export const MATERIAL_STATUS_LABELS: Record<MaterialStatus, string> = {
  received: '已收取',
  verified: '已核验原件',
  commitment: '告知承诺替代',
  missing: '缺少',
};
