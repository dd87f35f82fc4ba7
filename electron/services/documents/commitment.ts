// 告知承诺书: what the applicant promises, which papers the promise replaces, and the
// liability for a false statement (policy: 守信承诺制度和失信记录制度; Decree 649).
import { and, eq, sql } from 'drizzle-orm';
import { caseMaterials } from '../../../db/schema';
import { LIMITS, type CommitmentModel } from '../../contract';
import type { CaseRecord } from '../cases/records';
import type { Ctx } from '../context';
import { applicantOf, documentHead } from './head';

const PROMISES = [
  '本人所申报的家庭人口、收入、财产及相关情况真实、完整，无虚报、隐瞒、伪造。',
  '上列以承诺替代的证明材料所载事项属实，本人愿接受核查，并在规定期限内配合补充核实。',
  '家庭人口、收入、财产状况发生变化时，本人将及时告知受理机关。',
] as const;

const LIABILITY =
  '如有虚报、隐瞒、伪造等不正当手段骗取社会救助的，本人愿承担相应法律责任：由民政部门停止救助、责令退回非法获取的救助资金和物资，可处非法获取的救助款额或者物资价值1倍以上3倍以下的罚款，并按规定录入失信记录；构成犯罪的，依法追究刑事责任。';

const SIGNING_RULE = '本承诺书须由申请人本人签字或按手印；申请人无民事行为能力或限制民事行为能力的，仅可由其法定监护人代为签字，并注明监护关系。';

export function commitment(ctx: Ctx, row: CaseRecord): CommitmentModel {
  const replaced = ctx.db
    .select({ name: caseMaterials.name })
    .from(caseMaterials)
    .where(and(eq(caseMaterials.caseId, row.id), eq(caseMaterials.status, 'commitment')))
    .orderBy(sql`${caseMaterials}.rowid`)
    .limit(LIMITS.caseMaterialsMax)
    .all();
  return {
    kind: 'commitment',
    ...documentHead(ctx, row),
    ...applicantOf(ctx, row),
    replacedMaterials: replaced.map((m) => m.name),
    promises: [...PROMISES],
    liability: LIABILITY,
    signingRule: SIGNING_RULE,
  };
}
