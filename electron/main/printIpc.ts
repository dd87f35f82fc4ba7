import { app, BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  IPC_CHANNEL_CHOOSE_PDF,
  IPC_CHANNEL_PRINT_PAGE,
  IPC_CHANNEL_SAVE_PDF,
  type ChoosePdfResult,
  type PrintPageResult,
  type SavePdfResult,
} from '../contract/bridge';
import type { Logger } from '../services/context';
import { BAD_REQUEST_MESSAGE, UNTRUSTED_SENDER_MESSAGE } from './ipcMessages';
import {
  PDF_NOT_CHOSEN_MESSAGE,
  PDF_RENDER_FAILED_MESSAGE,
  paperPrintOptions,
  parseChoosePdfOptions,
  pdfFileName,
  pdfPrintOptions,
  pdfWriteFailureMessage,
  printOutcome,
  withPdfExtension,
} from './printing';
import { isTrustedSender } from './security';

// The desktop print paths (DESIGN.md §6, §7): the calling window's page to the system print
// dialog, or to an A4 PDF in a file the clerk chose. Every decision is in printing.ts (tested
// under Node); this file only wires it into Electron. PDF saving takes two calls so the print
// is recorded only once the clerk has chosen where to save, and the PDF then carries the copy
// number the record gave (see PrintPage.tsx): the chosen path waits here, never in the page.

/** The file each window chose last, until its savePdf writes it. */
const chosenPdfFiles = new Map<number, string>();

export function registerPrintIpc(log: Logger): () => void {
  ipcMain.handle(IPC_CHANNEL_PRINT_PAGE, async (event): Promise<PrintPageResult> => {
    if (!trusted(event, log)) return { ok: false, message: UNTRUSTED_SENDER_MESSAGE };
    return printPage(event.sender, log);
  });
  ipcMain.handle(IPC_CHANNEL_CHOOSE_PDF, async (event, options: unknown): Promise<ChoosePdfResult> => {
    if (!trusted(event, log)) return { ok: false, message: UNTRUSTED_SENDER_MESSAGE };
    const parsed = parseChoosePdfOptions(options);
    if (!parsed) return { ok: false, message: BAD_REQUEST_MESSAGE };
    chosenPdfFiles.delete(event.sender.id);
    const fileName = pdfFileName(parsed.suggestedName);
    const saveOptions = {
      title: '另存为 PDF',
      defaultPath: join(app.getPath('documents'), fileName),
      filters: [{ name: 'PDF 文件', extensions: ['pdf'] }],
      properties: ['showOverwriteConfirmation' as const, 'createDirectory' as const],
    };
    const owner = BrowserWindow.fromWebContents(event.sender);
    const choice = owner ? await dialog.showSaveDialog(owner, saveOptions) : await dialog.showSaveDialog(saveOptions);
    if (choice.canceled || !choice.filePath) return { ok: true, chosen: false };
    const filePath = withPdfExtension(choice.filePath);
    chosenPdfFiles.set(event.sender.id, filePath);
    return { ok: true, chosen: true, path: filePath };
  });
  ipcMain.handle(IPC_CHANNEL_SAVE_PDF, async (event): Promise<SavePdfResult> => {
    if (!trusted(event, log)) return { ok: false, message: UNTRUSTED_SENDER_MESSAGE };
    const filePath = chosenPdfFiles.get(event.sender.id);
    chosenPdfFiles.delete(event.sender.id);
    if (filePath === undefined) return { ok: false, message: PDF_NOT_CHOSEN_MESSAGE };
    return savePdf(event.sender, filePath, log);
  });
  return () => {
    for (const channel of [IPC_CHANNEL_PRINT_PAGE, IPC_CHANNEL_CHOOSE_PDF, IPC_CHANNEL_SAVE_PDF]) ipcMain.removeHandler(channel);
    chosenPdfFiles.clear();
  };
}

/** The same sender-frame check as the RPC channel (ipcInvoke.ts): only our own app:// page. */
function trusted(event: IpcMainInvokeEvent, log: Logger): boolean {
  const frameUrl = event.senderFrame?.url ?? null;
  if (isTrustedSender(frameUrl)) return true;
  log.error('print ipc from an untrusted frame refused', { frameUrl: String(frameUrl).slice(0, 200) });
  return false;
}

function printPage(contents: WebContents, log: Logger): Promise<PrintPageResult> {
  return new Promise((resolve) => {
    try {
      contents.print(paperPrintOptions(), (success, failureReason) => {
        if (!success) log.info('print not completed', { failureReason: failureReason.slice(0, 200) });
        resolve(printOutcome(success, failureReason));
      });
    } catch (error) {
      // print() throws on settings Chromium refuses before any dialog opens.
      log.error('print failed to start', { error: String(error) });
      resolve(printOutcome(false, 'Invalid printer settings'));
    }
  });
}

async function savePdf(contents: WebContents, filePath: string, log: Logger): Promise<SavePdfResult> {
  let pdf: Buffer;
  try {
    pdf = await contents.printToPDF(pdfPrintOptions());
  } catch (error) {
    log.error('printToPDF failed', { error: String(error) });
    return { ok: false, message: PDF_RENDER_FAILED_MESSAGE };
  }
  try {
    await writeFile(filePath, pdf);
  } catch (error) {
    log.error('pdf write failed', { error: String(error) });
    return { ok: false, message: pdfWriteFailureMessage(error) };
  }
  log.info('pdf saved', { bytes: pdf.length });
  return { ok: true, path: filePath };
}
