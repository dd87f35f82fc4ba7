import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { cases } from './cases';
import { users } from './core';
import { reserveTransfers } from './reserve';

// Paying temporary relief (DOMAIN.md §5) and accounting for the cash: payouts, day closes and
// reimbursement claims. The money itself moves only in reserve_transfers (reserve.ts); these
// tables say why it moved, who signed, and which paper carries it.

export const CLAIM_STATES = ['submitted', 'settled'] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];

// 报账: the paid cash vouchers of a period, sent to the district, settled by its replenishment.
export const reimbursementClaims = sqliteTable(
  'reimbursement_claims',
  {
    id: text('id').primaryKey(),
    claimNo: text('claim_no').notNull(),
    periodStart: text('period_start').notNull(),
    periodEnd: text('period_end').notNull(),
    payoutCount: integer('payout_count').notNull(),
    totalFen: integer('total_fen').notNull(),
    state: text('state', { enum: CLAIM_STATES }).notNull(),
    submittedBy: text('submitted_by')
      .notNull()
      .references(() => users.id),
    submittedAt: text('submitted_at').notNull(),
    settledTransferId: text('settled_transfer_id').references(() => reserveTransfers.id),
    settledAt: text('settled_at'),
  },
  (t) => [
    uniqueIndex('reimbursement_claims_no_unique').on(t.claimNo),
    check('reimbursement_claims_state', sql`${t.state} IN ('submitted', 'settled')`),
    check('reimbursement_claims_period', sql`${t.periodStart} <= ${t.periodEnd}`),
    check('reimbursement_claims_total', sql`${t.payoutCount} > 0 AND ${t.totalFen} > 0`),
    check('reimbursement_claims_settled', sql`(${t.state} = 'settled') = (${t.settledTransferId} IS NOT NULL)`),
  ],
);

export const PAYOUT_METHODS = ['cash', 'bank'] as const;
export type PayoutMethod = (typeof PAYOUT_METHODS)[number];

// approved: cash held in the reserve (bank: recorded, waiting for the transfer reference);
// paid: cash handed over (post) or bank transfer done; cancelled: hold voided before payment.
export const PAYOUT_STATES = ['approved', 'paid', 'cancelled'] as const;
export type PayoutState = (typeof PAYOUT_STATES)[number];

export const payouts = sqliteTable(
  'payouts',
  {
    // Made by the client when the payout dialog opens: a retry (double click, dropped
    // connection, restart) sends the same id and gets the first payout back.
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    method: text('method', { enum: PAYOUT_METHODS }).notNull(),
    amountFen: integer('amount_fen').notNull(),
    // Who receives the money: the applicant, or a proxy payee (代领人) with the relation.
    payeeName: text('payee_name').notNull(),
    payeeResidentId: text('payee_resident_id').notNull(),
    proxyRelation: text('proxy_relation'),
    // Bank path: the account paid into and, once done, the bank's transfer reference.
    bankName: text('bank_name'),
    bankAccount: text('bank_account'),
    transferReference: text('transfer_reference'),
    // 先行救助: approved and paid before the paperwork; it is owed by paperworkDueDate.
    emergency: integer('emergency', { mode: 'boolean' }).notNull(),
    paperworkDueDate: text('paperwork_due_date'),
    paperworkCompletedAt: text('paperwork_completed_at'),
    paperworkCompletedBy: text('paperwork_completed_by').references(() => users.id),
    // The cause (RELIEF_CAUSES) the repeat rule compares; a repeat for the same cause within
    // the window needs the approver's written reason.
    cause: text('cause').notNull(),
    repeatReason: text('repeat_reason'),
    opinion: text('opinion').notNull(),
    state: text('state', { enum: PAYOUT_STATES }).notNull(),
    holdTransferId: text('hold_transfer_id').references(() => reserveTransfers.id),
    postTransferId: text('post_transfer_id').references(() => reserveTransfers.id),
    voidTransferId: text('void_transfer_id').references(() => reserveTransfers.id),
    // 救助金发放凭证 number, drawn when the money leaves (cash handed over, bank transfer done).
    voucherNo: text('voucher_no'),
    approvedBy: text('approved_by')
      .notNull()
      .references(() => users.id),
    approvedAt: text('approved_at').notNull(),
    paidBy: text('paid_by').references(() => users.id),
    paidAt: text('paid_at'),
    // The business day the money left: day close, claims, statements.
    paidDate: text('paid_date'),
    cancelledBy: text('cancelled_by').references(() => users.id),
    cancelledAt: text('cancelled_at'),
    cancelReason: text('cancel_reason'),
    // The voucher came back signed by payee and handler.
    signedAt: text('signed_at'),
    signedBy: text('signed_by').references(() => users.id),
    claimId: text('claim_id').references(() => reimbursementClaims.id),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    // Never paid twice: one live (approved or paid) payout per case, in SQL.
    uniqueIndex('payouts_live_case_unique').on(t.caseId).where(sql`${t.state} <> 'cancelled'`),
    uniqueIndex('payouts_voucher_unique').on(t.voucherNo).where(sql`${t.voucherNo} IS NOT NULL`),
    index('payouts_case_idx').on(t.caseId),
    index('payouts_paid_date_idx').on(t.paidDate),
    index('payouts_claim_idx').on(t.claimId),
    check('payouts_amount_positive', sql`${t.amountFen} > 0`),
    check('payouts_method', sql`${t.method} IN ('cash', 'bank')`),
    check('payouts_state', sql`${t.state} IN ('approved', 'paid', 'cancelled')`),
    check('payouts_cancelled', sql`(${t.state} = 'cancelled') = (${t.cancelledAt} IS NOT NULL)`),
    check('payouts_cash_hold', sql`(${t.method} = 'cash') = (${t.holdTransferId} IS NOT NULL)`),
    check('payouts_paid', sql`(${t.state} = 'paid') = (${t.paidAt} IS NOT NULL AND ${t.voucherNo} IS NOT NULL)`),
    check('payouts_emergency_due', sql`${t.emergency} = (${t.paperworkDueDate} IS NOT NULL)`),
  ],
);

// 日结: the approver counts the cash at the end of a business day; a difference from the book
// is booked as an over or short transfer with its reason. One close per business day.
export const dayCloses = sqliteTable(
  'day_closes',
  {
    id: text('id').primaryKey(),
    businessDate: text('business_date').notNull(),
    bookBalanceFen: integer('book_balance_fen').notNull(),
    countedFen: integer('counted_fen').notNull(),
    // counted − book: > 0 over (长款), < 0 short (短款).
    differenceFen: integer('difference_fen').notNull(),
    differenceTransferId: text('difference_transfer_id').references(() => reserveTransfers.id),
    differenceReason: text('difference_reason'),
    payoutCount: integer('payout_count').notNull(),
    payoutsFen: integer('payouts_fen').notNull(),
    reversalsFen: integer('reversals_fen').notNull(),
    replenishmentsFen: integer('replenishments_fen').notNull(),
    // The audit chain's head at the close: the slip carries it, so a later edit of the history
    // before this close shows.
    auditHeadHash: text('audit_head_hash').notNull(),
    closedBy: text('closed_by')
      .notNull()
      .references(() => users.id),
    closedAt: text('closed_at').notNull(),
  },
  (t) => [
    uniqueIndex('day_closes_date_unique').on(t.businessDate),
    check('day_closes_amounts', sql`${t.bookBalanceFen} >= 0 AND ${t.countedFen} >= 0 AND ${t.differenceFen} = ${t.countedFen} - ${t.bookBalanceFen}`),
    check('day_closes_difference', sql`(${t.differenceFen} = 0) = (${t.differenceTransferId} IS NULL)`),
  ],
);
