import { and, asc, eq, gte, lt } from 'drizzle-orm';
import { calendarDays } from '../../../db/schema';
import type { Db } from '../../../db/open';
import type { Ctx } from '../context';
import { preparedOnce } from '../prepared';
import { deleteRow, insertRow, updateRow } from '../rows';
import type { WorkCalendar } from './workingDays';

export const CALENDAR_DAYS_MAX = 5000;

export interface CalendarDay {
  date: string;
  kind: 'holiday' | 'workday';
  note: string;
}

/** The whole calendar as the working-day arithmetic wants it (a few dozen rows a year). */
export function workCalendar(db: Db): WorkCalendar {
  const rows = preparedOnce(db, 'calendar.workCalendar', () => db.select().from(calendarDays).limit(CALENDAR_DAYS_MAX).prepare()).all();
  return {
    holidays: new Set(rows.filter((r) => r.kind === 'holiday').map((r) => r.date)),
    adjustedWorkdays: new Set(rows.filter((r) => r.kind === 'workday').map((r) => r.date)),
  };
}

export function listCalendarYear(db: Db, year: number): CalendarDay[] {
  return db
    .select({ date: calendarDays.date, kind: calendarDays.kind, note: calendarDays.note })
    .from(calendarDays)
    .where(and(gte(calendarDays.date, `${year}-01-01`), lt(calendarDays.date, `${year + 1}-01-01`)))
    .orderBy(asc(calendarDays.date))
    .all();
}

/** Marks a date as a holiday or an adjusted working day; kind null returns it to normal. */
export function setCalendarDay(ctx: Ctx, input: { date: string; kind: 'holiday' | 'workday' | null; note: string }): CalendarDay[] {
  const existing = ctx.db.select().from(calendarDays).where(eq(calendarDays.date, input.date)).get();
  if (input.kind === null) {
    if (existing) deleteRow(ctx, calendarDays, input.date);
  } else if (existing) {
    updateRow(ctx, calendarDays, input.date, { kind: input.kind, note: input.note, updatedAt: ctx.nowIso });
  } else {
    insertRow(ctx, calendarDays, { date: input.date, kind: input.kind, note: input.note, updatedAt: ctx.nowIso });
  }
  ctx.audit.entity('calendar_day', input.date);
  return listCalendarYear(ctx.db, Number(input.date.slice(0, 4)));
}
