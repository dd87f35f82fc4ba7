import { users } from '../../../db/schema';
import { LIMITS, type Installation, type SessionUser } from '../../contract';
import type { Ctx } from '../context';
import { DomainError, assert } from '../errors';
import { idleLockMs } from '../settings';
import { requireInstallation } from '../setup';
import { checkNewPassword, findUserById, findUserByUsername, rolesOf, type UserRecord } from '../users';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords';
import { updateRow } from '../rows';

export function sessionUserOf(user: UserRecord): SessionUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: rolesOf(user),
    mustChangePassword: user.mustChangePassword,
  };
}

// One message for an unknown user and a wrong password, so the login box cannot be used to
// find out which usernames exist (and then to lock those accounts on purpose).
const BAD_CREDENTIALS_MESSAGE = `用户名或密码错误（连续错误 ${LIMITS.loginFailuresBeforeLock} 次将锁定账号 ${LIMITS.loginLockMs / 60_000} 分钟）`;

// A failed login must stay on record even though the call fails: commitChanges keeps the
// audit row and the failure count.
function loginRefused(ctx: Ctx, code: 'BAD_CREDENTIALS' | 'ACCOUNT_LOCKED' | 'ACCOUNT_DISABLED', message: string): never {
  ctx.audit.note({ outcome: code });
  throw new DomainError(code, message, { commitChanges: true });
}

export function login(
  ctx: Ctx,
  input: { username: string; password: string },
): { token: string; user: SessionUser; idleLockMs: number; installation: Installation } {
  const installation = requireInstallation(ctx.db);
  const nowMs = ctx.clock.now().getTime();
  const user = findUserByUsername(ctx.db, input.username);
  if (!user) {
    // Not the typed name: a password typed into the username box would land in the log.
    ctx.audit.note({ username: null, unknownUsername: true });
    burnPasswordCheck(input.password);
    loginRefused(ctx, 'BAD_CREDENTIALS', BAD_CREDENTIALS_MESSAGE);
  }
  ctx.audit.note({ username: user.username });
  ctx.audit.entity('user', user.id);
  if (user.lockedUntil && Date.parse(user.lockedUntil) > nowMs) {
    const minutes = Math.ceil((Date.parse(user.lockedUntil) - nowMs) / 60_000);
    loginRefused(ctx, 'ACCOUNT_LOCKED', `连续登录失败次数过多，账号已锁定，请 ${minutes} 分钟后再试或联系管理员`);
  }
  if (!verifyPassword(input.password, { hash: user.passwordHash, salt: user.passwordSalt })) {
    const failures = user.failedLogins + 1;
    if (failures >= LIMITS.loginFailuresBeforeLock) {
      const lockedUntil = new Date(nowMs + LIMITS.loginLockMs).toISOString();
      updateRow(ctx, users, user.id, { failedLogins: 0, lockedUntil, updatedAt: ctx.nowIso });
      ctx.audit.extra({ action: 'auth.lockout', entityType: 'user', entityId: user.id, detail: { lockedUntil, failures } });
      loginRefused(ctx, 'ACCOUNT_LOCKED', `密码连续错误 ${failures} 次，账号锁定 ${LIMITS.loginLockMs / 60_000} 分钟`);
    }
    updateRow(ctx, users, user.id, { failedLogins: failures, updatedAt: ctx.nowIso });
    loginRefused(ctx, 'BAD_CREDENTIALS', BAD_CREDENTIALS_MESSAGE);
  }
  if (user.disabled) loginRefused(ctx, 'ACCOUNT_DISABLED', '该账号已停用，请联系管理员');

  const updated = updateRow(ctx, users, user.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: ctx.nowIso, updatedAt: ctx.nowIso });
  // The session becomes usable only if the login commits.
  const session = ctx.sessions.mint(user.id, updated.credentialEpoch, nowMs);
  ctx.afterCommit(() => ctx.sessions.add(session));
  ctx.audit.actAs({ userId: user.id, username: user.username, roles: rolesOf(user) });
  ctx.audit.note({ outcome: 'ok' });
  return { token: session.token, user: sessionUserOf(updated), idleLockMs: idleLockMs(ctx.db), installation };
}

export function me(ctx: Ctx): { user: SessionUser; locked: boolean; idleLockMs: number; installation: Installation } {
  assert(ctx.actor && ctx.sessionToken, 'auth.me needs a session');
  const user = findUserById(ctx.db, ctx.actor.userId);
  assert(user, 'session user exists');
  const session = ctx.sessions.get(ctx.sessionToken);
  return {
    user: sessionUserOf(user),
    locked: session?.locked ?? false,
    idleLockMs: idleLockMs(ctx.db),
    installation: requireInstallation(ctx.db),
  };
}

export function logout(ctx: Ctx): { ok: true } {
  const token = ctx.sessionToken;
  assert(token, 'logout needs a session');
  ctx.afterCommit(() => ctx.sessions.delete(token));
  return { ok: true };
}

export function unlock(ctx: Ctx, input: { password: string }): { ok: true } {
  assert(ctx.actor && ctx.sessionToken, 'unlock needs a session');
  const user = findUserById(ctx.db, ctx.actor.userId);
  assert(user, 'session user exists');
  if (!verifyPassword(input.password, { hash: user.passwordHash, salt: user.passwordSalt })) {
    // Five wrong unlocks end the session: the next person must log in from scratch.
    const failures = user.failedLogins + 1;
    updateRow(ctx, users, user.id, { failedLogins: failures, updatedAt: ctx.nowIso });
    ctx.audit.note({ outcome: 'BAD_CREDENTIALS' });
    if (failures >= LIMITS.loginFailuresBeforeLock) {
      const token = ctx.sessionToken;
      ctx.afterCommit(() => ctx.sessions.delete(token));
      throw new DomainError('UNAUTHENTICATED', '密码错误次数过多，请重新登录', { commitChanges: true });
    }
    throw new DomainError('BAD_CREDENTIALS', '密码错误', { commitChanges: true });
  }
  updateRow(ctx, users, user.id, { failedLogins: 0, updatedAt: ctx.nowIso });
  const token = ctx.sessionToken;
  const nowMs = ctx.clock.now().getTime();
  ctx.afterCommit(() => {
    const session = ctx.sessions.get(token);
    if (session) {
      session.locked = false;
      session.lastActiveMs = nowMs;
    }
  });
  return { ok: true };
}

export function changePassword(ctx: Ctx, input: { currentPassword: string; newPassword: string }): { ok: true } {
  assert(ctx.actor, 'changePassword needs a session');
  const user = findUserById(ctx.db, ctx.actor.userId);
  assert(user, 'session user exists');
  if (!verifyPassword(input.currentPassword, { hash: user.passwordHash, salt: user.passwordSalt })) {
    // Counted and recorded like a wrong unlock, so an open session is no free password oracle.
    const failures = user.failedLogins + 1;
    updateRow(ctx, users, user.id, { failedLogins: failures, updatedAt: ctx.nowIso });
    ctx.audit.entity('user', user.id);
    ctx.audit.note({ outcome: 'BAD_CREDENTIALS' });
    const token = ctx.sessionToken;
    if (failures >= LIMITS.loginFailuresBeforeLock && token) {
      ctx.afterCommit(() => ctx.sessions.delete(token));
      throw new DomainError('UNAUTHENTICATED', '密码错误次数过多，请重新登录', { commitChanges: true });
    }
    throw new DomainError('VALIDATION', '原密码不正确', { issues: [{ path: 'currentPassword', message: '原密码不正确' }], commitChanges: true });
  }
  checkNewPassword(input.newPassword, 'newPassword');
  if (input.newPassword === input.currentPassword) {
    throw new DomainError('VALIDATION', '新密码不能与原密码相同', { issues: [{ path: 'newPassword', message: '新密码不能与原密码相同' }] });
  }
  const { hash, salt } = hashPassword(input.newPassword);
  // A new password ends every other session of this user, in every process; this one goes on.
  const changed = updateRow(ctx, users, user.id, {
    passwordHash: hash,
    passwordSalt: salt,
    mustChangePassword: false,
    failedLogins: 0,
    credentialEpoch: user.credentialEpoch + 1,
    updatedAt: ctx.nowIso,
  });
  const token = ctx.sessionToken;
  ctx.afterCommit(() => {
    const session = token ? ctx.sessions.get(token) : undefined;
    if (session) session.credentialEpoch = changed.credentialEpoch;
  });
  ctx.audit.entity('user', user.id);
  return { ok: true };
}
