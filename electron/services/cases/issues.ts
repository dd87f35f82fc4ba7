import { DomainError } from '../errors';

// VALIDATION raised by the case services: field issues named by their input path, like the
// schema's own, so the form can put each message beside its field.

export interface Issue {
  path: string;
  message: string;
}

/** One VALIDATION carrying every issue found, so the clerk fixes the form in one pass. */
export function refuseIssues(issues: readonly Issue[]): void {
  const first = issues[0];
  if (first) throw new DomainError('VALIDATION', first.message, { issues: [...issues] });
}

export function refuse(path: string, message: string): never {
  throw new DomainError('VALIDATION', message, { issues: [{ path, message }] });
}
