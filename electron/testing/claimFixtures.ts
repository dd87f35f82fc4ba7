// Test support for claims and statements (imported by *.test.ts only): cash and bank payouts
// made through the payout procedures (先行救助 by an approver on a case a clerk accepted, then
// 发放), each on the business day the test needs: the clock only moves forward, and every
// session is unlocked after the move.
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { payouts } from '../../db/schema';
import { intakeForm, materialsOf, registerFamily } from './caseFixtures';
import { COUNTER_PASSWORD } from './caseDriving';
import { ADMIN, createTestApp, setUpTown, type TestApp } from './testApp';

export interface ClaimTown {
  t: TestApp;
  admin: string;
  clerk: string;
  approver: string;
  approverId: string;
}

/** A town whose clock starts at 10:00 (Asia/Shanghai) on `firstDay`, with the district's 50,000 yuan. */
export function claimTown(firstDay: string): ClaimTown {
  const t = createTestApp();
  // The test clock starts at 2026-11-28T02:00Z (10:00 in Shanghai); earlier days go back from it.
  t.clock.advance(Date.parse(`${firstDay}T02:00:00Z`) - t.clock.now().getTime());
  const town = setUpTown(t);
  t.must('reserve.allocate', { id: uuidv7(), amountFen: 5_000_000, documentNo: '峄民发〔2026〕12号', note: '' }, town.admin);
  return { t, admin: town.admin, clerk: town.clerk.token, approver: town.approver.token, approverId: town.approver.id };
}

/** The clock moves forward to 10:00 on `date`; each session unlocks. */
export function moveTo(town: ClaimTown, date: string): void {
  const ms = Date.parse(`${date}T02:00:00Z`) - town.t.clock.now().getTime();
  if (ms < 0) throw new Error(`the clock only moves forward (to ${date})`);
  if (ms === 0) return;
  town.t.clock.advance(ms);
  town.t.must('auth.unlock', { password: ADMIN.password }, town.admin);
  for (const token of [town.clerk, town.approver]) town.t.must('auth.unlock', { password: COUNTER_PASSWORD }, token);
}

export interface MadePayout {
  payoutId: string;
  caseId: string;
  voucherNo: string;
  postTransferId: string | null;
}

/**
 * A 先行救助 payout of `amountFen` for a new family's temporary-relief case, approved today and
 * paid today unless `paid` is false (cash stays held); cash from the reserve unless `method` is bank.
 */
export function emergencyPayout(town: ClaimTown, spec: { amountFen: number; surname: string; method?: 'cash' | 'bank'; paid?: boolean }): MadePayout {
  const { t } = town;
  const family = registerFamily(t, town.clerk, spec.surname);
  const [accepted] = t.must('cases.intake', intakeForm(family, 'linshi', { kinds: [{ reliefType: 'linshi', category: '急难型', materials: materialsOf('linshi') }] }), town.clerk).cases;
  if (!accepted) throw new Error('intake made no case');
  const bank = spec.method === 'bank';
  const approved = t.must(
    'payouts.emergency',
    {
      id: uuidv7(),
      caseId: accepted.id,
      amountFen: spec.amountFen,
      cause: 'fire',
      opinion: '房屋失火，先行救助',
      repeatReason: null,
      payee: { proxy: false },
      payment: bank ? { method: 'bank', bankName: '峄城农商银行', bankAccount: '6228480012345678' } : { method: 'cash' },
    },
    town.approver,
  );
  const view = spec.paid === false ? approved : t.must('payouts.pay', { payoutId: approved.id, postId: uuidv7(), transferReference: bank ? 'ZZ20261010001' : null }, town.approver);
  const row = t.app.db.select({ postTransferId: payouts.postTransferId }).from(payouts).where(eq(payouts.id, view.id)).get();
  return { payoutId: view.id, caseId: accepted.id, voucherNo: view.voucherNo ?? '', postTransferId: row?.postTransferId ?? null };
}
