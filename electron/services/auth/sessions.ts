import { randomBytes } from 'node:crypto';
import { LIMITS } from '../../contract';

export interface Session {
  token: string;
  userId: string;
  createdAtMs: number;
  lastActiveMs: number;
  locked: boolean;
  /** users.credential_epoch when the session began; a later epoch ends it (any process). */
  credentialEpoch: number;
}

/**
 * Sessions live in memory: a restart of the app or hall server logs everyone out, which is
 * what a counter PC left overnight should do anyway. Bounded: the oldest session goes first.
 */
export class SessionStore {
  private readonly byToken = new Map<string, Session>();

  /** A new session, not yet usable: add() it once the login has committed. */
  mint(userId: string, credentialEpoch: number, nowMs: number): Session {
    return { token: randomBytes(32).toString('base64url'), userId, createdAtMs: nowMs, lastActiveMs: nowMs, locked: false, credentialEpoch };
  }

  add(session: Session): void {
    if (this.byToken.size >= LIMITS.sessionsMax) {
      const oldest = this.byToken.keys().next().value;
      if (oldest !== undefined) this.byToken.delete(oldest);
    }
    this.byToken.set(session.token, session);
  }

  get(token: string): Session | undefined {
    return this.byToken.get(token);
  }

  delete(token: string): void {
    this.byToken.delete(token);
  }

  deleteForUser(userId: string): void {
    for (const [token, s] of this.byToken) if (s.userId === userId) this.byToken.delete(token);
  }

  get size(): number {
    return this.byToken.size;
  }
}
