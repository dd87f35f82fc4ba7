// Controlled vocabularies (DOMAIN.md §1, §3, §10). Identifiers in English, labels in Chinese.

export const ROLES = ['clerk', 'approver', 'town_admin', 'district_admin'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  clerk: '受理员',
  approver: '审批人',
  town_admin: '镇街管理员',
  district_admin: '区民政局管理员',
};

export const INSTALLATION_KINDS = ['town', 'district'] as const;
export type InstallationKind = (typeof INSTALLATION_KINDS)[number];

export const TARGET_GROUPS = [
  'dibao_urban',
  'dibao_rural',
  'tekun',
  'poverty_registered',
  'disaster_victim',
  'homeless',
  'orphan',
  'child_in_difficulty',
  'child_cleft_or_cp',
  'severe_mental_illness',
  'disabled_in_difficulty',
  'woman_two_cancers',
  'worker_in_difficulty',
  'unidentified_emergency',
  'brave_deed',
] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];
export const TARGET_GROUP_LABELS: Record<TargetGroup, string> = {
  dibao_urban: '城市低保对象',
  dibao_rural: '农村低保对象',
  tekun: '特困人员',
  poverty_registered: '建档立卡贫困户',
  disaster_victim: '受灾人员',
  homeless: '流浪乞讨人员',
  orphan: '孤儿',
  child_in_difficulty: '困境儿童',
  child_cleft_or_cp: '唇腭裂/脑瘫儿童',
  severe_mental_illness: '严重精神障碍患者',
  disabled_in_difficulty: '困难残疾人',
  woman_two_cancers: '患“两癌”贫困妇女',
  worker_in_difficulty: '困难职工',
  unidentified_emergency: '身份不明/无力支付急救费用人员',
  brave_deed: '见义勇为伤残人员或牺牲人员家属',
};

export const RELATIONS = [
  'head',
  'spouse',
  'son',
  'daughter',
  'father',
  'mother',
  'grandson',
  'granddaughter',
  'son_in_law',
  'daughter_in_law',
  'grandparent',
  'sibling',
  'other',
] as const;
export type Relation = (typeof RELATIONS)[number];
export const RELATION_LABELS: Record<Relation, string> = {
  head: '户主',
  spouse: '配偶',
  son: '子',
  daughter: '女',
  father: '父亲',
  mother: '母亲',
  grandson: '孙子',
  granddaughter: '孙女',
  son_in_law: '女婿',
  daughter_in_law: '儿媳',
  grandparent: '祖父母/外祖父母',
  sibling: '兄弟姐妹',
  other: '其他',
};

export const REGISTRATIONS = ['urban', 'rural'] as const;
export type Registration = (typeof REGISTRATIONS)[number];
export const REGISTRATION_LABELS: Record<Registration, string> = { urban: '城镇', rural: '农村' };

// GB/T 26341-2010 categories; grades 1 (most severe) to 4.
export const DISABILITY_CATEGORIES = [
  'vision',
  'hearing',
  'speech',
  'physical',
  'intellectual',
  'mental',
  'multiple',
] as const;
export type DisabilityCategory = (typeof DISABILITY_CATEGORIES)[number];
export const DISABILITY_CATEGORY_LABELS: Record<DisabilityCategory, string> = {
  vision: '视力残疾',
  hearing: '听力残疾',
  speech: '言语残疾',
  physical: '肢体残疾',
  intellectual: '智力残疾',
  mental: '精神残疾',
  multiple: '多重残疾',
};
export const DISABILITY_GRADES = [1, 2, 3, 4] as const;
export const DISABILITY_GRADE_LABELS: Record<number, string> = { 1: '一级', 2: '二级', 3: '三级', 4: '四级' };

export const SEX_LABELS = { male: '男', female: '女' } as const;

// Causes of temporary relief (DOMAIN.md §5): the approver names one on every grant, and the
// repeat rule compares them (the same household, the same cause, within the window).
export const RELIEF_CAUSES = ['fire', 'traffic_accident', 'accident_injury', 'sudden_illness', 'natural_disaster', 'medical_expense', 'education_expense', 'basic_living', 'other'] as const;
export type ReliefCause = (typeof RELIEF_CAUSES)[number];
export const RELIEF_CAUSE_LABELS: Record<ReliefCause, string> = {
  fire: '火灾',
  traffic_accident: '交通事故',
  accident_injury: '意外伤害',
  sudden_illness: '突发重大疾病',
  natural_disaster: '自然灾害',
  medical_expense: '医疗支出过大',
  education_expense: '教育支出过大',
  basic_living: '基本生活暂时困难',
  other: '其他',
};

export const PAYOUT_METHOD_LABELS = { cash: '现金', bank: '银行转账' } as const;
export const PAYOUT_STATE_LABELS = { approved: '已批准待发放', paid: '已发放', cancelled: '已取消' } as const;
