import { describe, expect, it } from 'vitest';
import { hostNameOf, isAllowedHost, isSameOrigin, LoginThrottle } from './hallGuard';

describe('which Host headers the hall server answers', () => {
  it.each([
    ['localhost:5170', true],
    ['127.0.0.1:5170', true],
    ['[::1]:5170', true],
    ['192.168.1.20:5170', true], // a counter on the hall LAN, by address
    ['10.0.0.5', true],
    ['hall-pc:5170', true], // listed by the town admin
    ['HALL-PC', true],
    ['attacker.example', false], // DNS rebinding: a foreign name pointed at us
    ['attacker.example:5170', false],
    ['localhost.attacker.example', false],
    ['', false],
  ])('%s -> %s', (host, allowed) => {
    expect(isAllowedHost(host, ['hall-pc'])).toBe(allowed);
  });

  it('reads names without ports or brackets', () => {
    expect(hostNameOf('[fe80::1]:80')).toBe('fe80::1');
    expect(hostNameOf('fe80::1')).toBe('fe80::1');
    expect(hostNameOf('Example.org:8080')).toBe('example.org');
    expect(isAllowedHost(undefined, [])).toBe(false);
  });
});

describe('cross-site posts', () => {
  it.each([
    [undefined, 'localhost:5170', true],
    ['http://localhost:5170', 'localhost:5170', true],
    ['http://evil.example', 'localhost:5170', false],
    ['http://localhost:5999', 'localhost:5170', false],
    ['null', 'localhost:5170', false],
  ])('Origin %s on Host %s -> %s', (origin, host, same) => {
    expect(isSameOrigin(origin, host)).toBe(same);
  });
});

describe('login throttle', () => {
  it('allows so many attempts a minute per client, then refuses until the window moves on', () => {
    const throttle = new LoginThrottle(3, 60_000, 100);
    const at = (s: number) => s * 1000;
    expect([0, 1, 2].map((s) => throttle.allow('a', at(s)))).toEqual([true, true, true]);
    expect(throttle.allow('a', at(3))).toBe(false);
    expect(throttle.allow('b', at(3))).toBe(true); // another counter is not affected
    expect(throttle.allow('a', at(60))).toBe(true); // the first attempt has left the window
  });

  it('forgets the least recently seen client when full', () => {
    const throttle = new LoginThrottle(1, 60_000, 2);
    throttle.allow('a', 0);
    throttle.allow('b', 0);
    throttle.allow('c', 0); // 'a' is forgotten
    expect(throttle.allow('a', 1)).toBe(true);
    expect(throttle.allow('c', 1)).toBe(false);
  });
});
