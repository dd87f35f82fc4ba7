import { z } from 'zod';
import { DECIDING_BODIES, RELIEF_TYPES } from './catalogueVocab';

// The kinds of assistance (DOMAIN.md §3) and the "do it once" catalogue (一次办好清单) that says,
// for each kind, what must be handed in, what the commitment may replace, the time limit,
// the notice period and who decides.

export * from './catalogueVocab';

export const materialSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/),
    name: z.string().min(1).max(64),
    /** The applicant's signed commitment may stand in for it (告知承诺制). */
    commitmentReplaceable: z.boolean(),
    /** Optional: only where it applies (e.g. a disability certificate). */
    optional: z.boolean(),
  })
  .strict();
export type Material = z.infer<typeof materialSchema>;

export const catalogueItemSchema = z
  .object({
    reliefType: z.enum(RELIEF_TYPES),
    decidedBy: z.enum(DECIDING_BODIES),
    /** For referrals: the department that decides (e.g. 区医疗保障局). */
    department: z.string().max(64).nullable(),
    timeLimitWorkingDays: z.number().int().min(1).max(120),
    /** Public notice days on the village board; null when the kind is not posted. */
    noticeDays: z.number().int().min(1).max(30).nullable(),
    requiresReview: z.boolean(),
    /** Categories to choose at intake (e.g. 急难型 / 支出型); empty when there are none. */
    categories: z.array(z.string().min(1).max(32)).max(10),
    materials: z.array(materialSchema).min(1).max(30),
  })
  .strict();
export type CatalogueItem = z.infer<typeof catalogueItemSchema>;

export const catalogueSchema = z
  .array(catalogueItemSchema)
  .length(RELIEF_TYPES.length)
  .refine((items) => RELIEF_TYPES.every((t) => items.some((i) => i.reliefType === t)), '清单须为每一类救助各列一项')
  .refine((items) => items.every((i) => new Set(i.materials.map((m) => m.id)).size === i.materials.length), '同一事项的材料编号不能重复')
  .refine((items) => items.every((i) => (i.decidedBy === 'department') === (i.department !== null)), '转办事项须填写承办部门，其他事项不填');
export type Catalogue = z.infer<typeof catalogueSchema>;
