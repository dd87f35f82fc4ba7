import { BRIDGE_KEY, DOCUMENT_KIND_LABELS, type DocumentModel, type ReliefDeskBridge } from '../contract';

// The desktop app's print paths, when the preload offers them: the system print dialog, and a
// PDF saved where the clerk chooses. In the hall server's browser there is no bridge and the
// print page falls back to window.print() (whose dialog offers 另存为 PDF itself).

export type DesktopPrinter = Pick<ReliefDeskBridge, 'printPage' | 'choosePdfFile' | 'savePdf'>;
export type PrintPageResult = Awaited<ReturnType<DesktopPrinter['printPage']>>;
export type SavePdfResult = Awaited<ReturnType<DesktopPrinter['savePdf']>>;

/** window.reliefDesk when it carries the print methods; null in a browser (or an older preload). */
export function desktopPrinter(): DesktopPrinter | null {
  const candidate: unknown = (window as unknown as Record<string, unknown>)[BRIDGE_KEY];
  if (typeof candidate !== 'object' || candidate === null) return null;
  const bridge = candidate as Partial<Record<keyof DesktopPrinter, unknown>>;
  if (typeof bridge.printPage !== 'function' || typeof bridge.choosePdfFile !== 'function' || typeof bridge.savePdf !== 'function') return null;
  return candidate as DesktopPrinter;
}

/** The save dialog's default name: whose form it is and which (main makes it a safe file name). */
export function pdfSuggestedName(doc: DocumentModel): string {
  const label = DOCUMENT_KIND_LABELS[doc.kind];
  if (doc.kind === 'notice_list') return `${doc.villageName} ${label} ${doc.startDate}`;
  if (doc.kind === 'day_close_slip') return `${doc.close.businessDate} ${label}`;
  if (doc.kind === 'reimbursement_claim') return `${doc.claim.claimNo} ${label}`;
  if (doc.kind === 'statement') return `${doc.statement.from}至${doc.statement.to} ${label}`;
  return `${doc.caseNo} ${label}`;
}
