import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema';
import { formatYuan, LIMITS, type DistrictReplenishmentRow, type SyncExportResult } from '../../contract';
import { auditHead } from '../audit';
import type { Ctx } from '../context';
import { assert, DomainError } from '../errors';
import { folderOfPeer, listPeers, ownKeys, peerByCode, requireKind, sealerFor, signerOf, usableFolder, type PeerRow } from './config';
import { SCHEMA_VERSION } from './exporter';
import { buildPackage, packageFileName, sha256, writePackageAtomically, type PackageRow } from './packageFormat';

// The district's answers to its towns (issue 5 item 5): replenishments of a town's reserve and
// decisions on cases the town submitted, each carried to the town by the next district → town
// package together with the acknowledgement of the town's last applied package. The rows here
// are the district's own (LOCAL_ONLY_TABLES: plain SQL); the town books them on import
// (townApply.ts). docs/sync-package.md describes the 'answers' file.

// ---- reading the towns' rows the district holds ---------------------------------------------

/** A town's row as its last package carried it (district_rows), or null if unknown or deleted. */
function townRow(ctx: Ctx, townCode: string, tableName: string, rowId: string): Record<string, unknown> | null {
  const found = ctx.db.$client
    .prepare(`SELECT row_json AS json FROM district_rows WHERE town_code = ? AND table_name = ? AND row_id = ? AND op <> 'delete'`)
    .get(townCode, tableName, rowId) as { json: string } | undefined;
  return found ? (JSON.parse(found.json) as Record<string, unknown>) : null;
}

function townClaimByNo(ctx: Ctx, townCode: string, claimNo: string): { claimNo: string; state: string; totalFen: number } | null {
  const found = ctx.db.$client
    .prepare(
      `SELECT row_json AS json FROM district_rows
        WHERE town_code = ? AND table_name = 'reimbursement_claims' AND op <> 'delete' AND json_extract(row_json, '$.claimNo') = ?`,
    )
    .get(townCode, claimNo) as { json: string } | undefined;
  if (!found) return null;
  const row = JSON.parse(found.json) as { claimNo: string; state: string; totalFen: number };
  assert(typeof row.totalFen === 'number' && typeof row.state === 'string', `claim ${claimNo} of ${townCode}: a claim row`);
  return row;
}

/** The town's latest decision row on the case (the one that submitted it to the district). */
function townLatestDecision(ctx: Ctx, townCode: string, caseId: string): Record<string, unknown> | null {
  const found = ctx.db.$client
    .prepare(
      `SELECT row_json AS json FROM district_rows
        WHERE town_code = ? AND table_name = 'decisions' AND op <> 'delete' AND json_extract(row_json, '$.caseId') = ?
        ORDER BY change_seq DESC LIMIT 1`,
    )
    .get(townCode, caseId) as { json: string } | undefined;
  return found ? (JSON.parse(found.json) as Record<string, unknown>) : null;
}

function requireTown(ctx: Ctx, townCode: string): PeerRow {
  const peer = peerByCode(ctx.db, townCode);
  if (!peer || peer.kind !== 'town') throw new DomainError('NOT_FOUND', `镇街 ${townCode} 尚未登记（请先在“数据同步”页导入该镇街的公钥）`);
  return peer;
}

// ---- replenishments ----------------------------------------------------------------------

export interface ReplenishmentInput {
  id: string;
  townCode: string;
  amountFen: number;
  voucherNo: string;
  claimNo: string | null;
  note: string;
}

interface ReplenishmentRecord extends ReplenishmentInput {
  recordedBy: string;
  recordedAt: string;
  outSequence: number | null;
}

const REPLENISHMENT_COLUMNS = `id, town_code AS townCode, amount_fen AS amountFen, voucher_no AS voucherNo, claim_no AS claimNo,
  note, recorded_by AS recordedBy, recorded_at AS recordedAt, out_sequence AS outSequence`;

function replenishmentById(ctx: Ctx, id: string): ReplenishmentRecord | null {
  return (ctx.db.$client.prepare(`SELECT ${REPLENISHMENT_COLUMNS} FROM district_replenishments WHERE id = ?`).get(id) as ReplenishmentRecord | undefined) ?? null;
}

function replenishmentView(ctx: Ctx, row: ReplenishmentRecord): DistrictReplenishmentRow {
  return {
    id: row.id,
    townCode: row.townCode,
    townName: peerByCode(ctx.db, row.townCode)?.name ?? row.townCode,
    amountFen: row.amountFen,
    voucherNo: row.voucherNo,
    claimNo: row.claimNo,
    note: row.note,
    recordedAt: row.recordedAt,
    outSequence: row.outSequence,
  };
}

function sameReplenishment(a: ReplenishmentInput, b: ReplenishmentInput): boolean {
  return a.townCode === b.townCode && a.amountFen === b.amountFen && a.voucherNo === b.voucherNo && a.claimNo === b.claimNo && a.note === b.note;
}

/** 区级补拨: recorded here, booked in the town's reserve when its next answer package arrives. */
export function recordReplenishment(ctx: Ctx, input: ReplenishmentInput): DistrictReplenishmentRow {
  requireKind(ctx.db, 'district');
  assert(ctx.actor, 'district.recordReplenishment needs a session');
  const claimNo = input.claimNo === '' ? null : input.claimNo;
  const wanted = { ...input, claimNo };
  // The client's id makes a retry (double click, dropped connection) answer as the first time.
  const existing = replenishmentById(ctx, input.id);
  if (existing) {
    if (!sameReplenishment(existing, wanted)) {
      throw new DomainError('CONFLICT', `编号相同的补拨已经登记（${existing.voucherNo}，${formatYuan(existing.amountFen)}），与本次提交的内容不同，未登记；请刷新后重新操作`);
    }
    ctx.audit.entity('district_replenishment', existing.id);
    ctx.audit.note({ retry: true });
    return replenishmentView(ctx, existing);
  }
  const peer = requireTown(ctx, input.townCode);
  const sameVoucher = ctx.db.$client
    .prepare(`SELECT id FROM district_replenishments WHERE town_code = ? AND voucher_no = ?`)
    .get(input.townCode, input.voucherNo);
  if (sameVoucher) throw new DomainError('CONFLICT', `拨款凭证号 ${input.voucherNo} 已用于${peer.name}的另一笔补拨`);
  if (claimNo !== null) {
    const claim = townClaimByNo(ctx, input.townCode, claimNo);
    if (!claim) throw new DomainError('VALIDATION', `${peer.name}报来的报账单中没有 ${claimNo}（报账单随镇街的数据包送达，请先导入）`);
    if (claim.state === 'settled') throw new DomainError('CONFLICT', `报账单 ${claimNo} 已经结算，不能再次补拨`);
    const named = ctx.db.$client
      .prepare(`SELECT voucher_no AS voucherNo FROM district_replenishments WHERE town_code = ? AND claim_no = ?`)
      .get(input.townCode, claimNo) as { voucherNo: string } | undefined;
    if (named) throw new DomainError('CONFLICT', `报账单 ${claimNo} 已由补拨（凭证号 ${named.voucherNo}）结算，尚待送达镇街`);
    if (input.amountFen !== claim.totalFen) {
      throw new DomainError('VALIDATION', `补拨金额 ${formatYuan(input.amountFen)} 与报账单 ${claimNo} 的合计 ${formatYuan(claim.totalFen)} 不符`, {
        issues: [{ path: 'amountFen', message: `应为 ${formatYuan(claim.totalFen)}` }],
      });
    }
  }
  ctx.db.$client
    .prepare(
      `INSERT INTO district_replenishments (id, town_code, amount_fen, voucher_no, claim_no, note, recorded_by, recorded_at, out_sequence)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
    )
    .run(input.id, input.townCode, input.amountFen, input.voucherNo, claimNo, input.note, ctx.actor.userId, ctx.nowIso);
  ctx.audit.entity('district_replenishment', input.id);
  ctx.audit.note({ townCode: input.townCode, amountFen: input.amountFen, voucherNo: input.voucherNo, claimNo });
  const written = replenishmentById(ctx, input.id);
  assert(written, `replenishment ${input.id} written`);
  return replenishmentView(ctx, written);
}

export function listReplenishments(ctx: Ctx, limit: number): DistrictReplenishmentRow[] {
  requireKind(ctx.db, 'district');
  const bounded = Math.min(limit, LIMITS.syncListRowsMax);
  const rows = ctx.db.$client
    .prepare(`SELECT ${REPLENISHMENT_COLUMNS} FROM district_replenishments ORDER BY recorded_at DESC, id DESC LIMIT ?`)
    .all(bounded) as ReplenishmentRecord[];
  return rows.map((r) => replenishmentView(ctx, r));
}

// ---- decisions on submitted cases --------------------------------------------------------

export interface DistrictDecideInput {
  id: string;
  townCode: string;
  caseId: string;
  outcome: 'approved' | 'refused';
  amountFen: number | null;
  opinion: string;
}

interface DecisionRecord extends DistrictDecideInput {
  caseNo: string;
  decidedByName: string;
  decidedAt: string;
}

const DECISION_COLUMNS = `id, town_code AS townCode, case_id AS caseId, case_no AS caseNo, outcome, amount_fen AS amountFen,
  opinion, decided_by_name AS decidedByName, decided_at AS decidedAt`;

function sameDecision(a: DistrictDecideInput, b: DistrictDecideInput): boolean {
  return a.townCode === b.townCode && a.caseId === b.caseId && a.outcome === b.outcome && a.amountFen === b.amountFen && a.opinion === b.opinion;
}

/** 区级审批 of a case the town submitted: one decision per case, travelling with the next answer package. */
export function decideSubmittedCase(ctx: Ctx, input: DistrictDecideInput): { id: string; caseNo: string } {
  requireKind(ctx.db, 'district');
  assert(ctx.actor, 'district.decide needs a session');
  assert((input.outcome === 'approved') === (input.amountFen !== null), 'the contract pairs an approval with its amount');
  const byId = ctx.db.$client.prepare(`SELECT ${DECISION_COLUMNS} FROM district_decisions WHERE id = ?`).get(input.id) as DecisionRecord | undefined;
  if (byId) {
    if (!sameDecision(byId, input)) throw new DomainError('CONFLICT', `编号相同的区级审批已经登记（案件 ${byId.caseNo}），与本次提交的内容不同，未登记；请刷新后重新操作`);
    ctx.audit.entity('case', byId.caseId);
    ctx.audit.note({ retry: true });
    return { id: byId.id, caseNo: byId.caseNo };
  }
  const peer = requireTown(ctx, input.townCode);
  const row = townRow(ctx, input.townCode, 'cases', input.caseId);
  if (!row) throw new DomainError('NOT_FOUND', `${peer.name}的数据包中没有这个案件`);
  const caseNo = String(row.caseNo);
  if (row.state !== 'submitted_to_district') throw new DomainError('CONFLICT', `案件 ${caseNo} 不在“报区级审批”状态（以${peer.name}最近的数据包为准）`);
  const earlier = ctx.db.$client
    .prepare(`SELECT outcome FROM district_decisions WHERE town_code = ? AND case_id = ?`)
    .get(input.townCode, input.caseId) as { outcome: string } | undefined;
  if (earlier) throw new DomainError('CONFLICT', `案件 ${caseNo} 区级已经作出决定（${earlier.outcome === 'approved' ? '批准' : '不予批准'}），等待送达镇街`);
  // Temporary relief is paid by the town against the cause on its decision (payouts.approve):
  // an approval of a case submitted without one could never be paid.
  if (input.outcome === 'approved' && row.reliefType === 'linshi') {
    const submitted = townLatestDecision(ctx, input.townCode, input.caseId);
    if (!submitted || submitted.cause === null || submitted.cause === undefined) {
      throw new DomainError('CONFLICT', `案件 ${caseNo} 报区级时未填写临时救助原因，批准后镇街无法发放；请退回镇街（不予批准并说明）后重新申请`);
    }
  }
  const user = ctx.db.select({ displayName: users.displayName }).from(users).where(eq(users.id, ctx.actor.userId)).get();
  assert(user, `acting user ${ctx.actor.userId} exists`);
  ctx.db.$client
    .prepare(
      `INSERT INTO district_decisions (id, town_code, case_id, case_no, outcome, amount_fen, opinion, decided_by, decided_by_name, decided_at, out_sequence)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
    )
    .run(input.id, input.townCode, input.caseId, caseNo, input.outcome, input.amountFen, input.opinion, ctx.actor.userId, user.displayName, ctx.nowIso);
  ctx.audit.entity('case', input.caseId);
  ctx.audit.note({ townCode: input.townCode, caseNo, outcome: input.outcome, amountFen: input.amountFen });
  return { id: input.id, caseNo };
}

// ---- the answer packages -----------------------------------------------------------------

export interface ReplyMade extends SyncExportResult {
  townCode: string;
}

interface OutboxRow {
  sequence: number;
  fileName: string;
  packageSha256: string;
  ackSequence: number;
}

function lastOutbox(ctx: Ctx, townCode: string): OutboxRow | null {
  return (
    (ctx.db.$client
      .prepare(
        `SELECT sequence, file_name AS fileName, package_sha256 AS packageSha256, ack_sequence AS ackSequence
           FROM district_outbox WHERE town_code = ? ORDER BY sequence DESC LIMIT 1`,
      )
      .get(townCode) as OutboxRow | undefined) ?? null
  );
}

/** Rows of the 'answers' file (docs/sync-package.md): the acknowledgement first, then the rest. */
function answerRows(ctx: Ctx, peer: PeerRow): { rows: PackageRow[]; replenishmentIds: string[]; decisionIds: string[] } {
  const rows: PackageRow[] = [];
  if (peer.lastSequence > 0) {
    assert(peer.lastPackageSha256, `town ${peer.code}: an applied package has its hash`);
    rows.push({ type: 'ack', sequence: peer.lastSequence, packageSha256: peer.lastPackageSha256 });
  }
  const replenishments = ctx.db.$client
    .prepare(`SELECT ${REPLENISHMENT_COLUMNS} FROM district_replenishments WHERE town_code = ? AND out_sequence IS NULL ORDER BY recorded_at, id`)
    .all(peer.code) as ReplenishmentRecord[];
  for (const r of replenishments) {
    rows.push({ type: 'replenishment', id: r.id, amountFen: r.amountFen, voucherNo: r.voucherNo, claimNo: r.claimNo, note: r.note, recordedAt: r.recordedAt });
  }
  const decisions = ctx.db.$client
    .prepare(`SELECT ${DECISION_COLUMNS} FROM district_decisions WHERE town_code = ? AND out_sequence IS NULL ORDER BY decided_at, id`)
    .all(peer.code) as DecisionRecord[];
  for (const d of decisions) {
    rows.push({
      type: 'decision',
      id: d.id,
      caseId: d.caseId,
      caseNo: d.caseNo,
      outcome: d.outcome,
      amountFen: d.amountFen,
      opinion: d.opinion,
      decidedByName: d.decidedByName,
      decidedAt: d.decidedAt,
    });
  }
  assert(rows.length <= LIMITS.syncFileRowsMax, `answers for ${peer.code} fit one file`);
  return { rows, replenishmentIds: replenishments.map((r) => r.id), decisionIds: decisions.map((d) => d.id) };
}

/** Writes after the commit; a failure (the stick pulled) is logged and the stored package is
 *  written again by the next exportReplies, which looks for missing files. */
function writeAfterCommit(ctx: Ctx, folder: string, fileName: string, bytes: Buffer): void {
  ctx.afterCommit(() => {
    try {
      writePackageAtomically(folder, fileName, bytes);
    } catch (error) {
      ctx.log.error('district answer package not written', { folder, fileName, error: String(error) });
    }
  });
}

/** Answer packages already made whose file is gone from the town's folder (a stick swapped): written again as stored. */
function rewriteMissing(ctx: Ctx, peer: PeerRow, folder: string): string[] {
  const stored = ctx.db.$client
    .prepare(`SELECT file_name AS fileName FROM district_outbox WHERE town_code = ? ORDER BY sequence`)
    .all(peer.code) as { fileName: string }[];
  const missing = stored.filter((s) => !existsSync(join(folder, s.fileName))).map((s) => s.fileName);
  for (const fileName of missing) {
    const row = ctx.db.$client.prepare(`SELECT content FROM district_outbox WHERE town_code = ? AND file_name = ?`).get(peer.code, fileName) as
      | { content: Buffer }
      | undefined;
    assert(row, `outbox ${fileName} read`);
    writeAfterCommit(ctx, folder, fileName, row.content);
  }
  return missing;
}

function folderProblem(folder: string): string | null {
  try {
    usableFolder(folder, '写回执数据包');
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error.message;
    throw error;
  }
}

/**
 * For each enrolled town with something new (a package of its applied since the last answer,
 * or replenishments and decisions not yet carried) the next district → town package: stored
 * with its bytes in district_outbox in this transaction, written to the town's folder after
 * the commit. Lost answer files are written again as they were.
 */
export function exportReplies(ctx: Ctx): ReplyMade[] {
  requireKind(ctx.db, 'district');
  const towns = listPeers(ctx.db).filter((p) => p.kind === 'town');
  const made: ReplyMade[] = [];
  const rewritten: string[] = [];
  const waiting: { townCode: string; error: DomainError }[] = [];
  let signer: ReturnType<typeof signerOf> | null = null;
  for (const peer of towns) {
    const last = lastOutbox(ctx, peer.code);
    const answers = answerRows(ctx, peer);
    const news = peer.lastSequence > (last?.ackSequence ?? 0) || answers.replenishmentIds.length > 0 || answers.decisionIds.length > 0;
    if (!news) {
      // Nothing new: only lost files to write again, if the town's folder is there at all (a
      // town's own stick not plugged in must not stop the answers to the others).
      if (last === null) continue;
      const folder = folderOfPeer(ctx.db, peer);
      if (folderProblem(folder) === null) rewritten.push(...rewriteMissing(ctx, peer, folder));
      continue;
    }
    // A town whose own folder is not there (its stick not plugged in) waits for the next run;
    // the others get their answers. Only when no town could be answered is the problem thrown.
    let folder: string;
    try {
      folder = usableFolder(folderOfPeer(ctx.db, peer), `为${peer.name}生成回执数据包`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      waiting.push({ townCode: peer.code, error });
      continue;
    }
    rewritten.push(...rewriteMissing(ctx, peer, folder));
    signer ??= signerOf(ownKeys(ctx));
    const sequence = (last?.sequence ?? 0) + 1;
    const head = auditHead(ctx.db);
    const bytes = buildPackage({
      manifestFields: {
        kind: 'district',
        townCode: peer.code,
        sequence,
        previousPackageSha256: last?.packageSha256 ?? null,
        schemaVersion: SCHEMA_VERSION,
        createdAt: ctx.nowIso,
        auditHead: head,
        reserve: {
          balanceFen: peer.reserveBalanceFen ?? 0,
          heldFen: peer.reserveHeldFen ?? 0,
          availableFen: peer.reserveAvailableFen ?? 0,
        },
      },
      files: [{ name: 'answers', rows: answers.rows, personal: true }],
      signer,
      sealer: sealerFor(peer),
    });
    const fileName = packageFileName(peer.code, sequence, 'district');
    ctx.db.$client
      .prepare(
        `INSERT INTO district_outbox (town_code, sequence, file_name, created_at, rows, bytes, package_sha256, content, ack_sequence)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(peer.code, sequence, fileName, ctx.nowIso, answers.rows.length, bytes.length, sha256(bytes), bytes, peer.lastSequence);
    const carry = (table: 'district_replenishments' | 'district_decisions', ids: readonly string[]) => {
      const update = ctx.db.$client.prepare(`UPDATE ${table} SET out_sequence = ? WHERE id = ? AND out_sequence IS NULL`);
      for (const id of ids) assert(update.run(sequence, id).changes === 1, `${table} ${id} carried once`);
    };
    carry('district_replenishments', answers.replenishmentIds);
    carry('district_decisions', answers.decisionIds);
    writeAfterCommit(ctx, folder, fileName, bytes);
    made.push({ townCode: peer.code, sequence, fileName, rows: answers.rows.length, bytes: bytes.length, path: join(folder, fileName) });
  }
  const firstWaiting = waiting[0];
  if (made.length === 0 && firstWaiting) throw firstWaiting.error;
  ctx.audit.note({
    packages: made.map((m) => ({ townCode: m.townCode, sequence: m.sequence, rows: m.rows })),
    rewritten,
    waiting: waiting.map((w) => ({ townCode: w.townCode, why: w.error.message })),
  });
  return made;
}
