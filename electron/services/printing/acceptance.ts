// 受理回执 (DOMAIN.md §6): what the applicant takes home when a case is accepted.
import { maskResidentId } from '../../contract/residentId';
import { assert } from '../errors';
import type { Receipt, ReceiptLine } from './receipt';

export interface AcceptanceFacts {
  /** The office that accepted, e.g. 阴平镇社会救助服务窗口. */
  officeName: string;
  caseNumber: string;
  applicantName: string;
  /** Full or already masked: the receipt only ever carries the mask (370404********0037). */
  residentId: string;
  /** Relief kinds applied for, in Chinese (最低生活保障, 临时救助…). */
  items: string[];
  /** Materials received at the window. */
  materials: string[];
  /** Business dates, YYYY-MM-DD. */
  acceptedOn: string;
  promisedBy: string;
  handlerName: string;
  enquiryPhone: string;
  reprint: boolean;
}

/** 2026-11-28 -> 2026年11月28日 (DOMAIN.md §9). */
export function chineseDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  assert(match, `not a business date: ${isoDate}`);
  const [, year, month, day] = match;
  return `${year}年${Number(month)}月${Number(day)}日`;
}

export function acceptanceReceipt(facts: AcceptanceFacts): Receipt {
  const lines: ReceiptLine[] = [
    { kind: 'kv', label: '案件编号', value: facts.caseNumber },
    { kind: 'kv', label: '申请人', value: facts.applicantName },
    { kind: 'kv', label: '身份证号', value: maskResidentId(facts.residentId) },
    { kind: 'list', label: '申请事项', items: facts.items },
    facts.materials.length > 0
      ? { kind: 'list', label: '已收材料', items: facts.materials }
      : { kind: 'kv', label: '已收材料', value: '无' },
    { kind: 'kv', label: '受理日期', value: chineseDate(facts.acceptedOn) },
    { kind: 'kv', label: '承诺办结', value: chineseDate(facts.promisedBy) },
    { kind: 'kv', label: '经办人', value: facts.handlerName },
    { kind: 'kv', label: '咨询电话', value: facts.enquiryPhone },
    { kind: 'rule' },
    { kind: 'text', text: '请妥善保管本回执，凭案件编号到窗口或电话查询办理进度。' },
  ];
  return {
    title: '社会救助受理回执',
    subtitle: facts.officeName,
    lines,
    qr: facts.caseNumber,
    footer: ['本回执仅证明申请已受理，不代表审批结果'],
    reprint: facts.reprint,
  };
}
