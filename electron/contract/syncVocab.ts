// The sync words without zod, so the renderer can load them (renderer/src/contract.ts); the
// schemas that use them are in sync.ts.

export const SYNC_TRIGGERS = ['schedule', 'day_close', 'startup', 'manual', 'cli'] as const;
export type SyncTrigger = (typeof SYNC_TRIGGERS)[number];
export const SYNC_TRIGGER_LABELS: Record<SyncTrigger, string> = {
  schedule: '定时',
  day_close: '日结后',
  startup: '启动补发',
  manual: '手动',
  cli: '命令行',
};

export const SYNC_ALERT_KIND_LIST = [
  'fork',
  'rejected',
  'audit_chain',
  'clock_backwards',
  'clock_future',
  'paid_in_two_towns',
  'person_in_two_towns',
] as const;
export type SyncAlertKindName = (typeof SYNC_ALERT_KIND_LIST)[number];
export const SYNC_ALERT_LABELS: Record<SyncAlertKindName, string> = {
  fork: '同一序号出现不同数据包（已隔离）',
  rejected: '数据包被拒收',
  audit_chain: '审计链不连续（疑似篡改）',
  clock_backwards: '数据包时间倒退（电脑时钟可能有误）',
  clock_future: '数据包时间超前（电脑时钟可能有误）',
  paid_in_two_towns: '同一身份证号 12 个月内在两个镇街领取临时救助',
  person_in_two_towns: '同一人同时在两个镇街的家庭中',
};

/** What one import attempt did with one package file. */
export const SYNC_IMPORT_STATUSES = ['applied', 'duplicate', 'held', 'quarantined', 'rejected'] as const;
export type SyncImportStatus = (typeof SYNC_IMPORT_STATUSES)[number];
export const SYNC_IMPORT_STATUS_LABELS: Record<SyncImportStatus, string> = {
  applied: '已导入',
  duplicate: '已导入过（未重复导入）',
  held: '暂存，等待缺失的数据包',
  quarantined: '已隔离',
  rejected: '已拒收',
};
