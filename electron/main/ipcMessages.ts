// The two messages on the IPC wire between preload and main, and the parser for the one the
// renderer sends. No imports: the preload bundle inlines this file, and a sandboxed preload
// can require nothing but 'electron'.

/** preload -> main on IPC_CHANNEL_INVOKE. */
export interface InvokeMessage {
  procedure: string;
  input: unknown;
  token: string | null;
}

/** main -> preload on IPC_CHANNEL_EVENT. */
export interface PushEventMessage {
  name: string;
  payload: unknown;
}

export const PROCEDURE_NAME_LENGTH_MAX = 128;
export const TOKEN_LENGTH_MAX = 512;
export const EVENT_NAME_LENGTH_MAX = 128;

/** The refusals every IPC channel of ours answers with, in the clerk's words. */
export const UNTRUSTED_SENDER_MESSAGE = '请求来源不受信任，已拒绝';
export const BAD_REQUEST_MESSAGE = '请求格式有误';

/** Only a plain object literal as a message: no arrays, no class instances. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * The renderer is not trusted to send the right shape: exactly { procedure, input, token },
 * a bounded procedure name, a bounded token or null. The input itself is parsed by dispatch().
 */
export function parseInvokeMessage(message: unknown): InvokeMessage | null {
  if (!isPlainObject(message)) return null;
  const keys = Object.keys(message);
  if (keys.some((k) => k !== 'procedure' && k !== 'input' && k !== 'token')) return null;
  const { procedure, input, token } = message;
  if (typeof procedure !== 'string' || procedure === '' || procedure.length > PROCEDURE_NAME_LENGTH_MAX) return null;
  if (token !== null && (typeof token !== 'string' || token.length > TOKEN_LENGTH_MAX)) return null;
  return { procedure, input, token: token === '' ? null : token };
}

export function isPushEventMessage(message: unknown): message is PushEventMessage {
  return (
    isPlainObject(message) &&
    typeof message.name === 'string' &&
    message.name.length > 0 &&
    message.name.length <= EVENT_NAME_LENGTH_MAX &&
    'payload' in message
  );
}
