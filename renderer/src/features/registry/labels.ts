import type { SearchMatchKind } from '../../contract';

export const MATCH_LABELS: Record<SearchMatchKind, string> = {
  id_exact: '身份号码',
  id_prefix: '身份号码前段',
  id_suffix: '身份号码末位',
  name_prefix: '姓名',
  pinyin: '拼音首字母',
  phone: '电话',
};
