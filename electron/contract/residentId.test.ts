import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCharacter, maskResidentId, parseResidentId } from './residentId';

const TODAY = '2026-11-28';

/** A made-up ID with the right check character: area (6) + birth YYYYMMDD (8) + sequence (3). */
function makeId(area: string, birth: string, sequence: string): string {
  const first17 = `${area}${birth}${sequence}`;
  expect(first17).toMatch(/^\d{17}$/);
  return first17 + checkCharacter(first17);
}

function messageOf(raw: string, today = TODAY): string {
  const result = parseResidentId(raw, today);
  if (result.ok) throw new Error(`${raw} was accepted`);
  return result.message;
}

describe('parseResidentId: the examples of DOMAIN.md §9', () => {
  it.each([
    { raw: '11010519491231002X', id: '11010519491231002X', birthDate: '1949-12-31', sex: 'female' },
    { raw: '370404198503120037', id: '370404198503120037', birthDate: '1985-03-12', sex: 'male' },
    // lower-case x is how many people type it; stored and compared upper-case
    { raw: '11010519491231002x', id: '11010519491231002X', birthDate: '1949-12-31', sex: 'female' },
    // pasted with spaces around
    { raw: '  370404198503120037 ', id: '370404198503120037', birthDate: '1985-03-12', sex: 'male' },
  ])('$raw is valid: born $birthDate, $sex', ({ raw, id, birthDate, sex }) => {
    expect(parseResidentId(raw, TODAY)).toEqual({ ok: true, value: { id, birthDate, sex } });
  });

  it('computes the check characters of the examples', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(checkCharacter('37040419850312003')).toBe('7');
  });
});

describe('parseResidentId: sex from the 17th digit', () => {
  it.each([
    ['001', 'male'],
    ['003', 'male'],
    ['009', 'male'],
    ['000', 'female'],
    ['002', 'female'],
    ['998', 'female'],
  ] as const)('sequence %s is %s', (sequence, sex) => {
    const result = parseResidentId(makeId('370404', '19700101', sequence), TODAY);
    expect(result.ok && result.value.sex).toBe(sex);
  });
});

describe('parseResidentId: refusals', () => {
  it('refuses a wrong check digit', () => {
    expect(messageOf('370404198503120038')).toMatch(/校验位/);
    expect(messageOf('110105194912310020')).toMatch(/校验位/);
    // X where a digit is due
    expect(messageOf('37040419850312003X')).toMatch(/校验位/);
  });

  it.each([
    ['19990230', 'February 30th'],
    ['20010229', 'February 29th of a non-leap year'],
    ['19000229', '1900 was not a leap year'],
    ['19991301', 'month 13'],
    ['19990001', 'month 00'],
    ['19990100', 'day 00'],
    ['19990431', 'April 31st'],
    ['18991231', 'before 1900'],
  ])('refuses the impossible birth date %s (%s), even with a correct check character', (birth) => {
    expect(messageOf(makeId('370404', birth, '123'))).toMatch(/不是有效日期/);
  });

  it('accepts February 29th of a leap year', () => {
    expect(parseResidentId(makeId('370404', '20000229', '123'), TODAY)).toMatchObject({ ok: true, value: { birthDate: '2000-02-29' } });
  });

  it('refuses a birth date after the given today, and accepts today itself', () => {
    expect(messageOf(makeId('370404', '20261129', '011'), '2026-11-28')).toMatch(/晚于今天/);
    expect(messageOf(makeId('370404', '20270101', '011'), '2026-11-28')).toMatch(/晚于今天/);
    expect(parseResidentId(makeId('370404', '20261128', '011'), '2026-11-28').ok).toBe(true);
    // the same ID is fine once that day has come
    expect(parseResidentId(makeId('370404', '20261129', '011'), '2026-11-29').ok).toBe(true);
  });

  it('refuses a 15-digit old-style number and explains the 18-digit form', () => {
    const message = messageOf('370404850312003');
    expect(message).toMatch(/15位/);
    expect(message).toMatch(/18位/);
    expect(message).toMatch(/出生日期/);
    expect(message).toMatch(/校验码/);
  });

  it.each([
    ['', 'empty'],
    ['37040419850312003', '17 characters'],
    ['3704041985031200377', '19 characters'],
    ['3704041985031200X7', 'X not at the end'],
    ['37040419850312003Y', 'a letter other than X'],
    ['３７０４０４１９８５０３１２００３７', 'full-width digits'],
    ['370404 198503120037', 'a space inside'],
  ])('refuses %j (%s) as not 18 characters of the right kind', (raw) => {
    expect(messageOf(raw)).toMatch(/18位/);
  });
});

describe('maskResidentId', () => {
  it('hides the eight birth-date digits', () => {
    expect(maskResidentId('370404198503120037')).toBe('370404********0037');
    expect(maskResidentId('11010519491231002X')).toBe('110105********002X');
  });

  it('hides everything of something that is not an 18-character ID', () => {
    expect(maskResidentId('370404850312003')).toBe('*'.repeat(15));
    expect(maskResidentId('')).toBe('');
  });
});

describe('parseResidentId: properties', () => {
  const dateArb = fc
    .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2026-11-28T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
  const idArb = fc.record({ area: digits(6), date: dateArb, sequence: digits(3) });

  it('an ID with its computed check character is valid and reads back its birth date and sex', () => {
    fc.assert(
      fc.property(idArb, ({ area, date, sequence }) => {
        const id = makeId(area, date.replaceAll('-', ''), sequence);
        const result = parseResidentId(id, TODAY);
        expect(result).toEqual({
          ok: true,
          value: { id, birthDate: date, sex: Number(sequence[2]) % 2 === 1 ? 'male' : 'female' },
        });
        // and the lower-case form of an X is the same person
        expect(parseResidentId(id.toLowerCase(), TODAY)).toEqual(result);
      }),
    );
  });

  it('changing any one character of a valid ID makes it invalid', () => {
    fc.assert(
      fc.property(idArb, ({ area, date, sequence }) => {
        const id = makeId(area, date.replaceAll('-', ''), sequence);
        const accepted: string[] = [];
        for (let i = 0; i < 18; i++) {
          const alphabet = i === 17 ? '0123456789X' : '0123456789';
          for (const c of alphabet) {
            if (c === id[i]) continue;
            const changed = id.slice(0, i) + c + id.slice(i + 1);
            if (parseResidentId(changed, TODAY).ok) accepted.push(changed);
          }
        }
        expect(accepted, `one-character changes of ${id} that were accepted`).toEqual([]);
      }),
    );
  });

  it('mask keeps area and the last four, and nothing of the birth date', () => {
    fc.assert(
      fc.property(idArb, ({ area, date, sequence }) => {
        const id = makeId(area, date.replaceAll('-', ''), sequence);
        const masked = maskResidentId(id);
        expect(masked).toHaveLength(18);
        expect(masked.slice(0, 6)).toBe(area);
        expect(masked.slice(6, 14)).toBe('********');
        expect(masked.slice(14)).toBe(id.slice(14));
      }),
    );
  });
});
