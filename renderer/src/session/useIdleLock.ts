import { useEffect } from 'react';
import { rpc } from '../rpc';

const ACTIVITY_EVENTS = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;
const CHECK_EVERY_MS = 1000;
const HEARTBEAT_MAX_MS = 60_000;

/**
 * Locks the screen after idleLockMs without keyboard or mouse activity. While the clerk is
 * busy in a long form without calling the server, an auth.touch heartbeat tells the server
 * the session is in use, so it does not lock the session under an active clerk. No heartbeat
 * before the forced password change: the server refuses auth.touch then.
 */
export function useIdleLock(enabled: boolean, idleLockMs: number, onIdle: () => void, heartbeat: boolean): void {
  useEffect(() => {
    if (!enabled || idleLockMs <= 0) return;
    let lastActivityMs = Date.now();
    const heartbeatMs = Math.min(HEARTBEAT_MAX_MS, Math.max(1000, Math.floor(idleLockMs / 2)));
    const mark = (): void => {
      lastActivityMs = Date.now();
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, mark, { capture: true, passive: true });
    const timer = window.setInterval(() => {
      const now = Date.now();
      if (now - lastActivityMs >= idleLockMs) {
        onIdle();
        return;
      }
      const lastCall = rpc.lastActivityCallMs();
      if (heartbeat && lastActivityMs > lastCall && now - lastCall >= heartbeatMs) {
        // auth.touch does nothing but count as activity; the server refuses it once locked.
        void rpc.call('auth.touch', {});
      }
    }, CHECK_EVERY_MS);
    return () => {
      window.clearInterval(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, mark, { capture: true });
    };
  }, [enabled, idleLockMs, onIdle, heartbeat]);
}
