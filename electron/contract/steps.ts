// The steps after intake that the town records itself: the economic-status check (核对), the
// home investigation (入户调查) and the village democratic review (民主评议). DOMAIN.md §2, §4.
import { z } from 'zod';
import { LIMITS } from './limits';
import { MAX_AMOUNT_FEN } from './money';
import { CHECK_OUTCOMES, ECONOMIC_CHECK_SOURCES } from './stepsVocab';

export * from './stepsVocab';

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
