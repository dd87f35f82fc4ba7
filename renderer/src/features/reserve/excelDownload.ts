import type { ExcelFile } from '../../contract';
import { saveBlob } from '../../components/download';

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
  saveBlob(file.fileName, new Blob([bytes], { type: XLSX_TYPE }));
  return true;
}

export const EXCEL_FAILED = '生成 Excel 文件失败，请重试';
