import type { HouseholdView, Registration } from '../../contract';

export interface HouseholdDraft {
  villageCode: string;
  address: string;
  phone: string;
  registration: Registration | '';
}

export const EMPTY_HOUSEHOLD: HouseholdDraft = { villageCode: '', address: '', phone: '', registration: '' };

export function householdDraftOf(h: HouseholdView): HouseholdDraft {
  return { villageCode: h.villageCode, address: h.address, phone: h.phone, registration: h.registration };
}

export function householdProblems(d: HouseholdDraft): Record<string, string> {
  const out: Record<string, string> = {};
  if (d.villageCode === '') out.villageCode = '请选择村居';
  if (d.address.trim() === '') out.address = '请输入住址';
  if (d.phone.trim() !== '' && !/^[0-9-]{7,20}$/.test(d.phone.trim())) out.phone = '电话号码只能包含数字和短横线（7-20位）';
  if (d.registration === '') out.registration = '请选择户籍类型';
  return out;
}

/** Only call after householdProblems() found nothing. */
export function householdInputOf(d: HouseholdDraft): { villageCode: string; address: string; phone: string; registration: Registration } {
  if (d.registration === '') throw new Error('household draft without registration');
  return { villageCode: d.villageCode, address: d.address.trim(), phone: d.phone.trim(), registration: d.registration };
}
