// A file made in the renderer, handed to the user: a Blob behind <a download> is a real
// download from the hall server (into the browser's download folder) and a save dialog in the
// desktop app, where Electron turns the same download into one.

export function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the bytes by the next tick; a minute is generous.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
