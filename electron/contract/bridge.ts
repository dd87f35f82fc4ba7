import type { RpcResult } from './errors';

// The one object the Electron preload exposes to the renderer (contextBridge), as
// window.reliefDesk. In a browser (hall server) it is absent and the renderer uses HTTP.
export const BRIDGE_KEY = 'reliefDesk';
export const IPC_CHANNEL_INVOKE = 'rpc:invoke';
export const IPC_CHANNEL_EVENT = 'rpc:event';
// The desktop print paths (DESIGN.md §6): channels of their own, not procedures, because they
// drive the window (its print dialog, its PDF) rather than the database.
export const IPC_CHANNEL_PRINT_PAGE = 'print:page';
export const IPC_CHANNEL_CHOOSE_PDF = 'print:choose-pdf';
export const IPC_CHANNEL_SAVE_PDF = 'print:save-pdf';

/** The system print dialog's end: sent to the print queue, or cancelled by the clerk. */
export type PrintPageResult = { ok: true; outcome: 'sent' | 'canceled' } | { ok: false; message: string };

export interface ChoosePdfOptions {
  /** Case number and form name; the main process makes a safe file name of it. */
  suggestedName: string;
}

/** The save dialog's end. The path is shown to the clerk; savePdf writes where main kept it, never where the page says. */
export type ChoosePdfResult = { ok: true; chosen: true; path: string } | { ok: true; chosen: false } | { ok: false; message: string };

/** Where the PDF was written, to show the clerk. */
export type SavePdfResult = { ok: true; path: string } | { ok: false; message: string };

export interface ReliefDeskBridge {
  /** One RPC call; the token is the session's bearer token (null for public procedures). */
  invoke(procedure: string, input: unknown, token: string | null): Promise<RpcResult<unknown>>;
  /** Push events from the main process; returns the unsubscribe function. */
  onEvent(name: string, listener: (payload: unknown) => void): () => void;
  /** The system print dialog for the calling window's page, A4; the clerk picks the printer. */
  printPage(): Promise<PrintPageResult>;
  /** The save dialog for a PDF of the calling window's page; nothing is written yet. */
  choosePdfFile(options: ChoosePdfOptions): Promise<ChoosePdfResult>;
  /** The page as it is now, as an A4 PDF, into the file choosePdfFile chose (once). */
  savePdf(): Promise<SavePdfResult>;
}
