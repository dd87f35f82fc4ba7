import { z } from 'zod';
import { RELIEF_TYPES } from './catalogue';
import { LIMITS } from './limits';
import { MAX_AMOUNT_FEN } from './money';
import { RELIEF_CAUSES } from './vocab';

// Paying temporary relief (DOMAIN.md §5): the views and inputs of payouts.* (procedures.ts).
// Money is integer fen; every id a client sends as an idempotency key is a UUID it made when
// the dialog opened, so a retry (double click, dropped connection, restart) gets the first
// result and the same id with other content is refused.

const uuid = z.string().uuid();
const shortText = (empty: string) => z.string().trim().min(1, empty).max(LIMITS.textShortMax);

export const PAYOUT_METHODS = ['cash', 'bank'] as const;
export const PAYOUT_STATES = ['approved', 'paid', 'cancelled'] as const;

/** Who takes the money: the applicant, or a proxy payee (代领人) who shows their own ID. */
export const payeeSchema = z.discriminatedUnion('proxy', [
  z.object({ proxy: z.literal(false) }).strict(),
  z
    .object({
      proxy: z.literal(true),
      name: shortText('请填写代领人姓名'),
      residentId: shortText('请填写代领人公民身份号码'),
      relation: shortText('请填写代领人与申请人的关系'),
    })
    .strict(),
]);
export type Payee = z.infer<typeof payeeSchema>;

/** Where the money goes: cash from the reserve, or a bank transfer to the payee's account. */
export const paymentSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('cash') }).strict(),
  z
    .object({
      method: z.literal('bank'),
      bankName: shortText('请填写开户银行'),
      bankAccount: z
        .string()
        .trim()
        .regex(/^\d{8,30}$/, '银行账号应为8至30位数字'),
    })
    .strict(),
]);
export type Payment = z.infer<typeof paymentSchema>;

export const payoutViewSchema = z
  .object({
    id: uuid,
    caseId: uuid,
    caseNo: z.string(),
    method: z.enum(PAYOUT_METHODS),
    amountFen: z.number().int(),
    payeeName: z.string(),
    payeeResidentIdMasked: z.string(),
    proxyRelation: z.string().nullable(),
    bankName: z.string().nullable(),
    /** Only the last four digits leave the service. */
    bankAccountTail: z.string().nullable(),
    transferReference: z.string().nullable(),
    emergency: z.boolean(),
    paperworkDueDate: z.string().nullable(),
    paperworkCompletedAt: z.string().nullable(),
    /** Emergency paperwork past its due date and not completed (escalated to the town admin). */
    paperworkOverdue: z.boolean(),
    cause: z.enum(RELIEF_CAUSES),
    repeatReason: z.string().nullable(),
    opinion: z.string(),
    state: z.enum(PAYOUT_STATES),
    voucherNo: z.string().nullable(),
    approvedByName: z.string(),
    approvedAt: z.string(),
    paidByName: z.string().nullable(),
    paidAt: z.string().nullable(),
    paidDate: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    cancelReason: z.string().nullable(),
    signedAt: z.string().nullable(),
    claimNo: z.string().nullable(),
  })
  .strict();
export type PayoutView = z.infer<typeof payoutViewSchema>;

/** The household's aid (DOMAIN.md §5), shown on every temporary-relief screen. */
export const aidHistorySchema = z
  .object({
    windowMonths: z.number().int(),
    /** The first date inside the window (business date). */
    sinceDate: z.string(),
    count: z.number().int(),
    totalFen: z.number().int(),
    /** Newest first, at most LIMITS.aidHistoryRowsMax, over all time (the window only counts). */
    entries: z.array(
      z
        .object({
          date: z.string(),
          caseId: uuid,
          caseNo: z.string(),
          reliefType: z.enum(RELIEF_TYPES),
          kindLabel: z.string(),
          amountFen: z.number().int(),
          cause: z.enum(RELIEF_CAUSES).nullable(),
          causeLabel: z.string().nullable(),
          /** Inside the window: counted in count and totalFen. */
          inWindow: z.boolean(),
        })
        .strict(),
    ),
  })
  .strict();
export type AidHistory = z.infer<typeof aidHistorySchema>;

/** Everything the case page's payment panel needs. */
export const casePayoutsSchema = z
  .object({
    payouts: z.array(payoutViewSchema),
    aidHistory: aidHistorySchema,
    /** The town's limit on the business date today. */
    townLimitFen: z.number().int(),
    /** The reserve's available amount (balance − held): a cash payout above it cannot be approved. */
    availableFen: z.number().int(),
    /** Why the signed-in user may not approve or pay this case (separation of duties), or null. */
    blockedReason: z.string().nullable(),
    /** The approved amount waiting for a payout (normal path), or null. */
    approvedAmountFen: z.number().int().nullable(),
    /** The case may take an emergency payout now (先行救助: temporary relief, before a decision, none live). */
    emergencyAllowed: z.boolean(),
  })
  .strict();
export type CasePayouts = z.infer<typeof casePayoutsSchema>;

const amountFen = z.number().int().min(1, '金额必须大于零').max(MAX_AMOUNT_FEN);

export const payoutApproveInput = z
  .object({ id: uuid, caseId: uuid, payee: payeeSchema, payment: paymentSchema })
  .strict();
export const payoutEmergencyInput = z
  .object({
    id: uuid,
    caseId: uuid,
    amountFen,
    cause: z.enum(RELIEF_CAUSES),
    opinion: z.string().trim().min(1, '请填写先行救助意见').max(LIMITS.textLongMax),
    repeatReason: z.string().trim().max(LIMITS.textLongMax).nullable(),
    payee: payeeSchema,
    payment: paymentSchema,
  })
  .strict();
export const payoutPayInput = z
  .object({
    payoutId: uuid,
    /** The post transfer's id (cash): made when the 发放 dialog opened. */
    postId: uuid,
    /** Bank path: the bank's reference for the transfer; null for cash. */
    transferReference: z.string().trim().min(1, '请填写转账流水号').max(LIMITS.textShortMax).nullable(),
  })
  .strict();
export const payoutCancelInput = z
  .object({ payoutId: uuid, voidId: uuid, reason: z.string().trim().min(1, '请填写取消原因').max(LIMITS.textLongMax) })
  .strict();

/** 先行救助 past its paperwork due date and not completed: escalated to the town admin (payouts.escalated). */
export const escalatedPaperworkSchema = z
  .object({
    count: z.number().int(),
    /** Longest overdue first, at most LIMITS.queueRowsMax. */
    rows: z.array(
      z
        .object({
          payoutId: uuid,
          caseId: uuid,
          caseNo: z.string(),
          applicantName: z.string(),
          amountFen: z.number().int(),
          paperworkDueDate: z.string(),
          daysOverdue: z.number().int(),
          approvedByName: z.string(),
        })
        .strict(),
    ),
  })
  .strict();
export type EscalatedPaperwork = z.infer<typeof escalatedPaperworkSchema>;
