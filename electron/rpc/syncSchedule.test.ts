import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { townRun, type TownRun } from '../testing/districtStore';
import { ADMIN, createTestApp } from '../testing/testApp';
import { exportDue, lastScheduledInstant, nextScheduledInstant, scheduleTick } from './syncSchedule';

// When the town's package is made: the night's time in Beijing, a missed night at start, and
// after each day close (issue 5 item 1).

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function exportsOf(run: TownRun): { sequence: number; trigger: string; createdAt: string }[] {
  return run.t.app.db.$client.prepare('SELECT sequence, trigger, created_at AS createdAt FROM sync_exports ORDER BY sequence').all() as {
    sequence: number;
    trigger: string;
    createdAt: string;
  }[];
}

/** A town enrolled with a district and a folder, its clock at 10:00 Beijing on 2026-11-20. */
function syncedTown(): TownRun {
  const shared = mkdtempSync(join(tmpdir(), 'relief-desk-schedule-'));
  cleanups.push(() => rmSync(shared, { recursive: true, force: true }));
  const district = createTestApp();
  cleanups.push(() => district.close());
  district.must('setup.run', { kind: 'district', townCode: null, admin: ADMIN });
  const districtAdmin = district.must('auth.login', { username: ADMIN.username, password: ADMIN.password }).token;
  const run = townRun('370404101', '370404101201', '2026-11-20');
  cleanups.push(() => run.t.close());
  run.t.must('sync.configure', { folder: shared, exportTime: '22:00' }, run.admin);
  run.t.must('sync.enroll', { text: district.must('sync.status', {}, districtAdmin).keys.publicKeyFile, folder: null }, run.admin);
  return run;
}

describe('the nightly schedule', () => {
  it('finds the latest and next 22:00 in Beijing whatever the instant', () => {
    // 21:00 Beijing on the 28th: the last 22:00 was the 27th's.
    expect(lastScheduledInstant(new Date('2026-11-28T13:00:00Z'), '22:00').toISOString()).toBe('2026-11-27T14:00:00.000Z');
    expect(lastScheduledInstant(new Date('2026-11-28T14:00:00Z'), '22:00').toISOString()).toBe('2026-11-28T14:00:00.000Z');
    expect(nextScheduledInstant(new Date('2026-11-28T14:00:00Z'), '22:00').toISOString()).toBe('2026-11-29T14:00:00.000Z');
    // 00:30 Beijing is still the previous UTC day.
    expect(lastScheduledInstant(new Date('2026-11-28T16:40:00Z'), '00:30').toISOString()).toBe('2026-11-28T16:30:00.000Z');
  });

  it('exports at the night time, not before, once a night, and at start for a missed night', () => {
    const run = syncedTown();
    const { t } = run;
    // Enrolled at 10:00 Beijing: nothing is due until 22:00 the same day.
    expect(exportDue(t.app.db, t.clock.now())).toBe(false);
    scheduleTick(t.app, false);
    expect(exportsOf(run)).toEqual([]);
    t.clock.advance(12 * 3_600_000 - 60_000); // 21:59
    scheduleTick(t.app, false);
    expect(exportsOf(run)).toEqual([]);
    t.clock.advance(60_000); // 22:00
    scheduleTick(t.app, false);
    expect(exportsOf(run).map((e) => [e.sequence, e.trigger])).toEqual([[1, 'schedule']]);
    t.clock.advance(60_000);
    scheduleTick(t.app, false);
    expect(exportsOf(run)).toHaveLength(1);
    // The PC is off for two nights and starts at 08:00: one package, marked as a start-up catch-up.
    t.clock.advance(2 * 86_400_000 - 14 * 3_600_000);
    scheduleTick(t.app, true);
    expect(exportsOf(run).map((e) => [e.sequence, e.trigger])).toEqual([
      [1, 'schedule'],
      [2, 'startup'],
    ]);
    scheduleTick(t.app, false);
    expect(exportsOf(run)).toHaveLength(2);
  });

  it('stays quiet on a town not set up for sync', () => {
    const run = townRun('370404101', '370404101201', '2026-11-20');
    cleanups.push(() => run.t.close());
    run.t.clock.advance(3 * 86_400_000);
    expect(exportDue(run.t.app.db, run.t.clock.now())).toBe(false);
    scheduleTick(run.t.app, true);
    expect(exportsOf(run)).toEqual([]);
  });

  it('makes a package right after the day close commits', () => {
    const run = syncedTown();
    const { t } = run;
    const preview = t.must('reserve.dayClosePreview', { date: null }, run.approver.token);
    t.must(
      'reserve.closeDay',
      { id: uuidv7(), countedFen: preview.balanceFen, reason: '', seen: { businessDate: preview.businessDate, bookBalanceFen: preview.balanceFen } },
      run.approver.token,
    );
    const made = exportsOf(run);
    expect(made.map((e) => [e.sequence, e.trigger])).toEqual([[1, 'day_close']]);
    // The package carries the close itself.
    const carried = t.app.db.$client.prepare("SELECT count(*) AS n FROM change_log WHERE table_name = 'day_closes' AND seq <= (SELECT to_change_seq FROM sync_exports WHERE sequence = 1)").get();
    expect(carried).toEqual({ n: 1 });
  });
});
