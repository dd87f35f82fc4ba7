import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter, type InputOf, type OutputOf } from '../contract';
import { ADMIN, createTestApp, SETUP_TIMEOUT_MS, setUpTown, type TestApp, TOWN_CODE, VILLAGE_CODE } from '../testing/testApp';
import { openDatabase, type Db } from '../../db/open';
import { auditHash, GENESIS_HASH, sanitizeDetail, verifyAuditChain } from './audit';

// The audit log is a hash chain in an append-only table: edits and deletions made behind
// the application's back (a second connection, triggers dropped) are found by verify.

function id17(birth: string, sequence: string): string {
  const first17 = `370404${birth}${sequence}`;
  return first17 + checkCharacter(first17);
}

function person(name: string, residentId: string): InputOf<'registry.household.create'>['members'][number]['person'] {
  return { name, residentId, phone: '', tags: [], disabilityCategory: null, disabilityGrade: null, notes: '' };
}

/** A small town with a handful of audited mutations. */
function townWithHistory(): { t: TestApp; admin: string } {
  const t = createTestApp();
  t.must('setup.run', { kind: 'town', townCode: TOWN_CODE, admin: ADMIN });
  const admin = t.must('auth.login', { username: ADMIN.username, password: ADMIN.password }).token;
  t.must('settings.update', { idleLockMinutes: 15 }, admin);
  t.must('villages.create', { code: `${TOWN_CODE}299`, name: '新建村' }, admin);
  t.must('villages.update', { code: `${TOWN_CODE}299`, name: '新建村委会', active: true }, admin);
  t.must('settings.update', { idleLockMinutes: 20 }, admin);
  return { t, admin };
}

function auditCount(db: Db): number {
  return (db.$client.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
}

/** A second connection to the same file, as someone with a SQLite shell would have. */
function tamper(file: string, sql: string[]): void {
  const other = new Database(file);
  try {
    for (const statement of sql) other.exec(statement);
  } finally {
    other.close();
  }
}

describe('the audit log of a town', () => {
  let t: TestApp;
  let admin: string;
  const copies: { db: Db; dir: string }[] = [];
  beforeAll(() => ({ t, admin } = townWithHistory()), SETUP_TIMEOUT_MS);
  afterAll(() => {
    for (const copy of copies) {
      copy.db.$client.close();
      rmSync(copy.dir, { recursive: true, force: true });
    }
    t.close();
  });

  /** The town's database as it is now, copied to a file of its own and opened there. */
  function copyOfTown(): { db: Db; file: string } {
    t.app.db.$client.pragma('wal_checkpoint(TRUNCATE)');
    const dir = mkdtempSync(join(tmpdir(), 'relief-desk-audit-'));
    const file = join(dir, 'copy.db');
    copyFileSync(t.file, file);
    const db = openDatabase({ file });
    copies.push({ db, dir });
    return { db, file };
  }

  describe('the chain', () => {
    it('verifies intact after a series of mutations, and its head is the last row', () => {
      const result = t.must('audit.verify', {}, admin);
      const rows = t.app.db.$client.prepare('SELECT * FROM audit_log ORDER BY seq').all() as {
        seq: number;
        action: string;
        prev_hash: string;
        hash: string;
      }[];
      expect(rows.map((r) => r.action)).toEqual(['setup.run', 'auth.login', 'settings.update', 'villages.create', 'villages.update', 'settings.update']);
      expect(result).toEqual({ intact: true, rows: rows.length, headHash: rows.at(-1)?.hash });
      // seq runs 1..n without gaps, each row points at the one before
      expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
      expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
      for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
    });

    it('grows by one row per mutation and stays intact', () => {
      const before = auditCount(t.app.db);
      t.must('settings.update', { idleLockMinutes: 25 }, admin);
      expect(auditCount(t.app.db)).toBe(before + 1);
      expect(t.must('audit.verify', {}, admin)).toMatchObject({ intact: true, rows: before + 1 });
    });

    it('a query writes no audit row', () => {
      const before = auditCount(t.app.db);
      t.must('villages.list', { includeInactive: true }, admin);
      t.must('audit.list', { userId: null, action: null, fromDate: null, toDate: null, beforeSeq: null, limit: 5 }, admin);
      expect(auditCount(t.app.db)).toBe(before);
    });

    it('the hash covers every field: changing any one changes it', () => {
      const row = {
        seq: 3,
        at: '2026-11-28T02:00:00.000Z',
        userId: 'u',
        username: 'admin',
        action: 'villages.create',
        entityType: 'village',
        entityId: '370404101299',
        detail: '{}',
        prevHash: 'a'.repeat(64),
      };
      const base = auditHash(row);
      const variants = [
        { ...row, seq: 4 },
        { ...row, at: '2026-11-28T02:00:00.001Z' },
        { ...row, userId: null },
        { ...row, username: 'admin2' },
        { ...row, action: 'villages.update' },
        { ...row, entityType: null },
        { ...row, entityId: '370404101298' },
        { ...row, detail: '{"a":1}' },
        { ...row, prevHash: 'b'.repeat(64) },
      ];
      for (const v of variants) expect(auditHash(v)).not.toBe(base);
    });
  });

  describe('append-only triggers', () => {
    it.each([
      ["UPDATE audit_log SET detail = '{}' WHERE seq = 1", /audit_log is append-only/],
      ['UPDATE audit_log SET seq = seq + 1000', /audit_log is append-only/],
      ['DELETE FROM audit_log WHERE seq = 1', /audit_log is append-only/],
      ['DELETE FROM audit_log', /audit_log is append-only/],
      ["UPDATE change_log SET row_json = '{}' WHERE seq = 1", /change_log is append-only/],
      ['DELETE FROM change_log WHERE seq = 1', /change_log is append-only/],
      ['DELETE FROM change_log', /change_log is append-only/],
      // REPLACE deletes the row it conflicts with; that must count as a delete
      ["INSERT OR REPLACE INTO audit_log (seq, at, action, detail, prev_hash, hash) VALUES (1, 'x', 'forged', '{}', 'p', 'h')", /audit_log is append-only/],
      ["REPLACE INTO change_log (seq, table_name, row_id, op, row_json, at) VALUES (1, 'users', 'x', 'insert', '{}', 'x')", /change_log is append-only/],
      ["INSERT INTO audit_log (seq, at, action, detail, prev_hash, hash) VALUES (1, 'x', 'x', '{}', 'p', 'h') ON CONFLICT (seq) DO UPDATE SET action = 'forged'", /audit_log is append-only/],
    ])('%s is rejected', (sql, message) => {
      const client = t.app.db.$client;
      const content = () => JSON.stringify([client.prepare('SELECT * FROM audit_log').all(), client.prepare('SELECT * FROM change_log').all()]);
      const before = content();
      expect(() => client.exec(sql)).toThrow(message);
      expect(content()).toBe(before);
    });

    it.each(["UPDATE audit_log SET detail = '{}' WHERE seq = 1", 'DELETE FROM change_log WHERE seq = 1'])(
      '%s is rejected from a second connection too',
      (sql) => {
        expect(() => tamper(t.file, [sql])).toThrow(/append-only/);
      },
    );

    it('the change log has rows to protect', () => {
      expect((t.app.db.$client.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n).toBeGreaterThan(0);
    });
  });

  // Each on a copy of the town's file, so one forgery does not hide behind another; the last
  // one on the live file, through the procedure.
  describe('tampering behind the application', () => {
    it('a deleted row is found', () => {
      const { db, file } = copyOfTown();
      const target = 5;
      tamper(file, ['DROP TRIGGER audit_log_no_delete', `DELETE FROM audit_log WHERE seq = ${target}`]);
      expect(verifyAuditChain(db)).toEqual({ intact: false, rows: target - 1, brokenAtSeq: target });
    });

    it('a deleted first row is found', () => {
      const { db, file } = copyOfTown();
      tamper(file, ['DROP TRIGGER audit_log_no_delete', 'DELETE FROM audit_log WHERE seq = 1']);
      expect(verifyAuditChain(db)).toEqual({ intact: false, rows: 0, brokenAtSeq: 1 });
    });

    it('an edit that also rewrites the row hash is found (its change-log digest no longer holds)', () => {
      const { db, file } = copyOfTown();
      const target = 3;
      const row = db.$client.prepare('SELECT * FROM audit_log WHERE seq = ?').get(target) as Record<string, unknown>;
      const forged = {
        seq: target,
        at: String(row.at),
        userId: row.user_id as string | null,
        username: row.username as string | null,
        action: String(row.action),
        entityType: row.entity_type as string | null,
        entityId: row.entity_id as string | null,
        detail: '{"forged":true}',
        prevHash: String(row.prev_hash),
      };
      tamper(file, ['DROP TRIGGER audit_log_no_update', `UPDATE audit_log SET detail = '{"forged":true}', hash = '${auditHash(forged)}' WHERE seq = ${target}`]);
      // Row 3 wrote change-log rows; the forged detail no longer vouches for them.
      expect(verifyAuditChain(db)).toEqual({ intact: false, rows: target - 1, brokenAtSeq: target });
    });

    it('an edited change-log row is found at the audit row that wrote it', () => {
      const { db, file } = copyOfTown();
      const change = db.$client.prepare("SELECT seq, audit_seq AS auditSeq FROM change_log WHERE table_name = 'villages' LIMIT 1").get() as { seq: number; auditSeq: number };
      tamper(file, ['DROP TRIGGER change_log_no_update', `UPDATE change_log SET row_json = replace(row_json, '"name":"', '"name":"X') WHERE seq = ${change.seq}`]);
      expect(verifyAuditChain(db)).toMatchObject({ intact: false, brokenAtSeq: change.auditSeq });
    });

    it('a change-log row slipped in afterwards is found', () => {
      const { db, file } = copyOfTown();
      const last = db.$client.prepare('SELECT max(seq) AS seq FROM audit_log').get() as { seq: number };
      tamper(file, [
        `INSERT INTO change_log (table_name, row_id, op, row_json, audit_seq, at) VALUES ('villages', '370404101299', 'insert', '{}', ${last.seq}, '2026-11-28T00:00:00.000Z')`,
      ]);
      expect(verifyAuditChain(db)).toMatchObject({ intact: false, brokenAtSeq: last.seq });
    });

    it('an edited row is found at its seq, also after more rows were appended', () => {
      const n = auditCount(t.app.db);
      const target = 4;
      tamper(t.file, ['DROP TRIGGER audit_log_no_update', `UPDATE audit_log SET detail = '{"input":{"idleLockMinutes":120}}' WHERE seq = ${target}`]);
      expect(t.must('audit.verify', {}, admin)).toEqual({ intact: false, rows: target - 1, brokenAtSeq: target });
      t.must('settings.update', { idleLockMinutes: 30 }, admin);
      expect(auditCount(t.app.db)).toBe(n + 1);
      expect(t.must('audit.verify', {}, admin)).toMatchObject({ intact: false, brokenAtSeq: target });
    });
  });
});

describe('secrets stay out of the audit log', () => {
  let t: TestApp;
  let tokens: ReturnType<typeof setUpTown>;
  const ids = {
    head: id17('19580304', '015'),
    spouse: id17('19600518', '026'),
    // ends in X; given lower-case at the counter
    child: (() => {
      for (let s = 0; s < 1000; s++) {
        const id = id17('19900101', String(s).padStart(3, '0'));
        if (id.endsWith('X')) return id;
      }
      throw new Error('no X');
    })(),
    other: id17('19851111', '047'),
    changed: id17('19580304', '037'),
  };
  const passwords = {
    admin: ADMIN.password,
    initial: 'Initial#2026',
    changed: 'Changed#2026',
    wrong: 'Wrong#Pass9',
    reset: 'Reset#Pass77',
    newer: 'Newer#Pass88',
    setup: 'Setup#Pass66',
  };

  beforeAll(() => {
    t = createTestApp();
    tokens = setUpTown(t);
    const clerk = tokens.clerk.token;
    t.call('auth.login', { username: 'clerk1', password: passwords.wrong });
    t.call('auth.login', { username: 'nobody', password: passwords.wrong });
    t.call('setup.run', { kind: 'town', townCode: TOWN_CODE, admin: { username: 'x2', displayName: 'x', password: passwords.setup } });
    t.must('users.resetPassword', { id: tokens.approver.id, password: passwords.reset }, tokens.admin);
    const approver = t.must('auth.login', { username: 'approver1', password: passwords.reset }).token;
    t.call('auth.changePassword', { currentPassword: passwords.wrong, newPassword: passwords.newer }, approver);
    t.must('auth.changePassword', { currentPassword: passwords.reset, newPassword: passwords.newer }, approver);
    t.call('auth.unlock', { password: passwords.wrong }, clerk);

    const created = t.must(
      'registry.household.create',
      {
        villageCode: VILLAGE_CODE,
        address: '朱沟村8号',
        phone: '',
        registration: 'rural',
        members: [
          { relation: 'head', person: person('赵大', ids.head) },
          { relation: 'spouse', person: person('钱二', ids.spouse) },
        ],
      },
      clerk,
    );
    const after = t.must('registry.member.add', { householdId: created.id, relation: 'son', person: person('赵小', ids.child.toLowerCase()) }, clerk);
    // a refused duplicate (rolled back) and a refused-but-committed login, for good measure
    t.call('registry.member.add', { householdId: created.id, relation: 'other', person: person('重复', ids.head) }, clerk);
    const head = after.members.find((m) => m.relation === 'head');
    if (!head) throw new Error('no head');
    t.must('registry.person.update', { personId: head.person.id, person: person('赵大', ids.changed) }, clerk);
    t.must('registry.person.revealId', { personId: head.person.id }, clerk);
    t.must('registry.search', { q: ids.other, limit: 5 }, clerk);
    t.must('registry.search', { q: ids.spouse, limit: 5 }, clerk);
  }, SETUP_TIMEOUT_MS);
  afterAll(() => t.close());

  function everything(table: 'audit_log' | 'change_log'): string {
    return JSON.stringify(t.app.db.$client.prepare(`SELECT * FROM ${table}`).all());
  }

  it('the actions under test were recorded', () => {
    const actions = (t.app.db.$client.prepare('SELECT action FROM audit_log').all() as { action: string }[]).map((r) => r.action);
    for (const a of ['auth.login', 'users.resetPassword', 'auth.changePassword', 'auth.unlock', 'registry.household.create', 'registry.member.add', 'registry.person.update', 'registry.person.revealId']) {
      expect(actions).toContain(a);
    }
  });

  it.each(Object.entries(passwords))('the %s password appears nowhere in the audit or change log', (_label, password) => {
    expect(everything('audit_log')).not.toContain(password);
    expect(everything('change_log')).not.toContain(password);
  });

  it.each(Object.entries(ids))('the full %s resident ID appears nowhere in the audit log', (_label, id) => {
    const log = everything('audit_log');
    expect(log).not.toContain(id);
    expect(log).not.toContain(id.toLowerCase());
    // the birth-date digits with the sequence are enough to identify a person
    expect(log).not.toContain(id.slice(6, 17));
  });

  it("a person's particulars stay out of the audit log: names, address, relation kept apart", () => {
    const log = everything('audit_log');
    for (const particular of ['朱沟村8号', '赵大', '钱二', '赵小']) expect(log).not.toContain(particular);
    expect(log).toContain('spouse');
  });

  it('a masked ID is what the audit detail keeps', () => {
    expect(everything('audit_log')).toContain(`${ids.head.slice(0, 6)}********${ids.head.slice(14)}`);
  });

  it('sanitizeDetail masks IDs and passwords at any depth, under any password-like key', () => {
    const detail = sanitizeDetail({
      password: 'a',
      newPassword: 'b',
      PASSWORD_CONFIRM: 'c',
      nested: { list: [{ residentId: ' 11010519491231002x ', currentPassword: 'd' }] },
      residentId: '370404198503120037',
    });
    expect(detail).toEqual({
      password: '***',
      newPassword: '***',
      PASSWORD_CONFIRM: '***',
      nested: { list: [{ residentId: '110105********002X', currentPassword: '***' }] },
      residentId: '370404********0037',
    });
  });
});

describe('audit.list', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(() => ({ t, admin } = townWithHistory()), SETUP_TIMEOUT_MS);
  afterAll(() => t.close());

  const all: InputOf<'audit.list'> = { userId: null, action: null, fromDate: null, toDate: null, beforeSeq: null, limit: 100 };
  const seqs = (input: Partial<InputOf<'audit.list'>>) => t.must('audit.list', { ...all, ...input }, admin).rows.map((r) => r.seq);

  it('pages newest first with beforeSeq, every row exactly once', () => {
    const total = auditCount(t.app.db);
    const walked: number[] = [];
    let beforeSeq: number | null = null;
    for (let page = 0; page < total; page++) {
      const result: OutputOf<'audit.list'> = t.must('audit.list', { ...all, beforeSeq, limit: 2 }, admin);
      walked.push(...result.rows.map((r) => r.seq));
      expect(result.rows.length).toBeLessThanOrEqual(2);
      if (!result.hasMore) break;
      beforeSeq = result.rows.at(-1)?.seq ?? null;
    }
    expect(walked).toEqual(Array.from({ length: total }, (_, i) => total - i));
  });

  it('filters by user and by action', () => {
    const adminId = t.must('auth.me', {}, admin).user.id;
    const rows = t.must('audit.list', { ...all, userId: adminId }, admin).rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.userId === adminId)).toBe(true);
    expect(seqs({ action: 'settings.update' }).length).toBe(2);
    expect(seqs({ action: 'no.such.action' })).toEqual([]);
  });

  it('reads dates as business days in Shanghai', () => {
    const before = seqs({});
    // 2026-11-29 01:00 in Shanghai, still the 28th in UTC
    t.clock.advance(Date.parse('2026-11-28T17:00:00.000Z') - t.clock.now().getTime());
    t.must('auth.unlock', { password: ADMIN.password }, admin);
    t.must('settings.update', { idleLockMinutes: 40 }, admin);
    const later = seqs({}).filter((s) => !before.includes(s));
    expect(later.length).toBeGreaterThan(0);
    expect(seqs({ fromDate: '2026-11-29' })).toEqual(later);
    expect(seqs({ toDate: '2026-11-28' })).toEqual(before);
    expect(seqs({ fromDate: '2026-11-28', toDate: '2026-11-28' })).toEqual(before);
    expect(seqs({ fromDate: '2026-11-30' })).toEqual([]);
  });

  it.each(['2026-02-30', '2026-13-01', '2026-00-10', '2026-11-31', '2025-02-29'])('refuses the impossible date %s', (date) => {
    for (const input of [{ fromDate: date }, { toDate: date }]) {
      const result = t.call('audit.list', { ...all, ...input }, admin);
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: Object.keys(input)[0] }] } });
    }
  });

  it('accepts February 29th of a leap year', () => {
    expect(t.call('audit.list', { ...all, fromDate: '2028-02-29' }, admin).ok).toBe(true);
  });
});
