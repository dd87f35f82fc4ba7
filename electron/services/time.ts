import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

// Business days are in Asia/Shanghai whatever the PC's zone (DOMAIN.md §9); storage is UTC ISO.
export const BUSINESS_TZ = 'Asia/Shanghai';

// One formatter for the process: every call (each RPC computes ctx.today) would otherwise
// convert through dayjs' timezone plugin, which costs more than many of the queries it dates.
// en-CA formats as YYYY-MM-DD.
const BUSINESS_DATE_FORMAT = new Intl.DateTimeFormat('en-CA', { timeZone: BUSINESS_TZ, year: 'numeric', month: '2-digit', day: '2-digit' });

export function businessDate(now: Date): string {
  return BUSINESS_DATE_FORMAT.format(now);
}

/** The UTC instant at which a business date (YYYY-MM-DD) starts in Asia/Shanghai. */
export function businessDayStartIso(date: string): string {
  return dayjs.tz(date, BUSINESS_TZ).toISOString();
}

export function addDaysIso(date: string, days: number): string {
  return dayjs(date).add(days, 'day').format('YYYY-MM-DD');
}
