import { dirname } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase, type Db } from '../../db/open';
import { SessionStore } from '../services/auth/sessions';
import type { AppDeps, Clock, IdGenerator, Logger } from '../services/context';

export const systemClock: Clock = { now: () => new Date() };
export const uuidV7Ids: IdGenerator = { newId: () => uuidv7() };

/** JSON lines on stderr: one event a line, easy to grep and to ship. */
export const jsonLogger: Logger = {
  info: (message, fields) => process.stderr.write(`${JSON.stringify({ level: 'info', at: new Date().toISOString(), message, ...fields })}\n`),
  error: (message, fields) => process.stderr.write(`${JSON.stringify({ level: 'error', at: new Date().toISOString(), message, ...fields })}\n`),
};

export function createApp(options: { db: Db; clock?: Clock; ids?: IdGenerator; log?: Logger }): AppDeps {
  return {
    db: options.db,
    clock: options.clock ?? systemClock,
    ids: options.ids ?? uuidV7Ids,
    log: options.log ?? jsonLogger,
    sessions: new SessionStore(),
    // better-sqlite3's name is the file it opened: the data directory is its folder.
    dataDir: dirname(options.db.$client.name),
  };
}

export function openApp(options: { file: string; migrationsDir?: string; nativeBinding?: string; clock?: Clock; log?: Logger }): AppDeps {
  const db = openDatabase({
    file: options.file,
    ...(options.migrationsDir ? { migrationsDir: options.migrationsDir } : {}),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  return createApp({ db, ...(options.clock ? { clock: options.clock } : {}), ...(options.log ? { log: options.log } : {}) });
}
