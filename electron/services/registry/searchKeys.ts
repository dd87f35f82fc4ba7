import { pinyin } from 'pinyin-pro';

// Derived search columns of a person, recomputed on every write. The surname is read with
// its surname reading (单 shan, 曾 zeng, 仇 qiu), which is how clerks type it.

export interface PersonSearchKeys {
  residentIdReversed: string;
  nameInitials: string;
  namePinyin: string;
}

export function reverse(text: string): string {
  return [...text].reverse().join('');
}

function pinyinOf(name: string, pattern: 'first' | 'pinyin'): string {
  return pinyin(name, { pattern, toneType: 'none', surname: 'head', separator: '', nonZh: 'consecutive', v: true })
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

export function personSearchKeys(person: { residentId: string; name: string }): PersonSearchKeys {
  return {
    residentIdReversed: reverse(person.residentId),
    nameInitials: pinyinOf(person.name, 'first'),
    namePinyin: pinyinOf(person.name, 'pinyin'),
  };
}
