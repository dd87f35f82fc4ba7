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

/** Every A4 form; the notice list is drawn from a notice (#/print/notice_list/<noticeId>). */
export const DOCUMENT_KINDS = [...CASE_DOCUMENT_KINDS, 'notice_list'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  one_time_notice: '一次性告知单',
  commitment: '告知承诺书',
  authorisation: '家庭经济状况核对授权书',
  approval_form: '社会救助审核审批表',
  refusal_notice: '不予救助决定通知书',
  referral_notice: '社会救助转办告知书',
  notice_list: '社会救助公示名单',
};

/** Which form, of which case or notice: what documents.get and documents.recordPrint take. */
export type DocumentRef = { kind: CaseDocumentKind; caseId: string } | { kind: 'notice_list'; noticeId: string };

/** documents.get's input as it comes over the wire: one object, the id the kind needs. */
export interface DocumentRefFields {
  kind: DocumentKind;
  caseId?: string | undefined;
  noticeId?: string | undefined;
}

/** The wire input as a DocumentRef; the contract's refinement has already required the right id. */
export function documentRefOf(v: DocumentRefFields): DocumentRef {
  const id = v.kind === 'notice_list' ? v.noticeId : v.caseId;
  if (id === undefined) throw new Error(`a ${v.kind} reference without its id passed validation`);
  return v.kind === 'notice_list' ? { kind: v.kind, noticeId: id } : { kind: v.kind, caseId: id };
}

/** The id a prints row names the form by (documentRef): the case, or the notice. */
export function documentRefId(ref: DocumentRef): string {
  return ref.kind === 'notice_list' ? ref.noticeId : ref.caseId;
}

/** The thermal receipt's documentKind in prints (electron/services/printing/acceptanceReceipts.ts). */
export const RECEIPT_DOCUMENT_KIND = 'acceptance_receipt';

/** The label of any documentKind a prints row may carry: the receipt and the A4 forms. */
export function printedKindLabel(kind: string): string {
  if (kind === RECEIPT_DOCUMENT_KIND) return '受理回执';
  const a4 = DOCUMENT_KINDS.find((k) => k === kind);
  return a4 === undefined ? kind : DOCUMENT_KIND_LABELS[a4];
}

/** What a copy after the first says on paper (DOMAIN.md §6). */
export function reprintMark(copyNo: number): string | null {
  return copyNo > 1 ? `补打（第${copyNo}份）` : null;
}
