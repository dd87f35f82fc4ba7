// Test support for the district console (imported by *.test.ts only): towns run real activity
// in their own test apps, and their change_log and audit_log rows are copied into a district
// test app's district_rows as the importer stores them (without its verification), so the
// district's views and checks can be tested before and apart from the importer.
import { v7 as uuidv7 } from 'uuid';
import type { HouseholdView } from '../contract';
import type { Ctx } from '../services/context';
import { businessDate } from '../services/time';
import { materialsOf } from './caseFixtures';
import { counterUser } from './caseDriving';
import { moveTo } from './claimFixtures';
import { ADMIN, createTestApp, type TestApp } from './testApp';

export interface TownRun {
  t: TestApp;
  code: string;
  villageCode: string;
  admin: string;
  clerk: { id: string; token: string };
  approver: { id: string; token: string };
}

/** A town set up with `code` whose clock starts at 10:00 (Asia/Shanghai) on `firstDay`, with 50,000 yuan in its reserve. */
export function townRun(code: string, villageCode: string, firstDay: string): TownRun {
  const t = createTestApp();
  t.clock.advance(Date.parse(`${firstDay}T02:00:00Z`) - t.clock.now().getTime());
  t.must('setup.run', { kind: 'town', townCode: code, admin: ADMIN });
  const admin = t.must('auth.login', { username: ADMIN.username, password: ADMIN.password }).token;
  const town = { t, code, villageCode, admin, clerk: counterUser(t, admin, 'clerk1', ['clerk']), approver: counterUser(t, admin, 'approver1', ['approver']) };
  t.must('reserve.allocate', { id: uuidv7(), amountFen: 5_000_000, documentNo: '峄民发〔2026〕12号', note: '' }, admin);
  return town;
}

/** The town's clock moves forward to 10:00 on `date`; each session unlocks. */
export function townMoveTo(town: TownRun, date: string): void {
  moveTo({ t: town.t, admin: town.admin, clerk: town.clerk.token, approver: town.approver.token, approverId: town.approver.id }, date);
}

/** A household in the town's village whose members carry the given resident IDs (the first is the head). */
export function familyWith(town: TownRun, surname: string, residentIds: readonly string[]): HouseholdView {
  const relations = ['head', 'spouse', 'son', 'daughter'] as const;
  return town.t.must(
    'registry.household.create',
    {
      villageCode: town.villageCode,
      address: `${surname}家`,
      phone: '',
      registration: 'rural',
      members: residentIds.map((residentId, i) => ({
        relation: relations[i] ?? 'other',
        person: { name: `${surname}${i + 1}`, residentId, phone: '', tags: [], disabilityCategory: null, disabilityGrade: null, notes: '' },
      })),
    },
    town.clerk.token,
  );
}

/** A 先行救助 of `amountFen` in cash to the family's head, approved and paid today: its case and payout ids. */
export function paidLinshi(town: TownRun, family: HouseholdView, amountFen: number): { caseId: string; payoutId: string; paidDate: string } {
  const head = family.members[0];
  if (!head) throw new Error('family has no head');
  const [accepted] = town.t.must(
    'cases.intake',
    {
      householdId: family.id,
      applicantPersonId: head.person.id,
      channel: 'window',
      assistantName: null,
      reason: '房屋失火',
      commitmentRoute: false,
      kinds: [{ reliefType: 'linshi', category: '急难型', materials: materialsOf('linshi') }],
    },
    town.clerk.token,
  ).cases;
  if (!accepted) throw new Error('intake made no case');
  const approved = town.t.must(
    'payouts.emergency',
    { id: uuidv7(), caseId: accepted.id, amountFen, cause: 'fire', opinion: '先行救助', repeatReason: null, payee: { proxy: false }, payment: { method: 'cash' } },
    town.approver.token,
  );
  const paid = town.t.must('payouts.pay', { payoutId: approved.id, postId: uuidv7(), transferReference: null }, town.approver.token);
  return { caseId: accepted.id, payoutId: paid.id, paidDate: paid.paidDate ?? '' };
}

/** The district installation (setup kind 'district') and its admin's token. */
export function districtRun(): { t: TestApp; admin: string } {
  const t = createTestApp();
  t.must('setup.run', { kind: 'district', townCode: null, admin: ADMIN });
  return { t, admin: t.must('auth.login', { username: ADMIN.username, password: ADMIN.password }).token };
}

/** Enrols a town as the district's peer (made-up keys: nothing here reads a package). */
export function enrolTown(district: TestApp, code: string, name: string): void {
  district.app.db.$client
    .prepare(
      `INSERT INTO sync_peers (code, name, kind, signing_public_key, agreement_public_key, fingerprint, folder, enrolled_at)
       VALUES (?, ?, 'town', ?, ?, ?, NULL, ?)`,
    )
    .run(code, name, 'ab'.repeat(32), 'cd'.repeat(32), `FP-${code}`, district.clock.now().toISOString());
}

export interface CopiedPackage {
  touched: { tableName: string; rowId: string }[];
  /** The audit rows as a package carries them: camelCase, detail parsed. */
  auditRows: Record<string, unknown>[];
  /** The last change_log and audit_log seq copied: where the next package starts. */
  to: { changeSeq: number; auditSeq: number };
}

interface ChangeRow {
  seq: number;
  table_name: string;
  row_id: string;
  op: string;
  row_json: string;
}

interface AuditLogRow {
  seq: number;
  at: string;
  user_id: string | null;
  username: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

/**
 * The town's change_log and audit_log rows after `from` copied into the district's
 * district_rows under `packageSequence`, the latest version of each row winning, as the
 * importer applies a package (less its verification).
 */
export function copyToDistrict(
  town: TownRun,
  district: TestApp,
  packageSequence: number,
  from: { changeSeq: number; auditSeq: number } = { changeSeq: 0, auditSeq: 0 },
): CopiedPackage {
  const changes = town.t.app.db.$client
    .prepare('SELECT seq, table_name, row_id, op, row_json FROM change_log WHERE seq > ? ORDER BY seq')
    .all(from.changeSeq) as ChangeRow[];
  const audits = town.t.app.db.$client.prepare('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq').all(from.auditSeq) as AuditLogRow[];
  const auditRows = audits.map((a) => ({
    seq: a.seq,
    at: a.at,
    userId: a.user_id,
    username: a.username,
    action: a.action,
    entityType: a.entity_type,
    entityId: a.entity_id,
    detail: JSON.parse(a.detail) as unknown,
    prevHash: a.prev_hash,
    hash: a.hash,
  }));
  const upsert = district.app.db.$client.prepare(
    `INSERT OR REPLACE INTO district_rows (town_code, table_name, row_id, op, row_json, change_seq, package_sequence) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  district.app.db.$client.transaction(() => {
    for (const c of changes) upsert.run(town.code, c.table_name, c.row_id, c.op, c.row_json, c.seq, packageSequence);
    for (const a of auditRows) upsert.run(town.code, 'audit_log', String(a.seq), 'insert', JSON.stringify(a), 0, packageSequence);
  })();
  return {
    touched: changes.map((c) => ({ tableName: c.table_name, rowId: c.row_id })),
    auditRows,
    to: { changeSeq: changes.at(-1)?.seq ?? from.changeSeq, auditSeq: audits.at(-1)?.seq ?? from.auditSeq },
  };
}

/** A ctx on the district app at `nowIso` (default: its clock), built the way dispatch() builds one. */
export function districtCtx(district: TestApp, nowIso: string = district.clock.now().toISOString()): Ctx {
  return {
    ...district.app,
    actor: null,
    sessionToken: null,
    nowIso,
    today: businessDate(new Date(nowIso)),
    changes: [],
    audit: { entity: () => undefined, note: () => undefined, actAs: () => undefined, extra: () => undefined },
    afterCommit: () => undefined,
    afterCommitAsync: () => undefined,
  };
}
