import { describe, expect, it } from 'vitest';
import { LIMITS } from './limits';
import { passwordProblem } from './password';

describe('passwordProblem: at least 8 characters from at least 3 of 4 classes', () => {
  it.each([
    // [password, accepted, why]
    ['Abcdef1!', true, 'four classes, 8 characters'],
    ['Abcdefg1', true, 'upper, lower, digit'],
    ['abcdefg!1', true, 'lower, symbol, digit'],
    ['ABCDEFG!1', true, 'upper, symbol, digit'],
    ['Abcdefg!', true, 'upper, lower, symbol'],
    ['abcdefg1中', true, 'a Chinese character counts as a symbol'],
    ['Abc de 1', true, 'a space counts as a symbol'],
    ['Abcde1!', false, '7 characters'],
    ['', false, 'empty'],
    ['abcdefgh', false, 'one class'],
    ['abcdefg1', false, 'two classes: lower and digit'],
    ['ABCDEFG1', false, 'two classes: upper and digit'],
    ['Abcdefgh', false, 'two classes: upper and lower'],
    ['12345678', false, 'digits only'],
    ['!@#$%^&*', false, 'symbols only'],
    ['1234!@#$', false, 'two classes: digit and symbol'],
  ] as [string, boolean, string][])('%j accepted: %s (%s)', (password, accepted) => {
    expect(passwordProblem(password) === null).toBe(accepted);
  });

  it('says why in Chinese', () => {
    expect(passwordProblem('Ab1!')).toBe(`密码至少${LIMITS.passwordLengthMin}位`);
    expect(passwordProblem('abcdefgh')).toMatch(/至少三类/);
  });

  it('bounds the length at the maximum', () => {
    const atMax = `Aa1!${'x'.repeat(LIMITS.passwordLengthMax - 4)}`;
    expect(passwordProblem(atMax)).toBeNull();
    expect(passwordProblem(`${atMax}x`)).toMatch(/不能超过/);
  });
});
