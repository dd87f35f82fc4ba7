import { and, eq } from 'drizzle-orm';
import { caseSignatures, investigations, payouts } from '../../../db/schema';
import type { PayoutView } from '../../contract';
import type { Ctx } from '../context';
import { assert, DomainError } from '../errors';
import { updateRow } from '../rows';
import { caseState, requireCase, type CaseRecord } from '../cases/records';
import { payoutById, type PayoutRow } from './records';
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

/** The emergency payout whose paperwork the case still owes, or null. */
export function owedPaperwork(payout: PayoutRow | undefined): PayoutRow | null {
  return payout?.emergency && payout.state !== 'cancelled' && payout.paperworkCompletedAt === null ? payout : null;
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
  const updated = updateRow(ctx, payouts, payout.id, { paperworkCompletedAt: ctx.nowIso, paperworkCompletedBy: ctx.actor.userId, updatedAt: ctx.nowIso });
  ctx.audit.note({ paperworkDueDate: payout.paperworkDueDate, late: payout.paperworkDueDate !== null && payout.paperworkDueDate < ctx.today });
  return payoutView(ctx, updated);
}
