import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeLog } from '../../db/schema';
import type { RpcResult } from '../contract';
import { madeUpId } from '../testing/caseFixtures';
import { auditRows, codeOf, freshTown, SETUP_TIMEOUT_MS, userRecord, type TestApp } from '../testing/testApp';

// A user's own resident ID (for the approver's household rule): validated like a resident's,
// one account per ID, shown masked, never in the audit log or the package to the district.

let t: TestApp;
let admin: string;

beforeAll(() => {
  ({ t, admin } = freshTown());
}, SETUP_TIMEOUT_MS);
afterAll(() => t.close());

const ID_A = madeUpId('19800515', 901);
const ID_B = madeUpId('19810616', 902);
const BAD_CHECK = ID_A.slice(0, 17) + (ID_A.endsWith('0') ? '1' : '0');

function messageOf(result: RpcResult<unknown>): string {
  return result.ok ? '' : result.error.message;
}

function create(username: string, residentId?: string | null) {
  return t.call(
    'users.create',
    { username, displayName: username, roles: ['approver'], password: 'Initial#2026', ...(residentId === undefined ? {} : { residentId }) },
    admin,
  );
}

describe('users: own resident ID', () => {
  it('stores a valid ID normalised, lists it masked only, and keeps it out of audit and change log', () => {
    const created = create('chief1', ` ${ID_A.toLowerCase()} `);
    if (!created.ok) throw new Error(created.error.message);
    expect(created.value.residentIdMasked).toBe(`${ID_A.slice(0, 6)}********${ID_A.slice(14)}`);
    expect(userRecord(t, 'chief1').residentId).toBe(ID_A.toUpperCase());
    const listed = JSON.stringify(t.must('users.list', {}, admin));
    expect(listed).toContain(created.value.residentIdMasked);
    expect(listed).not.toContain(ID_A);
    const audit = auditRows(t, 'users.create').at(-1);
    expect(audit?.detail).not.toContain(ID_A);
    expect(audit?.detail).not.toContain(ID_A.toLowerCase());
    const entries = t.app.db.select().from(changeLog).where(eq(changeLog.rowId, created.value.id)).all();
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(JSON.stringify(entry)).not.toContain(ID_A);
  });

  it('creates without an ID, and refuses a wrong check character or a 15-digit ID with the reason', () => {
    const none = create('plain1');
    expect(none.ok && none.value.residentIdMasked).toBeNull();
    const bad = create('bad1', BAD_CHECK);
    expect(codeOf(bad)).toBe('VALIDATION');
    expect(messageOf(bad)).toBe('身份号码校验位不正确，请核对后重新输入');
    expect(bad.ok ? [] : bad.error.issues?.map((i) => i.path)).toEqual(['residentId']);
    expect(messageOf(create('bad2', '370404850312003'))).toContain('不再受理15位旧身份证号码');
    expect(t.must('users.list', {}, admin).map((u) => u.username)).not.toContain('bad1');
  });

  it('refuses an ID another account holds, naming that account, on create and on update', () => {
    const duplicate = create('chief2', ID_A);
    expect(codeOf(duplicate)).toBe('CONFLICT');
    expect(messageOf(duplicate)).toBe('该身份号码已登记在用户 chief1（chief1）名下，一个身份号码只能对应一个账号');
    const plain = userRecord(t, 'plain1');
    const update = t.call('users.update', { id: plain.id, displayName: 'plain1', roles: ['approver'], residentId: ID_A }, admin);
    expect(codeOf(update)).toBe('CONFLICT');
    expect(userRecord(t, 'plain1').residentId).toBeNull();
  });

  it('keeps the stored ID when the edit leaves it out, replaces it when given, clears it with null', () => {
    const chief = userRecord(t, 'chief1');
    const renamed = t.must('users.update', { id: chief.id, displayName: '王主任', roles: ['approver'] }, admin);
    expect(renamed.displayName).toBe('王主任');
    expect(userRecord(t, 'chief1').residentId).toBe(ID_A);
    // Saving its own ID again is no conflict with itself.
    t.must('users.update', { id: chief.id, displayName: '王主任', roles: ['approver'], residentId: ID_A }, admin);
    const replaced = t.must('users.update', { id: chief.id, displayName: '王主任', roles: ['approver'], residentId: ID_B }, admin);
    expect(replaced.residentIdMasked).toBe(`${ID_B.slice(0, 6)}********${ID_B.slice(14)}`);
    expect(userRecord(t, 'chief1').residentId).toBe(ID_B);
    const invalid = t.call('users.update', { id: chief.id, displayName: '王主任', roles: ['approver'], residentId: BAD_CHECK }, admin);
    expect(codeOf(invalid)).toBe('VALIDATION');
    expect(userRecord(t, 'chief1').residentId).toBe(ID_B);
    const cleared = t.must('users.update', { id: chief.id, displayName: '王主任', roles: ['approver'], residentId: null }, admin);
    expect(cleared.residentIdMasked).toBeNull();
    expect(userRecord(t, 'chief1').residentId).toBeNull();
    // Freed, the ID may be given to another account.
    expect(t.must('users.update', { id: userRecord(t, 'plain1').id, displayName: 'plain1', roles: ['approver'], residentId: ID_A }, admin).residentIdMasked).not.toBeNull();
    for (const row of auditRows(t, 'users.update')) expect(row.detail).not.toMatch(new RegExp(`${ID_A}|${ID_B}`));
  });
});
