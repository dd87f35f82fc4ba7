import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskResidentId } from '../../contract';
import { madeUpId } from '../../testing/caseFixtures';
import { copyToDistrict, districtCtx, districtRun, enrolTown, familyWith, paidLinshi, townMoveTo, townRun, type CopiedPackage, type TownRun } from '../../testing/districtStore';
import { SETUP_TIMEOUT_MS, VILLAGE_CODE, type TestApp } from '../../testing/testApp';
import { auditChainBreak, checkTownPackage, crossTownStatements, DISTRICT_ROWS_JSON_INDEXES, type TownPackageFacts } from './districtChecks';

// The district-only checks over two real towns: 阴平镇 (A) and 底阁镇 (B) each run their own
// app; their change and audit logs are copied into a district app's district_rows, and each
// "package" is checked as the importer will, inside its transaction.

const A = '370404101';
const B = '370404102';
const R1 = madeUpId('19800101', 901); // paid in B on 2026-06-01 and in A on 2026-11-28: flagged
const R2 = madeUpId('19810202', 903); // paid in B on 2025-10-01 and in A on 2026-11-28: 423 days, not flagged
const R3 = madeUpId('19820303', 905); // A only
const R4 = madeUpId('19830404', 907); // B only

let townA: TownRun;
let townB: TownRun;
let district: TestApp;
let pkgA: CopiedPackage;
let pkgB: CopiedPackage;

function headOf(rows: readonly Record<string, unknown>[]): { seq: number; hash: string } | null {
  const last = rows.at(-1);
  return last ? { seq: last.seq as number, hash: last.hash as string } : null;
}

function factsOf(town: TownRun, pkg: CopiedPackage, patch: Partial<TownPackageFacts> = {}): TownPackageFacts {
  return {
    townCode: town.code,
    sequence: 1,
    createdAt: town.t.clock.now().toISOString(),
    previousCreatedAt: null,
    previousAuditHead: { seq: 0, hash: null },
    manifestAuditHead: headOf(pkg.auditRows),
    auditRows: pkg.auditRows,
    touched: pkg.touched,
    ...patch,
  };
}

function check(facts: TownPackageFacts, nowIso = district.clock.now().toISOString()): void {
  district.app.db.$client.transaction(() => checkTownPackage(districtCtx(district, nowIso), facts))();
}

interface AlertRow {
  kind: string;
  key: string;
  peer_code: string | null;
  sequence: number | null;
  message: string;
  detail_json: string;
}

function alerts(kind: string): AlertRow[] {
  return district.app.db.$client.prepare('SELECT * FROM sync_alerts WHERE kind = ? ORDER BY id').all(kind) as AlertRow[];
}

beforeAll(() => {
  townB = townRun(B, '370404102215', '2025-10-01');
  paidLinshi(townB, familyWith(townB, '李', [R2]), 80_000);
  townMoveTo(townB, '2026-06-01');
  paidLinshi(townB, familyWith(townB, '张', [R1]), 50_000);
  familyWith(townB, '赵', [R4]);

  townA = townRun(A, VILLAGE_CODE, '2026-11-28');
  paidLinshi(townA, familyWith(townA, '张', [R1]), 100_000);
  paidLinshi(townA, familyWith(townA, '李', [R2]), 60_000);
  paidLinshi(townA, familyWith(townA, '王', [R3]), 30_000);

  district = districtRun().t;
  // This district runs the checks' fallback (a store without the JSON indexes, as before
  // migration 0010); the second describe below runs them with the indexes.
  for (const sql of DISTRICT_ROWS_JSON_INDEXES) district.app.db.$client.exec(`DROP INDEX ${/CREATE INDEX (?:IF NOT EXISTS )?(\w+)/.exec(sql)?.[1] ?? ''}`);
  enrolTown(district, A, '阴平镇');
  enrolTown(district, B, '底阁镇');
  pkgB = copyToDistrict(townB, district, 1);
  check(factsOf(townB, pkgB));
  pkgA = copyToDistrict(townA, district, 1);
  check(factsOf(townA, pkgA));
}, SETUP_TIMEOUT_MS);

afterAll(() => {
  for (const t of [townA.t, townB.t, district]) t.close();
});

describe('paid_in_two_towns', () => {
  it('flags the resident ID paid temporary relief in two towns within 12 months, once, with the ID masked', () => {
    const found = alerts('paid_in_two_towns');
    expect(found).toHaveLength(1);
    const [alert] = found;
    expect(alert?.peer_code).toBe(A);
    expect(alert?.sequence).toBe(1);
    expect(alert?.message).toContain(maskResidentId(R1));
    expect(alert?.message).not.toContain(R1);
    expect(alert?.message).toContain('阴平镇');
    expect(alert?.message).toContain('底阁镇');
    expect(alert?.message).toContain('2026-11-28');
    expect(alert?.message).toContain('2026-06-01');
    expect(alert?.message).toContain('¥1,000.00');
    expect(alert?.message).toContain('第 1 号数据包');
    expect(JSON.parse(alert?.detail_json ?? '{}')).toMatchObject({ here: { townCode: A, amountFen: 100_000 }, there: { townCode: B, amountFen: 50_000, paidDate: '2026-06-01' } });
  });

  it('does not flag payments more than 12 months apart, nor an ID paid in one town only', () => {
    const messages = alerts('paid_in_two_towns').map((a) => a.message).join('\n');
    expect(messages).not.toContain(maskResidentId(R2));
    expect(messages).not.toContain(maskResidentId(R3));
  });

  it('raised nothing while only the first town was in the store', () => {
    // B's package was checked before A's rows arrived: every alert names A's package.
    expect(district.app.db.$client.prepare('SELECT count(*) AS n FROM sync_alerts WHERE peer_code = ?').get(B)).toEqual({ n: 0 });
  });
});

describe('person_in_two_towns', () => {
  it('flags a resident ID that is a current member of households in two towns, one alert per ID and pair of towns', () => {
    const found = alerts('person_in_two_towns');
    expect(found).toHaveLength(2);
    const messages = found.map((a) => a.message).join('\n');
    for (const id of [R1, R2]) expect(messages).toContain(maskResidentId(id));
    for (const id of [R3, R4]) expect(messages).not.toContain(maskResidentId(id));
    expect(messages).not.toContain(R1);
    expect(found[0]?.message).toMatch(/阴平镇.*底阁镇/);
  });

  it('checking the same package again, or a later one showing the same, raises nothing new', () => {
    const before = district.app.db.$client.prepare('SELECT count(*) AS n FROM sync_alerts').get();
    check(factsOf(townA, pkgA));
    check(factsOf(townA, pkgA, { sequence: 2, previousCreatedAt: townA.t.clock.now().toISOString(), previousAuditHead: headOf(pkgA.auditRows) ?? { seq: 0, hash: null }, auditRows: [] }));
    expect(district.app.db.$client.prepare('SELECT count(*) AS n FROM sync_alerts').get()).toEqual(before);
  });

  it('a membership that ended in the other town is not a second household', () => {
    const db = district.app.db.$client;
    db.prepare(`DELETE FROM sync_alerts WHERE kind = 'person_in_two_towns'`).run();
    // R2's membership in B ends (as a town records it: left_at and the reason on the row).
    const bPerson = db.prepare(`SELECT row_id FROM district_rows WHERE town_code = ? AND table_name = 'persons' AND json_extract(row_json, '$.residentId') = ?`).pluck().get(B, R2) as string;
    db.prepare(
      `UPDATE district_rows SET row_json = json_set(row_json, '$.leftAt', '2026-11-01', '$.leftReason', '迁出')
       WHERE town_code = ? AND table_name = 'household_members' AND json_extract(row_json, '$.personId') = ?`,
    ).run(B, bPerson);
    check(factsOf(townA, pkgA));
    const found = alerts('person_in_two_towns');
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain(maskResidentId(R1));
  });

  it('only what the package touched is looked at', () => {
    const db = district.app.db.$client;
    db.prepare(`DELETE FROM sync_alerts WHERE kind IN ('person_in_two_towns', 'paid_in_two_towns')`).run();
    check(factsOf(townA, pkgA, { touched: [] }));
    expect(alerts('person_in_two_towns')).toHaveLength(0);
    expect(alerts('paid_in_two_towns')).toHaveLength(0);
    // A package touching only R1's payout row finds the payment again.
    const payoutIds = pkgA.touched.filter((t) => t.tableName === 'payouts');
    check(factsOf(townA, pkgA, { touched: payoutIds }));
    expect(alerts('paid_in_two_towns')).toHaveLength(1);
    expect(alerts('person_in_two_towns')).toHaveLength(0);
  });
});

describe('audit_chain', () => {
  const rows = () => pkgA.auditRows;
  const intact = () => ({ previousAuditHead: { seq: 0, hash: null }, manifestAuditHead: headOf(rows()), auditRows: rows() });

  it('holds for a town package as the town wrote it, and for the next package continuing it', () => {
    expect(rows().length).toBeGreaterThan(10);
    expect(auditChainBreak(intact())).toBeNull();
    const k = 5;
    const first = rows().slice(0, k);
    const rest = rows().slice(k);
    expect(auditChainBreak({ previousAuditHead: { seq: 0, hash: null }, manifestAuditHead: headOf(first), auditRows: first })).toBeNull();
    expect(auditChainBreak({ previousAuditHead: headOf(first) ?? { seq: 0, hash: null }, manifestAuditHead: headOf(rows()), auditRows: rest })).toBeNull();
    // No activity: no rows, the head unchanged.
    expect(auditChainBreak({ previousAuditHead: headOf(rows()) ?? { seq: 0, hash: null }, manifestAuditHead: headOf(rows()), auditRows: [] })).toBeNull();
    expect(alerts('audit_chain')).toHaveLength(0);
  });

  it('finds an edited row, a missing row, a chain that does not start at the previous head, and a head that lies', () => {
    const edited = rows().map((r, i) => (i === 3 ? { ...r, detail: { ...(r.detail as object), amountFen: 1 } } : r));
    expect(auditChainBreak({ ...intact(), auditRows: edited })).toContain('第 4 条审计记录的内容与其哈希不符');
    const missing = rows().filter((_, i) => i !== 6);
    expect(auditChainBreak({ ...intact(), auditRows: missing })).toContain('应为第 7 条审计记录');
    const rest = rows().slice(5);
    expect(auditChainBreak({ previousAuditHead: { seq: 5, hash: 'f'.repeat(64) }, manifestAuditHead: headOf(rows()), auditRows: rest })).toContain('未接续上一个数据包的链尾');
    expect(auditChainBreak({ previousAuditHead: { seq: 0, hash: null }, manifestAuditHead: headOf(rows()), auditRows: rest })).toContain('应为第 1 条');
    const wrongHead = { seq: rows().length, hash: '0'.repeat(64) };
    expect(auditChainBreak({ ...intact(), manifestAuditHead: wrongHead })).toContain('审计链末端与所附审计记录不符');
    expect(auditChainBreak({ ...intact(), manifestAuditHead: null })).toContain('不符');
    expect(auditChainBreak({ previousAuditHead: { seq: 3, hash: 'a'.repeat(64) }, manifestAuditHead: { seq: 4, hash: 'b'.repeat(64) }, auditRows: [] })).toContain('未附审计记录');
  });

  it('raises one alert naming the town and the package, and the package is still applied', () => {
    const edited = rows().map((r, i) => (i === 3 ? { ...r, action: 'users.delete' } : r));
    const facts = factsOf(townA, pkgA, { sequence: 7, auditRows: edited, touched: [] });
    check(facts);
    check(facts);
    const found = alerts('audit_chain');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ peer_code: A, sequence: 7 });
    expect(found[0]?.message).toContain('阴平镇');
    expect(found[0]?.message).toContain('第 7 号数据包');
    expect(found[0]?.message).toContain('疑似篡改');
  });
});

describe('the town clock', () => {
  const quiet = (patch: Partial<TownPackageFacts>): TownPackageFacts => ({
    townCode: B,
    sequence: 1,
    createdAt: '2026-11-28T22:00:00.000+08:00',
    previousCreatedAt: null,
    previousAuditHead: headOf(pkgB.auditRows) ?? { seq: 0, hash: null },
    manifestAuditHead: headOf(pkgB.auditRows),
    auditRows: [],
    touched: [],
    ...patch,
  });
  const now = '2026-11-29T01:00:00.000Z';

  it('flags a package made before the previous one, never one made at the same time or after', () => {
    check(quiet({ sequence: 20, previousCreatedAt: '2026-11-28T22:00:00.000+08:00' }), now);
    check(quiet({ sequence: 21, previousCreatedAt: '2026-11-27T22:00:00.000+08:00' }), now);
    expect(alerts('clock_backwards')).toHaveLength(0);
    check(quiet({ sequence: 22, createdAt: '2026-11-25T09:30:00.000+08:00', previousCreatedAt: '2026-11-28T22:00:00.000+08:00' }), now);
    const found = alerts('clock_backwards');
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain('底阁镇');
    expect(found[0]?.message).toContain('第 22 号数据包');
    expect(found[0]?.message).toContain('2026-11-25 09:30');
    expect(found[0]?.message).toContain('2026-11-28 22:00');
  });

  it('flags a package made more than the tolerance (24 hours) after the district imports it', () => {
    check(quiet({ sequence: 23, createdAt: '2026-11-30T08:00:00.000+08:00' }), now); // 23 hours ahead
    expect(alerts('clock_future')).toHaveLength(0);
    check(quiet({ sequence: 24, createdAt: '2026-11-30T10:00:00.000+08:00' }), now); // 25 hours ahead
    const found = alerts('clock_future');
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain('第 24 号数据包');
    expect(found[0]?.message).toContain('2026-11-30 10:00');
    expect(found[0]?.message).toContain('2026-11-29 09:00');
    expect(alerts('audit_chain')).toHaveLength(1); // the quiet packages' empty chains hold
  });

  it('refuses to run outside the import transaction', () => {
    expect(() => checkTownPackage(districtCtx(district), quiet({}))).toThrow(/inside the import transaction/);
  });
});

describe('with the JSON indexes the lookups are written for', () => {
  it('each lookup reads its index, and the checks find the same', () => {
    const indexed = districtRun().t;
    try {
      // Migration 0010 made them; the statement is idempotent and says the same.
      for (const sql of DISTRICT_ROWS_JSON_INDEXES) indexed.app.db.$client.exec(sql);
      enrolTown(indexed, A, '阴平镇');
      enrolTown(indexed, B, '底阁镇');
      const run = (town: TownRun, pkg: CopiedPackage) =>
        indexed.app.db.$client.transaction(() => checkTownPackage(districtCtx(indexed), factsOf(town, pkg)))();
      run(townB, copyToDistrict(townB, indexed, 1));
      run(townA, copyToDistrict(townA, indexed, 1));
      const found = indexed.app.db.$client.prepare('SELECT kind, message FROM sync_alerts ORDER BY id').all() as { kind: string; message: string }[];
      expect(found.map((a) => a.kind).sort()).toEqual(['paid_in_two_towns', 'person_in_two_towns', 'person_in_two_towns']);
      const s = crossTownStatements(districtCtx(indexed));
      const plan = (source: string) =>
        (indexed.app.db.$client.prepare(`EXPLAIN QUERY PLAN ${source}`).all({ town: A, personId: 'p', residentIds: '[]', personIds: '[]' }) as { detail: string }[])
          .map((r) => r.detail)
          .join('; ');
      expect(plan(s.personsElsewhere.source)).toContain('USING INDEX district_rows_person_resident_idx');
      expect(plan(s.currentMemberships.source)).toContain('USING INDEX district_rows_member_person_idx');
      expect(plan(s.paidLinshi.source)).toContain('USING INDEX district_rows_case_applicant_idx');
      expect(plan(s.paidLinshi.source)).toContain('USING INDEX district_rows_payout_case_idx');
      // Without them (the first district), one pass per package over the rows, not one per id.
      const unindexed = crossTownStatements(districtCtx(district));
      expect(unindexed.personsElsewhere.source).toContain('IN (SELECT value FROM json_each(@residentIds))');
      expect(unindexed.currentMemberships.source).toContain('IN (SELECT value FROM json_each(@personIds))');
    } finally {
      indexed.close();
    }
  });
});
