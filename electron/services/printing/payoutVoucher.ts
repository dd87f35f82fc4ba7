// 救助金发放凭证 on the counter's receipt printer (issue 4 item 3): the same facts as the A4
// voucher (documents/payoutVoucher.ts), printed as the acceptance receipt is: the print is
// recorded in the mutation's transaction (a prints row with its copy number, on the case) and
// sent only after the commit, so a printer that is off never loses the record and never undoes
// the payment. Printing reads the payout and writes a prints row, nothing else: a reprint
// (补打) can never pay again. Paid vouchers with no print of either kind are offered for 补打
// after sign-in (unprintedVouchers).
import { and, asc, eq, inArray, max, notExists, sql } from 'drizzle-orm';
import { cases, payouts, prints } from '../../../db/schema';
import { chineseDate } from './acceptance';
import { LIMITS, PAYOUT_VOUCHER_RECEIPT_KIND, type PayoutVoucherModel, type PrintOutcome, type ReceiptLayoutView } from '../../contract';
import type { Ctx } from '../context';
import { assert } from '../errors';
import { payoutVoucher, requirePayout } from '../documents/payoutVoucher';
import { insertRow } from '../rows';
import { getSettings } from '../settings';
import { renderReceipt } from './print';
import type { Receipt, ReceiptLine } from './receipt';
import { sendToPrinter } from './send';

/** The two prints rows' kinds a voucher may carry: A4 (documents.recordPrint) and thermal. */
export const VOUCHER_PRINT_KINDS = ['payout_voucher', PAYOUT_VOUCHER_RECEIPT_KIND] as const;

const SIGNATURE_LINE = '________________';

/** The thermal voucher: the A4 voucher's facts in the receipt's lines. */
export function payoutVoucherReceipt(voucher: PayoutVoucherModel, reprint: boolean): Receipt {
  const payee: ReceiptLine[] =
    voucher.payee.relation === null
      ? [
          { kind: 'kv', label: '领款人', value: `${voucher.payee.name}（申请人本人）` },
          { kind: 'kv', label: '身份证号', value: voucher.payee.residentIdMasked },
        ]
      : [
          { kind: 'kv', label: '申请人', value: voucher.applicantName },
          { kind: 'kv', label: '申请人身份证', value: voucher.residentIdMasked },
          { kind: 'kv', label: '代领人', value: `${voucher.payee.name}（${voucher.payee.relation}）` },
          { kind: 'kv', label: '代领人身份证', value: voucher.payee.residentIdMasked },
        ];
  const method: ReceiptLine[] = [{ kind: 'kv', label: '发放方式', value: voucher.methodLabel }];
  if (voucher.bank !== null) {
    method.push(
      { kind: 'kv', label: '开户银行', value: voucher.bank.bankName },
      { kind: 'kv', label: '账号尾号', value: voucher.bank.accountTail },
      { kind: 'kv', label: '转账流水号', value: voucher.bank.transferReference },
    );
  }
  const lines: ReceiptLine[] = [
    { kind: 'kv', label: '凭证编号', value: voucher.voucherNo },
    { kind: 'kv', label: '案件编号', value: voucher.caseNo },
    { kind: 'kv', label: '救助类别', value: voucher.kindLabel },
    ...(voucher.emergency ? [{ kind: 'kv', label: '救助方式', value: '先行救助' } as const] : []),
    ...payee,
    { kind: 'amount', label: '发放金额', amountFen: voucher.amount.fen },
    { kind: 'kv', label: '救助事由', value: voucher.causeLabel },
    ...method,
    { kind: 'kv', label: '审批人', value: voucher.approverName },
    { kind: 'kv', label: '经办人', value: voucher.handlerName },
    { kind: 'kv', label: '发放日期', value: chineseDate(voucher.paidDate) },
    { kind: 'rule' },
    { kind: 'text', text: `领款人签字：${SIGNATURE_LINE}` },
    { kind: 'text', text: `经办人签字：${SIGNATURE_LINE}` },
  ];
  return {
    title: '救助金发放凭证',
    subtitle: voucher.officeName,
    lines,
    footer: ['款项请当面点清，离开窗口后不予补发'],
    reprint,
  };
}

/** The next thermal copy's number: the A4 voucher counts its own copies (documents.ts). */
function nextCopyNo(ctx: Ctx, payoutId: string): number {
  const row = ctx.db
    .select({ last: max(prints.copyNo) })
    .from(prints)
    .where(and(eq(prints.documentKind, PAYOUT_VOUCHER_RECEIPT_KIND), eq(prints.documentRef, payoutId)))
    .get();
  return (row?.last ?? 0) + 1;
}

const NOT_SENT: PrintOutcome = { ok: false, code: 'NOT_SENT', message: '发放凭证已记录，尚未发送到打印机' };
const NO_PRINTER: PrintOutcome = { ok: false, code: 'NO_PRINTER', message: '未设置回执打印机：已记录本次打印，请管理员在系统设置中填写打印机地址后补打，或打印 A4 发放凭证' };

export interface VoucherReceiptPrinted {
  copyNo: number;
  reprint: boolean;
  printed: PrintOutcome;
  /** What goes to the printer, line for line (the preview). */
  layout: ReceiptLayoutView;
}

/**
 * payouts.printVoucherReceipt: records the copy and, after the commit, sends it. Refuses
 * (nothing recorded) a payout not paid, and a voucher that cannot print (a full ID in it).
 */
export function printVoucherReceipt(ctx: Ctx, payoutId: string): VoucherReceiptPrinted {
  assert(ctx.actor, 'a print is recorded for a logged-in user');
  const payout = requirePayout(ctx, payoutId);
  const copyNo = nextCopyNo(ctx, payout.id);
  const settings = getSettings(ctx.db);
  const rendered = renderReceipt(payoutVoucherReceipt(payoutVoucher(ctx, payout), copyNo > 1), settings.receiptPaper);
  insertRow(ctx, prints, {
    id: ctx.ids.newId(),
    caseId: payout.caseId,
    documentKind: PAYOUT_VOUCHER_RECEIPT_KIND,
    documentRef: payout.id,
    copyNo,
    target: 'thermal',
    printedAt: ctx.nowIso,
    printedBy: ctx.actor.userId,
  });
  ctx.audit.entity('payout', payout.id);
  ctx.audit.note({ copyNo });
  const layout = { columns: rendered.layout.columns, lines: rendered.layout.lines };
  const uri = settings.receiptPrinterUri;
  if (uri === '') return { copyNo, reprint: copyNo > 1, printed: NO_PRINTER, layout };
  ctx.afterCommitAsync('printed', async (): Promise<PrintOutcome> => {
    const sent = await sendToPrinter(uri, rendered.job);
    return sent.ok ? { ok: true } : { ok: false, code: sent.error.code, message: sent.error.message };
  });
  return { copyNo, reprint: copyNo > 1, printed: NOT_SENT, layout };
}

export interface UnprintedVoucher {
  payoutId: string;
  caseId: string;
  caseNo: string;
  voucherNo: string;
  payeeName: string;
  amountFen: number;
  paidDate: string;
}

/**
 * Paid payouts whose voucher never printed, on paper or thermal (the app stopped, or the
 * printer was off, between the payment's commit and the print), oldest first: offered for 补打
 * at the next start. At most LIMITS.unprintedVouchersMax; `more` says when others wait.
 */
export function unprintedVouchers(ctx: Ctx): { vouchers: UnprintedVoucher[]; more: boolean } {
  const printed = ctx.db
    .select({ one: sql`1` })
    .from(prints)
    .where(and(inArray(prints.documentKind, [...VOUCHER_PRINT_KINDS]), eq(prints.documentRef, payouts.id)));
  const rows = ctx.db
    .select({
      payoutId: payouts.id,
      caseId: payouts.caseId,
      caseNo: cases.caseNo,
      voucherNo: payouts.voucherNo,
      payeeName: payouts.payeeName,
      amountFen: payouts.amountFen,
      paidDate: payouts.paidDate,
    })
    .from(payouts)
    .innerJoin(cases, eq(cases.id, payouts.caseId))
    .where(and(eq(payouts.state, 'paid'), notExists(printed)))
    // The business day, then insertion order: the PC clock may be wrong (DESIGN.md §3).
    .orderBy(asc(payouts.paidDate), sql`${payouts}.rowid`)
    .limit(LIMITS.unprintedVouchersMax + 1)
    .all();
  const vouchers = rows.slice(0, LIMITS.unprintedVouchersMax).map((r) => {
    assert(r.voucherNo !== null && r.paidDate !== null, `paid payout ${r.payoutId} lacks its voucher number`);
    return { ...r, voucherNo: r.voucherNo, paidDate: r.paidDate };
  });
  return { vouchers, more: rows.length > LIMITS.unprintedVouchersMax };
}
