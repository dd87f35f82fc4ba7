import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../contract';
import { ADMIN, codeOf, createTestApp, SETUP_TIMEOUT_MS, type TestApp, TOWN_CODE } from '../testing/testApp';
import { getSettings, idleLockMs, townReliefLimitFen } from './settings';

// Settings through dispatch, and the stored values read back as a trust boundary (DESIGN.md
// §8): a value that is not what settings.update would write must not switch the idle lock off.

const MINUTE = 60_000;

let t: TestApp;
let admin: string;

beforeAll(() => {
  t = createTestApp();
  t.must('setup.run', { kind: 'town', townCode: TOWN_CODE, admin: ADMIN });
  admin = t.must('auth.login', { username: ADMIN.username, password: ADMIN.password }).token;
}, SETUP_TIMEOUT_MS);
afterAll(() => t.close());

function storeRaw(valueJson: string): void {
  t.app.db.$client
    .prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('idleLockMinutes', ?, 'x') ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json")
    .run(valueJson);
}

describe('settings', () => {
  it('answers the defaults before anything is stored', () => {
    expect(t.must('settings.get', {}, admin)).toMatchObject({ idleLockMinutes: LIMITS.idleLockMinutesDefault });
  });

  it.each([
    [LIMITS.idleLockMinutesMin, 'OK'],
    [LIMITS.idleLockMinutesMax, 'OK'],
    [LIMITS.idleLockMinutesMin - 1, 'VALIDATION'],
    [LIMITS.idleLockMinutesMax + 1, 'VALIDATION'],
    [2.5, 'VALIDATION'],
  ])('idleLockMinutes %s: %s', (minutes, code) => {
    const before = t.must('settings.get', {}, admin);
    const result = t.call('settings.update', { idleLockMinutes: minutes }, admin);
    expect(codeOf(result)).toBe(code);
    expect(t.must('settings.get', {}, admin)).toMatchObject(code === 'OK' ? { idleLockMinutes: minutes } : before);
  });

  it.each(['"abc"', '0', '100000', '2.5', 'null', '[]'])('a stored %s is not used: the default stands', (valueJson) => {
    storeRaw(valueJson);
    expect(getSettings(t.app.db)).toMatchObject({ idleLockMinutes: LIMITS.idleLockMinutesDefault });
    expect(idleLockMs(t.app.db)).toBe(LIMITS.idleLockMinutesDefault * MINUTE);
    expect(codeOf(t.call('settings.get', {}, admin))).toBe('OK');
  });

  it('a bad stored value does not switch the idle lock off', () => {
    storeRaw('"never"');
    expect(codeOf(t.call('villages.list', { includeInactive: false }, admin))).toBe('OK');
    t.clock.advance(LIMITS.idleLockMinutesDefault * MINUTE + 1_000);
    expect(codeOf(t.call('villages.list', { includeInactive: false }, admin))).toBe('SESSION_LOCKED');
    t.must('auth.unlock', { password: ADMIN.password }, admin);
    // and settings.update puts a good value back
    expect(t.must('settings.update', { idleLockMinutes: 30 }, admin)).toMatchObject({ idleLockMinutes: 30 });
    expect(idleLockMs(t.app.db)).toBe(30 * MINUTE);
  });
});

// printing: the receipt printer's settings
describe('receipt printer settings', () => {
  it('default to no printer, 80 mm paper, and the office named after the town', () => {
    expect(getSettings(t.app.db)).toMatchObject({ officeName: '', enquiryPhone: '', receiptPrinterUri: '', receiptPaper: '80mm' });
  });

  it.each([
    ['tcp://192.168.1.50:9100', 'OK'],
    ['tcp://printer-1', 'OK'],
    ['', 'OK'],
    ['http://192.168.1.50:9100', 'VALIDATION'],
    ['tcp://192.168.1.50:70000', 'VALIDATION'],
    ['192.168.1.50', 'VALIDATION'],
  ])('receiptPrinterUri %j: %s, and only what was given changes', (uri, code) => {
    const before = t.must('settings.get', {}, admin);
    expect(codeOf(t.call('settings.update', { receiptPrinterUri: uri }, admin))).toBe(code);
    expect(t.must('settings.get', {}, admin)).toEqual(code === 'OK' ? { ...before, receiptPrinterUri: uri } : before);
  });
});

// temporary relief: the town limit on a business date
describe('townReliefLimitFen', () => {
  const withLimits = (townReliefLimits: { effectiveFrom: string; limitFen: number }[]) => ({ ...getSettings(t.app.db), townReliefLimits });
  it('before every dated entry the default limit is in force, not the earliest (future) entry', () => {
    const future = withLimits([{ effectiveFrom: '2026-12-01', limitFen: 1_000_000 }]);
    expect(townReliefLimitFen(future, '2026-11-29')).toBe(LIMITS.townReliefLimitDefaultFen);
    expect(townReliefLimitFen(future, '2026-12-01')).toBe(1_000_000);
    const lower = withLimits([{ effectiveFrom: '2026-12-01', limitFen: 100_000 }]);
    expect(townReliefLimitFen(lower, '2026-11-30')).toBe(LIMITS.townReliefLimitDefaultFen);
  });

  it('on a date between entries, the latest entry on or before it', () => {
    const dated = withLimits([{ effectiveFrom: '2026-06-01', limitFen: 300_000 }, { effectiveFrom: '2026-01-01', limitFen: 200_000 }]);
    expect(townReliefLimitFen(dated, '2026-03-15')).toBe(200_000);
    expect(townReliefLimitFen(dated, '2026-06-01')).toBe(300_000);
    expect(townReliefLimitFen(dated, '2025-12-31')).toBe(LIMITS.townReliefLimitDefaultFen);
  });
});
