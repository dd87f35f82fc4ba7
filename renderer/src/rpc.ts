import {
  BRIDGE_KEY,
  type ErrorCode,
  type InputOf,
  type OutputOf,
  type ProcedureName,
  type ReliefDeskBridge,
  type RpcError,
  type RpcResult,
} from './contract';

// The only way the renderer talks to the back end. The transport is picked once at start:
// the Electron preload bridge when present, else HTTP to the hall server. The session token
// lives here (and in sessionStorage in a browser, so a reload keeps the clerk logged in).
// When HTTP cannot reach the server a call answers UNREACHABLE (the server never sends it);
// a failing bridge means a broken desktop program, not a network, so it answers INTERNAL.

type Transport = (procedure: ProcedureName, input: unknown, token: string | null) => Promise<RpcResult<unknown>>;

/** What a failed call says about the session, for the session provider to act on. */
export type SessionProblem = 'locked' | 'unauthenticated' | 'password_change' | 'disabled';

const TOKEN_KEY = 'reliefDesk.token';
const UNREACHABLE = '无法连接服务器，请确认大厅服务已启动、网络连接正常后重试';
const GATEWAY_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

const SESSION_PROBLEMS: Partial<Record<ErrorCode, SessionProblem>> = {
  SESSION_LOCKED: 'locked',
  UNAUTHENTICATED: 'unauthenticated',
  PASSWORD_CHANGE_REQUIRED: 'password_change',
  ACCOUNT_DISABLED: 'disabled',
};

// The calls allowed while locked (allowLocked in the contract) do not count as activity on
// the server either; every other call does, auth.touch (the idle-lock heartbeat) included.
const NOT_ACTIVITY: ReadonlySet<ProcedureName> = new Set(['auth.me', 'auth.unlock', 'auth.logout']);

function failure(code: ErrorCode, message: string): RpcResult<never> {
  return { ok: false, error: { code, message } };
}

function isBridge(value: unknown): value is ReliefDeskBridge {
  return typeof value === 'object' && value !== null && typeof (value as { invoke?: unknown }).invoke === 'function';
}

function isRpcResult(value: unknown): value is RpcResult<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; error?: unknown };
  if (v.ok === true) return 'value' in v;
  return v.ok === false && typeof v.error === 'object' && v.error !== null && typeof (v.error as RpcError).code === 'string';
}

function bridgeTransport(bridge: ReliefDeskBridge): Transport {
  return async (procedure, input, token) => {
    try {
      const result = await bridge.invoke(procedure, input, token);
      return isRpcResult(result) ? result : failure('INTERNAL', '桌面程序返回了无法识别的应答');
    } catch {
      return failure('INTERNAL', '与桌面程序主进程的通信失败，请重新启动程序');
    }
  };
}

const httpTransport: Transport = async (procedure, input, token) => {
  let response: Response;
  try {
    response = await fetch(`/api/rpc/${procedure}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return failure('UNREACHABLE', UNREACHABLE);
  }
  // A non-2xx status still carries the RpcResult body.
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    // Without a JSON body a 502/503/504 comes from a proxy in front of a server that is down.
    if (GATEWAY_STATUSES.has(response.status)) return failure('UNREACHABLE', UNREACHABLE);
    return failure('INTERNAL', `服务器返回了无法识别的应答（HTTP ${response.status}）`);
  }
  return isRpcResult(body) ? body : failure('INTERNAL', `服务器返回了无法识别的应答（HTTP ${response.status}）`);
};

function readStoredToken(persist: boolean): string | null {
  if (!persist) return null;
  try {
    return window.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function createRpc() {
  const bridgeCandidate: unknown = (window as unknown as Record<string, unknown>)[BRIDGE_KEY];
  const bridge = isBridge(bridgeCandidate) ? bridgeCandidate : null;
  const transport = bridge ? bridgeTransport(bridge) : httpTransport;
  // In the desktop window the token stays in memory only; in a browser a reload keeps it.
  const persist = bridge === null;
  let token = readStoredToken(persist);
  let lastActivityCallMs = Date.now();
  const listeners = new Set<(problem: SessionProblem, error: RpcError) => void>();

  return {
    transport: bridge ? ('ipc' as const) : ('http' as const),

    async call<N extends ProcedureName>(name: N, input: InputOf<N>): Promise<RpcResult<OutputOf<N>>> {
      const sentWith = token;
      if (sentWith && !NOT_ACTIVITY.has(name)) lastActivityCallMs = Date.now();
      const result = (await transport(name, input, sentWith)) as RpcResult<OutputOf<N>>;
      if (!result.ok && sentWith !== null && sentWith === token) {
        const problem = SESSION_PROBLEMS[result.error.code];
        if (problem) for (const listener of listeners) listener(problem, result.error);
      }
      return result;
    },

    token: (): string | null => token,

    setToken(next: string | null): void {
      token = next;
      lastActivityCallMs = Date.now();
      if (!persist) return;
      try {
        if (next) window.sessionStorage.setItem(TOKEN_KEY, next);
        else window.sessionStorage.removeItem(TOKEN_KEY);
      } catch {
        // Storage can be disabled; the session then simply ends with the page.
      }
    },

    /** When the last call that counts as activity on the server was sent. */
    lastActivityCallMs: (): number => lastActivityCallMs,

    onSessionProblem(listener: (problem: SessionProblem, error: RpcError) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const rpc = createRpc();
