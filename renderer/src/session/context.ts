import { createContext, useContext } from 'react';
import type { Installation, OutputOf, RpcError, SessionUser } from '../contract';

export type SessionState =
  | { phase: 'starting' }
  /** The start-up check failed: UNREACHABLE when the server could not be reached at all. */
  | { phase: 'unreachable'; error: RpcError }
  | { phase: 'setup' }
  | { phase: 'login'; installation: Installation | null; notice: string | null }
  | { phase: 'in'; user: SessionUser; installation: Installation; idleLockMs: number; locked: boolean };

export type SignedIn = Extract<SessionState, { phase: 'in' }>;

export interface SessionApi {
  state: SessionState;
  /** Asks the server again where we stand (after a network failure). */
  restart: () => void;
  setupDone: (installation: Installation) => void;
  loggedIn: (result: OutputOf<'auth.login'>) => void;
  logout: () => Promise<void>;
  lock: () => void;
  unlocked: () => void;
  passwordChanged: () => void;
  idleLockChanged: (idleLockMs: number) => void;
}

export const SessionContext = createContext<SessionApi | null>(null);

export function useSession(): SessionApi {
  const api = useContext(SessionContext);
  if (!api) throw new Error('useSession outside <SessionProvider>');
  return api;
}

/** For screens that only exist after login. */
export function useSignedIn(): SignedIn & { api: SessionApi } {
  const api = useSession();
  if (api.state.phase !== 'in') throw new Error('useSignedIn before login');
  return { ...api.state, api };
}
