// The steps after intake that the town records itself: the economic-status check (核对), the
// home investigation (入户调查) and the village democratic review (民主评议). DOMAIN.md §2, §4.
import { z } from 'zod';
import { LIMITS } from './limits';
import { MAX_AMOUNT_FEN } from './money';

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

const fen = z.number().int().min(0).max(MAX_AMOUNT_FEN);
const count = z.number().int().min(0).max(LIMITS.checkFigureCountMax);

/** What a source reported, as far as it is a number: the check reports data, it does not decide. */
export const checkFiguresSchema = z
  .object({
    incomeFen: fen.optional(),
    realEstateCount: count.optional(),
    vehicleCount: count.optional(),
    depositsFen: fen.optional(),
    businessCount: count.optional(),
  })
  .strict();
export type CheckFigures = z.infer<typeof checkFiguresSchema>;

export const economicCheckViewSchema = z
  .object({
    id: z.string(),
    householdId: z.string(),
    /** The case that sent the request (later cases of the household reuse the report). */
    caseId: z.string(),
    caseNo: z.string(),
    status: z.enum(['requested', 'completed']),
    requestedDate: z.string(),
    requestedBy: z.string(),
    reportNo: z.string().nullable(),
    completedDate: z.string().nullable(),
    validUntil: z.string().nullable(),
    /** Completed and not past validUntil today: a new case of the household may reuse it. */
    validToday: z.boolean(),
    results: z.array(
      z
        .object({
          source: z.enum(ECONOMIC_CHECK_SOURCES),
          label: z.string(),
          outcome: z.enum(CHECK_OUTCOMES),
          figures: checkFiguresSchema,
          note: z.string(),
          recordedBy: z.string(),
          recordedAt: z.string(),
        })
        .strict(),
    ),
    /** Sources without a result yet, in the policy's order. */
    missingSources: z.array(z.enum(ECONOMIC_CHECK_SOURCES)),
  })
  .strict();
export type EconomicCheckView = z.infer<typeof economicCheckViewSchema>;
