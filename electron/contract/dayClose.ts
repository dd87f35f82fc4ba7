import { z } from 'zod';

// 日结 (issue 4 item 5, DOMAIN.md §5): at the end of a business day the approver counts the
// cash in the box against the book balance; a difference is booked as 长款 (over) or 短款
// (short) with its reason, and the slip (日结单) prints with the audit chain's head hash. The
// views of reserve.dayClosePreview, reserve.closeDay and reserve.dayCloses, and the slip's model
// (a document kind, documents.ts). Money in fen.

const fen = z.number().int();

export const TRANSFER_KIND_VALUES = ['allocate', 'replenish', 'hold', 'post', 'void', 'reverse', 'recover', 'over', 'short'] as const;

/** One ledger entry of the day as the preview and the slip list it, with its label. */
export const dayTransferSchema = z
  .object({
    seq: z.number().int(),
    kind: z.enum(TRANSFER_KIND_VALUES),
    kindLabel: z.string(),
    amountFen: fen,
    /** What the entry does to the cash in the box: + in, − out, 0 for a hold or its release. */
    cashEffectFen: fen,
    reference: z.string(),
    note: z.string(),
    createdAt: z.string(),
  })
  .strict();
export type DayTransfer = z.infer<typeof dayTransferSchema>;

/** The day's entries of one kind: how many, how much. */
export const dayMovementSchema = z.object({ kind: z.enum(TRANSFER_KIND_VALUES), label: z.string(), count: z.number().int(), fen }).strict();
export type DayMovement = z.infer<typeof dayMovementSchema>;

/** A cash payout approved and not yet handed over: its money is still in the box and counted. */
export const heldPayoutSchema = z
  .object({ payoutId: z.string(), caseNo: z.string(), payeeName: z.string(), amountFen: fen, approvedAt: z.string() })
  .strict();
export type HeldPayout = z.infer<typeof heldPayoutSchema>;

export const dayCloseViewSchema = z
  .object({
    id: z.string(),
    businessDate: z.string(),
    bookBalanceFen: fen,
    countedFen: fen,
    /** counted − book: > 0 长款, < 0 短款. */
    differenceFen: fen,
    /** The over or short entry booked for the difference; null when the count matched. */
    differenceSeq: z.number().int().nullable(),
    differenceReason: z.string().nullable(),
    payoutCount: z.number().int(),
    payoutsFen: fen,
    reversalsFen: fen,
    /** The district's money in that day: allocations and replenishments. */
    replenishmentsFen: fen,
    /** The audit chain's head as it stood before the close was recorded (its own row follows it). */
    auditHeadHash: z.string(),
    closedByName: z.string(),
    closedAt: z.string(),
  })
  .strict();
export type DayCloseView = z.infer<typeof dayCloseViewSchema>;

export const dayClosePreviewSchema = z
  .object({
    businessDate: z.string(),
    /** The business date is today's: only today's may be closed. */
    isToday: z.boolean(),
    /** The cash the book says is in the box now: what the count is compared with. */
    balanceFen: fen,
    /** Approved cash payouts not handed over: in the box, part of the balance. */
    heldFen: fen,
    /** The balance at the start of the day (every entry of earlier business days). */
    openingFen: fen,
    /** What the day's entries did to the cash in the box. */
    netFen: fen,
    movements: z.array(dayMovementSchema),
    transfers: z.array(dayTransferSchema),
    /** The day had more entries than listed (LIMITS.reserveListRowsMax). */
    transfersTruncated: z.boolean(),
    heldPayouts: z.array(heldPayoutSchema),
    /** The day's close, once made. */
    close: dayCloseViewSchema.nullable(),
  })
  .strict();
export type DayClosePreview = z.infer<typeof dayClosePreviewSchema>;

/** 日结单: the close as recorded, the day's entries up to it, and the payouts then held. */
export const dayCloseSlipSchema = z
  .object({
    kind: z.literal('day_close_slip'),
    officeName: z.string(),
    printedDate: z.string(),
    close: dayCloseViewSchema,
    /** 长款 or 短款 for a difference, null when the count matched. */
    differenceLabel: z.string().nullable(),
    transfers: z.array(dayTransferSchema),
    transfersTruncated: z.boolean(),
    heldPayouts: z.array(heldPayoutSchema),
  })
  .strict();
export type DayCloseSlipModel = z.infer<typeof dayCloseSlipSchema>;
