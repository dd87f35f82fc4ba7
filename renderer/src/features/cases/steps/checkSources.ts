import type { EconomicCheckSource } from '../../../contract';

// steps.ts builds zod schemas at load, which must stay out of the bundle, so its labels are
// mirrored here; the Record type makes the compiler insist on exactly the contract's 18 sources.
// Results already recorded carry the server's own label.
export const CHECK_SOURCE_LABELS: Record<EconomicCheckSource, string> = {
  education: '教育',
  public_security: '公安（户籍、机动车）',
  civil_affairs: '民政',
  justice: '司法',
  finance: '财政',
  human_resources: '人力资源社会保障',
  natural_resources: '自然资源（不动产）',
  housing: '住房城乡建设',
  transport: '交通运输',
  market_regulation: '市场监管（个体工商户）',
  disabled_federation: '残联',
  poverty_alleviation: '扶贫',
  housing_fund: '住房公积金',
  agriculture: '农业农村（农机）',
  central_bank: '人民银行（银行账户，须书面授权）',
  tax: '税务',
  medical_insurance: '医疗保障',
  administrative_approval: '行政审批（企业注册）',
};

/** In the policy's order (the order of the contract's ECONOMIC_CHECK_SOURCES). */
export const CHECK_SOURCES = Object.keys(CHECK_SOURCE_LABELS) as EconomicCheckSource[];
