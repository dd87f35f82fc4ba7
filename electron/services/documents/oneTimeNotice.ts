// 一次性告知单: every required material still missing, listed at once (一次告知).
import { and, eq, sql } from 'drizzle-orm';
import { caseMaterials, users } from '../../../db/schema';
import { LIMITS, type OneTimeNoticeModel } from '../../contract';
import { catalogueVersion, itemFor } from '../catalogue/catalogue';
import { caseReliefType, type CaseRecord } from '../cases/records';
import type { Ctx } from '../context';
import { assert } from '../errors';
import { getSettings } from '../settings';
import { applicantOf, documentHead } from './head';

export function oneTimeNotice(ctx: Ctx, row: CaseRecord): OneTimeNoticeModel {
  const handler = ctx.db.select({ displayName: users.displayName }).from(users).where(eq(users.id, row.acceptedBy)).get();
  assert(handler, `case ${row.id} names a missing user`);
  // Optional materials apply only to some applicants: the notice asks for the required ones,
  // in the catalogue's order, as the case was accepted under that version.
  const item = itemFor(catalogueVersion(ctx.db, row.catalogueVersion).items, caseReliefType(row));
  const missingIds = new Set(
    ctx.db
      .select({ materialId: caseMaterials.materialId })
      .from(caseMaterials)
      .where(and(eq(caseMaterials.caseId, row.id), eq(caseMaterials.status, 'missing')))
      .orderBy(sql`${caseMaterials}.rowid`)
      .limit(LIMITS.caseMaterialsMax)
      .all()
      .map((m) => m.materialId),
  );
  const missingMaterials = item.materials.filter((m) => !m.optional && missingIds.has(m.id)).map((m) => m.name);
  return {
    kind: 'one_time_notice',
    ...documentHead(ctx, row),
    ...applicantOf(ctx, row),
    acceptedDate: row.acceptedDate,
    missingMaterials,
    handlerName: handler.displayName,
    enquiryPhone: getSettings(ctx.db).enquiryPhone,
  };
}
