import type { RpcResult } from './errors';

// The one object the Electron preload exposes to the renderer (contextBridge), as
// window.reliefDesk. In a browser (hall server) it is absent and the renderer uses HTTP.
export const BRIDGE_KEY = 'reliefDesk';
export const IPC_CHANNEL_INVOKE = 'rpc:invoke';
export const IPC_CHANNEL_EVENT = 'rpc:event';

export interface ReliefDeskBridge {
  /** One RPC call; the token is the session's bearer token (null for public procedures). */
  invoke(procedure: string, input: unknown, token: string | null): Promise<RpcResult<unknown>>;
  /** Push events from the main process; returns the unsubscribe function. */
  onEvent(name: string, listener: (payload: unknown) => void): () => void;
}
