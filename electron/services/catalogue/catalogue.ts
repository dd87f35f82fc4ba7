import { desc, eq } from 'drizzle-orm';
import { catalogueVersions } from '../../../db/schema';
import type { Db } from '../../../db/open';
import { catalogueSchema, type Catalogue, type CatalogueItem, type ReliefType } from '../../contract';
import type { Ctx } from '../context';
import { officeName } from '../documents/head';
import { DomainError, assert } from '../errors';
import { refuseIssues } from '../cases/issues';
import { preparedOnce } from '../prepared';
import { insertRow } from '../rows';
import { catalogueIssues } from './rules';
import { DEFAULT_CATALOGUE } from './defaults';

export interface CatalogueVersion {
  version: number;
  items: Catalogue;
  note: string;
  createdAt: string;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

// A version is never changed once written (edits write the next one), so each connection
// parses and validates a version's JSON once: the zod parse of the whole catalogue was a
// large share of an intake's time (bench cases.accept). Frozen, so no caller can alter the
// cached copy. Keyed by the row's JSON too, so a hand-edited row is parsed (and checked) anew.
const parsedByConnection = new WeakMap<Db['$client'], Map<number, { json: string; parsed: CatalogueVersion }>>();

function parse(db: Db, row: typeof catalogueVersions.$inferSelect): CatalogueVersion {
  let parsed = parsedByConnection.get(db.$client);
  if (!parsed) {
    parsed = new Map();
    parsedByConnection.set(db.$client, parsed);
  }
  const hit = parsed.get(row.version);
  if (hit && hit.json === row.itemsJson && hit.parsed.note === row.note && hit.parsed.createdAt === row.createdAt) return hit.parsed;
  // Stored JSON is a trust boundary too: a hand-edited row must not slip into intake.
  const version = deepFreeze({ version: row.version, items: catalogueSchema.parse(JSON.parse(row.itemsJson)), note: row.note, createdAt: row.createdAt });
  parsed.set(row.version, { json: row.itemsJson, parsed: version });
  return version;
}

/** Version 1, written at setup. */
export function seedCatalogue(ctx: Ctx): void {
  insertRow(ctx, catalogueVersions, {
    version: 1,
    itemsJson: JSON.stringify(DEFAULT_CATALOGUE),
    note: '系统默认清单',
    createdAt: ctx.nowIso,
    createdBy: null,
  });
}

export function currentCatalogue(db: Db): CatalogueVersion {
  const row = preparedOnce(db, 'catalogue.current', () =>
    db.select().from(catalogueVersions).orderBy(desc(catalogueVersions.version)).limit(1).prepare(),
  ).get();
  if (!row) throw new DomainError('NOT_SET_UP', '“一次办好”事项清单尚未建立，请先完成初始化');
  return parse(db, row);
}

export function catalogueVersion(db: Db, version: number): CatalogueVersion {
  const row = db.select().from(catalogueVersions).where(eq(catalogueVersions.version, version)).get();
  if (!row) throw new DomainError('NOT_FOUND', `清单第 ${version} 版不存在`);
  return parse(db, row);
}

export function itemFor(catalogue: Catalogue, reliefType: ReliefType): CatalogueItem {
  const item = catalogue.find((i) => i.reliefType === reliefType);
  assert(item, `catalogue has no item for ${reliefType} (the schema requires one per kind)`);
  return item;
}

export function listCatalogueVersions(db: Db): { version: number; note: string; createdAt: string }[] {
  return db
    .select({ version: catalogueVersions.version, note: catalogueVersions.note, createdAt: catalogueVersions.createdAt })
    .from(catalogueVersions)
    .orderBy(desc(catalogueVersions.version))
    .all();
}

/** Names as typed at the editor, without the stray spaces a paste brings along. */
function trimmed(items: Catalogue): Catalogue {
  return items.map((item) => ({
    ...item,
    department: item.department === null ? null : item.department.trim(),
    materials: item.materials.map((m) => ({ ...m, name: m.name.trim() })),
  }));
}

/**
 * Edits never change a version in use: they write the next one. `baseVersion` is the version
 * the editor started from: a save over a version someone else wrote since is refused, so one
 * admin's change is never silently undone by another's older draft.
 */
export function updateCatalogue(ctx: Ctx, input: { items: Catalogue; note: string; baseVersion: number }): CatalogueVersion {
  const current = currentCatalogue(ctx.db);
  if (input.baseVersion !== current.version) {
    throw new DomainError(
      'CONFLICT',
      `清单已有更新的第 ${current.version} 版（您是在第 ${input.baseVersion} 版上修改的）。请记下您的修改，放弃后按最新版本重新修改`,
    );
  }
  const items = trimmed(input.items);
  refuseIssues(catalogueIssues(items));
  const row = insertRow(ctx, catalogueVersions, {
    version: current.version + 1,
    itemsJson: JSON.stringify(items),
    note: input.note,
    createdAt: ctx.nowIso,
    createdBy: ctx.actor?.userId ?? null,
  });
  ctx.audit.entity('catalogue', String(row.version));
  return parse(ctx.db, row);
}

export interface WallList extends CatalogueVersion {
  officeName: string;
  printedDate: string;
}

/** The current version as posted on the hall's wall, headed like the A4 forms. */
export function catalogueWallList(ctx: Ctx): WallList {
  return { ...currentCatalogue(ctx.db), officeName: officeName(ctx), printedDate: ctx.today };
}
