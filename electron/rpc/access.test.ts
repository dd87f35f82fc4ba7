import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema';
import { procedures, ROLES, type ProcedureDef, type ProcedureName, type Role } from '../contract';
import { ADMIN, codeOf, createTestApp, SETUP_TIMEOUT_MS, setUpTown, type TestApp } from '../testing/testApp';

// Every role x every procedure, read from the procedure table so a new procedure is covered
// the day it is added. The probe input is refused by every strict schema, so an allowed call
// ends at VALIDATION without doing anything, and a refused one ends at FORBIDDEN before it.

const PROBE = { __probe: true };
const NAMES = Object.keys(procedures) as ProcedureName[];

function allows(def: ProcedureDef, role: Role): boolean {
  return def.access === 'public' || def.access === 'session' || def.access.includes(role);
}

let town: TestApp;
let district: TestApp;
const callers = new Map<Role, { t: TestApp; token: string }>();

beforeAll(() => {
  town = createTestApp();
  const tokens = setUpTown(town);
  callers.set('town_admin', { t: town, token: tokens.admin });
  callers.set('clerk', { t: town, token: tokens.clerk.token });
  callers.set('approver', { t: town, token: tokens.approver.token });

  district = createTestApp();
  district.must('setup.run', { kind: 'district', townCode: null, admin: ADMIN });
  callers.set('district_admin', {
    t: district,
    token: district.must('auth.login', { username: ADMIN.username, password: ADMIN.password }).token,
  });
}, SETUP_TIMEOUT_MS);

afterAll(() => {
  town.close();
  district.close();
});

describe('the caller set-up', () => {
  it.each(ROLES)('%s holds exactly that role', (role) => {
    const caller = callers.get(role);
    expect(caller).toBeDefined();
    if (!caller) return;
    expect(caller.t.must('auth.me', {}, caller.token).user.roles).toEqual([role]);
  });
});

describe.each(ROLES)('role %s', (role) => {
  const cases = NAMES.map((name) => ({ name, allowed: allows(procedures[name], role) }));

  it.each(cases)('$name: allowed=$allowed', ({ name, allowed }) => {
    const caller = callers.get(role);
    if (!caller) throw new Error(`no caller for ${role}`);
    const before = caller.t.app.db.select().from(auditLog).where(eq(auditLog.action, 'rpc.forbidden')).all().length;
    const result = caller.t.call(name, PROBE as never, caller.token);
    expect(codeOf(result)).toBe(allowed ? 'VALIDATION' : 'FORBIDDEN');
    const forbidden = caller.t.app.db.select().from(auditLog).where(eq(auditLog.action, 'rpc.forbidden')).all();
    // A refused call is on record, with who tried what.
    expect(forbidden.length - before).toBe(allowed ? 0 : 1);
    if (!allowed) {
      const row = forbidden.at(-1);
      expect(row?.username).not.toBeNull();
      expect(JSON.parse(row?.detail ?? '{}')).toEqual({ procedure: name });
    }
  });
});

describe('without a session', () => {
  it.each(NAMES.map((name) => ({ name, isPublic: procedures[name].access === 'public' })))(
    '$name: public=$isPublic',
    ({ name, isPublic }) => {
      for (const token of [null, '', 'not-a-token']) {
        const result = town.call(name, PROBE as never, token);
        expect(codeOf(result), `token ${JSON.stringify(token)}`).toBe(isPublic ? 'VALIDATION' : 'UNAUTHENTICATED');
      }
    },
  );

  it('a logged-out token is no longer a session', () => {
    const token = town.must('auth.login', { username: 'clerk1', password: 'Changed#2026' }).token;
    expect(codeOf(town.call('villages.list', { includeInactive: false }, token))).toBe('OK');
    town.must('auth.logout', {}, token);
    expect(codeOf(town.call('villages.list', { includeInactive: false }, token))).toBe('UNAUTHENTICATED');
  });

  it("a token of one installation means nothing to another", () => {
    const districtToken = callers.get('district_admin')?.token ?? '';
    expect(codeOf(town.call('users.list', {}, districtToken))).toBe('UNAUTHENTICATED');
  });
});

describe('the access table itself', () => {
  // Spot checks of the separation the office relies on, so a careless edit of the table
  // (say, opening user management to clerks) fails here and not only in review.
  const expected: [ProcedureName, 'public' | 'session' | Role[]][] = [
    ['setup.run', 'public'],
    ['auth.login', 'public'],
    ['auth.changePassword', 'session'],
    ['users.create', ['town_admin', 'district_admin']],
    ['users.resetPassword', ['town_admin', 'district_admin']],
    ['settings.update', ['town_admin', 'district_admin']],
    ['villages.create', ['town_admin']],
    ['registry.household.create', ['clerk']],
    ['registry.person.revealId', ['clerk', 'approver']],
    ['audit.list', ['town_admin', 'district_admin']],
    ['audit.verify', ['town_admin', 'district_admin']],
  ];
  it.each(expected)('%s: %j', (name, access) => {
    const actual = procedures[name].access;
    expect(typeof actual === 'string' ? actual : [...actual].sort()).toEqual(typeof access === 'string' ? access : [...access].sort());
  });

  it('every procedure names a known role, or is public or session', () => {
    for (const name of NAMES) {
      const access = procedures[name].access;
      if (typeof access === 'string') expect(['public', 'session']).toContain(access);
      else {
        expect(access.length, name).toBeGreaterThan(0);
        for (const role of access) expect(ROLES).toContain(role);
      }
    }
  });

  it('only reading, unlocking, leaving and changing the password are allowed before a forced change', () => {
    const pending = NAMES.filter((n) => (procedures[n] as ProcedureDef).allowPasswordChangePending).sort();
    expect(pending).toEqual(['auth.changePassword', 'auth.logout', 'auth.me', 'auth.unlock']);
    const locked = NAMES.filter((n) => (procedures[n] as ProcedureDef).allowLocked).sort();
    expect(locked).toEqual(['auth.logout', 'auth.me', 'auth.unlock']);
  });
});

describe('roles are read on every call', () => {
  // Last in this file: it changes the approver's roles, and puts them back.
  it('a role taken away or given applies to the open session at once', () => {
    const admin = callers.get('town_admin');
    const approver = callers.get('approver');
    if (!admin || !approver) throw new Error('callers missing');
    const id = town.must('auth.me', {}, approver.token).user.id;
    const search = () => codeOf(town.call('registry.search', { q: '张', limit: 5 }, approver.token));
    const create = () => codeOf(town.call('registry.household.create', PROBE as never, approver.token));
    expect([search(), create()]).toEqual(['OK', 'FORBIDDEN']);
    town.must('users.update', { id, displayName: 'approver1', roles: ['clerk'] }, admin.token);
    expect([search(), create()]).toEqual(['OK', 'VALIDATION']);
    expect(codeOf(town.call('registry.person.revealId', PROBE as never, approver.token))).toBe('VALIDATION');
    town.must('users.update', { id, displayName: 'approver1', roles: ['town_admin'] }, admin.token);
    expect([search(), create()]).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(codeOf(town.call('users.list', {}, approver.token))).toBe('OK');
    town.must('users.update', { id, displayName: 'approver1', roles: ['approver'] }, admin.token);
    expect(codeOf(town.call('users.list', {}, approver.token))).toBe('FORBIDDEN');
  });
});
