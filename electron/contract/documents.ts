// The A4 forms the counter hands over (DOMAIN.md §6): one model per kind, built from the case
// in electron/services/documents and drawn by renderer/src/print. Every model carries the
// case number and the print date; resident IDs only ever masked (DOMAIN.md §7).
import { z } from 'zod';
import { AMOUNT_BASES, RELIEF_TYPES } from './catalogueVocab';
import { claimLineSchema, claimViewSchema, statementSchema } from './claims';
import { dayCloseSlipSchema, type DayCloseSlipModel } from './dayClose';

export * from './documentKinds';

/** What every form has at its head and foot. Dates are YYYY-MM-DD; the template formats them. */
const documentHead = {
  officeName: z.string(),
  caseNo: z.string(),
  /** 最低生活保障, with the category where the case has one: 临时救助（急难型）. */
  kindLabel: z.string(),
  printedDate: z.string(),
};

const oneTimeNoticeSchema = z
  .object({
    kind: z.literal('one_time_notice'),
    ...documentHead,
    applicantName: z.string(),
    residentIdMasked: z.string(),
    acceptedDate: z.string(),
    /** Every required material still missing, all at once: the applicant comes back one time. */
    missingMaterials: z.array(z.string()),
    handlerName: z.string(),
    /** Empty when the office has not set one. */
    enquiryPhone: z.string(),
  })
  .strict();

const commitmentSchema = z
  .object({
    kind: z.literal('commitment'),
    ...documentHead,
    applicantName: z.string(),
    residentIdMasked: z.string(),
    /** Materials the applicant's commitment stands in for (may be empty: the promise still holds). */
    replacedMaterials: z.array(z.string()),
    promises: z.array(z.string()),
    liability: z.string(),
    /** Who may sign for the applicant: a legal guardian only. */
    signingRule: z.string(),
  })
  .strict();

const authorisationSchema = z
  .object({
    kind: z.literal('authorisation'),
    ...documentHead,
    villageName: z.string(),
    address: z.string(),
    /** Adult members only (18 full years on the print date): minors do not sign. */
    signers: z.array(z.object({ name: z.string(), relationLabel: z.string(), residentIdMasked: z.string() }).strict()),
    /** The data sources the check centre may query, in the policy's order. */
    sources: z.array(z.string()),
    statement: z.string(),
  })
  .strict();

/** An amount as the forms print it: figures from fen in the template, capitals made here. */
const amountSchema = z.object({ fen: z.number().int().min(0), capitals: z.string() }).strict();

/**
 * 社会救助审核审批表: the file's cover sheet for the decision (DOMAIN.md §6). Printable for every
 * case the town or the district decides, at any stage: a step not yet taken is null and prints
 * as blank lines, so the office can print it for the approver before the decision and sign the
 * opinions by hand, or after it with the decision filled in.
 */
const approvalFormSchema = z
  .object({
    kind: z.literal('approval_form'),
    ...documentHead,
    applicantName: z.string(),
    residentIdMasked: z.string(),
    villageName: z.string(),
    address: z.string(),
    reason: z.string(),
    /** Current members, the head first; adults are 18 full years on the print date. */
    members: z.array(z.object({ name: z.string(), relationLabel: z.string(), residentIdMasked: z.string(), adult: z.boolean() }).strict()),
    adultCount: z.number().int().min(0),
    minorCount: z.number().int().min(0),
    /** What this case's amount is (RELIEF_AMOUNT_BASIS): monthly for a period, or one-off. */
    amountBasis: z.enum(AMOUNT_BASES),
    /**
     * The household's latest approval on another case; null when it never had one. `months` is
     * null for a one-off grant (临时救助): the amount is the grant; `amountFen` is null for a kind
     * the town sets no amount for (paid by a department).
     */
    lastAid: z.object({ date: z.string(), kindLabel: z.string(), amountFen: z.number().int().min(0).nullable(), months: z.number().int().min(0).nullable() }).strict().nullable(),
    /**
     * Approvals on the household's other cases decided in the 12 months to the print date; the
     * total adds a one-off grant once and a monthly amount times its months.
     */
    cumulativeAid: z.object({ since: z.string(), count: z.number().int().min(0), totalFen: z.number().int().min(0) }).strict(),
    acceptance: z.object({ handlerName: z.string(), acceptedDate: z.string(), opinion: z.string() }).strict(),
    economicCheck: z.object({ reportNo: z.string(), completedDate: z.string(), foundSources: z.array(z.string()) }).strict().nullable(),
    investigation: z.object({ visitDate: z.string(), investigators: z.string(), conclusion: z.string() }).strict().nullable(),
    /** The kind goes through a village democratic review (blank lines until it is recorded). */
    reviewRequired: z.boolean(),
    review: z.object({ reviewDate: z.string(), participants: z.number().int(), inFavour: z.number().int(), opinion: z.string() }).strict().nullable(),
    /** The case's latest notice and the objections raised on it. */
    notice: z.object({ startDate: z.string(), endDate: z.string(), objections: z.number().int().min(0) }).strict().nullable(),
    decision: z
      .object({
        outcomeLabel: z.string(),
        opinion: z.string(),
        /** Monthly or one-off as amountBasis says; null for a refusal. */
        amount: amountSchema.nullable(),
        periodStart: z.string().nullable(),
        periodMonths: z.number().int().nullable(),
        refusalReasons: z.string().nullable(),
        approverName: z.string(),
        decidedDate: z.string(),
      })
      .strict()
      .nullable(),
  })
  .strict();

/** 不予救助决定通知书: only for a refused case; the written reasons and the remedies. */
const refusalNoticeSchema = z
  .object({
    kind: z.literal('refusal_notice'),
    ...documentHead,
    applicantName: z.string(),
    residentIdMasked: z.string(),
    acceptedDate: z.string(),
    decidedDate: z.string(),
    reasons: z.string(),
    /** 行政复议 within 60 days, 行政诉讼 within 6 months, naming the bodies. */
    remedies: z.string(),
  })
  .strict();

/** 社会救助转办告知书: only for a referred case; where it went and when the answer is due. */
const referralNoticeSchema = z
  .object({
    kind: z.literal('referral_notice'),
    ...documentHead,
    applicantName: z.string(),
    residentIdMasked: z.string(),
    acceptedDate: z.string(),
    department: z.string(),
    sentDate: z.string(),
    dueDate: z.string(),
    /** Empty when the office has not set one. */
    enquiryPhone: z.string(),
  })
  .strict();

/** 公示名单 for a village board: no minors, masked IDs (the notice view, with the office). */
const noticeListSchema = z
  .object({
    kind: z.literal('notice_list'),
    officeName: z.string(),
    printedDate: z.string(),
    villageName: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    entries: z.array(
      z.object({ caseNo: z.string(), applicantName: z.string(), residentIdMasked: z.string(), reliefType: z.enum(RELIEF_TYPES), kindLabel: z.string(), proposedAmountFen: z.number().int().nullable() }).strict(),
    ),
    /** Minors on the notice, never named. */
    hiddenCount: z.number().int().min(0),
  })
  .strict();

/**
 * 救助金发放凭证 (DOMAIN.md §5, §6): one paid payout, signed by the payee (or proxy payee) and
 * the handler. Only a paid payout has one: its number is drawn when the money leaves.
 */
const payoutVoucherSchema = z
  .object({
    kind: z.literal('payout_voucher'),
    ...documentHead,
    /** The case page the print page goes back to. */
    caseId: z.string(),
    voucherNo: z.string(),
    applicantName: z.string(),
    residentIdMasked: z.string(),
    /** Who took the money; relation is null when the applicant did (else 代领人 and the relation). */
    payee: z.object({ name: z.string(), residentIdMasked: z.string(), relation: z.string().nullable() }).strict(),
    amount: amountSchema,
    causeLabel: z.string(),
    opinion: z.string(),
    /** The approver's reason for a repeat within the window, when there was one. */
    repeatReason: z.string().nullable(),
    methodLabel: z.string(),
    /** Bank path: the bank, the account's last four digits only, and the transfer reference. */
    bank: z.object({ bankName: z.string(), accountTail: z.string(), transferReference: z.string() }).strict().nullable(),
    /** 先行救助: paid before the paperwork, which is owed by paperworkDueDate. */
    emergency: z.boolean(),
    paperworkDueDate: z.string().nullable(),
    approverName: z.string(),
    approvedDate: z.string(),
    handlerName: z.string(),
    paidDate: z.string(),
  })
  .strict();

/** 报账单 and 对账单 (claims.ts): the office, the town and the print date over the paper's own model. */
const reservePaperHead = { officeName: z.string(), townName: z.string(), printedDate: z.string() };
const reimbursementClaimDocSchema = z.object({ kind: z.literal('reimbursement_claim'), ...reservePaperHead, claim: claimViewSchema, lines: z.array(claimLineSchema) }).strict();
const statementDocSchema = z.object({ kind: z.literal('statement'), ...reservePaperHead, statement: statementSchema }).strict();

export const documentSchema = z.discriminatedUnion('kind', [
  oneTimeNoticeSchema,
  commitmentSchema,
  authorisationSchema,
  approvalFormSchema,
  refusalNoticeSchema,
  referralNoticeSchema,
  noticeListSchema,
  payoutVoucherSchema,
  dayCloseSlipSchema,
  reimbursementClaimDocSchema,
  statementDocSchema,
]);
export type DocumentModel = z.infer<typeof documentSchema>;
export type OneTimeNoticeModel = z.infer<typeof oneTimeNoticeSchema>;
export type CommitmentModel = z.infer<typeof commitmentSchema>;
export type AuthorisationModel = z.infer<typeof authorisationSchema>;
export type ApprovalFormModel = z.infer<typeof approvalFormSchema>;
export type RefusalNoticeModel = z.infer<typeof refusalNoticeSchema>;
export type ReferralNoticeModel = z.infer<typeof referralNoticeSchema>;
export type NoticeListModel = z.infer<typeof noticeListSchema>;
export type PayoutVoucherModel = z.infer<typeof payoutVoucherSchema>;
export type ReimbursementClaimModel = z.infer<typeof reimbursementClaimDocSchema>;
export type StatementModel = z.infer<typeof statementDocSchema>;
/** The forms of one case: each carries the case number at its foot. */
export type CaseDocumentModel = Exclude<DocumentModel, NoticeListModel | DayCloseSlipModel | ReimbursementClaimModel | StatementModel>;

/** documents.get: the form, and the copy number the next print of it will get. */
export const documentViewSchema = z.object({ document: documentSchema, nextCopyNo: z.number().int().min(1) }).strict();
export type DocumentView = z.infer<typeof documentViewSchema>;
/**
 * documents.recordPrint: the copy number recorded, and the form as built in the same
 * transaction. The page prints this one, never the model it loaded earlier: a decision made at
 * another counter in between would otherwise go on paper as copy N without it.
 */
export const recordedPrintSchema = z.object({ copyNo: z.number().int().min(1), reprint: z.boolean(), document: documentSchema }).strict();
export type RecordedPrint = z.infer<typeof recordedPrintSchema>;
