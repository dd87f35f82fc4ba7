import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

// Business dates are in Asia/Shanghai whatever the PC's zone (DOMAIN.md §9).
const TZ = 'Asia/Shanghai';

/** An ISO instant as 2026年11月28日. */
export function formatDate(iso: string): string {
  return dayjs(iso).tz(TZ).format('YYYY年MM月DD日');
}

/** An ISO instant as 2026年11月28日 14:05. */
export function formatDateTime(iso: string): string {
  return dayjs(iso).tz(TZ).format('YYYY年MM月DD日 HH:mm');
}

/** A calendar date (YYYY-MM-DD, no zone) as 1985年03月12日. */
export function formatPlainDate(date: string): string {
  const [y, m, d] = date.split('-');
  return y && m && d ? `${y}年${m}月${d}日` : date;
}

/** Today's business date, YYYY-MM-DD. */
export function businessToday(): string {
  return dayjs().tz(TZ).format('YYYY-MM-DD');
}
