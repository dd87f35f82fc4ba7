import { useSyncExternalStore } from 'react';

// Hash routes (#/registry/household/<id>): a reload keeps the page, and app:// and file
// URLs work the same as the hall server.

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function currentHash(): string {
  return window.location.hash;
}

/** The route as path segments: '#/registry/household/x' -> ['registry', 'household', 'x']. */
export function useRoute(): string[] {
  const hash = useSyncExternalStore(subscribe, currentHash);
  return hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter((s) => s !== '')
    .map((s) => decodeURIComponent(s));
}

export function hrefOf(...segments: string[]): string {
  return `#/${segments.map((s) => encodeURIComponent(s)).join('/')}`;
}

export function navigate(...segments: string[]): void {
  window.location.hash = hrefOf(...segments);
}
