// The A4 forms' names, in a file without zod so the renderer can load them.

/** The forms drawn from one case (#/print/<kind>/<caseId>). */
export const CASE_DOCUMENT_KINDS = [
  'one_time_notice',
  'commitment',
  'authorisation',
  'approval_form',
  'refusal_notice',
  'referral_notice',
] as const;
export type CaseDocumentKind = (typeof CASE_DOCUMENT_KINDS)[number];

/**
 * Every A4 form. Most are drawn from a case; the notice list from a notice
 * (#/print/notice_list/<noticeId>), the payout voucher from a payout (#/print/payout_voucher/<payoutId>),
 * the day-close slip from a day close (#/print/day_close_slip/<dayCloseId>).
 */
export const DOCUMENT_KINDS = [...CASE_DOCUMENT_KINDS, 'notice_list', 'payout_voucher', 'day_close_slip', 'reimbursement_claim', 'statement'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  one_time_notice: '一次性告知单',
  commitment: '告知承诺书',
  authorisation: '家庭经济状况核对授权书',
  approval_form: '社会救助审核审批表',
  refusal_notice: '不予救助决定通知书',
  referral_notice: '社会救助转办告知书',
  notice_list: '社会救助公示名单',
  payout_voucher: '救助金发放凭证',
  day_close_slip: '备用金日结单',
  reimbursement_claim: '临时救助备用金报账单',
  statement: '临时救助备用金对账单',
};

/**
 * The reserve's papers for the district (报账单 by claim id; 对账单 by its period, the value
 * 2026-11-01_2026-11-30, see claimsVocab.ts): the town admin's and the approver's, never a
 * counter clerk's (documents.* checks the kind against the caller's roles).
 */
export const RESERVE_PAPER_KINDS = ['reimbursement_claim', 'statement'] as const;

/** Which form, of which case, notice or payout: what documents.get and documents.recordPrint take. */
export type DocumentRef =
  | { kind: CaseDocumentKind; caseId: string }
  | { kind: 'notice_list'; noticeId: string }
  | { kind: 'payout_voucher'; payoutId: string }
  | { kind: 'day_close_slip'; dayCloseId: string }
  | { kind: 'reimbursement_claim'; claimId: string }
  | { kind: 'statement'; period: string };

/**
 * The id fields a reference may carry on the wire; each kind needs exactly one of them. A kind
 * drawn from something other than a case adds its field here and its case in the three
 * functions below.
 */
export const DOCUMENT_REF_FIELDS = ['caseId', 'noticeId', 'payoutId', 'dayCloseId', 'claimId', 'period'] as const;
export type DocumentRefField = (typeof DOCUMENT_REF_FIELDS)[number];

/** The id field a kind names its source by. */
export function documentRefField(kind: DocumentKind): DocumentRefField {
  switch (kind) {
    case 'notice_list':
      return 'noticeId';
    case 'payout_voucher':
      return 'payoutId';
    case 'day_close_slip':
      return 'dayCloseId';
    case 'reimbursement_claim':
      return 'claimId';
    case 'statement':
      return 'period';
    default:
      return 'caseId';
  }
}

/** The reference of a kind's form drawn from the source `id` (a print route's last segment). */
export function documentRefFor(kind: DocumentKind, id: string): DocumentRef {
  switch (kind) {
    case 'notice_list':
      return { kind, noticeId: id };
    case 'payout_voucher':
      return { kind, payoutId: id };
    case 'day_close_slip':
      return { kind, dayCloseId: id };
    case 'reimbursement_claim':
      return { kind, claimId: id };
    case 'statement':
      return { kind, period: id };
    default:
      return { kind, caseId: id };
  }
}

/** documents.get's input as it comes over the wire: one object, the id the kind needs. */
export type DocumentRefFields = { kind: DocumentKind } & { [F in DocumentRefField]?: string | undefined };

/** The wire input as a DocumentRef; the contract's refinement has already required the right id. */
export function documentRefOf(v: DocumentRefFields): DocumentRef {
  const id = v[documentRefField(v.kind)];
  if (id === undefined) throw new Error(`a ${v.kind} reference without its id passed validation`);
  return documentRefFor(v.kind, id);
}

/** The id a prints row names the form by (documentRef): the case, the notice or the payout. */
export function documentRefId(ref: DocumentRef): string {
  switch (ref.kind) {
    case 'notice_list':
      return ref.noticeId;
    case 'payout_voucher':
      return ref.payoutId;
    case 'day_close_slip':
      return ref.dayCloseId;
    case 'reimbursement_claim':
      return ref.claimId;
    case 'statement':
      return ref.period;
    default:
      return ref.caseId;
  }
}

/** The thermal receipt's documentKind in prints (electron/services/printing/acceptanceReceipts.ts). */
export const RECEIPT_DOCUMENT_KIND = 'acceptance_receipt';

/** The thermal payout voucher's documentKind in prints (electron/services/printing/payoutVoucher.ts). */
export const PAYOUT_VOUCHER_RECEIPT_KIND = 'payout_voucher_receipt';

/** The label of any documentKind a prints row may carry: the receipts and the A4 forms. */
export function printedKindLabel(kind: string): string {
  if (kind === RECEIPT_DOCUMENT_KIND) return '受理回执';
  if (kind === PAYOUT_VOUCHER_RECEIPT_KIND) return '救助金发放凭证（热敏）';
  const a4 = DOCUMENT_KINDS.find((k) => k === kind);
  return a4 === undefined ? kind : DOCUMENT_KIND_LABELS[a4];
}

/** What a copy after the first says on paper (DOMAIN.md §6). */
export function reprintMark(copyNo: number): string | null {
  return copyNo > 1 ? `补打（第${copyNo}份）` : null;
}
