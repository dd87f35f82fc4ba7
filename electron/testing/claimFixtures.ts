// Test support for claims and statements (imported by *.test.ts only): paid payouts as the
// payout service leaves them (a cash payout: its hold posted through the ledger, its voucher
// number and business day recorded), written in one transaction like a procedure. The payout
// procedures' own tests cover how a payout gets there; these tests need many, on chosen days.
import { v7 as uuidv7 } from 'uuid';
import { eq } from 'drizzle-orm';
import { payouts, persons } from '../../db/schema';
import type { Actor } from '../services/context';
import { holdPayout, postPayout } from '../services/reserve/ledger';
import { insertRow } from '../services/rows';
import { intakeForm, materialsOf, memberId, registerFamily } from './caseFixtures';
import { ledgerCall } from './ledgerDriving';
import type { TestApp } from './testApp';

export interface PaidPayout {
  payoutId: string;
  caseId: string;
  voucherNo: string;
  postTransferId: string | null;
}

let voucherSeq = 1000;

/** A temporary-relief case of a new family, accepted by the clerk. */
function newCase(t: TestApp, clerk: string, surname: string): { caseId: string; payeeName: string; payeeResidentId: string } {
  const family = registerFamily(t, clerk, surname);
  const [accepted] = t.must('cases.intake', intakeForm(family, 'linshi', { kinds: [{ reliefType: 'linshi', category: '急难型', materials: materialsOf('linshi') }] }), clerk).cases;
  if (!accepted) throw new Error('intake made no case');
  const head = t.app.db.select().from(persons).where(eq(persons.id, memberId(family, 0))).get();
  if (!head) throw new Error('family without a head');
  return { caseId: accepted.id, payeeName: head.name, payeeResidentId: head.residentId };
}

/**
 * A payout of `amountFen` paid on `paidDate` (cash from the reserve, or bank), or left
 * approved (cash held) when paidDate is null.
 */
export function paidPayout(
  t: TestApp,
  who: { clerk: string; approver: Actor },
  spec: { amountFen: number; paidDate: string | null; method?: 'cash' | 'bank'; surname: string },
): PaidPayout {
  const method = spec.method ?? 'cash';
  const c = newCase(t, who.clerk, spec.surname);
  return ledgerCall(t.app, who.approver, 'test.payout', (ctx) => {
    const hold = method === 'cash' ? holdPayout(ctx, { id: uuidv7(), amountFen: spec.amountFen, reference: c.caseId, note: '' }) : null;
    const post = hold !== null && spec.paidDate !== null ? postPayout(ctx, { id: uuidv7(), holdId: hold.id, note: '' }) : null;
    const paid = spec.paidDate !== null;
    const voucherNo = paid ? `370404101-2026-F${String((voucherSeq += 1)).padStart(5, '0')}` : null;
    const row = insertRow(ctx, payouts, {
      id: uuidv7(),
      caseId: c.caseId,
      method,
      amountFen: spec.amountFen,
      payeeName: c.payeeName,
      payeeResidentId: c.payeeResidentId,
      proxyRelation: null,
      bankName: method === 'bank' ? '农商银行' : null,
      bankAccount: method === 'bank' ? '6228480000000000' : null,
      transferReference: method === 'bank' && paid ? 'ZZ20261010001' : null,
      emergency: false,
      paperworkDueDate: null,
      paperworkCompletedAt: null,
      paperworkCompletedBy: null,
      cause: 'fire',
      repeatReason: null,
      opinion: '同意',
      state: paid ? 'paid' : 'approved',
      holdTransferId: hold?.id ?? null,
      postTransferId: post?.id ?? null,
      voidTransferId: null,
      voucherNo,
      approvedBy: who.approver.userId,
      approvedAt: ctx.nowIso,
      paidBy: paid ? who.approver.userId : null,
      paidAt: paid ? ctx.nowIso : null,
      paidDate: spec.paidDate,
      cancelledBy: null,
      cancelledAt: null,
      cancelReason: null,
      signedAt: null,
      signedBy: null,
      claimId: null,
      createdAt: ctx.nowIso,
      updatedAt: ctx.nowIso,
    });
    return { payoutId: row.id, caseId: c.caseId, voucherNo: voucherNo ?? '', postTransferId: post?.id ?? null };
  });
}
