import type { Role } from '../../contract';

export type SectionId =
  | 'district'
  | 'registry'
  | 'queues'
  | 'notices'
  | 'cases'
  | 'catalogue'
  | 'calendar'
  | 'reserve'
  | 'users'
  | 'villages'
  | 'audit'
  | 'sync'
  | 'settings'
  | 'password';

export interface Section {
  id: SectionId;
  label: string;
  /** Who may use it; null: everyone logged in. Mirrors the roles of the procedures it calls. */
  roles: readonly Role[] | null;
  /** False for pages reached from another page (a case from its household), not from the sidebar. */
  inNav: boolean;
}

export const SECTIONS: readonly Section[] = [
  // First: the district admin's home (homeSection takes the first section a role may use).
  { id: 'district', label: '区级总览', roles: ['district_admin'], inNav: true },
  { id: 'registry', label: '户籍档案', roles: ['clerk', 'approver'], inNav: true },
  // Work queues and notices come after the registry, which stays the counter's landing page.
  { id: 'queues', label: '我的任务', roles: ['clerk', 'approver'], inNav: true },
  { id: 'notices', label: '公示', roles: ['clerk'], inNav: true },
  { id: 'cases', label: '案件', roles: ['clerk', 'approver'], inNav: false },
  { id: 'users', label: '用户管理', roles: ['town_admin', 'district_admin'], inNav: true },
  { id: 'villages', label: '村居管理', roles: ['town_admin'], inNav: true },
  // Everyone at the counter reads it (and prints the wall list); only the town admin edits.
  { id: 'catalogue', label: '事项清单', roles: ['town_admin', 'clerk', 'approver'], inNav: true },
  { id: 'calendar', label: '节假日', roles: ['town_admin'], inNav: true },
  // The reserve's figures for whoever pays out and whoever books what the district sends.
  { id: 'reserve', label: '备用金', roles: ['town_admin', 'approver'], inNav: true },
  { id: 'audit', label: '审计日志', roles: ['town_admin', 'district_admin'], inNav: true },
  // Keys, the sync folder, packages out and in: both kinds of installation (issue 5).
  { id: 'sync', label: '数据同步', roles: ['town_admin', 'district_admin'], inNav: true },
  { id: 'settings', label: '系统设置', roles: ['town_admin', 'district_admin'], inNav: true },
  { id: 'password', label: '修改密码', roles: null, inNav: true },
];

export function canUse(section: Section, roles: readonly Role[]): boolean {
  return section.roles === null || section.roles.some((r) => roles.includes(r));
}

export function sectionOf(id: string | undefined): Section | undefined {
  return SECTIONS.find((s) => s.id === id);
}

export function homeSection(roles: readonly Role[]): Section {
  return SECTIONS.find((s) => canUse(s, roles)) ?? SECTIONS[SECTIONS.length - 1]!;
}
