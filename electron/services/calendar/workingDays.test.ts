import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, workingDaysBetween, type WorkCalendar } from './workingDays';

const PLAIN: WorkCalendar = { holidays: new Set(), adjustedWorkdays: new Set() };
// National Day 2026 as published: 10-01..10-07 off (the weekdays among them are holidays),
// Sunday 09-27 and Saturday 10-10 worked instead.
const NATIONAL_DAY_2026: WorkCalendar = {
  holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']),
  adjustedWorkdays: new Set(['2026-09-27', '2026-10-10']),
};

describe('working days', () => {
  it.each([
    ['2026-11-27', 1, '2026-11-30'], // Friday + 1 -> Monday
    ['2026-11-28', 1, '2026-11-30'], // accepted on a Saturday: next working day is Monday
    ['2026-11-23', 5, '2026-11-30'], // Monday + 5 -> next Monday
    ['2026-11-23', 0, '2026-11-23'],
    ['2026-11-02', 30, '2026-12-14'],
  ])('plain calendar: %s + %i working days = %s', (start, days, expected) => {
    expect(addWorkingDays(start, days, PLAIN)).toBe(expected);
  });

  it.each([
    ['2026-09-30', 1, '2026-10-08'], // Wednesday before the holiday -> Thursday after it
    ['2026-09-25', 1, '2026-09-27'], // Friday -> the swapped-in Sunday
    ['2026-10-08', 2, '2026-10-10'], // Thursday + 2 -> the swapped-in Saturday
    ['2026-09-28', 5, '2026-10-10'],
  ])('holidays and adjusted working days: %s + %i = %s', (start, days, expected) => {
    expect(addWorkingDays(start, days, NATIONAL_DAY_2026)).toBe(expected);
  });

  it('a holiday is not worked, an adjusted weekend day is', () => {
    expect(isWorkingDay('2026-10-01', NATIONAL_DAY_2026)).toBe(false);
    expect(isWorkingDay('2026-09-27', NATIONAL_DAY_2026)).toBe(true);
    expect(isWorkingDay('2026-09-27', PLAIN)).toBe(false);
  });

  it('counting back what was added gives the same number (property)', () => {
    const dates = fc.integer({ min: 0, max: 3 * 365 }).map((d) => new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(dates, fc.integer({ min: 0, max: 60 }), (start, days) => {
        const end = addWorkingDays(start, days, NATIONAL_DAY_2026);
        expect(workingDaysBetween(start, end, NATIONAL_DAY_2026)).toBe(days);
        expect(workingDaysBetween(end, start, NATIONAL_DAY_2026)).toBe(days === 0 ? 0 : -days);
        if (days > 0) expect(isWorkingDay(end, NATIONAL_DAY_2026)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses limits it cannot honour', () => {
    expect(() => addWorkingDays('2026-01-01', -1, PLAIN)).toThrow();
    expect(() => addWorkingDays('2026-01-01', 1.5, PLAIN)).toThrow();
    expect(() => isWorkingDay('2026/01/01', PLAIN)).toThrow();
  });
});
