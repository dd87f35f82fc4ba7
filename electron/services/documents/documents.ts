import { and, eq, max } from 'drizzle-orm';
import { prints } from '../../../db/schema';
import { documentRefId, documentRefOf, type DocumentModel, type DocumentRef, type DocumentRefFields, type DocumentView, type RecordedPrint } from '../../contract';
import { requireCase } from '../cases/records';
import type { Ctx } from '../context';
import { assert } from '../errors';
import { insertRow } from '../rows';
import { approvalForm } from './approvalForm';
import { authorisation } from './authorisation';
import { commitment } from './commitment';
import { noticeList } from './noticeList';
import { oneTimeNotice } from './oneTimeNotice';
import { payoutVoucher, requirePayout } from './payoutVoucher';
import { dayCloseSlip } from '../reserve/dayClose';
import { referralNotice } from './referralNotice';
import { assertMayPrint, reimbursementClaimDoc, statementDoc } from './reservePapers';
import { refusalNotice } from './refusalNotice';

// documents.get: the model of one A4 form, of a case or of a notice, with the copy number
// its next print gets; documents.recordPrint: one prints row per print or PDF, numbered per
// form (documentKind, documentRef) as the thermal receipt is, so a reprint says 补打.

function buildDocument(ctx: Ctx, ref: DocumentRef): DocumentModel {
  if (ref.kind === 'notice_list') return noticeList(ctx, ref.noticeId);
  if (ref.kind === 'payout_voucher') return payoutVoucher(ctx, requirePayout(ctx, ref.payoutId));
  if (ref.kind === 'day_close_slip') return dayCloseSlip(ctx, ref.dayCloseId);
  if (ref.kind === 'reimbursement_claim') return reimbursementClaimDoc(ctx, ref.claimId);
  if (ref.kind === 'statement') return statementDoc(ctx, ref.period);
  const row = requireCase(ctx, ref.caseId);
  switch (ref.kind) {
    case 'one_time_notice':
      return oneTimeNotice(ctx, row);
    case 'commitment':
      return commitment(ctx, row);
    case 'authorisation':
      return authorisation(ctx, row);
    case 'approval_form':
      return approvalForm(ctx, row);
    case 'refusal_notice':
      return refusalNotice(ctx, row);
    case 'referral_notice':
      return referralNotice(ctx, row);
  }
}

function nextCopyNo(ctx: Ctx, ref: DocumentRef): number {
  const row = ctx.db
    .select({ last: max(prints.copyNo) })
    .from(prints)
    .where(and(eq(prints.documentKind, ref.kind), eq(prints.documentRef, documentRefId(ref))))
    .get();
  return (row?.last ?? 0) + 1;
}

/** The case a print is listed on (the case page's 打印记录); a notice list spans cases, a day close has none. */
function printedCaseId(ref: DocumentRef, document: DocumentModel): string | null {
  switch (ref.kind) {
    case 'notice_list':
    case 'day_close_slip':
    case 'reimbursement_claim':
    case 'statement':
      return null;
    case 'payout_voucher':
      assert(document.kind === 'payout_voucher', 'a payout voucher reference built another form');
      return document.caseId;
    default:
      return ref.caseId;
  }
}

export function getDocument(ctx: Ctx, input: DocumentRefFields): DocumentView {
  const ref = documentRefOf(input);
  assertMayPrint(ctx, ref.kind);
  return { document: buildDocument(ctx, ref), nextCopyNo: nextCopyNo(ctx, ref) };
}

/**
 * Called by the print page before the browser's (or Electron's) print dialog opens: the dialog
 * may still be cancelled, but a form the user could have printed is counted, so the next copy
 * never claims to be the first. The form is built first, so one that may not be printed (a
 * refusal notice for a case not refused) is refused here too, with nothing recorded. The form
 * is returned, and the page prints it: what copy N says is what the case held when N was counted.
 */
export function recordPrint(ctx: Ctx, input: DocumentRefFields & { target: 'a4' | 'pdf' }): RecordedPrint {
  assert(ctx.actor, 'a print is recorded for a logged-in user');
  const ref = documentRefOf(input);
  assertMayPrint(ctx, ref.kind);
  const target = input.target;
  const document = buildDocument(ctx, ref);
  const copyNo = nextCopyNo(ctx, ref);
  insertRow(ctx, prints, {
    id: ctx.ids.newId(),
    caseId: printedCaseId(ref, document),
    documentKind: ref.kind,
    documentRef: documentRefId(ref),
    copyNo,
    target,
    printedAt: ctx.nowIso,
    printedBy: ctx.actor.userId,
  });
  if (ref.kind === 'notice_list') ctx.audit.entity('notice', ref.noticeId);
  else if (ref.kind === 'payout_voucher') ctx.audit.entity('payout', ref.payoutId);
  else if (ref.kind === 'day_close_slip') ctx.audit.entity('day_close', ref.dayCloseId);
  else if (ref.kind === 'reimbursement_claim') ctx.audit.entity('reimbursement_claim', ref.claimId);
  else if (ref.kind === 'statement') ctx.audit.entity('reserve_statement', ref.period);
  else ctx.audit.entity('case', ref.caseId);
  ctx.audit.note({ kind: ref.kind, copyNo, target });
  return { copyNo, reprint: copyNo > 1, document };
}
