import { LIMITS, type RpcResult } from '../contract';
import { dispatchAsync } from '../rpc/dispatch';
import type { AppDeps } from '../services/context';
import { BAD_REQUEST_MESSAGE, parseInvokeMessage, UNTRUSTED_SENDER_MESSAGE } from './ipcMessages';
import { isTrustedSender } from './security';

// What the IPC transport does with one invoke, without Electron: check the sender frame,
// check the message shape and size, dispatch. transports/ipc.ts only hands over the frame's
// URL and the message, so this runs (and is tested) under plain Node.

export async function invokeFromFrame(app: AppDeps, frameUrl: string | null, message: unknown): Promise<RpcResult<unknown>> {
  if (!isTrustedSender(frameUrl)) {
    app.log.error('ipc call from an untrusted frame refused', { frameUrl: String(frameUrl).slice(0, 200) });
    return { ok: false, error: { code: 'FORBIDDEN', message: UNTRUSTED_SENDER_MESSAGE } };
  }
  const request = parseInvokeMessage(message);
  if (!request) {
    return { ok: false, error: { code: 'VALIDATION', message: BAD_REQUEST_MESSAGE } };
  }
  // The same ceiling as the hall server's body limit, so both transports accept the same calls.
  if (!fitsBodyLimit(request.input)) {
    return { ok: false, error: { code: 'VALIDATION', message: '请求内容过大' } };
  }
  return dispatchAsync(app, request);
}

function fitsBodyLimit(input: unknown): boolean {
  try {
    const json = JSON.stringify(input ?? {});
    return Buffer.byteLength(json, 'utf8') <= LIMITS.rpcBodyBytesMax;
  } catch {
    // BigInt or a cycle: not something the HTTP transport could carry either.
    return false;
  }
}
