import type { Role } from '../contract';
import type { Db } from '../../db/open';
import type { SessionStore } from './auth/sessions';

export interface Clock {
  now(): Date;
}
export interface IdGenerator {
  /** UUIDv7 text: sortable by birth, unique across towns. */
  newId(): string;
}
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** What the services need from the outside world; injected so tests control time and ids. */
export interface AppDeps {
  db: Db;
  clock: Clock;
  ids: IdGenerator;
  log: Logger;
  sessions: SessionStore;
  /** The data directory (the database's folder): the sync keys live in its keys/ folder. */
  dataDir: string;
}

export interface Actor {
  userId: string;
  username: string;
  roles: Role[];
}

export interface AuditEntry {
  action: string;
  entityType: string | null;
  entityId: string | null;
  detail: Record<string, unknown>;
}

export interface ChangeEntry {
  tableName: string;
  rowId: string;
  op: 'insert' | 'update' | 'delete';
  row: Record<string, unknown>;
}

/** One call's context: built by dispatch(), lives for one transaction. */
export interface Ctx extends AppDeps {
  actor: Actor | null;
  sessionToken: string | null;
  /** Now, fixed for the whole call so every row of one transaction carries the same time. */
  nowIso: string;
  today: string;
  /** Written by rpc after the handler, in the same transaction. */
  audit: {
    /** The entity the call acted on, for the procedure's own audit row. */
    entity(type: string, id: string): void;
    /** Extra facts for the procedure's own audit row (never secrets). */
    note(fields: Record<string, unknown>): void;
    /** Who acted, when the call itself establishes it (login). */
    actAs(actor: Actor): void;
    /** A further audit row of its own (a lockout caused by a failed login). */
    extra(entry: AuditEntry): void;
  };
  changes: ChangeEntry[];
  /** Runs once the transaction has committed (in-memory state such as sessions). */
  afterCommit(fn: () => void): void;
  /**
   * Slow outside work that must follow the commit (sending a receipt to a network printer):
   * a failure there cannot undo what was recorded. The handler returns a placeholder in
   * `field` of its value; dispatchAsync() awaits `effect` after the commit and puts its
   * outcome there, checked against the procedure's output schema. Plain dispatch() keeps the
   * placeholder. Mutations only.
   */
  afterCommitAsync(field: string, effect: () => Promise<unknown>): void;
}
