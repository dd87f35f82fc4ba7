import type { UserRow } from '../../contract';
import { formatDateTime } from '../../format';

/** 停用 / 锁定至… / 须改密码 / 正常, as the admin needs to read it. */
export function userStatus(user: UserRow, nowMs: number): { label: string; tone: 'default' | 'warning' | 'error' | 'success' }[] {
  const out: { label: string; tone: 'default' | 'warning' | 'error' | 'success' }[] = [];
  if (user.disabled) out.push({ label: '停用', tone: 'error' });
  if (user.lockedUntil && Date.parse(user.lockedUntil) > nowMs) out.push({ label: `锁定至${formatDateTime(user.lockedUntil)}`, tone: 'warning' });
  if (user.mustChangePassword) out.push({ label: '须改密码', tone: 'default' });
  if (out.length === 0) out.push({ label: '正常', tone: 'success' });
  return out;
}
