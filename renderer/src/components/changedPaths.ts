import type { FieldErrors } from './fieldErrors';

/** Clears the errors of the fields that changed between two drafts (a clerk fixing a field). */
export function clearChanged<T extends object>(errors: FieldErrors, path: string, before: T, after: T): FieldErrors {
  let next = errors;
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    const fieldPath = path === '' ? key : `${path}.${key}`;
    if (before[key] !== after[key] && fieldPath in next) {
      const copy: Record<string, string> = { ...next };
      delete copy[fieldPath];
      next = copy;
    }
  }
  return next;
}
