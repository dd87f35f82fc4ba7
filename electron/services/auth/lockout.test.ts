import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../../db/schema';
import { LIMITS } from '../../contract';
import { ADMIN, auditRows, codeOf, createTestApp, freshTown, loginOutcomes, newClerk, SETUP_TIMEOUT_MS, type TestApp, TOWN_CODE, userRecord } from '../../testing/testApp';

// Password policy and lockout timing, all through dispatch() with the injected TestClock.
// Each describe has its own database: the clock is shared within it.

const MINUTE = 60_000;
const INITIAL = 'Initial#2026';
const WRONG = 'Wrong#20261';

describe('password policy in the services', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(() => ({ t, admin } = freshTown()), SETUP_TIMEOUT_MS);
  afterAll(() => t.close());

  it('setup refuses a weak first administrator password', () => {
    const fresh = createTestApp();
    try {
      const result = fresh.call('setup.run', { kind: 'town', townCode: TOWN_CODE, admin: { ...ADMIN, password: 'admin123' } });
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'password' }] } });
      expect(fresh.call('setup.status', {})).toMatchObject({ ok: true, value: { setUp: false } });
    } finally {
      fresh.close();
    }
  });

  it.each([
    ['Ab1!xyz', 'seven characters'],
    ['abcdefgh1', 'two classes'],
    ['ABCDEFGH', 'one class'],
  ])('users.create and users.resetPassword refuse %j (%s)', (password) => {
    const created = t.call('users.create', { username: 'weak1', displayName: '弱', roles: ['clerk'], password }, admin);
    expect(created).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'password' }] } });
    expect(t.app.db.select().from(users).where(eq(users.username, 'weak1')).get()).toBeUndefined();
    const target =
      t.app.db.select().from(users).where(eq(users.username, 'weak-target')).get() ??
      t.must('users.create', { username: 'weak-target', displayName: '目标', roles: ['clerk'], password: INITIAL }, admin);
    expect(codeOf(t.call('users.resetPassword', { id: target.id, password }, admin))).toBe('VALIDATION');
  });

  it('auth.changePassword refuses a weak, unchanged or unproven new password', () => {
    const { token } = newClerk(t, admin, 'policy1');
    const before = userRecord(t, 'policy1').passwordHash;
    const cases = [
      [{ currentPassword: INITIAL, newPassword: 'short1!' }, 'newPassword'],
      [{ currentPassword: INITIAL, newPassword: 'alllowercase1' }, 'newPassword'],
      [{ currentPassword: INITIAL, newPassword: INITIAL }, 'newPassword'],
      [{ currentPassword: WRONG, newPassword: 'Another#2026' }, 'currentPassword'],
    ] as const;
    for (const [input, path] of cases) {
      expect(t.call('auth.changePassword', input, token)).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path }] } });
    }
    expect(userRecord(t, 'policy1').passwordHash).toBe(before);
    expect(t.call('auth.changePassword', { currentPassword: INITIAL, newPassword: 'Another#2026' }, token).ok).toBe(true);
    expect(t.call('auth.login', { username: 'policy1', password: 'Another#2026' }).ok).toBe(true);
    expect(codeOf(t.call('auth.login', { username: 'policy1', password: INITIAL }))).toBe('BAD_CREDENTIALS');
  });
});

describe('login failures and lockout', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(() => {
    ({ t, admin } = freshTown());
    // The clock runs 15 minutes here: keep the administrator's session open across them.
    t.must('settings.update', { idleLockMinutes: LIMITS.idleLockMinutesMax }, admin);
    t.must('users.create', { username: 'lock1', displayName: '甲', roles: ['clerk'], password: INITIAL }, admin);
    t.must('users.create', { username: 'lock2', displayName: '乙', roles: ['clerk'], password: INITIAL }, admin);
    t.must('users.create', { username: 'lock3', displayName: '丙', roles: ['clerk'], password: INITIAL }, admin);
  }, SETUP_TIMEOUT_MS);
  afterAll(() => t.close());

  it(`allows ${LIMITS.loginFailuresBeforeLock - 1} failures; a success resets the count`, () => {
    const attempts = [WRONG, WRONG, WRONG, WRONG, INITIAL, WRONG, WRONG, WRONG, WRONG, INITIAL];
    const codes = attempts.map((password) => codeOf(t.call('auth.login', { username: 'lock1', password })));
    const expected = attempts.map((p) => (p === INITIAL ? 'OK' : 'BAD_CREDENTIALS'));
    expect(codes).toEqual(expected);
    expect(loginOutcomes(t, 'lock1')).toEqual(expected.map((c) => (c === 'OK' ? 'ok' : c)));
    expect(userRecord(t, 'lock1')).toMatchObject({ failedLogins: 0, lockedUntil: null });
  });

  it('answers a wrong password exactly as an unknown username, so names cannot be probed', () => {
    const wrongPassword = t.call('auth.login', { username: 'lock1', password: WRONG });
    const unknownUser = t.call('auth.login', { username: 'no-such-user', password: WRONG });
    expect(wrongPassword).toEqual(unknownUser);
    expect(wrongPassword).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS', message: expect.stringContaining('连续错误 5 次') as unknown } });
    expect(t.call('auth.login', { username: 'lock1', password: INITIAL }).ok).toBe(true);
  });

  it('locks for 15 minutes after 5 failures, even against the right password, then unlocks', () => {
    const start = t.clock.now().getTime();
    const codes = [1, 2, 3, 4, 5].map(() => codeOf(t.call('auth.login', { username: 'lock2', password: WRONG })));
    expect(codes).toEqual(['BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'ACCOUNT_LOCKED']);

    const user = userRecord(t, 'lock2');
    const lockedUntil = new Date(start + 15 * MINUTE).toISOString();
    expect(user.lockedUntil).toBe(lockedUntil);
    const lockouts = auditRows(t, 'auth.lockout').filter((r) => r.entityId === user.id);
    expect(lockouts).toHaveLength(1);
    expect(lockouts[0]).toMatchObject({ entityType: 'user', detailJson: { lockedUntil, failures: 5 } });

    t.clock.advance(14 * MINUTE + 59_000);
    const locked = t.call('auth.login', { username: 'lock2', password: INITIAL });
    expect(locked).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED', message: expect.stringContaining('1 分钟') as unknown } });
    // Guessing during the lock neither extends it nor counts.
    expect(codeOf(t.call('auth.login', { username: 'lock2', password: WRONG }))).toBe('ACCOUNT_LOCKED');
    expect(userRecord(t, 'lock2').lockedUntil).toBe(lockedUntil);

    t.clock.advance(2_000); // +15:01
    expect(codeOf(t.call('auth.login', { username: 'lock2', password: INITIAL }))).toBe('OK');
    // The count started again: one wrong password after the lock is one failure, not a new lock.
    expect(codeOf(t.call('auth.login', { username: 'lock2', password: WRONG }))).toBe('BAD_CREDENTIALS');
    expect(codeOf(t.call('auth.login', { username: 'lock2', password: INITIAL }))).toBe('OK');

    expect(loginOutcomes(t, 'lock2')).toEqual([
      'BAD_CREDENTIALS',
      'BAD_CREDENTIALS',
      'BAD_CREDENTIALS',
      'BAD_CREDENTIALS',
      'ACCOUNT_LOCKED',
      'ACCOUNT_LOCKED',
      'ACCOUNT_LOCKED',
      'ok',
      'BAD_CREDENTIALS',
      'ok',
    ]);
    expect(auditRows(t, 'auth.lockout').filter((r) => r.entityId === user.id)).toHaveLength(1);
  });

  it('users.resetPassword lifts a lock at once', () => {
    for (let i = 0; i < LIMITS.loginFailuresBeforeLock; i++) t.call('auth.login', { username: 'lock3', password: WRONG });
    expect(codeOf(t.call('auth.login', { username: 'lock3', password: INITIAL }))).toBe('ACCOUNT_LOCKED');
    t.must('users.resetPassword', { id: userRecord(t, 'lock3').id, password: 'Reset#2026a' }, admin);
    expect(codeOf(t.call('auth.login', { username: 'lock3', password: 'Reset#2026a' }))).toBe('OK');
  });

  it('records an unknown username as a failed login without a user, and without what was typed', () => {
    const typed = 'Maybe#APassword1';
    const before = auditRows(t, 'auth.login').length;
    expect(codeOf(t.call('auth.login', { username: typed, password: WRONG }))).toBe('BAD_CREDENTIALS');
    const rows = auditRows(t, 'auth.login').slice(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: null, entityId: null, detailJson: { outcome: 'BAD_CREDENTIALS', unknownUsername: true } });
    expect(JSON.stringify(rows)).not.toContain(typed);
  });

  it('records a successful login as the user who logged in', () => {
    const user = userRecord(t, 'lock1');
    const last = auditRows(t, 'auth.login').filter((r) => r.detailJson.username === 'lock1' && r.detailJson.outcome === 'ok').at(-1);
    expect(last).toMatchObject({ userId: user.id, username: 'lock1', entityType: 'user', entityId: user.id });
    expect(user.lastLoginAt).toBe(last?.at);
  });
});

