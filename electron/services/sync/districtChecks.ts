import { createHash } from 'node:crypto';
import dayjs from 'dayjs';
import { formatYuan, LIMITS, maskResidentId } from '../../contract';
import type { Ctx } from '../context';
import { auditHash, GENESIS_HASH } from '../audit';
import { assert } from '../errors';
import { preparedOnce } from '../prepared';
import { BUSINESS_TZ } from '../time';
import { raiseAlert } from './alerts';
import { townName } from './districtViews';

// The checks only the district can make (issue 5 item 6), run by the importer inside the
// transaction that applies one town package, after its rows are in district_rows. They flag,
// never refuse: the package is applied whatever they find, and each finding is one alert
// (raiseAlert's key), however many packages show it again.
//
// Cost: the checks look only at what the package touched. The chain and the clock are in
// memory. The two cross-town checks read the touched rows by primary key, then make ONE
// batched lookup per package for the resident IDs they collected; only a resident ID found in
// another town leads to further reads. Those lookups filter on JSON fields, written so that
// partial expression indexes on district_rows (named in the report with issue 5) serve them.

export interface TownPackageFacts {
  townCode: string;
  sequence: number;
  /** manifest.createdAt (ISO with offset). */
  createdAt: string;
  /** The previous applied package's createdAt (null for the first). */
  previousCreatedAt: string | null;
  /** sync_peers' audit head before this package. */
  previousAuditHead: { seq: number; hash: string | null };
  manifestAuditHead: { seq: number; hash: string } | null;
  /** The package's audit_log rows in order ({seq, at, userId, username, action, entityType, entityId, detail, prevHash, hash}). */
  auditRows: Record<string, unknown>[];
  /** Every row this package changed. */
  touched: { tableName: string; rowId: string }[];
}

/** Paid temporary relief twice within this many days (12 months) is flagged across towns. */
const PAID_WINDOW_DAYS = 365;

export function checkTownPackage(ctx: Ctx, facts: TownPackageFacts): void {
  assert(ctx.db.$client.inTransaction, 'district checks run inside the import transaction');
  const town = `${townName(facts.townCode)}（${facts.townCode}）`;
  checkAuditChain(ctx, facts, town);
  checkClock(ctx, facts, town);
  checkPaidInTwoTowns(ctx, facts, town);
  checkPersonInTwoTowns(ctx, facts, town);
}

// ---- the audit chain -------------------------------------------------------------------------

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Where the package's audit rows fail to continue the chain, in words; null when they hold. */
export function auditChainBreak(facts: Pick<TownPackageFacts, 'previousAuditHead' | 'manifestAuditHead' | 'auditRows'>): string | null {
  const previous = facts.previousAuditHead;
  let prevHash: string | null = previous.seq === 0 ? GENESIS_HASH : previous.hash;
  let expectedSeq = previous.seq + 1;
  for (const row of facts.auditRows) {
    const seq = row.seq;
    if (seq !== expectedSeq) return `应为第 ${expectedSeq} 条审计记录，数据包中为第 ${String(seq)} 条`;
    // The exporter parses detail back to JSON; JSON.stringify restores the stored text exactly
    // (the town wrote it with JSON.stringify), so the town's own hash recomputes.
    const detail = typeof row.detail === 'string' ? row.detail : JSON.stringify(row.detail ?? null);
    const action = str(row.action);
    const at = str(row.at);
    const hash = str(row.hash);
    if (action === null || at === null || hash === null) return `第 ${seq} 条审计记录缺少字段`;
    if (prevHash === null || row.prevHash !== prevHash) {
      return expectedSeq === previous.seq + 1 ? `第 ${seq} 条审计记录未接续上一个数据包的链尾` : `第 ${seq} 条审计记录未接续第 ${seq - 1} 条`;
    }
    const fields = {
      seq,
      at,
      userId: str(row.userId),
      username: str(row.username),
      action,
      entityType: str(row.entityType),
      entityId: str(row.entityId),
      detail,
      prevHash,
    };
    if (auditHash(fields) !== hash) return `第 ${seq} 条审计记录的内容与其哈希不符（记录被改动）`;
    prevHash = hash;
    expectedSeq += 1;
  }
  const last = facts.auditRows.at(-1);
  const head = facts.manifestAuditHead;
  if (last === undefined) {
    const unchanged = head === null ? previous.seq === 0 : head.seq === previous.seq && (previous.seq === 0 || head.hash === previous.hash);
    return unchanged ? null : '数据包声明的审计链末端已变化，却未附审计记录';
  }
  if (head === null || head.seq !== last.seq || head.hash !== last.hash) return '数据包声明的审计链末端与所附审计记录不符';
  return null;
}

function checkAuditChain(ctx: Ctx, facts: TownPackageFacts, town: string): void {
  const broken = auditChainBreak(facts);
  if (broken === null) return;
  raiseAlert(ctx, {
    kind: 'audit_chain',
    key: `${facts.townCode}#${facts.sequence}`,
    peerCode: facts.townCode,
    sequence: facts.sequence,
    message: `${town}第 ${facts.sequence} 号数据包的审计记录不连续：${broken}。疑似篡改，数据包已导入，请到该镇街核查审计日志。`,
    detail: { previousAuditHead: facts.previousAuditHead, manifestAuditHead: facts.manifestAuditHead, auditRows: facts.auditRows.length, broken },
  });
}

// ---- the clock -------------------------------------------------------------------------------

/** An instant as the district reads it: business time, to the minute. */
function shown(iso: string): string {
  return dayjs(iso).tz(BUSINESS_TZ).format('YYYY-MM-DD HH:mm');
}

function checkClock(ctx: Ctx, facts: TownPackageFacts, town: string): void {
  const created = Date.parse(facts.createdAt);
  assert(Number.isFinite(created), `manifest createdAt is not an instant: ${facts.createdAt}`);
  const key = `${facts.townCode}#${facts.sequence}`;
  if (facts.previousCreatedAt !== null && created < Date.parse(facts.previousCreatedAt)) {
    raiseAlert(ctx, {
      kind: 'clock_backwards',
      key,
      peerCode: facts.townCode,
      sequence: facts.sequence,
      message: `${town}第 ${facts.sequence} 号数据包的生成时间 ${shown(facts.createdAt)} 早于上一个数据包的 ${shown(facts.previousCreatedAt)}：该镇街电脑时钟可能有误，数据包已导入。`,
      detail: { createdAt: facts.createdAt, previousCreatedAt: facts.previousCreatedAt },
    });
  }
  const aheadMinutes = (created - Date.parse(ctx.nowIso)) / 60_000;
  if (aheadMinutes > LIMITS.syncClockFutureToleranceMinutes) {
    raiseAlert(ctx, {
      kind: 'clock_future',
      key,
      peerCode: facts.townCode,
      sequence: facts.sequence,
      message: `${town}第 ${facts.sequence} 号数据包的生成时间 ${shown(facts.createdAt)} 晚于区级导入时间 ${shown(ctx.nowIso)} 超过 ${LIMITS.syncClockFutureToleranceMinutes / 60} 小时：该镇街电脑时钟可能有误，数据包已导入。`,
      detail: { createdAt: facts.createdAt, importedAt: ctx.nowIso },
    });
  }
}

// ---- across towns ----------------------------------------------------------------------------

type Json = Record<string, unknown>;

/**
 * The partial expression indexes on district_rows the cross-town lookups are written for (to
 * be added by the importer's migration). The expression leads: with table_name or town_code
 * first the planner prefers the primary key's (town_code, table_name) range. Without them the
 * checks still hold, each lookup then a pass over a table's rows once per package.
 */
export const DISTRICT_ROWS_JSON_INDEXES = [
  `CREATE INDEX IF NOT EXISTS district_rows_person_resident_idx ON district_rows (json_extract(row_json, '$.residentId')) WHERE table_name = 'persons'`,
  `CREATE INDEX IF NOT EXISTS district_rows_member_person_idx ON district_rows (json_extract(row_json, '$.personId'), town_code) WHERE table_name = 'household_members'`,
  `CREATE INDEX IF NOT EXISTS district_rows_case_applicant_idx ON district_rows (json_extract(row_json, '$.applicantPersonId'), town_code) WHERE table_name = 'cases'`,
  `CREATE INDEX IF NOT EXISTS district_rows_payout_case_idx ON district_rows (json_extract(row_json, '$.caseId'), town_code) WHERE table_name = 'payouts'`,
] as const;

const PERSON_COLUMNS = `d.town_code AS townCode, d.row_id AS personId, json_extract(d.row_json, '$.residentId') AS residentId`;
const PERSON_ELSEWHERE = `d.table_name = 'persons' AND d.town_code <> @town AND d.op <> 'delete'`;
const MEMBER_COLUMNS = `json_extract(m.row_json, '$.personId') AS personId, json_extract(m.row_json, '$.householdId') AS householdId`;
const MEMBER_CURRENT = `m.table_name = 'household_members' AND m.town_code = @town AND m.op <> 'delete' AND json_extract(m.row_json, '$.leftAt') IS NULL`;

/** The cross-town lookups, prepared once per connection (exported for the plan test). */
export function crossTownStatements(ctx: Ctx) {
  const db = ctx.db.$client;
  return preparedOnce(ctx.db, 'districtChecks', () => {
    const has = (name: string) => db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?`).get(name) !== undefined;
    // With an index, one lookup per id: the CROSS JOIN keeps the id list outside, or the
    // planner walks the whole range and filters. Without it, one pass over the rows for all
    // the package's ids together, never one pass per id.
    const byIds = (index: string, columns: string, where: string, alias: string, expr: string, list: string) =>
      has(index)
        ? `SELECT ${columns} FROM json_each(@${list}) AS j CROSS JOIN district_rows AS ${alias} WHERE ${where} AND ${expr} = j.value`
        : `SELECT ${columns} FROM district_rows AS ${alias} WHERE ${where} AND ${expr} IN (SELECT value FROM json_each(@${list}))`;
    return {
      // Primary key (town_code, table_name, row_id).
      row: db.prepare(`SELECT row_json FROM district_rows WHERE town_code = ? AND table_name = ? AND row_id = ? AND op <> 'delete'`).pluck(),
      // The persons of other towns with one of the resident IDs.
      personsElsewhere: db.prepare(
        byIds('district_rows_person_resident_idx', PERSON_COLUMNS, PERSON_ELSEWHERE, 'd', `json_extract(d.row_json, '$.residentId')`, 'residentIds'),
      ),
      // A town's current memberships of some persons.
      currentMemberships: db.prepare(
        byIds('district_rows_member_person_idx', MEMBER_COLUMNS, MEMBER_CURRENT, 'm', `json_extract(m.row_json, '$.personId')`, 'personIds'),
      ),
      // A town's paid temporary relief to one applicant: asked only for a resident ID found in
      // another town. `+c.row_id` drops the column's TEXT affinity so the comparison can use
      // the expression index.
      paidLinshi: db.prepare(
        `SELECT p.row_id AS payoutId, json_extract(p.row_json, '$.paidDate') AS paidDate, json_extract(p.row_json, '$.amountFen') AS amountFen,
           json_extract(c.row_json, '$.caseNo') AS caseNo
         FROM district_rows AS c CROSS JOIN district_rows AS p
         WHERE c.table_name = 'cases' AND c.town_code = @town AND json_extract(c.row_json, '$.applicantPersonId') = @personId
           AND json_extract(c.row_json, '$.reliefType') = 'linshi' AND c.op <> 'delete'
           AND p.table_name = 'payouts' AND p.town_code = @town AND json_extract(p.row_json, '$.caseId') = +c.row_id
           AND p.op <> 'delete' AND json_extract(p.row_json, '$.state') = 'paid' AND json_extract(p.row_json, '$.paidDate') IS NOT NULL`,
      ),
    };
  });
}

function rowOf(ctx: Ctx, townCode: string, tableName: string, rowId: string): Json | null {
  const json = crossTownStatements(ctx).row.get(townCode, tableName, rowId) as string | undefined;
  return json === undefined ? null : (JSON.parse(json) as Json);
}

function uniqueIds(facts: TownPackageFacts, tableName: string): string[] {
  return [...new Set(facts.touched.filter((t) => t.tableName === tableName).map((t) => t.rowId))];
}

/** The alert key for a resident ID seen in two towns: hashed, so the key column holds no ID. */
function pairKey(residentId: string, townA: string, townB: string): string {
  const [first, second] = [townA, townB].sort();
  const idHash = createHash('sha256').update(residentId).digest('hex').slice(0, 32);
  return `${idHash}|${first}|${second}`;
}

interface OtherPerson {
  townCode: string;
  personId: string;
  residentId: string;
}

function personsElsewhere(ctx: Ctx, townCode: string, residentIds: Iterable<string>): OtherPerson[] {
  const ids = [...new Set(residentIds)];
  if (ids.length === 0) return [];
  return crossTownStatements(ctx).personsElsewhere.all({ town: townCode, residentIds: JSON.stringify(ids) }) as OtherPerson[];
}

function daysBetween(a: string, b: string): number {
  return Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;
}

interface PaidHere {
  residentId: string;
  payoutId: string;
  caseNo: string;
  paidDate: string;
  amountFen: number;
}

/** The package's paid temporary-relief payouts, each with its applicant's resident ID. */
function paidLinshiTouched(ctx: Ctx, facts: TownPackageFacts): PaidHere[] {
  const found: PaidHere[] = [];
  for (const payoutId of uniqueIds(facts, 'payouts')) {
    const payout = rowOf(ctx, facts.townCode, 'payouts', payoutId);
    if (payout?.state !== 'paid' || typeof payout.paidDate !== 'string') continue;
    const kase = rowOf(ctx, facts.townCode, 'cases', String(payout.caseId));
    if (kase?.reliefType !== 'linshi') continue;
    const applicant = rowOf(ctx, facts.townCode, 'persons', String(kase.applicantPersonId));
    if (typeof applicant?.residentId !== 'string') continue;
    found.push({ residentId: applicant.residentId, payoutId, caseNo: String(kase.caseNo), paidDate: payout.paidDate, amountFen: Number(payout.amountFen) });
  }
  return found;
}

function checkPaidInTwoTowns(ctx: Ctx, facts: TownPackageFacts, town: string): void {
  const paid = paidLinshiTouched(ctx, facts);
  if (paid.length === 0) return;
  for (const other of personsElsewhere(ctx, facts.townCode, paid.map((p) => p.residentId))) {
    const there = crossTownStatements(ctx).paidLinshi.all({ town: other.townCode, personId: other.personId }) as {
      payoutId: string;
      paidDate: string;
      amountFen: number;
      caseNo: string;
    }[];
    for (const here of paid.filter((p) => p.residentId === other.residentId)) {
      const close = there.find((t) => daysBetween(t.paidDate, here.paidDate) <= PAID_WINDOW_DAYS);
      if (!close) continue;
      const otherTown = `${townName(other.townCode)}（${other.townCode}）`;
      raiseAlert(ctx, {
        kind: 'paid_in_two_towns',
        key: pairKey(here.residentId, facts.townCode, other.townCode),
        peerCode: facts.townCode,
        sequence: facts.sequence,
        message:
          `身份证号 ${maskResidentId(here.residentId)} 12 个月内在两个镇街领取临时救助：${town}${here.paidDate} 发放 ${formatYuan(here.amountFen)}（${here.caseNo}），` +
          `${otherTown}${close.paidDate} 发放 ${formatYuan(close.amountFen)}（${close.caseNo}）。由${town}第 ${facts.sequence} 号数据包发现，请核实是否重复救助。`,
        detail: {
          residentIdMasked: maskResidentId(here.residentId),
          here: { townCode: facts.townCode, payoutId: here.payoutId, caseNo: here.caseNo, paidDate: here.paidDate, amountFen: here.amountFen },
          there: { townCode: other.townCode, payoutId: close.payoutId, caseNo: close.caseNo, paidDate: close.paidDate, amountFen: close.amountFen },
        },
      });
    }
  }
}

function currentMemberships(ctx: Ctx, townCode: string, personIds: readonly string[]): Map<string, string> {
  if (personIds.length === 0) return new Map();
  const rows = crossTownStatements(ctx).currentMemberships.all({ town: townCode, personIds: JSON.stringify(personIds) }) as { personId: string; householdId: string }[];
  return new Map(rows.map((r) => [r.personId, r.householdId]));
}

function checkPersonInTwoTowns(ctx: Ctx, facts: TownPackageFacts, town: string): void {
  // A person's own row or a membership of theirs changed: either can put them in a household here.
  const personIds = new Set(uniqueIds(facts, 'persons'));
  for (const memberId of uniqueIds(facts, 'household_members')) {
    const member = rowOf(ctx, facts.townCode, 'household_members', memberId);
    if (typeof member?.personId === 'string') personIds.add(member.personId);
  }
  if (personIds.size === 0) return;
  const here = currentMemberships(ctx, facts.townCode, [...personIds]);
  const residentIdOf = new Map<string, string>();
  for (const personId of here.keys()) {
    const person = rowOf(ctx, facts.townCode, 'persons', personId);
    if (typeof person?.residentId === 'string') residentIdOf.set(person.residentId, personId);
  }
  for (const other of personsElsewhere(ctx, facts.townCode, residentIdOf.keys())) {
    const householdThere = currentMemberships(ctx, other.townCode, [other.personId]).get(other.personId);
    if (householdThere === undefined) continue;
    const personHere = residentIdOf.get(other.residentId) ?? '';
    const otherTown = `${townName(other.townCode)}（${other.townCode}）`;
    raiseAlert(ctx, {
      kind: 'person_in_two_towns',
      key: pairKey(other.residentId, facts.townCode, other.townCode),
      peerCode: facts.townCode,
      sequence: facts.sequence,
      message: `身份证号 ${maskResidentId(other.residentId)} 同时是${town}和${otherTown}两个镇街家庭的现有成员。由${town}第 ${facts.sequence} 号数据包发现，请与两镇街核实其户籍所在。`,
      detail: {
        residentIdMasked: maskResidentId(other.residentId),
        here: { townCode: facts.townCode, personId: personHere, householdId: here.get(personHere) ?? null },
        there: { townCode: other.townCode, personId: other.personId, householdId: householdThere },
      },
    });
  }
}
