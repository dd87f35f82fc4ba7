import { z } from 'zod';
import { CLAIM_STATES } from './claimsVocab';

// The reserve's papers for the district (DOMAIN.md §5, §6): the reimbursement claim (报账单:
// the paid cash vouchers of a period, settled by the district's replenishment) and the
// statement (对账单: opening balance, every movement of the cash box, closing balance). Money
// is integer fen; dates are business dates YYYY-MM-DD (Asia/Shanghai).

export * from './claimsVocab';

const date = z.string();

/** One paid cash payout on a claim. */
export const claimLineSchema = z
  .object({
    payoutId: z.string(),
    voucherNo: z.string(),
    paidDate: date,
    caseNo: z.string(),
    payeeName: z.string(),
    /** Masked: the full ID never leaves the service. */
    payeeResidentIdMasked: z.string(),
    causeLabel: z.string(),
    amountFen: z.number().int(),
  })
  .strict();
export type ClaimLine = z.infer<typeof claimLineSchema>;

/** What a claim for the period would hold now: the paid cash payouts not yet on a claim. */
export const claimPreviewSchema = z
  .object({
    periodStart: date,
    periodEnd: date,
    lines: z.array(claimLineSchema),
    count: z.number().int(),
    totalFen: z.number().int(),
  })
  .strict();
export type ClaimPreview = z.infer<typeof claimPreviewSchema>;

export const claimViewSchema = z
  .object({
    id: z.string(),
    claimNo: z.string(),
    periodStart: date,
    periodEnd: date,
    payoutCount: z.number().int(),
    totalFen: z.number().int(),
    state: z.enum(CLAIM_STATES),
    submittedByName: z.string(),
    submittedAt: z.string(),
    /** The replenishment that settled it: its voucher number, amount and business date. */
    settlement: z.object({ transferId: z.string(), voucherNo: z.string(), amountFen: z.number().int(), businessDate: date }).strict().nullable(),
    settledAt: z.string().nullable(),
  })
  .strict();
export type ClaimView = z.infer<typeof claimViewSchema>;

/** A claim with its vouchers: the print, the Excel file and the page's detail. */
export const claimDetailSchema = z.object({ claim: claimViewSchema, lines: z.array(claimLineSchema) }).strict();
export type ClaimDetail = z.infer<typeof claimDetailSchema>;

/** One movement of the cash box: in (借, debit) or out (贷, credit), and the balance after it. */
export const statementRowSchema = z
  .object({
    seq: z.number().int(),
    businessDate: date,
    kind: z.string(),
    kindLabel: z.string(),
    /** The voucher, document or case the entry is about, as people read it. */
    reference: z.string(),
    note: z.string(),
    inFen: z.number().int(),
    outFen: z.number().int(),
    balanceFen: z.number().int(),
  })
  .strict();
export type StatementRow = z.infer<typeof statementRowSchema>;

export const statementSchema = z
  .object({
    from: date,
    to: date,
    openingFen: z.number().int(),
    rows: z.array(statementRowSchema),
    inFen: z.number().int(),
    outFen: z.number().int(),
    closingFen: z.number().int(),
  })
  .strict();
export type Statement = z.infer<typeof statementSchema>;

/** An .xlsx workbook over RPC: the renderer saves it as a download. */
export const excelFileSchema = z.object({ fileName: z.string(), base64: z.string() }).strict();
export type ExcelFile = z.infer<typeof excelFileSchema>;
