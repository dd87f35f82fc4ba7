import { checkCharacter } from '../../electron/contract/residentId';

// Made-up people with valid resident IDs (GB 11643-1999): area 370404 (峄城区), the check
// character computed, never copied from a real person.

export function residentId(area: string, birth: string, sequence: string): string {
  const first17 = `${area}${birth}${sequence}`;
  if (!/^\d{17}$/.test(first17)) throw new Error(`bad resident ID parts: ${first17}`);
  return first17 + checkCharacter(first17);
}

export const HOUSEHOLD = {
  village: '烟庄村',
  address: '阴平镇烟庄村前街 12 号',
  phone: '0632-7781234',
  registration: '农村',
  head: { name: '张建国', residentId: residentId('370404', '19850312', '013'), birthText: '1985年03月12日', sex: '男' },
  spouse: { name: '李秀英', residentId: residentId('370404', '19870921', '024'), relation: '配偶', tag: '农村低保对象' },
  child: { name: '张明', residentId: residentId('370404', '20100503', '035'), relation: '子', newPhone: '13905321234' },
} as const;
