// The public key file arrives in sync.status as text. As with the Excel exports
// (reserve/excelDownload.ts), a Blob behind <a download> is a real download from the hall
// server and a save dialog in the desktop app.

export function saveTextFile(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the bytes by the next tick; a minute is generous.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
