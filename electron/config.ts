import { mkdirSync } from 'node:fs';
import { resolve, join } from 'node:path';

// One data directory holds the database file: --data-dir, else RELIEF_DESK_DATA, else the
// caller's default (Electron's userData for the desktop, ./data for the hall server and CLI).
export const DB_FILE_NAME = 'relief-desk.db';

export function resolveDataDir(flag: string | undefined, fallback: string): string {
  const dir = resolve(flag ?? process.env.RELIEF_DESK_DATA ?? fallback);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function databaseFile(dataDir: string): string {
  return join(dataDir, DB_FILE_NAME);
}
