import { z } from 'zod';
import { DECIDING_BODIES, RELIEF_TYPES } from './catalogueVocab';

// The kinds of assistance (DOMAIN.md §3) and the "do it once" catalogue (一次办好清单) that says,
// for each kind, what must be handed in, what the commitment may replace, the time limit,
// the notice period and who decides.

export * from './catalogueVocab';

export const materialSchema = z
  .object({
    /** Stable across versions: a rename keeps it, so a case's rows still name their material. */
    id: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/, '材料编号须以小写字母开头，由小写字母、数字或下划线组成（2-41 位）'),
    name: z.string().min(1, '请填写材料名称').max(64, '材料名称不能超过 64 个字'),
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
    department: z.string().max(64, '承办部门名称不能超过 64 个字').nullable(),
    timeLimitWorkingDays: z
      .number({ error: '请填写办理时限（工作日数）' })
      .int('办理时限须为整数个工作日')
      .min(1, '办理时限至少 1 个工作日')
      .max(120, '办理时限不能超过 120 个工作日'),
    /** Public notice days on the village board; null when the kind is not posted. */
    noticeDays: z
      .number({ error: '公示天数须为整数' })
      .int('公示天数须为整数')
      .min(1, '公示天数至少 1 天')
      .max(30, '公示天数不能超过 30 天')
      .nullable(),
    requiresReview: z.boolean(),
    /** Categories to choose at intake (e.g. 急难型 / 支出型); empty when there are none. */
    categories: z.array(z.string().min(1).max(32)).max(10),
    materials: z.array(materialSchema).min(1, '每个事项至少列出一项材料').max(30, '每个事项最多列出 30 项材料'),
  })
  .strict();
export type CatalogueItem = z.infer<typeof catalogueItemSchema>;

export const catalogueSchema = z
  .array(catalogueItemSchema)
  .length(RELIEF_TYPES.length, '清单须为每一类救助各列一项')
  // Issues name the item (and material) they are about, so an editor shows them at the field.
  .superRefine((items, ctx) => {
    // A wrong count is already reported by length(); this catches a kind listed twice.
    if (items.length === RELIEF_TYPES.length && !RELIEF_TYPES.every((t) => items.some((i) => i.reliefType === t))) {
      ctx.addIssue({ code: 'custom', message: '清单须为每一类救助各列一项' });
    }
    items.forEach((item, i) => {
      const seen = new Set<string>();
      item.materials.forEach((m, j) => {
        if (seen.has(m.id)) ctx.addIssue({ code: 'custom', path: [i, 'materials', j, 'id'], message: `材料编号 ${m.id} 重复` });
        seen.add(m.id);
      });
      if ((item.decidedBy === 'department') !== (item.department !== null)) {
        ctx.addIssue({ code: 'custom', path: [i, 'department'], message: '转办事项须填写承办部门，其他事项不填' });
      }
    });
  });
export type Catalogue = z.infer<typeof catalogueSchema>;
