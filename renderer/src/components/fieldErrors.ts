import type { RpcError } from '../contract';

/** Field problems keyed by the contract's issue path ('members.1.person.residentId'). */
export type FieldErrors = Readonly<Record<string, string>>;

export function fieldErrorsOf(error: RpcError | null): FieldErrors {
  const out: Record<string, string> = {};
  for (const issue of error?.issues ?? []) if (!(issue.path in out)) out[issue.path] = issue.message;
  return out;
}

/** error/helperText props for a TextField bound to one path, with a fallback hint. */
export function fieldState(errors: FieldErrors, path: string, hint?: string): { error: boolean; helperText?: string } {
  const message = errors[path];
  if (message) return { error: true, helperText: message };
  return hint ? { error: false, helperText: hint } : { error: false };
}

export function withoutField(errors: FieldErrors, path: string): FieldErrors {
  if (!(path in errors)) return errors;
  const next = { ...errors };
  delete next[path];
  return next;
}
