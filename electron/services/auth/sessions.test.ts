import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, procedures, type ProcedureName, type RpcResult } from '../../contract';
import { ADMIN, auditRows, codeOf, freshTown, loginOutcomes, newClerk, secondProcess, SETUP_TIMEOUT_MS, type TestApp, userRecord } from '../../testing/testApp';

// Session rules through dispatch() with the injected TestClock: the forced change after a
// reset, the idle lock, disabled users. Each describe has its own database and clock.

const MINUTE = 60_000;
const INITIAL = 'Initial#2026';
const WRONG = 'Wrong#20261';

/** Any input a strict schema refuses: gets past the session checks, then stops at VALIDATION. */
const PROBE = { __probe: true };
function callProbe(t: TestApp, name: ProcedureName, token: string): RpcResult<unknown> {
  return t.call(name, PROBE as never, token);
}

describe('forced password change after a reset', () => {
  let t: TestApp;
  let admin: string;
  let clerk: { id: string; token: string };
  beforeAll(() => {
    ({ t, admin } = freshTown());
    clerk = newClerk(t, admin, 'reset1');
  }, SETUP_TIMEOUT_MS);
  afterAll(() => t.close());

  it('ends the old sessions and demands a change before anything else', () => {
    expect(codeOf(t.call('auth.me', {}, clerk.token))).toBe('OK');
    const reset = t.must('users.resetPassword', { id: clerk.id, password: 'Reset#2026b' }, admin);
    expect(reset.mustChangePassword).toBe(true);
    expect(auditRows(t, 'users.resetPassword').at(-1)).toMatchObject({ entityType: 'user', entityId: clerk.id });

    expect(codeOf(t.call('auth.me', {}, clerk.token))).toBe('UNAUTHENTICATED');
    expect(codeOf(t.call('auth.login', { username: 'reset1', password: INITIAL }))).toBe('BAD_CREDENTIALS');

    const login = t.must('auth.login', { username: 'reset1', password: 'Reset#2026b' });
    expect(login.user.mustChangePassword).toBe(true);
    const token = login.token;

    // Every procedure not marked for it is refused until the change; the others pass through
    // to input validation (the probe input is refused by every strict schema).
    for (const name of Object.keys(procedures) as ProcedureName[]) {
      const def = procedures[name] as { access: unknown; allowPasswordChangePending?: true };
      const expected = def.access === 'public' || def.allowPasswordChangePending ? 'VALIDATION' : 'PASSWORD_CHANGE_REQUIRED';
      expect(codeOf(callProbe(t, name, token)), name).toBe(expected);
    }
    expect(t.must('auth.me', {}, token).user.mustChangePassword).toBe(true);

    t.must('auth.changePassword', { currentPassword: 'Reset#2026b', newPassword: 'Mine#2026xy' }, token);
    expect(codeOf(t.call('villages.list', { includeInactive: false }, token))).toBe('OK');
    expect(t.must('auth.me', {}, token).user.mustChangePassword).toBe(false);
    expect(userRecord(t, 'reset1').mustChangePassword).toBe(false);

    const changes = auditRows(t, 'auth.changePassword').filter((r) => r.entityId === clerk.id);
    expect(changes).toHaveLength(1);
    expect(changes[0]?.userId).toBe(clerk.id);
  });
});

describe('idle lock', () => {
  // The administrator's own session: it needs no first-login change, and may change the setting.
  let t: TestApp;
  let admin: string;
  let adminId: string;
  beforeAll(() => {
    ({ t, admin } = freshTown());
    adminId = userRecord(t, ADMIN.username).id;
  }, SETUP_TIMEOUT_MS);
  afterAll(() => t.close());

  const list = () => codeOf(t.call('villages.list', { includeInactive: false }, admin));
  it('auth.touch keeps a busy clerk unlocked, and is refused once locked', () => {
    const fresh = freshTown();
    const touch = () => codeOf(fresh.t.call('auth.touch', {}, fresh.admin));
    fresh.t.clock.advance(9 * MINUTE);
    expect(touch()).toBe('OK');
    fresh.t.clock.advance(9 * MINUTE);
    expect(touch()).toBe('OK');
    fresh.t.clock.advance(10 * MINUTE + 1_000);
    expect(touch()).toBe('SESSION_LOCKED');
    fresh.t.close();
  });

  it(`locks after ${LIMITS.idleLockMinutesDefault} idle minutes by default; activity postpones it`, () => {
    expect(t.must('auth.me', {}, admin).idleLockMs).toBe(LIMITS.idleLockMinutesDefault * MINUTE);
    t.clock.advance(9 * MINUTE + 59_000);
    expect(list()).toBe('OK');
    t.clock.advance(9 * MINUTE + 59_000);
    expect(list()).toBe('OK');
    t.clock.advance(10 * MINUTE + 1_000);
    expect(list()).toBe('SESSION_LOCKED');
    expect(auditRows(t, 'auth.idleLock').filter((r) => r.entityId === adminId)).toHaveLength(1);
    expect(t.must('auth.me', {}, admin).locked).toBe(true);
  });

  it('while locked, only the procedures marked for it pass the session check', () => {
    for (const name of Object.keys(procedures) as ProcedureName[]) {
      const def = procedures[name] as { access: unknown; allowLocked?: true };
      const expected = def.access === 'public' || def.allowLocked ? 'VALIDATION' : 'SESSION_LOCKED';
      expect(codeOf(callProbe(t, name, admin)), name).toBe(expected);
    }
  });

  it('auth.unlock with the wrong password keeps it locked; with the right one restores it', () => {
    expect(codeOf(t.call('auth.unlock', { password: WRONG }, admin))).toBe('BAD_CREDENTIALS');
    expect(list()).toBe('SESSION_LOCKED');
    expect(codeOf(t.call('auth.unlock', { password: ADMIN.password }, admin))).toBe('OK');
    expect(list()).toBe('OK');
    expect(t.must('auth.me', {}, admin).locked).toBe(false);
    expect(userRecord(t, ADMIN.username).failedLogins).toBe(0);
  });

  it('polling auth.me does not keep an abandoned session open', () => {
    expect(list()).toBe('OK');
    for (let i = 0; i < 4; i++) {
      t.clock.advance(2 * MINUTE);
      expect(t.must('auth.me', {}, admin).locked).toBe(false);
    }
    // 10.5 minutes since the last real call, 2.5 since the last poll
    t.clock.advance(2 * MINUTE + 30_000);
    expect(list()).toBe('SESSION_LOCKED');
    t.must('auth.unlock', { password: ADMIN.password }, admin);
  });

  it('settings.update changes the idle minutes', () => {
    expect(t.must('settings.update', { idleLockMinutes: 2 }, admin)).toMatchObject({ idleLockMinutes: 2 });
    expect(t.must('settings.get', {}, admin)).toMatchObject({ idleLockMinutes: 2 });
    expect(t.must('auth.me', {}, admin).idleLockMs).toBe(2 * MINUTE);

    expect(list()).toBe('OK');
    t.clock.advance(MINUTE + 59_000);
    expect(list()).toBe('OK');
    t.clock.advance(2 * MINUTE + 1_000);
    expect(list()).toBe('SESSION_LOCKED');
    t.must('auth.unlock', { password: ADMIN.password }, admin);
    expect(list()).toBe('OK');
  });

  it(`${LIMITS.loginFailuresBeforeLock} wrong unlocks end the session`, () => {
    t.clock.advance(3 * MINUTE);
    expect(list()).toBe('SESSION_LOCKED');
    const codes = [1, 2, 3, 4, 5].map(() => codeOf(t.call('auth.unlock', { password: WRONG }, admin)));
    expect(codes).toEqual(['BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'UNAUTHENTICATED']);
    expect(codeOf(t.call('auth.me', {}, admin))).toBe('UNAUTHENTICATED');
    expect(auditRows(t, 'auth.unlock').filter((r) => r.userId === adminId && r.detailJson.outcome === 'BAD_CREDENTIALS')).toHaveLength(6);
  });
});

describe('disabled users', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(() => ({ t, admin } = freshTown()), SETUP_TIMEOUT_MS);
  afterAll(() => t.close());

  it("a disabled user's session stops working and the user cannot log in until enabled again", () => {
    const clerk = newClerk(t, admin, 'gone1');
    expect(codeOf(t.call('auth.me', {}, clerk.token))).toBe('OK');
    t.must('users.setDisabled', { id: clerk.id, disabled: true }, admin);
    for (const name of ['villages.list', 'auth.me', 'registry.search'] as const) {
      const code = codeOf(callProbe(t, name, clerk.token));
      expect(['UNAUTHENTICATED', 'ACCOUNT_DISABLED'], name).toContain(code);
    }
    expect(codeOf(t.call('auth.login', { username: 'gone1', password: INITIAL }))).toBe('ACCOUNT_DISABLED');
    expect(loginOutcomes(t, 'gone1').at(-1)).toBe('ACCOUNT_DISABLED');

    t.must('users.setDisabled', { id: clerk.id, disabled: false }, admin);
    const again = t.must('auth.login', { username: 'gone1', password: INITIAL }).token;
    expect(codeOf(t.call('auth.me', {}, again))).toBe('OK');
  });

  it('an administrator cannot disable their own account or leave the office without an administrator', () => {
    const adminId = userRecord(t, ADMIN.username).id;
    expect(codeOf(t.call('users.setDisabled', { id: adminId, disabled: true }, admin))).toBe('CONFLICT');
    // Changing one's own roles is refused before the last-administrator rule is even asked.
    expect(codeOf(t.call('users.update', { id: adminId, displayName: '王管理', roles: ['clerk'] }, admin))).toBe('FORBIDDEN');
    expect(userRecord(t, ADMIN.username)).toMatchObject({ disabled: false, rolesJson: '["town_admin"]' });
  });
});

describe('guessing the password through auth.changePassword', () => {
  // An open session must not be a free password oracle: wrong current passwords count like
  // wrong unlocks, are on record, and the fifth ends the session.
  let t: TestApp;
  let admin: string;
  beforeAll(() => ({ t, admin } = freshTown()), SETUP_TIMEOUT_MS);
  afterAll(() => t.close());

  const guess = (token: string, currentPassword: string) =>
    t.call('auth.changePassword', { currentPassword, newPassword: 'Guess#2026xx' }, token);

  it('counts wrong current passwords; a right one resets the count', () => {
    const clerk = newClerk(t, admin, 'guess1');
    expect(guess(clerk.token, WRONG)).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'currentPassword' }] } });
    expect(codeOf(guess(clerk.token, WRONG))).toBe('VALIDATION');
    expect(userRecord(t, 'guess1').failedLogins).toBe(2);
    const refused = auditRows(t, 'auth.changePassword').filter((r) => r.entityId === clerk.id || r.userId === clerk.id);
    expect(refused.map((r) => r.detailJson.outcome)).toEqual(['BAD_CREDENTIALS', 'BAD_CREDENTIALS']);
    expect(codeOf(guess(clerk.token, INITIAL))).toBe('OK');
    expect(userRecord(t, 'guess1').failedLogins).toBe(0);
  });

  it(`the ${LIMITS.loginFailuresBeforeLock}th wrong current password ends the session`, () => {
    const clerk = newClerk(t, admin, 'guess2');
    const codes = [1, 2, 3, 4, 5].map(() => codeOf(guess(clerk.token, WRONG)));
    expect(codes).toEqual(['VALIDATION', 'VALIDATION', 'VALIDATION', 'VALIDATION', 'UNAUTHENTICATED']);
    expect(codeOf(t.call('auth.me', {}, clerk.token))).toBe('UNAUTHENTICATED');
    // the password did not change, and its owner can still log in
    expect(codeOf(t.call('auth.login', { username: 'guess2', password: INITIAL }))).toBe('OK');
  });
});

describe('credentials changed elsewhere end sessions, in every process', () => {
  // Two hall-server processes on one town file: B must not keep a session A revoked.
  let t: TestApp;
  let admin: string;
  let other: ReturnType<typeof secondProcess>;
  beforeAll(() => {
    ({ t, admin } = freshTown());
    other = secondProcess(t);
    t.must('users.create', { username: 'multi', displayName: '多处登录', roles: ['clerk'], password: 'Initial#2026' }, admin);
  }, SETUP_TIMEOUT_MS);
  afterAll(() => {
    other.close();
    t.close();
  });
  const list = (on: Pick<TestApp, 'call'>, token: string) => codeOf(on.call('villages.list', { includeInactive: false }, token));
  const login = (on: Pick<TestApp, 'must'>, password: string) => on.must('auth.login', { username: 'multi', password }).token;

  it('a reset in process A ends the session in process B, even after a new password is set', () => {
    const first = login(t, 'Initial#2026');
    t.must('auth.changePassword', { currentPassword: 'Initial#2026', newPassword: 'Changed#2026' }, first);
    const onB = login(other, 'Changed#2026');
    expect(list(other, onB)).toBe('OK');
    t.must('users.resetPassword', { id: userRecord(t, 'multi').id, password: 'Reset#2026a' }, admin);
    const fresh = login(t, 'Reset#2026a');
    t.must('auth.changePassword', { currentPassword: 'Reset#2026a', newPassword: 'Again#2026b' }, fresh);
    expect(list(other, onB)).toBe('UNAUTHENTICATED');
    // The session that changed the password goes on.
    expect(list(t, fresh)).toBe('OK');
  });

  it('changing your own password ends your other sessions but not this one', () => {
    const here = login(t, 'Again#2026b');
    const there = login(other, 'Again#2026b');
    t.must('auth.changePassword', { currentPassword: 'Again#2026b', newPassword: 'Third#2026c' }, here);
    expect(list(t, here)).toBe('OK');
    expect(list(other, there)).toBe('UNAUTHENTICATED');
  });

  it('disabling in process A refuses the next call in process B', () => {
    const onB = login(other, 'Third#2026c');
    t.must('users.setDisabled', { id: userRecord(t, 'multi').id, disabled: true }, admin);
    expect(codeOf(other.call('auth.touch', {}, onB))).toBe('ACCOUNT_DISABLED');
  });
});

describe('separation of duties in account management', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(() => ({ t, admin } = freshTown()), SETUP_TIMEOUT_MS);
  afterAll(() => t.close());

  it('an administrator may not also be a clerk or an approver', () => {
    const made = t.call('users.create', { username: 'both', displayName: '兼任', roles: ['town_admin', 'approver'], password: 'Initial#2026' }, admin);
    expect(made).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'roles' }] } });
    const clerk = t.must('users.create', { username: 'plain', displayName: '受理', roles: ['clerk'], password: 'Initial#2026' }, admin);
    expect(codeOf(t.call('users.update', { id: clerk.id, displayName: '受理', roles: ['clerk', 'town_admin'] }, admin))).toBe('VALIDATION');
    // Clerk and approver together is allowed: case-level checks keep them from deciding their own cases.
    expect(codeOf(t.call('users.update', { id: clerk.id, displayName: '受理', roles: ['clerk', 'approver'] }, admin))).toBe('OK');
  });

  it('nobody resets their own password or changes their own roles; renaming oneself is fine', () => {
    const adminId = userRecord(t, ADMIN.username).id;
    expect(codeOf(t.call('users.resetPassword', { id: adminId, password: 'Other#2026x' }, admin))).toBe('FORBIDDEN');
    expect(codeOf(t.call('users.update', { id: adminId, displayName: '王管理员', roles: ['town_admin'] }, admin))).toBe('OK');
  });
});
