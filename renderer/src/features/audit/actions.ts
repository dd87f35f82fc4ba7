import type { ProcedureName } from '../../contract';

// What each audited action means, for the admin reading the log. Keyed by the contract's
// procedure names, so a new procedure without a label is a compile error here.
const PROCEDURE_LABELS: Record<ProcedureName, string> = {
  'setup.status': '查询初始化状态',
  'setup.towns': '查询镇街列表',
  'setup.run': '首次设置',
  'auth.login': '登录',
  'auth.me': '查询当前会话',
  'auth.logout': '退出登录',
  'auth.touch': '保持会话',
  'auth.unlock': '解锁屏幕',
  'auth.changePassword': '修改密码',
  'users.list': '查看用户列表',
  'users.create': '新建用户',
  'users.update': '修改用户',
  'users.setDisabled': '停用/启用用户',
  'users.resetPassword': '重置密码',
  'settings.get': '查看设置',
  'settings.update': '修改设置',
  'villages.list': '查看村居',
  'villages.create': '新增村居',
  'villages.update': '修改村居',
  'registry.search': '查找人员',
  'registry.household.get': '查看户',
  'registry.household.create': '登记新户',
  'registry.household.update': '修改户信息',
  'registry.member.add': '新增成员',
  'registry.member.move': '迁移成员',
  'registry.member.setRelation': '变更与户主关系',
  'registry.person.update': '修改人员信息',
  'registry.person.revealId': '查看完整身份号码',
  'catalogue.get': '查看事项清单',
  'catalogue.versions': '查看清单版本',
  'catalogue.update': '修改事项清单',
  'catalogue.wallList': '查看上墙清单',
  'calendar.list': '查看节假日',
  'calendar.set': '设置节假日',
  'cases.intake': '一窗受理',
  'cases.get': '查看案件',
  'cases.listByHousehold': '查看本户案件',
  'cases.updateMaterials': '补齐或更正材料',
  'cases.recordSignature': '登记签字',
  'cases.transition': '变更案件状态（撤回）',
  // notices, decisions, referrals, work queues
  'notices.candidates': '查看待公示案件',
  'notices.create': '发布公示名单',
  'notices.get': '查看公示名单',
  'notices.open': '查看公示中的名单',
  'notices.objection': '登记公示异议',
  'notices.close': '结束公示',
  'decisions.decide': '审核确认',
  'referrals.send': '转办',
  'referrals.answer': '登记转办答复',
  'queues.mine': '查看我的待办',
  // printing: the acceptance receipt
  'printing.receiptPreview': '预览受理回执',
  'printing.printReceipt': '打印受理回执',
  // A4 documents
  'documents.get': '查看A4文书',
  'documents.recordPrint': '打印A4文书',
  // the payout voucher on the receipt printer, and the vouchers still to print
  'payouts.printVoucherReceipt': '打印救助金发放凭证（回执打印机）',
  'payouts.unprintedVouchers': '查看未打印的发放凭证',
  // paying temporary relief
  'payouts.forCase': '查看案件救助金发放',
  'payouts.approve': '批准发放临时救助金',
  'payouts.emergency': '批准先行救助',
  'payouts.pay': '发放救助金',
  'payouts.cancel': '取消救助金发放',
  'payouts.markSigned': '登记发放凭证已签字',
  'payouts.completePaperwork': '登记先行救助手续补齐',
  'payouts.escalated': '查看超期未补手续的先行救助',
  // economic check, home investigation, democratic review
  'checks.request': '发起经济状况核对',
  'checks.recordResult': '登记核对结果',
  'checks.complete': '登记核对报告',
  'checks.get': '查看核对结果',
  'investigations.record': '登记入户调查',
  'reviews.record': '登记民主评议',
  // reserve fund
  'reserve.summary': '查看备用金概况',
  'reserve.allocate': '登记备用金拨付',
  'reserve.replenish': '登记备用金补拨',
  'reserve.reverse': '冲正备用金记账',
  'reserve.recover': '登记追回',
  'reserve.transfers': '查看备用金账目明细',
  'reserve.claimPreview': '查看报账预览',
  'reserve.submitClaim': '提交报账单',
  'reserve.claims': '查看报账单列表',
  'reserve.claim': '查看报账单',
  'reserve.statement': '查看对账单',
  'reserve.claimExcel': '导出报账单 Excel',
  'reserve.statementExcel': '导出对账单 Excel',
  'reserve.dayClosePreview': '查看日结预览',
  'reserve.closeDay': '日结',
  'reserve.dayCloses': '查看日结记录',
  'audit.list': '查看审计日志',
  'audit.verify': '校验审计日志',
};

const OTHER_LABELS: Record<string, string> = {
  'auth.idleLock': '空闲锁定',
  'auth.lockout': '密码错误过多锁定账号',
  'rpc.forbidden': '越权操作被拒绝',
};

export const ACTION_LABELS: Readonly<Record<string, string>> = { ...PROCEDURE_LABELS, ...OTHER_LABELS };

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}
