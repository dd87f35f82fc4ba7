import type { ErrorCode } from '../contract';

/**
 * An expected failure a clerk can cause: a code for code and a Chinese sentence for people.
 * commitChanges: keep what the transaction wrote so far (a failed login must stay audited
 * and counted even though the call fails).
 */
export class DomainError extends Error {
  override name = 'DomainError';
  readonly issues: { path: string; message: string }[] | undefined;
  readonly commitChanges: boolean;
  constructor(
    readonly code: ErrorCode,
    message: string,
    options: { issues?: { path: string; message: string }[]; commitChanges?: boolean } = {},
  ) {
    super(message);
    this.issues = options.issues;
    this.commitChanges = options.commitChanges ?? false;
  }
}

export class AssertionError extends Error {
  override name = 'AssertionError';
}

/** For programmer errors and invariants: a failure here is a bug, never a clerk's mistake. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}
