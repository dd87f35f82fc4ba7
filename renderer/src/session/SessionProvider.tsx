import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Installation, OutputOf } from '../contract';
import { rpc, type SessionProblem } from '../rpc';
import { SessionContext, type SessionApi, type SessionState } from './context';

// Where the renderer stands: not set up, logged out, or logged in (possibly locked). Any call
// that answers SESSION_LOCKED or UNAUTHENTICATED moves us here, whichever screen made it.

async function resolveStart(): Promise<SessionState> {
  const status = await rpc.call('setup.status', {});
  if (!status.ok) return { phase: 'unreachable', error: status.error };
  if (!status.value.setUp || !status.value.installation) return { phase: 'setup' };
  const installation = status.value.installation;
  if (rpc.token()) {
    const me = await rpc.call('auth.me', {});
    if (me.ok) {
      const { user, locked, idleLockMs } = me.value;
      return { phase: 'in', user, installation: me.value.installation, idleLockMs, locked };
    }
    // The server went away in between: keep the token, so 重试 resumes the session.
    if (me.error.code === 'UNREACHABLE') return { phase: 'unreachable', error: me.error };
    rpc.setToken(null);
  }
  return { phase: 'login', installation, notice: null };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ phase: 'starting' });
  const [startCount, setStartCount] = useState(0);

  useEffect(() => {
    let live = true;
    void resolveStart().then((next) => {
      if (live) setState(next);
    });
    return () => {
      live = false;
    };
  }, [startCount]);

  const toLogin = useCallback((notice: string | null) => {
    rpc.setToken(null);
    setState((s) => ({ phase: 'login', installation: s.phase === 'in' ? s.installation : null, notice }));
  }, []);

  const refreshMe = useCallback(async () => {
    const me = await rpc.call('auth.me', {});
    if (!me.ok) return;
    const { user, locked, idleLockMs, installation } = me.value;
    setState({ phase: 'in', user, installation, idleLockMs, locked });
  }, []);

  useEffect(
    () =>
      rpc.onSessionProblem((problem: SessionProblem, error) => {
        if (problem === 'locked') setState((s) => (s.phase === 'in' ? { ...s, locked: true } : s));
        else if (problem === 'password_change') void refreshMe();
        else toLogin(error.message);
      }),
    [refreshMe, toLogin],
  );

  // Stable: the idle-lock timer holds it and must not restart on every state change.
  const lock = useCallback(() => setState((s) => (s.phase === 'in' ? { ...s, locked: true } : s)), []);

  const api = useMemo<SessionApi>(
    () => ({
      state,
      lock,
      restart: () => {
        setState({ phase: 'starting' });
        setStartCount((n) => n + 1);
      },
      setupDone: (installation: Installation) =>
        setState({ phase: 'login', installation, notice: '初始化完成，请用刚才创建的管理员账号登录' }),
      loggedIn: (result: OutputOf<'auth.login'>) => {
        rpc.setToken(result.token);
        setState({ phase: 'in', user: result.user, installation: result.installation, idleLockMs: result.idleLockMs, locked: false });
      },
      logout: async () => {
        if (rpc.token()) await rpc.call('auth.logout', {});
        // The next person starts from their own home page, not from where this one was.
        window.history.replaceState(null, '', window.location.pathname + window.location.search);
        toLogin(null);
      },
      unlocked: () => setState((s) => (s.phase === 'in' ? { ...s, locked: false } : s)),
      passwordChanged: () =>
        setState((s) => (s.phase === 'in' ? { ...s, user: { ...s.user, mustChangePassword: false } } : s)),
      idleLockChanged: (idleLockMs: number) => setState((s) => (s.phase === 'in' ? { ...s, idleLockMs } : s)),
    }),
    [state, toLogin, lock],
  );

  return <SessionContext value={api}>{children}</SessionContext>;
}
