// 救助金发放凭证 (DOMAIN.md §5, §6; issue 4 item 3): what one paid payout puts on paper, A4
// (documents.get / documents.recordPrint) and thermal (printing/payoutVoucher.ts) alike, so
// the two papers say the same. The payee's and the applicant's IDs only ever masked; of a bank
// account only the last four digits.
import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema';
import { amountInCapitals, maskResidentId, PAYOUT_METHOD_LABELS, RELIEF_CAUSE_LABELS, RELIEF_CAUSES, type PayoutVoucherModel } from '../../contract';
import { requireCase } from '../cases/records';
import type { Ctx } from '../context';
import { DomainError, assert } from '../errors';
import { payoutById, type PayoutRow } from '../payouts/records';
import { businessDate } from '../time';
import { applicantOf, documentHead } from './head';

/** The payout, or NOT_FOUND in Chinese. */
export function requirePayout(ctx: Ctx, payoutId: string): PayoutRow {
  const row = payoutById(ctx.db, payoutId);
  if (!row) throw new DomainError('NOT_FOUND', '发放记录不存在');
  return row;
}

function userName(ctx: Ctx, userId: string): string {
  const user = ctx.db.select({ displayName: users.displayName }).from(users).where(eq(users.id, userId)).get();
  assert(user, `a payout names a missing user ${userId}`);
  return user.displayName;
}

/** The account's last four digits: the full number never goes on paper. */
export function accountTail(account: string): string {
  return account.slice(-4);
}

/**
 * The voucher of a paid payout. An approved payout has no voucher yet (its number is drawn when
 * the money leaves) and a cancelled one never will: both refused with the reason, nothing printed.
 */
export function payoutVoucher(ctx: Ctx, payout: PayoutRow): PayoutVoucherModel {
  if (payout.state === 'approved') {
    throw new DomainError('CONFLICT', '该笔救助金已批准但尚未发放：发放后才能打印救助金发放凭证');
  }
  if (payout.state === 'cancelled') throw new DomainError('CONFLICT', '该笔救助金已取消，没有发放凭证');
  // The table's CHECK: paid = paidAt and voucherNo set; paidDate and paidBy come with them.
  assert(payout.voucherNo !== null && payout.paidBy !== null && payout.paidDate !== null, `paid payout ${payout.id} lacks its voucher facts`);
  const cause = RELIEF_CAUSES.find((c) => c === payout.cause);
  assert(cause, `payout ${payout.id} has an unknown cause ${payout.cause}`);

  let bank: PayoutVoucherModel['bank'] = null;
  if (payout.method === 'bank') {
    assert(payout.bankName !== null && payout.bankAccount !== null && payout.transferReference !== null, `paid bank payout ${payout.id} lacks its transfer`);
    bank = { bankName: payout.bankName, accountTail: accountTail(payout.bankAccount), transferReference: payout.transferReference };
  }

  const row = requireCase(ctx, payout.caseId);
  return {
    kind: 'payout_voucher',
    ...documentHead(ctx, row),
    caseId: row.id,
    voucherNo: payout.voucherNo,
    ...applicantOf(ctx, row),
    payee: { name: payout.payeeName, residentIdMasked: maskResidentId(payout.payeeResidentId), relation: payout.proxyRelation },
    amount: { fen: payout.amountFen, capitals: amountInCapitals(payout.amountFen) },
    causeLabel: RELIEF_CAUSE_LABELS[cause],
    opinion: payout.opinion,
    repeatReason: payout.repeatReason,
    methodLabel: PAYOUT_METHOD_LABELS[payout.method],
    bank,
    emergency: payout.emergency,
    paperworkDueDate: payout.paperworkDueDate,
    approverName: userName(ctx, payout.approvedBy),
    approvedDate: businessDate(new Date(payout.approvedAt)),
    handlerName: userName(ctx, payout.paidBy),
    paidDate: payout.paidDate,
  };
}
