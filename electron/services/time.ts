import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

// Business days are in Asia/Shanghai whatever the PC's zone (DOMAIN.md §9); storage is UTC ISO.
export const BUSINESS_TZ = 'Asia/Shanghai';

export function businessDate(now: Date): string {
  return dayjs(now).tz(BUSINESS_TZ).format('YYYY-MM-DD');
}

/** The UTC instant at which a business date (YYYY-MM-DD) starts in Asia/Shanghai. */
export function businessDayStartIso(date: string): string {
  return dayjs.tz(date, BUSINESS_TZ).toISOString();
}

export function addDaysIso(date: string, days: number): string {
  return dayjs(date).add(days, 'day').format('YYYY-MM-DD');
}
