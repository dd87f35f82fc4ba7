// 受理回执 from a case: the preview and the print (DOMAIN.md §6). A print is recorded first
// (a prints row with its copy number, in the mutation's transaction) and sent to the counter's
// printer only after the commit, so a printer that is off never loses the record, and the
// record never waits on the printer. Every copy after the first is marked 补打.
import { and, eq, max, sql } from 'drizzle-orm';
import { prints } from '../../../db/schema';
import type { PrintOutcome, ReceiptLayoutView } from '../../contract';
import type { Ctx } from '../context';
import { assert } from '../errors';
import { preparedOnce } from '../prepared';
import { insertRow } from '../rows';
import { getSettings } from '../settings';
import { acceptanceReceipt } from './acceptance';
import { acceptanceFactsOf } from './acceptanceFacts';
import { renderReceipt } from './print';
import { sendToPrinter } from './send';

const DOCUMENT_KIND = 'acceptance_receipt';

function nextCopyNo(ctx: Ctx, applicationId: string): number {
  // Read for every receipt shown (after each intake): prepared once per connection.
  const row = preparedOnce(ctx.db, 'acceptanceReceipts.lastCopy', () =>
    ctx.db
      .select({ last: max(prints.copyNo) })
      .from(prints)
      .where(and(eq(prints.documentKind, DOCUMENT_KIND), eq(prints.documentRef, sql.placeholder('applicationId'))))
      .prepare(),
  ).get({ applicationId });
  return (row?.last ?? 0) + 1;
}

/** The receipt the next print would produce, copy number and all. */
function nextReceipt(ctx: Ctx, caseId: string) {
  const { applicationId, facts } = acceptanceFactsOf(ctx, caseId);
  const copyNo = nextCopyNo(ctx, applicationId);
  const paper = getSettings(ctx.db).receiptPaper;
  return { applicationId, copyNo, rendered: renderReceipt(acceptanceReceipt({ ...facts, reprint: copyNo > 1 }), paper) };
}

export function receiptPreview(ctx: Ctx, caseId: string): { layout: ReceiptLayoutView; nextCopyNo: number } {
  const { copyNo, rendered } = nextReceipt(ctx, caseId);
  return { layout: { columns: rendered.layout.columns, lines: rendered.layout.lines }, nextCopyNo: copyNo };
}

const NOT_SENT: PrintOutcome = { ok: false, code: 'NOT_SENT', message: '回执已记录，尚未发送到打印机' };
const NO_PRINTER: PrintOutcome = { ok: false, code: 'NO_PRINTER', message: '未设置回执打印机：已记录本次打印，请管理员在系统设置中填写打印机地址后补打' };

/** Refuses (VALIDATION, nothing recorded) a receipt that cannot print, e.g. a full ID in it. */
export function printAcceptanceReceipt(ctx: Ctx, caseId: string): { copyNo: number; reprint: boolean; printed: PrintOutcome } {
  assert(ctx.actor, 'a print is recorded for a logged-in clerk');
  const { applicationId, copyNo, rendered } = nextReceipt(ctx, caseId);
  insertRow(ctx, prints, {
    id: ctx.ids.newId(),
    caseId,
    documentKind: DOCUMENT_KIND,
    documentRef: applicationId,
    copyNo,
    target: 'thermal',
    printedAt: ctx.nowIso,
    printedBy: ctx.actor.userId,
  });
  ctx.audit.entity('case', caseId);
  ctx.audit.note({ copyNo });
  const uri = getSettings(ctx.db).receiptPrinterUri;
  if (uri === '') return { copyNo, reprint: copyNo > 1, printed: NO_PRINTER };
  ctx.afterCommitAsync('printed', async (): Promise<PrintOutcome> => {
    const sent = await sendToPrinter(uri, rendered.job);
    return sent.ok ? { ok: true } : { ok: false, code: sent.error.code, message: sent.error.message };
  });
  return { copyNo, reprint: copyNo > 1, printed: NOT_SENT };
}
