import { asc, eq } from 'drizzle-orm';
import { villages } from '../../db/schema';
import { LIMITS, type Village } from '../contract';
import type { Ctx } from './context';
import { DomainError } from './errors';
import { insertRow, updateRow } from './rows';
import { requireInstallation } from './setup';

function toVillage(row: typeof villages.$inferSelect): Village {
  return { code: row.code, name: row.name, active: row.active };
}

export function listVillages(ctx: Ctx, input: { includeInactive: boolean }): Village[] {
  return ctx.db
    .select()
    .from(villages)
    .where(input.includeInactive ? undefined : eq(villages.active, true))
    .orderBy(asc(villages.code))
    .limit(LIMITS.villagesMax)
    .all()
    .map(toVillage);
}

export function createVillage(ctx: Ctx, input: { code: string; name: string }): Village {
  const inst = requireInstallation(ctx.db);
  if (!inst.townCode || !input.code.startsWith(inst.townCode)) {
    throw new DomainError('VALIDATION', `村居代码须以本镇街代码 ${inst.townCode ?? ''} 开头`, {
      issues: [{ path: 'code', message: `须以 ${inst.townCode ?? ''} 开头` }],
    });
  }
  if (ctx.db.select().from(villages).where(eq(villages.code, input.code)).get()) {
    throw new DomainError('CONFLICT', `村居代码 ${input.code} 已存在`, { issues: [{ path: 'code', message: '代码已存在' }] });
  }
  const row = insertRow(ctx, villages, { code: input.code, name: input.name, active: true, createdAt: ctx.nowIso, updatedAt: ctx.nowIso });
  ctx.audit.entity('village', row.code);
  return toVillage(row);
}

export function updateVillage(ctx: Ctx, input: { code: string; name: string; active: boolean }): Village {
  if (!ctx.db.select().from(villages).where(eq(villages.code, input.code)).get()) {
    throw new DomainError('NOT_FOUND', `村居 ${input.code} 不存在`);
  }
  const row = updateRow(ctx, villages, input.code, { name: input.name, active: input.active, updatedAt: ctx.nowIso });
  ctx.audit.entity('village', row.code);
  return toVillage(row);
}
