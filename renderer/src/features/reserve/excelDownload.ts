import type { ExcelFile } from '../../contract';

// An exported workbook arrives over RPC as base64 (reserve.claimExcel / statementExcel). In a
// browser (the hall server) a Blob behind <a download> is a real download into the browser's
// download folder; in the desktop app Electron turns the same download into a save dialog.

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Saves the file; false when the server answered without its bytes (the post-commit write failed). */
export function saveExcel(file: ExcelFile): boolean {
  if (file.base64 === '') return false;
  const binary = atob(file.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: XLSX_TYPE }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the bytes by the next tick; a minute is generous.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return true;
}

export const EXCEL_FAILED = '生成 Excel 文件失败，请重试';
