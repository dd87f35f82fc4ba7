import type { KeyboardEvent } from 'react';

// Keyboard-first forms: Enter moves to the next field (a clerk types an ID and presses Enter
// as on a paper form), Ctrl+Enter submits. On the last field Enter lands on the submit button
// (marked data-primary), so one more Enter submits on purpose, never by accident.

const FIELDS = 'input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), button[data-primary]';

function isImeComposing(event: KeyboardEvent<HTMLElement>): boolean {
  return event.nativeEvent.isComposing || event.keyCode === 229;
}

function focusable(el: Element): el is HTMLElement {
  return el instanceof HTMLElement && el.tabIndex >= 0 && el.getClientRects().length > 0;
}

export function handleFormKeys(event: KeyboardEvent<HTMLElement>, submit: () => void): void {
  if (event.key !== 'Enter' || isImeComposing(event)) return;
  if (event.ctrlKey || event.metaKey) {
    event.preventDefault();
    submit();
    return;
  }
  // Something inside (an open option list) already used this Enter.
  if (event.defaultPrevented || event.altKey || event.shiftKey) return;
  const target = event.target;
  if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return;
  event.preventDefault();
  const fields = [...event.currentTarget.querySelectorAll(FIELDS)].filter(focusable);
  const next = fields[fields.indexOf(target) + 1];
  next?.focus();
}
