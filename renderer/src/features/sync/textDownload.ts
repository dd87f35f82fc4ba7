import { saveBlob } from '../../components/download';

// The public key file arrives in sync.status as text, and leaves as a download (components/download.ts).

export function saveTextFile(fileName: string, text: string, type = 'application/json'): void {
  saveBlob(fileName, new Blob([text], { type: `${type};charset=utf-8` }));
}
