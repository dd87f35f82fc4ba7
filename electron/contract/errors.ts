// Error codes every transport returns as { ok: false, error: { code, message } }.
// Messages are Chinese sentences for the clerk; codes are for code.
export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'SESSION_LOCKED',
  'PASSWORD_CHANGE_REQUIRED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'BAD_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'ACCOUNT_DISABLED',
  'NOT_SET_UP',
  'ALREADY_SET_UP',
  'UNKNOWN_PROCEDURE',
  'RATE_LIMITED',
  'INTERNAL',
  // Never sent by the server: the renderer's transport could not reach it.
  'UNREACHABLE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface RpcError {
  code: ErrorCode;
  message: string;
  /** Field-level problems for VALIDATION: path joined with '.', Chinese message. */
  issues?: { path: string; message: string }[];
  /** Set for INTERNAL: quote it to support, it is in the server log. */
  correlationId?: string;
}

export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: RpcError };
