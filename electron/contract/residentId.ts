// Resident identity number, GB 11643-1999 (DOMAIN.md §9). Pure: used by services for
// validation and by the renderer for live feedback, so it imports nothing.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export interface ResidentIdInfo {
  /** Normalised: 18 characters, upper-case X. */
  id: string;
  /** ISO date, YYYY-MM-DD. */
  birthDate: string;
  sex: 'male' | 'female';
}

export type ResidentIdResult = { ok: true; value: ResidentIdInfo } | { ok: false; message: string };

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** today: the business date (YYYY-MM-DD) the birth date must not be after. */
export function parseResidentId(raw: string, today: string): ResidentIdResult {
  const text = raw.trim().toUpperCase();
  if (/^\d{15}$/.test(text)) {
    return {
      ok: false,
      message: '不再受理15位旧身份证号码，请输入18位公民身份号码（6位地区码＋8位出生日期＋3位顺序码＋1位校验码）',
    };
  }
  if (!/^\d{17}[\dX]$/.test(text)) {
    return { ok: false, message: '公民身份号码应为18位：前17位为数字，最后一位为数字或X' };
  }
  const birth = text.slice(6, 14);
  const year = Number(birth.slice(0, 4));
  const month = Number(birth.slice(4, 6));
  const day = Number(birth.slice(6, 8));
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    year >= 1900 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real) return { ok: false, message: `身份号码中的出生日期 ${birth} 不是有效日期` };
  const birthDate = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
  if (birthDate > today) return { ok: false, message: `身份号码中的出生日期 ${birthDate} 晚于今天` };
  if (checkCharacter(text.slice(0, 17)) !== text[17]) {
    return { ok: false, message: '身份号码校验位不正确，请核对后重新输入' };
  }
  const sex = Number(text[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value: { id: text, birthDate, sex } };
}

/** 370404198503120037 -> 370404********0037. Never print or show more without an audited reveal. */
export function maskResidentId(id: string): string {
  if (id.length !== 18) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}********${id.slice(14)}`;
}

/** Whole years from birthDate to today (both YYYY-MM-DD): the age shown beside a masked ID. */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
