import dayjs from 'dayjs';
import { assert } from '../errors';

// Working days in the Chinese sense: Monday to Friday, minus public holidays, plus the
// weekend days the State Council swaps in as working days (调休). Both lists are kept by the
// town admin, since they are published each December for the next year. Dates are business
// dates (YYYY-MM-DD, Asia/Shanghai).

export interface WorkCalendar {
  /** Weekdays that are days off (法定节假日). */
  holidays: ReadonlySet<string>;
  /** Weekend days that are working days (调休上班). */
  adjustedWorkdays: ReadonlySet<string>;
}

export const MAX_WORKING_DAYS = 366;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isWorkingDay(date: string, calendar: WorkCalendar): boolean {
  assert(ISO_DATE.test(date), `not a business date: ${date}`);
  if (calendar.adjustedWorkdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const weekday = dayjs(date).day();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The date on which a limit of `days` working days ends, counting from the day after `start`
 * (the day of acceptance does not count, as in administrative practice).
 */
export function addWorkingDays(start: string, days: number, calendar: WorkCalendar): string {
  assert(Number.isInteger(days) && days >= 0 && days <= MAX_WORKING_DAYS, `working days out of range: ${days}`);
  let date = dayjs(start);
  let left = days;
  // Bounded: even a year of holidays cannot make this loop run past a few hundred steps.
  for (let step = 0; left > 0; step++) {
    assert(step < MAX_WORKING_DAYS * 3, 'working-day search ran away');
    date = date.add(1, 'day');
    if (isWorkingDay(date.format('YYYY-MM-DD'), calendar)) left -= 1;
  }
  return date.format('YYYY-MM-DD');
}

/** Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is earlier. */
export function workingDaysBetween(from: string, to: string, calendar: WorkCalendar): number {
  if (to === from) return 0;
  const sign = to > from ? 1 : -1;
  const [a, b] = sign > 0 ? [from, to] : [to, from];
  let count = 0;
  let date = dayjs(a);
  const end = dayjs(b);
  for (let step = 0; date.isBefore(end); step++) {
    assert(step < MAX_WORKING_DAYS * 10, 'working-day count ran away');
    date = date.add(1, 'day');
    if (isWorkingDay(date.format('YYYY-MM-DD'), calendar)) count += 1;
  }
  return sign * count;
}
