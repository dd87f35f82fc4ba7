import { RESERVE_PAPER_KINDS, statementPeriodOf, type DocumentKind, type ReimbursementClaimModel, type StatementModel } from '../../contract';
import type { Ctx } from '../context';
import { assert, DomainError } from '../errors';
import { claimDetail } from '../reserve/claims';
import { statement } from '../reserve/statement';
import { requireInstallation } from '../setup';
import { officeName } from './head';

// The reserve's A4 papers for the district: 报账单 (a claim) and 对账单 (a period's statement),
// with the office, the town and the print date at the head. The Excel exports
// (reserve/excel.ts) carry the same head.

export interface PaperHead {
  officeName: string;
  townName: string;
  printedDate: string;
}

export function paperHead(ctx: Ctx): PaperHead {
  const installation = requireInstallation(ctx.db);
  return { officeName: officeName(ctx), townName: installation.townName ?? installation.districtName, printedDate: ctx.today };
}

export function reimbursementClaimDoc(ctx: Ctx, claimId: string): ReimbursementClaimModel {
  return { kind: 'reimbursement_claim', ...paperHead(ctx), ...claimDetail(ctx.db, claimId) };
}

export function statementDoc(ctx: Ctx, period: string): StatementModel {
  const parsed = statementPeriodOf(period);
  assert(parsed, `the contract let through the statement period ${period}`);
  return { kind: 'statement', ...paperHead(ctx), statement: statement(ctx.db, parsed) };
}

const RESERVE_PAPERS: ReadonlySet<DocumentKind> = new Set(RESERVE_PAPER_KINDS);

/**
 * documents.* admits the counter (clerk, approver) and the town admin; the kind narrows it: the
 * reserve's papers (payees, cash) are the admin's and the approver's; every other form (a
 * case's, the notice list, the voucher, the day-close slip) stays the counter's, as before the
 * admin was admitted.
 */
export function assertMayPrint(ctx: Ctx, kind: DocumentKind): void {
  assert(ctx.actor, 'documents are read by a logged-in user');
  const roles = new Set(ctx.actor.roles);
  const allowed = RESERVE_PAPERS.has(kind) ? roles.has('town_admin') || roles.has('approver') : roles.has('clerk') || roles.has('approver');
  if (!allowed) throw new DomainError('FORBIDDEN', `您的角色不能查看或打印${RESERVE_PAPERS.has(kind) ? '备用金报账单和对账单' : '此类文书'}`);
}
