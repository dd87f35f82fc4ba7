import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../../db/schema';
import { LIMITS, maskResidentId, parseResidentId, passwordProblem, ROLES, type Role, type UserRow } from '../contract';
import type { Ctx } from './context';
import type { Db } from '../../db/open';
import { DomainError } from './errors';
import { hashPassword } from './auth/passwords';
import { installationOf } from './setup';
import { preparedOnce } from './prepared';
import { insertRow, updateRow } from './rows';

export type UserRecord = typeof users.$inferSelect;

const rolesJson = z.array(z.enum(ROLES));

export function rolesOf(user: UserRecord): Role[] {
  return rolesJson.parse(JSON.parse(user.rolesJson));
}

export function toUserRow(user: UserRecord): UserRow {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: rolesOf(user),
    // Masked here, the one place rows leave: no list or answer ever carries a staff member's full ID.
    residentIdMasked: user.residentId === null ? null : maskResidentId(user.residentId),
    disabled: user.disabled,
    mustChangePassword: user.mustChangePassword,
    lockedUntil: user.lockedUntil,
    lastLoginAt: user.lastLoginAt,
    createdAt: user.createdAt,
  };
}

/** Every RPC resolves its session's user here: prepared once per connection (bench cases.accept). */
export function findUserById(db: Db, id: string): UserRecord | undefined {
  return preparedOnce(db, 'users.findUserById', () =>
    db
      .select()
      .from(users)
      .where(eq(users.id, sql.placeholder('id')))
      .prepare(),
  ).get({ id });
}

export function findUserByUsername(db: Db, username: string): UserRecord | undefined {
  return db.select().from(users).where(eq(users.username, username.trim().toLowerCase())).get();
}

function requireUser(ctx: Ctx, id: string): UserRecord {
  const user = findUserById(ctx.db, id);
  if (!user) throw new DomainError('NOT_FOUND', '用户不存在');
  return user;
}

export function checkNewPassword(password: string, path = 'password'): void {
  const problem = passwordProblem(password);
  if (problem) throw new DomainError('VALIDATION', problem, { issues: [{ path, message: problem }] });
}

// Whoever manages accounts may not also accept or approve cases: an administrator who could
// make themselves an approver could approve a case of their own making (separation of duties).
function checkAdminStandsApart(roles: Role[]): void {
  const admin = roles.some((r) => r === 'town_admin' || r === 'district_admin');
  if (admin && roles.some((r) => r === 'clerk' || r === 'approver')) {
    const message = '管理员角色不能与受理员、审批人角色兼任';
    throw new DomainError('VALIDATION', message, { issues: [{ path: 'roles', message }] });
  }
}

/** Nobody changes their own rights or resets their own password: a second administrator does. */
function notOneself(ctx: Ctx, userId: string, what: string): void {
  if (userId === ctx.actor?.userId) throw new DomainError('FORBIDDEN', `不能${what}自己的账号，请由另一位管理员办理`);
}

// A town installation has town roles; the district console has the district role only.
function checkRolesFit(ctx: Ctx, roles: Role[]): void {
  checkAdminStandsApart(roles);
  const kind = installationOf(ctx.db)?.kind;
  const bad = kind === 'district' ? roles.filter((r) => r !== 'district_admin') : roles.filter((r) => r === 'district_admin');
  if (bad.length > 0) {
    const message = kind === 'district' ? '区级安装只能设置区民政局管理员角色' : '镇街安装不能设置区民政局管理员角色';
    throw new DomainError('VALIDATION', message, { issues: [{ path: 'roles', message }] });
  }
}

/**
 * The user's own resident ID as stored (normalised), validated like a resident's and unique
 * among accounts: it is what tells the app an approver belongs to an applicant's household.
 * It never leaves this installation (LOCAL_ONLY_COLUMNS): the rule is enforced here, where
 * decisions are made, and a staff member's ID is no business of the nightly package.
 */
function checkUserResidentId(ctx: Ctx, raw: string, userId: string | null): string {
  const parsed = parseResidentId(raw, ctx.today);
  if (!parsed.ok) throw new DomainError('VALIDATION', parsed.message, { issues: [{ path: 'residentId', message: parsed.message }] });
  const id = parsed.value.id;
  const holder = ctx.db
    .select({ username: users.username, displayName: users.displayName })
    .from(users)
    .where(userId === null ? eq(users.residentId, id) : and(eq(users.residentId, id), ne(users.id, userId)))
    .get();
  if (holder) {
    const message = `该身份号码已登记在用户 ${holder.displayName}（${holder.username}）名下，一个身份号码只能对应一个账号`;
    throw new DomainError('CONFLICT', message, { issues: [{ path: 'residentId', message }] });
  }
  return id;
}

function activeAdminCount(ctx: Ctx, excludingId: string): number {
  return ctx.db
    .select()
    .from(users)
    .all()
    .filter((u) => u.id !== excludingId && !u.disabled && rolesOf(u).some((r) => r === 'town_admin' || r === 'district_admin'))
    .length;
}

// Nobody may lock the office out of its own administration.
function keepAnAdmin(ctx: Ctx, user: UserRecord, nextRoles: Role[], nextDisabled: boolean): void {
  const wasAdmin = !user.disabled && rolesOf(user).some((r) => r === 'town_admin' || r === 'district_admin');
  const staysAdmin = !nextDisabled && nextRoles.some((r) => r === 'town_admin' || r === 'district_admin');
  if (wasAdmin && !staysAdmin && activeAdminCount(ctx, user.id) === 0) {
    throw new DomainError('CONFLICT', '这是最后一个启用的管理员账号，不能停用或取消其管理员角色');
  }
}

export function listUsers(ctx: Ctx): UserRow[] {
  return ctx.db.select().from(users).orderBy(asc(users.username)).limit(LIMITS.usersMax).all().map(toUserRow);
}

export function createUser(
  ctx: Ctx,
  input: { username: string; displayName: string; roles: Role[]; password: string; residentId?: string | null | undefined },
  options: { mustChangePassword: boolean } = { mustChangePassword: true },
): UserRow {
  const username = input.username.trim().toLowerCase();
  if (findUserByUsername(ctx.db, username)) {
    throw new DomainError('CONFLICT', `用户名 ${username} 已存在`, { issues: [{ path: 'username', message: '用户名已存在' }] });
  }
  if (ctx.db.select().from(users).all().length >= LIMITS.usersMax) {
    throw new DomainError('CONFLICT', `用户数已达上限 ${LIMITS.usersMax}`);
  }
  checkRolesFit(ctx, input.roles);
  checkNewPassword(input.password);
  const residentId = input.residentId == null ? null : checkUserResidentId(ctx, input.residentId, null);
  const { hash, salt } = hashPassword(input.password);
  const row = insertRow(ctx, users, {
    id: ctx.ids.newId(),
    username,
    displayName: input.displayName,
    rolesJson: JSON.stringify([...new Set(input.roles)]),
    passwordHash: hash,
    passwordSalt: salt,
    disabled: false,
    mustChangePassword: options.mustChangePassword,
    failedLogins: 0,
    lockedUntil: null,
    lastLoginAt: null,
    residentId,
    createdAt: ctx.nowIso,
    updatedAt: ctx.nowIso,
  });
  ctx.audit.entity('user', row.id);
  return toUserRow(row);
}

/** residentId: absent keeps the stored one (the dialog never sees it in full), null clears it. */
export function updateUser(
  ctx: Ctx,
  input: { id: string; displayName: string; roles: Role[]; residentId?: string | null | undefined },
): UserRow {
  const user = requireUser(ctx, input.id);
  if (JSON.stringify([...new Set(input.roles)].sort()) !== JSON.stringify([...rolesOf(user)].sort())) notOneself(ctx, user.id, '修改');
  checkRolesFit(ctx, input.roles);
  keepAnAdmin(ctx, user, input.roles, user.disabled);
  const residentId =
    input.residentId === undefined ? user.residentId : input.residentId === null ? null : checkUserResidentId(ctx, input.residentId, user.id);
  const row = updateRow(ctx, users, user.id, {
    displayName: input.displayName,
    rolesJson: JSON.stringify([...new Set(input.roles)]),
    residentId,
    updatedAt: ctx.nowIso,
  });
  ctx.audit.entity('user', row.id);
  return toUserRow(row);
}

export function setUserDisabled(ctx: Ctx, input: { id: string; disabled: boolean }): UserRow {
  const user = requireUser(ctx, input.id);
  if (input.disabled && user.id === ctx.actor?.userId) throw new DomainError('CONFLICT', '不能停用自己的账号');
  keepAnAdmin(ctx, user, rolesOf(user), input.disabled);
  const row = updateRow(ctx, users, user.id, {
    disabled: input.disabled,
    credentialEpoch: user.credentialEpoch + 1,
    updatedAt: ctx.nowIso,
  });
  if (input.disabled) ctx.afterCommit(() => ctx.sessions.deleteForUser(user.id));
  ctx.audit.entity('user', row.id);
  return toUserRow(row);
}

export function resetPassword(ctx: Ctx, input: { id: string; password: string }): UserRow {
  const user = requireUser(ctx, input.id);
  // Your own password is changed with the current one (auth.changePassword), never reset.
  notOneself(ctx, user.id, '重置');
  checkNewPassword(input.password);
  const { hash, salt } = hashPassword(input.password);
  const row = updateRow(ctx, users, user.id, {
    passwordHash: hash,
    passwordSalt: salt,
    mustChangePassword: true,
    failedLogins: 0,
    lockedUntil: null,
    credentialEpoch: user.credentialEpoch + 1,
    updatedAt: ctx.nowIso,
  });
  ctx.afterCommit(() => ctx.sessions.deleteForUser(user.id));
  ctx.audit.entity('user', row.id);
  return toUserRow(row);
}
