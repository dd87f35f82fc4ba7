// The economic check's words (policy §三(三)2's 18 sources, outcomes) with Chinese labels. No
// zod here: the renderer imports these; the schemas stay in steps.ts.

/** The 18 data sources the district check centre queries (policy §三(三)2), in the policy's order. */
export const ECONOMIC_CHECK_SOURCES = [
  'education',
  'public_security',
  'civil_affairs',
  'justice',
  'finance',
  'human_resources',
  'natural_resources',
  'housing',
  'transport',
  'market_regulation',
  'disabled_federation',
  'poverty_alleviation',
  'housing_fund',
  'agriculture',
  'central_bank',
  'tax',
  'medical_insurance',
  'administrative_approval',
] as const;
export type EconomicCheckSource = (typeof ECONOMIC_CHECK_SOURCES)[number];

export const ECONOMIC_CHECK_SOURCE_LABELS: Record<EconomicCheckSource, string> = {
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

export const CHECK_OUTCOMES = ['no_record', 'found'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];
