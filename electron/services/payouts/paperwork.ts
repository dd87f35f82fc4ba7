import { and, eq } from 'drizzle-orm';
import { caseSignatures, investigations, payouts } from '../../../db/schema';
import { LIMITS, type EscalatedPaperwork, type PayoutView } from '../../contract';
import type { Ctx } from '../context';
import { assert, DomainError } from '../errors';
import { updateRow } from '../rows';
import { caseState, requireCase, type CaseRecord } from '../cases/records';
import { daysOverdue, OPEN_STATE_PARAMS, OWED_PAPERWORK } from '../cases/queues';
import { appendCaseEvent } from '../cases/events';
import { preparedOnce } from '../prepared';
import { payoutById } from './records';
import { payoutView } from './view';

// 先行救助 (DOMAIN.md §5): the money goes first, the paperwork follows within
// emergencyPaperworkDays. The paperwork is what the normal path would have had before the
// money: the materials complete, the applicant's commitment (告知承诺书) signed, the home
// investigation recorded. Until someone marks it complete the payout shows in the work queue
// (先行救助待补手续) and, past its due date, escalates to the town admin; the decision waits for
// it (decisions.decide), so an owed paperwork never outlives the case's open states.

/** What the case still lacks, each in words for the clerk; empty when the paperwork is complete. */
export function paperworkMissing(ctx: Ctx, caseRow: CaseRecord): string[] {
  const missing: string[] = [];
  if (caseState(caseRow) === 'materials_incomplete') missing.push('申请材料尚未补齐');
  const commitment = ctx.db
    .select({ id: caseSignatures.id })
    .from(caseSignatures)
    .where(and(eq(caseSignatures.caseId, caseRow.id), eq(caseSignatures.kind, 'commitment'), eq(caseSignatures.personId, caseRow.applicantPersonId)))
    .get();
  if (!commitment) missing.push('申请人尚未签署告知承诺书');
  const visit = ctx.db.select({ id: investigations.id }).from(investigations).where(eq(investigations.caseId, caseRow.id)).limit(1).get();
  if (!visit) missing.push('尚未登记入户调查');
  return missing;
}

export function completePaperwork(ctx: Ctx, payoutId: string): PayoutView {
  assert(ctx.actor, 'payouts.completePaperwork needs a session');
  const payout = payoutById(ctx.db, payoutId);
  if (!payout) throw new DomainError('NOT_FOUND', '发放记录不存在');
  ctx.audit.entity('payout', payout.id);
  if (!payout.emergency) throw new DomainError('CONFLICT', '这笔救助金不是先行救助，没有待补的手续');
  // Done already: a retry (double click) gets the same view.
  if (payout.paperworkCompletedAt !== null) return payoutView(ctx, payout);
  if (payout.state === 'cancelled') throw new DomainError('CONFLICT', '这笔先行救助已取消，不需要补手续');
  const missing = paperworkMissing(ctx, requireCase(ctx, payout.caseId));
  if (missing.length > 0) throw new DomainError('CONFLICT', `先行救助手续尚未补齐：${missing.join('；')}`);
  const caseRow = requireCase(ctx, payout.caseId);
  const updated = updateRow(ctx, payouts, payout.id, { paperworkCompletedAt: ctx.nowIso, paperworkCompletedBy: ctx.actor.userId, updatedAt: ctx.nowIso });
  const state = caseState(caseRow);
  appendCaseEvent(ctx, { caseId: caseRow.id, event: 'paperwork_completed', fromState: state, toState: state, note: '先行救助手续已补齐' });
  ctx.audit.note({ paperworkDueDate: payout.paperworkDueDate, late: payout.paperworkDueDate !== null && payout.paperworkDueDate < ctx.today });
  return payoutView(ctx, updated);
}

interface EscalatedRow {
  payoutId: string;
  caseId: string;
  caseNo: string;
  applicantName: string;
  amountFen: number;
  paperworkDueDate: string;
  approvedByName: string;
}

/** payouts.escalated: owed paperwork past its due date, for the town admin's home page, longest overdue first. */
export function escalatedPaperwork(ctx: Ctx): EscalatedPaperwork {
  const statements = preparedOnce(ctx.db, 'payouts.escalated', () => {
    const overdue = `${OWED_PAPERWORK} AND p.paperwork_due_date < @today`;
    return {
      count: ctx.db.$client.prepare(`SELECT count(*) AS n ${overdue}`),
      rows: ctx.db.$client.prepare(
        `SELECT p.id AS payoutId, c.id AS caseId, c.case_no AS caseNo, a.name AS applicantName, p.amount_fen AS amountFen,
                p.paperwork_due_date AS paperworkDueDate, u.display_name AS approvedByName
           FROM (SELECT p.rowid AS pid ${overdue} ORDER BY p.paperwork_due_date, c.case_no LIMIT @limit) k
           JOIN payouts p ON p.rowid = k.pid
           JOIN cases c ON c.id = p.case_id
           JOIN persons a ON a.id = c.applicant_person_id
           JOIN users u ON u.id = p.approved_by
          ORDER BY p.paperwork_due_date, c.case_no`,
      ),
    };
  });
  const params = { ...OPEN_STATE_PARAMS, today: ctx.today };
  const total = statements.count.get(params) as { n: number } | undefined;
  const rows = statements.rows.all({ ...params, limit: LIMITS.queueRowsMax }) as EscalatedRow[];
  return { count: total?.n ?? 0, rows: rows.map((r) => ({ ...r, daysOverdue: daysOverdue(r.paperworkDueDate, ctx.today) })) };
}
