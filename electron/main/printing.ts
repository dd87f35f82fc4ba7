import type { ChoosePdfOptions, PrintPageResult } from '../contract/bridge';
import { isPlainObject } from './ipcMessages';

// The desktop print paths' decisions, without Electron (printIpc.ts only wires them): the
// shape of what the renderer may ask, the default PDF file name, the options handed to
// webContents.print and printToPDF, and the Chinese messages for what can go wrong.

/** The renderer's suggestion is bounded before anything looks at it. */
export const SUGGESTED_NAME_LENGTH_MAX = 200;
/** Code points kept of the file name's stem: far below Windows' 255, room for a long folder path. */
export const FILE_STEM_LENGTH_MAX = 80;
/** The stem used when nothing usable is left of the suggestion. */
export const FALLBACK_FILE_STEM = '文书';

/** a4.css: `@page { size: A4; margin: 20mm }`. printToPDF takes inches. */
export const A4_MARGIN_MM = 20;
const MM_PER_INCH = 25.4;

/** choosePdfFile's options: exactly { suggestedName }, a bounded string. */
export function parseChoosePdfOptions(options: unknown): ChoosePdfOptions | null {
  if (!isPlainObject(options)) return null;
  if (Object.keys(options).some((k) => k !== 'suggestedName')) return null;
  const { suggestedName } = options;
  if (typeof suggestedName !== 'string' || suggestedName.length > SUGGESTED_NAME_LENGTH_MAX) return null;
  return { suggestedName };
}

// Control characters (C0, DEL, C1) and what Windows forbids in a name: < > : " / \ | ? *
// eslint-disable-next-line no-control-regex -- matching control characters is the point: a file name must not carry them
const FORBIDDEN_CHARS = /[\u0000-\u001f\u007f-\u009f<>:"/\\|?*]/g;
// Windows refuses these as a name whatever the extension (CON.pdf, com1.tar.pdf, "AUX .txt").
const RESERVED_STEM = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])\s*(\..*)?$/i;

/**
 * The default file name the save dialog offers: the suggestion without path separators,
 * control characters or anything Windows forbids; no leading dots (no hidden file, no ../),
 * no trailing dots or spaces (Windows drops them), never a reserved device name, bounded,
 * and ending in .pdf. Chinese and other letters are kept as they are.
 */
export function pdfFileName(suggested: string): string {
  let stem = suggested.slice(0, SUGGESTED_NAME_LENGTH_MAX).normalize('NFC').replace(FORBIDDEN_CHARS, ' ');
  stem = stem.replace(/\.pdf$/i, '').replace(/\s+/g, ' ').trim();
  stem = stem.replace(/^[.\s]+/, '');
  stem = Array.from(stem).slice(0, FILE_STEM_LENGTH_MAX).join('');
  stem = stem.replace(/[.\s]+$/, '');
  if (stem === '') stem = FALLBACK_FILE_STEM;
  if (RESERVED_STEM.test(stem)) stem = `_${stem}`;
  return `${stem}.pdf`;
}

/** The save dialog does not add the extension everywhere (Linux); a PDF should say it is one. */
export function withPdfExtension(filePath: string): string {
  return /\.pdf$/i.test(filePath) ? filePath : `${filePath}.pdf`;
}

/** webContents.print: the system dialog, where the clerk picks the printer; A4 as a4.css says. */
export function paperPrintOptions(): { silent: false; printBackground: true; pageSize: 'A4' } {
  return { silent: false, printBackground: true, pageSize: 'A4' };
}

export interface PdfOptions {
  pageSize: 'A4';
  printBackground: true;
  margins: { top: number; bottom: number; left: number; right: number };
}

/** webContents.printToPDF: A4 with a4.css's margins, so the PDF is the sheet the printer gets. */
export function pdfPrintOptions(): PdfOptions {
  const inches = A4_MARGIN_MM / MM_PER_INCH;
  return { pageSize: 'A4', printBackground: true, margins: { top: inches, bottom: inches, left: inches, right: inches } };
}

// The failure reasons Electron documents for webContents.print's callback.
const PRINT_CANCELED = 'Print job canceled';
const PRINT_FAILURE_MESSAGES: Record<string, string> = {
  'Invalid printer settings': '打印机设置无效，请在打印对话框中检查打印机和纸张后重试',
  'Print job failed': '打印任务失败，请检查打印机是否联机、有纸后重试',
};

/**
 * webContents.print's callback as the renderer's result. success only means the job reached
 * the system's print queue (electron/electron#38975: no paper still reports success), so the
 * clerk is told "sent to the printer", never "printed".
 */
export function printOutcome(success: boolean, failureReason: string): PrintPageResult {
  if (success) return { ok: true, outcome: 'sent' };
  if (failureReason === PRINT_CANCELED) return { ok: true, outcome: 'canceled' };
  const known = PRINT_FAILURE_MESSAGES[failureReason];
  if (known !== undefined) return { ok: false, message: known };
  const reason = failureReason.trim().slice(0, 100);
  return { ok: false, message: reason === '' ? '打印未完成，请检查打印机后重试' : `打印未完成（${reason}），请检查打印机后重试` };
}

export const PDF_RENDER_FAILED_MESSAGE = '生成 PDF 失败，请重试';
export const PDF_NOT_CHOSEN_MESSAGE = '请先选择 PDF 的保存位置';

const WRITE_FAILURE_MESSAGES: Record<string, string> = {
  EACCES: '没有写入该位置的权限，请换一个文件夹保存',
  EPERM: '没有写入该位置的权限，请换一个文件夹保存',
  EROFS: '该位置只读，请换一个文件夹保存',
  ENOSPC: '磁盘空间不足，PDF 未能保存',
  EBUSY: '该文件正被其他程序占用（可能已在 PDF 阅读器中打开），请关闭后重试',
  ENOENT: '保存位置不存在，请重新选择',
  ENAMETOOLONG: '文件路径过长，请换一个较短的位置或文件名',
};

/** A failed writeFile as the clerk's message, by its errno code. */
export function pdfWriteFailureMessage(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const known = typeof code === 'string' ? WRITE_FAILURE_MESSAGES[code] : undefined;
  return known ?? '保存 PDF 失败，请换一个位置重试';
}
