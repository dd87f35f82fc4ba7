import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { cases, decisions, reimbursementClaims, reserveTransfers } from '../../../db/schema';
import { formatYuan, LIMITS } from '../../contract';
import { latestDecision } from '../cases/steps/decisions';
import { caseReliefType, caseState, type CaseRecord } from '../cases/records';
import { applyCaseEvent } from '../cases/transitions';
import type { Ctx } from '../context';
import { assert, DomainError } from '../errors';
import { livePayoutOfCase } from '../payouts/records';
import { replenishSettling } from '../reserve/claims';
import { transferById } from '../reserve/ledger';
import { insertRow } from '../rows';
import { requireKind } from './config';
import { PackageError, type ReadResult } from './packageFormat';

// A town applies the district's answer package (issue 5 item 5), inside the importer's
// transaction for that one verified package: the acknowledgement marks the town's packages the
// district has applied, a replenishment is booked in the reserve exactly as the town admin's
// 区级补拨 is (settling its claim), a decision moves the submitted case as the life cycle's
// district events say. Everything but sync_exports goes through rows.ts, so it travels back to
// the district in the town's next package.

const ANSWERS_FILE = 'answers.ndjson.gz';

const uuid = z.string().uuid();
const ackRow = z.strictObject({ type: z.literal('ack'), sequence: z.number().int().min(1), packageSha256: z.string().regex(/^[0-9a-f]{64}$/) });
const replenishmentRow = z.strictObject({
  type: z.literal('replenishment'),
  id: uuid,
  amountFen: z.number().int().min(1),
  voucherNo: z.string().min(1).max(LIMITS.textShortMax),
  claimNo: z.string().min(1).max(LIMITS.textShortMax).nullable(),
  note: z.string().max(LIMITS.textLongMax),
  recordedAt: z.string(),
});
const decisionRow = z.strictObject({
  type: z.literal('decision'),
  id: uuid,
  caseId: uuid,
  caseNo: z.string().min(1).max(LIMITS.textShortMax),
  outcome: z.enum(['approved', 'refused']),
  amountFen: z.number().int().min(1).nullable(),
  opinion: z.string().min(1).max(LIMITS.textLongMax),
  decidedByName: z.string().max(LIMITS.textShortMax),
  decidedAt: z.string(),
});
const answerRow = z.discriminatedUnion('type', [ackRow, replenishmentRow, decisionRow]);
type ReplenishmentAnswer = z.infer<typeof replenishmentRow>;
type DecisionAnswer = z.infer<typeof decisionRow>;

function answersOf(read: ReadResult): z.infer<typeof answerRow>[] {
  const [file, ...others] = read.files;
  if (!file || file.name !== ANSWERS_FILE || others.length > 0) throw new PackageError('DATA_INVALID', '区级回执数据包应只含一个 answers 数据文件');
  return file.rows.map((row, i) => {
    const parsed = answerRow.safeParse(row);
    if (!parsed.success) throw new PackageError('DATA_INVALID', `区级回执第 ${i + 1} 行格式不正确`);
    if (parsed.data.type === 'decision' && (parsed.data.outcome === 'approved') !== (parsed.data.amountFen !== null)) {
      throw new PackageError('DATA_INVALID', `区级回执第 ${i + 1} 行：批准须有金额，不予批准不应有金额`);
    }
    return parsed.data;
  });
}

/** Why a district answer was not applied, collected into the import's audit row ('why', not
 *  'reason': the audit log withholds a 'reason' as a person's circumstances). */
interface Skipped {
  type: 'replenishment' | 'decision';
  id: string;
  why: string;
}

function acknowledge(ctx: Ctx, sequence: number, packageSha256: string): number {
  const own = ctx.db.$client.prepare(`SELECT package_sha256 AS sha FROM sync_exports WHERE sequence = ?`).get(sequence) as { sha: string } | undefined;
  if (own?.sha !== packageSha256) {
    throw new DomainError('CONFLICT', `区级回执确认的第 ${sequence} 号数据包不是本镇街生成的（本机${own ? '该序号的数据包哈希不同' : '没有该序号的数据包'}），未导入；请与区级核对`);
  }
  return ctx.db.$client.prepare(`UPDATE sync_exports SET acknowledged_at = ? WHERE sequence <= ? AND acknowledged_at IS NULL`).run(ctx.nowIso, sequence).changes;
}

function replenishmentSkip(ctx: Ctx, r: ReplenishmentAnswer): string | null {
  // The town admin may have booked the same money by hand (reserve.replenish) before the
  // district's answer came: the voucher or the settled claim says so, and it is not booked twice.
  const byHand = ctx.db
    .select({ id: reserveTransfers.id })
    .from(reserveTransfers)
    .where(and(eq(reserveTransfers.kind, 'replenish'), eq(reserveTransfers.reference, r.voucherNo)))
    .get();
  if (byHand) return `拨款凭证号 ${r.voucherNo} 的补拨本镇街已经登记，未重复记账`;
  if (r.claimNo !== null) {
    const claim = ctx.db.select().from(reimbursementClaims).where(eq(reimbursementClaims.claimNo, r.claimNo)).get();
    if (claim?.state === 'settled') return `报账单 ${r.claimNo} 已经结算，未重复记账`;
  }
  return null;
}

function bookReplenishment(ctx: Ctx, r: ReplenishmentAnswer): void {
  let claimId: string | null = null;
  if (r.claimNo !== null) {
    const claim = ctx.db.select({ id: reimbursementClaims.id }).from(reimbursementClaims).where(eq(reimbursementClaims.claimNo, r.claimNo)).get();
    if (!claim) throw new DomainError('CONFLICT', `区级补拨所结的报账单 ${r.claimNo} 在本镇街不存在，未导入；请与区级核对`);
    claimId = claim.id;
  }
  // The district's note may already be as long as a note may be; the prefix says where it came from.
  const note = `区级补拨${r.note === '' ? '' : `：${r.note}`}`.slice(0, LIMITS.textLongMax);
  replenishSettling(ctx, { id: r.id, amountFen: r.amountFen, reference: r.voucherNo, note }, claimId);
}

function caseById(ctx: Ctx, id: string): CaseRecord | undefined {
  return ctx.db.select().from(cases).where(eq(cases.id, id)).get();
}

/** Why the decision cannot be applied to the case as it stands; null when it can. */
function decisionSkip(ctx: Ctx, d: DecisionAnswer, row: CaseRecord): string | null {
  if (ctx.db.select({ id: decisions.id }).from(decisions).where(eq(decisions.id, d.id)).get()) return `区级审批已登记（案件 ${d.caseNo}）`;
  const state = caseState(row);
  if (state !== 'submitted_to_district') return `案件 ${d.caseNo} 当前不在“报区级审批”状态（${state}），区级决定未登记`;
  if (d.outcome === 'approved' && caseReliefType(row) === 'linshi' && latestDecision(ctx.db, row.id)?.cause == null) {
    return `案件 ${d.caseNo} 报区级时未填写临时救助原因，区级批准无法发放，未登记`;
  }
  return null;
}

function recordDecision(ctx: Ctx, d: DecisionAnswer, row: CaseRecord): void {
  assert(ctx.actor, 'a district decision is recorded by the town user importing it');
  const approved = d.outcome === 'approved';
  const linshi = caseReliefType(row) === 'linshi';
  const submitted = latestDecision(ctx.db, row.id);
  const eventNote = approved ? `区级批准 ${formatYuan(d.amountFen ?? 0)}：${d.opinion}` : `区级不予批准：${d.opinion}`;
  const decided = applyCaseEvent(ctx, row, approved ? 'district_confirmed' : 'district_refused', eventNote.slice(0, LIMITS.textLongMax));
  // The district's own id: the row is the district's decision, and a second apply finds it.
  // decided_by names a town user (a foreign key): the one who imported the answer; the
  // district's decider is named in the opinion, as the approval form prints it.
  insertRow(ctx, decisions, {
    id: d.id,
    caseId: row.id,
    outcome: d.outcome,
    amountFen: approved ? d.amountFen : null,
    periodStart: null,
    periodMonths: null,
    opinion: `区级审批意见（${d.decidedByName}）：${d.opinion}`.slice(0, LIMITS.textLongMax),
    refusalReasons: approved ? null : d.opinion,
    // Temporary relief is paid against the cause the town gave when it submitted the case.
    cause: linshi ? (submitted?.cause ?? null) : null,
    repeatReason: linshi ? (submitted?.repeatReason ?? null) : null,
    decidedBy: ctx.actor.userId,
    decidedAt: d.decidedAt,
  });
  // Money already handed over (先行救助) closes the approval on 'paid', as the town's own decision does.
  const live = livePayoutOfCase(ctx.db, row.id);
  if (approved && live?.emergency && live.state === 'paid') applyCaseEvent(ctx, decided, 'paid', '先行救助已发放');
}

/**
 * Applies one verified district → town package (manifest kind 'district', this town's code)
 * inside the importer's transaction. Throws (rolling the whole package back) when the
 * district acknowledges a package this town never made, or names a claim the town does not
 * have; a decision on a case that moved on meanwhile is skipped with a note, never thrown.
 */
export function applyDistrictPackage(ctx: Ctx, read: ReadResult): { rows: number } {
  const installation = requireKind(ctx.db, 'town');
  assert(ctx.db.$client.inTransaction, 'a district package is applied inside the importer transaction');
  assert(read.manifest.kind === 'district' && read.manifest.townCode === installation.townCode, 'the importer hands over district packages for this town');
  const answers = answersOf(read);
  const skipped: Skipped[] = [];
  let acknowledged = 0;
  const book: ReplenishmentAnswer[] = [];
  const decide: { d: DecisionAnswer; row: CaseRecord }[] = [];
  for (const a of answers) {
    if (a.type === 'ack') {
      acknowledged += acknowledge(ctx, a.sequence, a.packageSha256);
    } else if (a.type === 'replenishment') {
      // Booked by an earlier import of the same answer: nothing to do (the importer does not
      // apply a package twice, but the booking stays idempotent by the district's id).
      if (transferById(ctx.db, a.id)) continue;
      const why = replenishmentSkip(ctx, a);
      if (why === null) book.push(a);
      else skipped.push({ type: 'replenishment', id: a.id, why });
    } else {
      const row = caseById(ctx, a.caseId);
      if (!row || row.caseNo !== a.caseNo) throw new DomainError('CONFLICT', `区级审批的案件 ${a.caseNo} 在本镇街${row ? `编号不符（本机为 ${row.caseNo}）` : '不存在'}，未导入；请与区级核对`);
      const why = decisionSkip(ctx, a, row);
      if (why === null) decide.push({ d: a, row });
      else skipped.push({ type: 'decision', id: a.id, why });
    }
  }
  // Booking money and deciding cases is a person's act (the ledger and the decision name a
  // user): a headless import (no one logged in) applies nothing rather than invent one.
  // FORBIDDEN tells the importer the package is sound (not quarantined): the town admin
  // imports it on the 数据同步 page.
  if ((book.length > 0 || decide.length > 0) && ctx.actor === null) {
    throw new DomainError('FORBIDDEN', '区级回执含补拨或审批决定，须由镇街管理员登录后在“数据同步”页导入');
  }
  for (const r of book) bookReplenishment(ctx, r);
  for (const { d, row } of decide) recordDecision(ctx, d, row);
  ctx.audit.note({
    districtAnswers: { acknowledged, replenishments: book.map((r) => r.id), decisions: decide.map((x) => x.d.id), skipped },
  });
  return { rows: answers.length };
}
