import { Cron } from 'croner';
import dayjs from 'dayjs';
import type { Db } from '../../db/open';
import type { SyncTrigger } from '../contract/sync';
import { runAsSystem } from './dispatch';
import type { AppDeps } from '../services/context';
import { DomainError } from '../services/errors';
import { getSettings } from '../services/settings';
import { installationOf } from '../services/setup';
import { BUSINESS_TZ } from '../services/time';
import { districtPeer } from '../services/sync/config';
import { deliverExports, exportPackage } from '../services/sync/exporter';

// When the town's package is made (issue 5 item 1): every night at the configured time
// (Beijing time, default 22:00), after each day close, and at start when a night was missed
// because the PC was off. One rule covers the night and the missed night: a package is due
// when the latest scheduled instant passed since the last package was made.

/** The latest instant at `time` (HH:MM, Beijing) at or before `now`. */
export function lastScheduledInstant(now: Date, time: string): Date {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const today = dayjs(now).tz(BUSINESS_TZ).hour(h).minute(m).second(0).millisecond(0);
  const instant = today.valueOf() <= now.getTime() ? today : today.subtract(1, 'day');
  return instant.toDate();
}

/** The next instant at `time` after `now`. */
export function nextScheduledInstant(now: Date, time: string): Date {
  return dayjs(lastScheduledInstant(now, time)).add(1, 'day').toDate();
}

function lastExportAt(db: Db): string | null {
  const row = db.$client.prepare('SELECT created_at AS createdAt FROM sync_exports ORDER BY sequence DESC LIMIT 1').get() as { createdAt: string } | undefined;
  return row?.createdAt ?? null;
}

/** Why a town cannot export yet, or null when it can: the schedule stays quiet until set up. */
export function exportBlocker(db: Db): string | null {
  const installation = installationOf(db);
  if (installation?.kind !== 'town') return '不是镇街安装';
  if (getSettings(db).syncFolder === '') return '尚未设置同步文件夹';
  if (!districtPeer(db)) return '尚未导入区级公钥';
  return null;
}

/** True when the night's package has not been made since the last scheduled instant. A town
 *  that never exported counts from when it enrolled its district: its first night is the first
 *  scheduled instant after that, not one that passed before sync was set up. */
export function exportDue(db: Db, now: Date): boolean {
  const since = lastExportAt(db) ?? districtPeer(db)?.enrolledAt ?? null;
  if (since === null) return false;
  const scheduled = lastScheduledInstant(now, getSettings(db).syncExportTime);
  return Date.parse(since) < scheduled.getTime();
}

/**
 * Makes the package now if this installation can (a town, folder set, district key imported);
 * quietly nothing otherwise. Failures are logged, never thrown: it runs from timers and after
 * other work has committed.
 */
export function exportIfPossible(app: AppDeps, trigger: SyncTrigger): void {
  const blocker = exportBlocker(app.db);
  if (blocker) {
    app.log.info('sync export skipped', { trigger, reason: blocker });
    return;
  }
  try {
    const result = runAsSystem(app, 'sync.export', (ctx) => exportPackage(ctx, trigger));
    app.log.info('sync package exported', { trigger, sequence: result.sequence, rows: result.rows, bytes: result.bytes });
  } catch (error) {
    app.log.error('sync export failed', { trigger, error: error instanceof DomainError ? error.message : String(error) });
  }
}

/** One tick: the night's package if due (at start: 'startup'), and any package whose file is missing. */
export function scheduleTick(app: AppDeps, first: boolean): void {
  if (exportBlocker(app.db)) return;
  if (exportDue(app.db, app.clock.now())) exportIfPossible(app, first ? 'startup' : 'schedule');
  try {
    deliverExports(app.db, getSettings(app.db).syncFolder);
  } catch (error) {
    app.log.error('sync delivery failed', { error: String(error) });
  }
}

/**
 * Checks every minute (croner, overruns skipped), so a changed export time or a PC that wakes
 * at 23:00 needs no rescheduling; the first check runs at once, which is the missed-night rule.
 */
export function startSyncSchedule(app: AppDeps): { stop(): void } {
  scheduleTick(app, true);
  const job = new Cron('* * * * *', { protect: true }, () => scheduleTick(app, false));
  return { stop: () => job.stop() };
}
