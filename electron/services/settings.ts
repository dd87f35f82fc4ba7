import { eq } from 'drizzle-orm';
import { settings } from '../../db/schema';
import { LIMITS, settingsSchema, type Settings } from '../contract';
import type { Ctx } from './context';
import type { Db } from '../../db/open';
import { assert } from './errors';
import { preparedOnce } from './prepared';
import { insertRow, updateRow } from './rows';

const DEFAULTS: Settings = {
  idleLockMinutes: LIMITS.idleLockMinutesDefault,
  // printing: no printer until the admin sets one; receipts still get recorded
  officeName: '',
  enquiryPhone: '',
  receiptPrinterUri: '',
  receiptPaper: '80mm',
  // economic check: reports reused by the household's later cases for this long
  checkValidityMonths: LIMITS.checkValidityMonthsDefault,
  // reserve fund: the dashboard's alert when available < this share of the allocation
  reserveAlertPercent: LIMITS.reserveAlertPercentDefault,
  // temporary relief: the town limit since forever until the admin adds a dated change
  townReliefLimits: [{ effectiveFrom: '2000-01-01', limitFen: LIMITS.townReliefLimitDefaultFen }],
  repeatWindowMonths: LIMITS.repeatWindowMonthsDefault,
  emergencyPaperworkDays: LIMITS.emergencyPaperworkDaysDefault,
  // nightly sync: no folder until the admin picks one; 22:00 because town PCs are off at 02:00
  syncFolder: '',
  syncExportTime: '22:00',
};

/** The town's approval limit for temporary relief on a business date: the latest entry on or before it. */
export function townReliefLimitFen(settingsNow: Settings, businessDate: string): number {
  assert(settingsNow.townReliefLimits.length > 0, 'settings keep at least one town relief limit');
  const applicable = settingsNow.townReliefLimits.filter((e) => e.effectiveFrom <= businessDate).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1));
  // Before every entry: the default limit, the one in force until the first dated change. A
  // limit set "from next month" is not in force today, whether it raises or lowers the limit.
  return applicable[0]?.limitFen ?? LIMITS.townReliefLimitDefaultFen;
}

export function getSettings(db: Db): Settings {
  // Read on every call (the idle lock) and more than once by some: prepared once per connection.
  const rows = preparedOnce(db, 'settings.all', () => db.select().from(settings).prepare()).all();
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.valueJson) as unknown]));
  // Stored values are parsed like any input: a bad one (a hand edit, another version) falls
  // back to the default, never through as NaN minutes that would switch the idle lock off.
  const result: Settings = { ...DEFAULTS };
  for (const key of Object.keys(DEFAULTS) as (keyof Settings)[]) {
    const parsed = settingsSchema.shape[key].safeParse(stored[key]);
    if (parsed.success) Object.assign(result, { [key]: parsed.data });
  }
  return result;
}

export function idleLockMs(db: Db): number {
  return getSettings(db).idleLockMinutes * 60_000;
}

/** Writes the settings given; those left out keep their value. */
export function updateSettings(ctx: Ctx, next: { [K in keyof Settings]?: Settings[K] | undefined }): Settings {
  for (const [key, value] of Object.entries(next)) {
    if (value === undefined) continue;
    const valueJson = JSON.stringify(value);
    const existing = ctx.db.select().from(settings).where(eq(settings.key, key)).get();
    if (!existing) insertRow(ctx, settings, { key, valueJson, updatedAt: ctx.nowIso });
    else if (existing.valueJson !== valueJson) updateRow(ctx, settings, key, { valueJson, updatedAt: ctx.nowIso });
  }
  ctx.audit.note({ settings: next });
  return getSettings(ctx.db);
}
