import { installation, villages } from '../../db/schema';
import type { Installation, InstallationKind } from '../contract';
import type { Ctx } from './context';
import type { Db } from '../../db/open';
import { seedCatalogue } from './catalogue/catalogue';
import { DIVISIONS } from './divisions';
import { DomainError } from './errors';
import { preparedOnce } from './prepared';
import { insertRow } from './rows';
import { createUser } from './users';
import { ownKeys } from './sync/config';
import { fingerprint } from './sync/keys';

export function installationOf(db: Db): Installation | null {
  // Read by every intake and receipt: prepared once per connection.
  const row = preparedOnce(db, 'setup.installation', () => db.select().from(installation).prepare()).get();
  if (!row) return null;
  return {
    kind: row.kind,
    districtCode: row.districtCode,
    districtName: row.districtName,
    townCode: row.townCode,
    townName: row.townName,
  };
}

export function requireInstallation(db: Db): Installation {
  const found = installationOf(db);
  if (!found) throw new DomainError('NOT_SET_UP', '本机尚未完成初始化，请先完成首次设置');
  return found;
}

export function listTowns(): { districtCode: string; districtName: string; towns: { code: string; name: string; villageCount: number }[] } {
  return {
    districtCode: DIVISIONS.district.code,
    districtName: DIVISIONS.district.name,
    towns: DIVISIONS.towns.map((t) => ({ code: t.code, name: t.name, villageCount: t.villages.length })),
  };
}

export interface SetupInput {
  kind: InstallationKind;
  townCode: string | null;
  admin: { username: string; displayName: string; password: string };
}

/** First run: what this installation is, its villages, and its first administrator. Once only. */
export function runSetup(ctx: Ctx, input: SetupInput): { installation: Installation; villagesLoaded: number; fingerprint: string } {
  if (installationOf(ctx.db)) throw new DomainError('ALREADY_SET_UP', '本机已完成初始化，不能重复设置');
  const town = input.kind === 'town' ? DIVISIONS.towns.find((t) => t.code === input.townCode) : undefined;
  if (input.kind === 'town' && !town) {
    throw new DomainError('VALIDATION', '请选择本机所属的镇街', { issues: [{ path: 'townCode', message: '请选择镇街' }] });
  }
  if (input.kind === 'district' && input.townCode !== null) {
    throw new DomainError('VALIDATION', '区级安装不属于任何镇街', { issues: [{ path: 'townCode', message: '区级安装不选择镇街' }] });
  }
  insertRow(ctx, installation, {
    id: 1,
    kind: input.kind,
    districtCode: DIVISIONS.district.code,
    districtName: DIVISIONS.district.name,
    townCode: town?.code ?? null,
    townName: town?.name ?? null,
    createdAt: ctx.nowIso,
  });
  for (const v of town?.villages ?? []) {
    insertRow(ctx, villages, { code: v.code, name: v.name, active: true, createdAt: ctx.nowIso, updatedAt: ctx.nowIso });
  }
  seedCatalogue(ctx);
  const admin = createUser(
    ctx,
    { ...input.admin, roles: [input.kind === 'town' ? 'town_admin' : 'district_admin'] },
    // The person setting up chose this password just now: no forced change.
    { mustChangePassword: false },
  );
  ctx.audit.entity('installation', town?.code ?? DIVISIONS.district.code);
  ctx.audit.note({ kind: input.kind, townCode: town?.code ?? null, adminUserId: admin.id });
  const result = installationOf(ctx.db);
  if (!result) throw new Error('installation row missing right after insert');
  // The sync keys are made now (files outside the transaction, never overwritten: a setup that
  // rolls back leaves keys the next setup uses), so the fingerprint can be read to the district.
  const keys = ownKeys(ctx);
  return { installation: result, villagesLoaded: town?.villages.length ?? 0, fingerprint: fingerprint(keys.signingPublicRaw) };
}
