import { eq, sql } from 'drizzle-orm';
import { payouts, persons } from '../../../db/schema';
import {
  CASE_STATE_LABELS,
  formatYuan,
  parseResidentId,
  PAYOUT_METHOD_LABELS,
  PAYOUT_STATE_LABELS,
  RELIEF_TYPE_LABELS,
  type Payee,
  type Payment,
  type PayoutView,
  type CaseState,
  type ReliefCause,
} from '../../contract';
import type { Ctx } from '../context';
import { assert, DomainError } from '../errors';
import { preparedOnce } from '../prepared';
import { insertRow, updateRow } from '../rows';
import { refuse, refuseIssues, type Issue } from '../cases/issues';
import { caseReliefType, caseState, requireCase, type CaseRecord } from '../cases/records';
import { decisionSeparationReason } from '../cases/separation';
import { latestDecision } from '../cases/steps/decisions';
import { appendCaseEvent } from '../cases/events';
import { applyCaseEvent } from '../cases/transitions';
import { nextVoucherNo } from '../cases/caseNumbers';
import { availableFen as reserveAvailableFen, holdPayout, postPayout, voidPayout } from '../reserve/ledger';
import { assertPayoutsConsistent } from '../reserve/invariants';
import { requireInstallation } from '../setup';
import { getSettings } from '../settings';
import { addDaysIso } from '../time';
import { limitIssue, repeatIssue } from './aidHistory';
import { EMERGENCY_STATES, livePayoutOfCase, payoutById, type PayoutRow } from './records';
import { payoutView } from './view';

// Paying temporary relief (DOMAIN.md §5, issue 4). An approver approves the payout (the normal
// path after the decision, or 先行救助 before it), which holds the cash in the reserve; pays it
// (the cash handed over posts the hold, or the bank transfer's reference is recorded), which
// draws the voucher number (救助金发放凭证); or cancels it, which releases the hold. Every
// operation takes the client's ids: the same id with the same content returns the first
// result, other content is refused, and a payout is never paid twice (the partial unique index
// payouts_live_case_unique stands behind the checks here). The accepting user, the applicant
// and the household never approve or pay their own case (cases/separation.ts).

export interface ApproveInput {
  id: string;
  caseId: string;
  payee: Payee;
  payment: Payment;
}

export interface EmergencyInput extends ApproveInput {
  amountFen: number;
  cause: ReliefCause;
  opinion: string;
  repeatReason: string | null;
}

export interface PayInput {
  payoutId: string;
  postId: string;
  transferReference: string | null;
}

export interface CancelInput {
  payoutId: string;
  voidId: string;
  reason: string;
}

const SAME_ID_OTHER_CONTENT = '同一发放单号的内容不一致';
const LIVE_EXISTS = '该案件已有待发放或已发放的救助金';

/**
 * Where an approved payout may be paid: an emergency payout before the decision (and at it),
 * any payout once the town approved. Refused, withdrawn or sent to the district, the case is
 * not the town's to pay (decisions.ts and transitions.ts refuse to end it with money unpaid;
 * this stands behind them).
 */
const PAYABLE_STATES: ReadonlySet<CaseState> = new Set<CaseState>([...EMERGENCY_STATES, 'deciding', 'approved']);

function refuseSeparation(ctx: Ctx, caseRow: CaseRecord): void {
  assert(ctx.actor, 'a payout is approved or paid by a user');
  const why = decisionSeparationReason(ctx, caseRow, ctx.actor.userId);
  if (why !== null) throw new DomainError('FORBIDDEN', why);
}

function requirePayout(ctx: Ctx, id: string): PayoutRow {
  const row = payoutById(ctx.db, id);
  if (!row) throw new DomainError('NOT_FOUND', '发放记录不存在');
  ctx.audit.entity('payout', row.id);
  assertPayoutsConsistent(ctx.db, row.id);
  return row;
}

/** The columns a payout is created with, compared column by column on a retry. */
type Intent = Pick<
  PayoutRow,
  'caseId' | 'method' | 'amountFen' | 'payeeName' | 'payeeResidentId' | 'proxyRelation' | 'bankName' | 'bankAccount' | 'emergency' | 'cause' | 'repeatReason' | 'opinion'
>;

const INTENT_KEYS = ['caseId', 'method', 'amountFen', 'payeeName', 'payeeResidentId', 'proxyRelation', 'bankName', 'bankAccount', 'emergency', 'cause', 'repeatReason', 'opinion'] as const satisfies readonly (keyof Intent)[];

function payeeOf(ctx: Ctx, caseRow: CaseRecord, payee: Payee): Pick<Intent, 'payeeName' | 'payeeResidentId' | 'proxyRelation'> {
  if (!payee.proxy) {
    const applicant = preparedOnce(ctx.db, 'payouts.applicant', () =>
      ctx.db.select({ name: persons.name, residentId: persons.residentId }).from(persons).where(eq(persons.id, sql.placeholder('id'))).prepare(),
    ).get({ id: caseRow.applicantPersonId });
    assert(applicant, `case ${caseRow.id} names a missing applicant`);
    return { payeeName: applicant.name, payeeResidentId: applicant.residentId, proxyRelation: null };
  }
  const parsed = parseResidentId(payee.residentId, ctx.today);
  if (!parsed.ok) refuse('payee.residentId', `代领人身份号码：${parsed.message}`);
  return { payeeName: payee.name, payeeResidentId: parsed.value.id, proxyRelation: payee.relation };
}

function paymentOf(payment: Payment): Pick<Intent, 'method' | 'bankName' | 'bankAccount'> {
  return payment.method === 'cash'
    ? { method: 'cash', bankName: null, bankAccount: null }
    : { method: 'bank', bankName: payment.bankName, bankAccount: payment.bankAccount };
}

/** A retry of the same id: the first payout if the content is the same, else refused. */
function retried(ctx: Ctx, id: string, intent: Intent): PayoutView | null {
  const existing = payoutById(ctx.db, id);
  if (!existing) return null;
  ctx.audit.entity('payout', existing.id);
  if (INTENT_KEYS.some((k) => existing[k] !== intent[k])) throw new DomainError('CONFLICT', SAME_ID_OTHER_CONTENT);
  ctx.audit.note({ retryOf: existing.id });
  return payoutView(ctx, existing);
}

/**
 * Writes the payout: cash holds its amount in the reserve first. Checks run before anything is
 * written; the caller has refused a live payout already (refuseLive: read once per approval).
 */
function createPayout(ctx: Ctx, id: string, caseRow: CaseRecord, intent: Intent, paperworkDueDate: string | null): PayoutView {
  assert(ctx.actor, 'a payout is approved by a user');
  assert(intent.emergency === (paperworkDueDate !== null), 'an emergency payout, and only one, owes paperwork by a date');
  let holdTransferId: string | null = null;
  if (intent.method === 'cash') {
    // The cash account's row only: the fund's allocation (a scan of the ledger) is not needed here.
    const availableFen = reserveAvailableFen(ctx.db);
    if (availableFen < intent.amountFen) {
      throw new DomainError(
        'CONFLICT',
        `备用金可用余额不足：可用 ${formatYuan(Math.max(availableFen, 0))}，本次现金发放 ${formatYuan(intent.amountFen)}。可改为银行转账，或待区级补拨后再批准`,
      );
    }
    // The hold's id is the server's: the payout id is the client's idempotency key, and a
    // retry returns before this point, so one payout never holds twice.
    holdTransferId = holdPayout(ctx, { id: ctx.ids.newId(), amountFen: intent.amountFen, reference: caseRow.caseNo, note: `临时救助审批冻结（案件 ${caseRow.caseNo}）` }).id;
  }
  const row = insertRow(ctx, payouts, {
    id,
    ...intent,
    paperworkDueDate,
    paperworkCompletedAt: null,
    paperworkCompletedBy: null,
    transferReference: null,
    state: 'approved',
    holdTransferId,
    postTransferId: null,
    voidTransferId: null,
    voucherNo: null,
    approvedBy: ctx.actor.userId,
    approvedAt: ctx.nowIso,
    createdAt: ctx.nowIso,
    updatedAt: ctx.nowIso,
  });
  ctx.audit.entity('payout', row.id);
  ctx.audit.note({ caseId: caseRow.id, method: row.method, amountFen: row.amountFen, emergency: row.emergency, holdTransferId });
  assertPayoutsConsistent(ctx.db, row.id);
  return payoutView(ctx, row, caseRow);
}

/** One live payout per case (payouts_live_case_unique), said in words before the index would refuse. */
function refuseLive(ctx: Ctx, caseRow: CaseRecord): void {
  const live = livePayoutOfCase(ctx.db, caseRow.id);
  if (live) throw new DomainError('CONFLICT', `${LIVE_EXISTS}（${formatYuan(live.amountFen)}，${PAYOUT_STATE_LABELS[live.state]}），不能再批准发放`);
}

function requireTemporaryRelief(caseRow: CaseRecord): void {
  const reliefType = caseReliefType(caseRow);
  if (reliefType !== 'linshi') throw new DomainError('CONFLICT', `${RELIEF_TYPE_LABELS[reliefType]}不由本镇街备用金发放，只有临时救助在此发放`);
}

/** payouts.approve: the normal path, after the decision approved the amount. */
export function approvePayout(ctx: Ctx, input: ApproveInput): PayoutView {
  const caseRow = requireCase(ctx, input.caseId);
  refuseSeparation(ctx, caseRow);
  requireTemporaryRelief(caseRow);
  const state = caseState(caseRow);
  const decision = latestDecision(ctx.db, caseRow.id);
  // A retry after the payout moved the case on (approved → paid) still finds its payout.
  const intentOf = (d: NonNullable<typeof decision>): Intent => {
    assert(d.amountFen !== null && d.amountFen > 0, `approved temporary relief decision ${d.id} has no amount`);
    assert(d.cause !== null, `approved temporary relief decision ${d.id} has no cause`);
    return { caseId: caseRow.id, ...paymentOf(input.payment), amountFen: d.amountFen, ...payeeOf(ctx, caseRow, input.payee), emergency: false, cause: d.cause, repeatReason: d.repeatReason, opinion: d.opinion };
  };
  if (decision?.outcome === 'approved') {
    const again = retried(ctx, input.id, intentOf(decision));
    if (again) return again;
  } else if (payoutById(ctx.db, input.id)) {
    throw new DomainError('CONFLICT', SAME_ID_OTHER_CONTENT);
  }
  refuseLive(ctx, caseRow);
  if (state !== 'approved' || decision?.outcome !== 'approved') {
    throw new DomainError('CONFLICT', `案件当前状态为“${CASE_STATE_LABELS[state]}”，审核确认批准后才能发放；审批前急需救助的，请用先行救助`);
  }
  return createPayout(ctx, input.id, caseRow, intentOf(decision), null);
}

/** payouts.emergency: 先行救助, before the decision; the paperwork is owed by a date. */
export function approveEmergency(ctx: Ctx, input: EmergencyInput): PayoutView {
  const caseRow = requireCase(ctx, input.caseId);
  refuseSeparation(ctx, caseRow);
  requireTemporaryRelief(caseRow);
  const repeatReason = input.repeatReason === null || input.repeatReason === '' ? null : input.repeatReason;
  const intent: Intent = {
    caseId: caseRow.id,
    ...paymentOf(input.payment),
    amountFen: input.amountFen,
    ...payeeOf(ctx, caseRow, input.payee),
    emergency: true,
    cause: input.cause,
    repeatReason,
    opinion: input.opinion,
  };
  const again = retried(ctx, input.id, intent);
  if (again) return again;
  const state = caseState(caseRow);
  if (!EMERGENCY_STATES.has(state)) {
    throw new DomainError('CONFLICT', `案件当前状态为“${CASE_STATE_LABELS[state]}”，先行救助只能在审核确认之前`);
  }
  const issues = [limitIssue(ctx, input.amountFen), repeatIssue(ctx, caseRow.householdId, caseRow.id, input.cause, repeatReason)].filter((i): i is Issue => i !== null);
  refuseIssues(issues);
  refuseLive(ctx, caseRow);
  // Calendar days (DOMAIN.md §5: "within 5 days"), not working days: the money is already out.
  const due = addDaysIso(ctx.today, getSettings(ctx.db).emergencyPaperworkDays);
  const view = createPayout(ctx, input.id, caseRow, intent, due);
  // On the case's timeline, the state unchanged: the case goes on along its normal path.
  appendCaseEvent(ctx, {
    caseId: caseRow.id,
    event: 'emergency_approved',
    fromState: state,
    toState: state,
    note: `先行救助 ${formatYuan(intent.amountFen)}（${PAYOUT_METHOD_LABELS[intent.method]}），手续须于 ${due} 前补齐`,
  });
  return view;
}

/** payouts.pay: the cash handed over (post), or the bank transfer's reference recorded; the voucher number is drawn. */
export function payPayout(ctx: Ctx, input: PayInput): PayoutView {
  assert(ctx.actor, 'payouts.pay needs a session');
  const payout = requirePayout(ctx, input.payoutId);
  const caseRow = requireCase(ctx, payout.caseId);
  refuseSeparation(ctx, caseRow);
  if (payout.state === 'paid') {
    const same = payout.method === 'cash' ? payout.postTransferId === input.postId : payout.transferReference === input.transferReference;
    if (same) {
      ctx.audit.note({ retryOf: payout.id });
      return payoutView(ctx, payout, caseRow);
    }
    throw new DomainError('CONFLICT', `该笔救助金已发放，凭证号 ${payout.voucherNo ?? ''}（${payout.paidDate ?? ''}），不能重复发放`);
  }
  if (payout.state === 'cancelled') throw new DomainError('CONFLICT', '该笔救助金已取消，不能发放');
  const caseNow = caseState(caseRow);
  if (!PAYABLE_STATES.has(caseNow)) throw new DomainError('CONFLICT', `案件当前状态为“${CASE_STATE_LABELS[caseNow]}”，不能发放救助金；请取消这笔发放`);
  if (payout.method === 'cash' && input.transferReference !== null) refuse('transferReference', '现金发放不填写转账流水号');
  if (payout.method === 'bank' && input.transferReference === null) refuse('transferReference', '银行转账须填写转账流水号');

  let postTransferId: string | null = null;
  if (payout.method === 'cash') {
    assert(payout.holdTransferId, `cash payout ${payout.id} has no hold`);
    postTransferId = postPayout(ctx, { id: input.postId, holdId: payout.holdTransferId, note: `临时救助现金发放（案件 ${caseRow.caseNo}）` }).id;
  }
  const townCode = requireInstallation(ctx.db).townCode;
  assert(townCode !== null, 'payouts are made by a town installation');
  const voucherNo = nextVoucherNo(ctx, townCode, Number(ctx.today.slice(0, 4)));
  const paid = updateRow(ctx, payouts, payout.id, {
    state: 'paid',
    postTransferId,
    transferReference: input.transferReference,
    voucherNo,
    paidBy: ctx.actor.userId,
    paidAt: ctx.nowIso,
    paidDate: ctx.today,
    updatedAt: ctx.nowIso,
  });
  // The normal path closes the case; an emergency payout before the decision leaves it on its way.
  const state = caseState(caseRow);
  const note = `发放救助金 ${formatYuan(paid.amountFen)}（${PAYOUT_METHOD_LABELS[paid.method]}），凭证号 ${voucherNo}`;
  if (state === 'approved') applyCaseEvent(ctx, caseRow, 'paid', note);
  else if (paid.emergency) appendCaseEvent(ctx, { caseId: caseRow.id, event: 'emergency_paid', fromState: state, toState: state, note });
  ctx.audit.entity('payout', paid.id);
  ctx.audit.note({ voucherNo, method: paid.method, amountFen: paid.amountFen, postTransferId });
  assertPayoutsConsistent(ctx.db, paid.id);
  return payoutView(ctx, paid, requireCase(ctx, caseRow.id));
}

/** payouts.cancel: before the money left; a cash hold is released. */
export function cancelPayout(ctx: Ctx, input: CancelInput): PayoutView {
  assert(ctx.actor, 'payouts.cancel needs a session');
  const payout = requirePayout(ctx, input.payoutId);
  refuseSeparation(ctx, requireCase(ctx, payout.caseId));
  if (payout.state === 'cancelled') {
    // Same id, other content: a cash cancel is the same only with its void and its reason.
    const same = payout.cancelReason === input.reason && (payout.method !== 'cash' || payout.voidTransferId === input.voidId);
    if (same) return payoutView(ctx, payout);
    throw new DomainError('CONFLICT', '该笔救助金已取消');
  }
  if (payout.state === 'paid') throw new DomainError('CONFLICT', `该笔救助金已发放（凭证号 ${payout.voucherNo ?? ''}），不能取消；多发或错发的请登记追回或冲正`);
  let voidTransferId: string | null = null;
  if (payout.method === 'cash') {
    assert(payout.holdTransferId, `cash payout ${payout.id} has no hold`);
    voidTransferId = voidPayout(ctx, { id: input.voidId, holdId: payout.holdTransferId, note: input.reason }).id;
  }
  const cancelled = updateRow(ctx, payouts, payout.id, {
    state: 'cancelled',
    voidTransferId,
    cancelledBy: ctx.actor.userId,
    cancelledAt: ctx.nowIso,
    cancelReason: input.reason,
    updatedAt: ctx.nowIso,
  });
  ctx.audit.entity('payout', cancelled.id);
  ctx.audit.note({ amountFen: cancelled.amountFen, voidTransferId });
  assertPayoutsConsistent(ctx.db, cancelled.id);
  return payoutView(ctx, cancelled);
}

/** payouts.markSigned: the voucher came back signed by payee and handler. */
export function markSigned(ctx: Ctx, payoutId: string): PayoutView {
  assert(ctx.actor, 'payouts.markSigned needs a session');
  const payout = requirePayout(ctx, payoutId);
  if (payout.state !== 'paid') throw new DomainError('CONFLICT', `该笔救助金${PAYOUT_STATE_LABELS[payout.state]}，发放后才有签字的凭证`);
  if (payout.signedAt !== null) return payoutView(ctx, payout);
  const signed = updateRow(ctx, payouts, payout.id, { signedAt: ctx.nowIso, signedBy: ctx.actor.userId, updatedAt: ctx.nowIso });
  ctx.audit.note({ voucherNo: signed.voucherNo });
  return payoutView(ctx, signed);
}
