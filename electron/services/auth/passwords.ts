import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

// scrypt with a per-user salt (node:crypto). N=2^15 costs 100-200 ms on our 2-core PCs: slow
// enough to make guessing expensive, fast enough for a login. The parameters are stored with
// each hash so they can be raised later without invalidating existing passwords.
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_BYTES = 32;
const MAXMEM_BYTES = 64 * 1024 * 1024;

export interface PasswordHash {
  hash: string;
  salt: string;
}

export function hashPassword(password: string): PasswordHash {
  const salt = randomBytes(16).toString('hex');
  const key = scryptSync(password, salt, KEY_BYTES, { N, r: R, p: P, maxmem: MAXMEM_BYTES });
  return { hash: `scrypt$${N}$${R}$${P}$${key.toString('hex')}`, salt };
}

export function verifyPassword(password: string, stored: PasswordHash): boolean {
  const parts = stored.hash.split('$');
  if (parts.length !== 5 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const expected = Buffer.from(parts[4]!, 'hex');
  const actual = scryptSync(password, stored.salt, expected.length, { N: n, r, p, maxmem: MAXMEM_BYTES });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

// Checked against for unknown usernames, so a wrong username takes as long as a wrong password.
let dummy: PasswordHash | null = null;
export function burnPasswordCheck(password: string): void {
  dummy ??= hashPassword('dummy-password-for-timing');
  verifyPassword(password, dummy);
}
