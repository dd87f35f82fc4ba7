import { isIP } from 'node:net';

// What the hall server accepts before dispatch() sees a request. A web page the clerk opens in
// a browser on the hall PC can point its own host name at 127.0.0.1 (DNS rebinding) and post
// to us as a "same-origin" site: the Host header then carries that foreign name. Counters on
// the hall LAN reach us by IP address or by a name the town admin lists (--allowed-host).

export const LOCAL_HOST_NAMES: readonly string[] = ['localhost', '127.0.0.1', '::1'];

/** The host part of a Host header or URL host: lower-case, without port or IPv6 brackets. */
export function hostNameOf(host: string): string {
  const trimmed = host.trim().toLowerCase();
  if (trimmed.startsWith('[')) return trimmed.slice(1, trimmed.indexOf(']') > 0 ? trimmed.indexOf(']') : undefined);
  const colon = trimmed.lastIndexOf(':');
  return colon > 0 && trimmed.indexOf(':') === colon ? trimmed.slice(0, colon) : trimmed;
}

export function isAllowedHost(hostHeader: string | undefined, allowedNames: readonly string[]): boolean {
  if (!hostHeader) return false;
  const name = hostNameOf(hostHeader);
  if (name === '') return false;
  return isIP(name) !== 0 || LOCAL_HOST_NAMES.includes(name) || allowedNames.map((n) => n.toLowerCase()).includes(name);
}

/** A cross-site POST carries an Origin naming another site: refuse it. No Origin (curl, IPC) passes. */
export function isSameOrigin(origin: string | undefined, hostHeader: string | undefined): boolean {
  if (origin === undefined) return true;
  if (!hostHeader) return false;
  try {
    return new URL(origin).host.toLowerCase() === hostHeader.trim().toLowerCase();
  } catch {
    return false;
  }
}

/**
 * Login attempts per client address in a sliding minute. Account lockout stops guessing one
 * password; this stops one machine from trying every account (and from keeping the event loop
 * busy with scrypt for the counters).
 */
export class LoginThrottle {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly maxPerWindow: number,
    private readonly windowMs: number,
    private readonly maxClients: number,
  ) {}

  /** Records an attempt; false when this client is over its allowance. */
  allow(client: string, nowMs: number): boolean {
    const recent = (this.attempts.get(client) ?? []).filter((t) => nowMs - t < this.windowMs);
    if (recent.length >= this.maxPerWindow) {
      this.attempts.set(client, recent);
      return false;
    }
    recent.push(nowMs);
    this.attempts.delete(client); // re-insert: the map's order is least recently seen first
    this.attempts.set(client, recent);
    if (this.attempts.size > this.maxClients) {
      const oldest = this.attempts.keys().next().value;
      if (oldest !== undefined) this.attempts.delete(oldest);
    }
    return true;
  }
}
