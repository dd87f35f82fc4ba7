import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisions } from '../../../../db/schema';
import type { HouseholdView, RpcResult } from '../../../contract';
import { DEFAULT_CATALOGUE } from '../../catalogue/defaults';
import { businessDate } from '../../time';
import { registerFamily } from '../../../testing/caseFixtures';
import { COUNTER_PASSWORD, counterUser, daysLater, readyForNotice } from '../../../testing/caseDriving';
import { ADMIN, codeOf, createTestApp, SETUP_TIMEOUT_MS, setUpTown, VILLAGE_CODE, type TestApp } from '../../../testing/testApp';

// The decision after notice: separation of duties, the town's authority, and what an approval
// or a refusal must state.

let t: TestApp;
let admin: string;
let clerk: { id: string; token: string };
let approver: string;
/** A clerk who is also an approver: may decide others' cases, never their own. */
let both: { id: string; token: string };
let li: HouseholdView;

beforeAll(() => {
  t = createTestApp();
  const tokens = setUpTown(t);
  admin = tokens.admin;
  clerk = tokens.clerk;
  approver = tokens.approver.token;
  both = counterUser(t, admin, 'chief1', ['clerk', 'approver']);
  li = registerFamily(t, clerk.token, '李');
}, SETUP_TIMEOUT_MS);
afterAll(() => t.close());

function messageOf(result: RpcResult<unknown>): string {
  return result.ok ? '' : result.error.message;
}

function issuePaths(result: RpcResult<unknown>): string[] {
  return result.ok ? [] : (result.error.issues ?? []).map((i) => i.path);
}

/** Cases taken through a 7-day notice to 'deciding', accepted by `acceptor`. */
function deciding(acceptor: { id: string; token: string }, count: number, reliefType: 'dibao' | 'tekun' | 'linshi' = 'dibao'): string[] {
  const ids = Array.from({ length: count }, () => readyForNotice(t, acceptor, li, reliefType));
  const notice = t.must(
    'notices.create',
    { villageCode: VILLAGE_CODE, startDate: today(), entries: ids.map((caseId) => ({ caseId, proposedAmountFen: 65_000 })) },
    clerk.token,
  );
  daysLater(t, 8, [
    { token: admin, password: ADMIN.password },
    { token: clerk.token, password: COUNTER_PASSWORD },
    { token: approver, password: COUNTER_PASSWORD },
    { token: both.token, password: COUNTER_PASSWORD },
  ]);
  t.must('notices.close', { noticeId: notice.id }, clerk.token);
  return ids;
}

function today(): string {
  return businessDate(t.clock.now());
}

const APPROVAL = { outcome: 'approved', amountFen: 65_000, periodStart: '2027-01-01', periodMonths: 12, opinion: '经审核，同意纳入低保', refusalReasons: null } as const;

describe('decisions.decide', () => {
  it('refuses the user who accepted the case, and lets another approver decide', () => {
    const [own, other] = deciding(both, 2);
    if (!own || !other) throw new Error('no cases');
    const self = t.call('decisions.decide', { caseId: own, ...APPROVAL }, both.token);
    expect(codeOf(self)).toBe('FORBIDDEN');
    expect(messageOf(self)).toBe('受理人不能审批本人受理的案件');
    const approved = t.must('decisions.decide', { caseId: own, ...APPROVAL }, approver);
    expect(approved.state).toBe('approved');
    expect(approved.events.at(-1)).toMatchObject({ event: 'confirmed', fromState: 'deciding', toState: 'approved', userName: 'approver1' });
    const [row] = t.app.db.select().from(decisions).where(eq(decisions.caseId, own)).all();
    expect(row).toMatchObject({ outcome: 'approved', amountFen: 65_000, periodStart: '2027-01-01', periodMonths: 12, opinion: '经审核，同意纳入低保', refusalReasons: null });
    // The chief may decide a case a colleague accepted; a second decision finds it decided.
    const [cl] = deciding(clerk, 1);
    expect(t.must('decisions.decide', { caseId: cl ?? '', ...APPROVAL }, both.token).state).toBe('approved');
    expect(codeOf(t.call('decisions.decide', { caseId: own, ...APPROVAL }, approver))).toBe('CONFLICT');
    expect(codeOf(t.call('decisions.decide', { caseId: other, ...APPROVAL }, clerk.token))).toBe('FORBIDDEN');
  });

  it('requires amount, start and months for an approval, and written reasons for a refusal', () => {
    const [caseId] = deciding(clerk, 1);
    if (!caseId) throw new Error('no case');
    const bare = t.call('decisions.decide', { caseId, ...APPROVAL, amountFen: 0, periodStart: null, periodMonths: null }, approver);
    expect(codeOf(bare)).toBe('VALIDATION');
    expect(issuePaths(bare)).toEqual(['amountFen', 'periodStart', 'periodMonths']);
    expect(codeOf(t.call('decisions.decide', { caseId, ...APPROVAL, periodMonths: 13 }, approver))).toBe('VALIDATION');
    const noReasons = t.call('decisions.decide', { caseId, ...APPROVAL, outcome: 'refused', refusalReasons: null }, approver);
    expect(issuePaths(noReasons)).toEqual(['refusalReasons']);
    const refused = t.must(
      'decisions.decide',
      { caseId, outcome: 'refused', amountFen: null, periodStart: null, periodMonths: null, opinion: '不符合条件', refusalReasons: '家庭人均收入高于当地低保标准' },
      approver,
    );
    expect(refused.state).toBe('refused');
    expect(t.app.db.select().from(decisions).where(eq(decisions.caseId, caseId)).all()).toEqual([
      expect.objectContaining({ outcome: 'refused', amountFen: null, refusalReasons: '家庭人均收入高于当地低保标准' }),
    ]);
  });

  it('approves 临时救助 as a one-off grant: no start date, no months', () => {
    const [caseId] = deciding(clerk, 1, 'linshi');
    if (!caseId) throw new Error('no case');
    // The monthly form of an approval is refused, each period field with its own message.
    const monthly = t.call('decisions.decide', { caseId, ...APPROVAL, amountFen: 200_000, cause: 'fire' }, approver);
    expect(codeOf(monthly)).toBe('VALIDATION');
    expect(monthly.ok ? [] : (monthly.error.issues ?? []).map((i) => [i.path, i.message])).toEqual([
      ['periodStart', '临时救助为一次性救助，不填写救助起始日期'],
      ['periodMonths', '临时救助为一次性救助，不填写救助月数'],
    ]);
    expect(issuePaths(t.call('decisions.decide', { caseId, ...APPROVAL, amountFen: null, periodStart: null, periodMonths: null }, approver))).toEqual(['amountFen', 'cause']);
    const approved = t.must('decisions.decide', { caseId, ...APPROVAL, amountFen: 200_000, periodStart: null, periodMonths: null, opinion: '同意临时救助', cause: 'fire' }, approver);
    expect(approved.state).toBe('approved');
    expect(t.app.db.select().from(decisions).where(eq(decisions.caseId, caseId)).all()).toEqual([
      expect.objectContaining({ outcome: 'approved', amountFen: 200_000, periodStart: null, periodMonths: null, cause: 'fire', repeatReason: null }),
    ]);
  });

  it('refuses a town approval of a kind the district decides, which is submitted instead', () => {
    const items = DEFAULT_CATALOGUE.map((i) => (i.reliefType === 'tekun' ? { ...i, decidedBy: 'district' as const } : i));
    t.must('catalogue.update', { items, note: '特困由区民政局审批', baseVersion: 1 }, admin);
    const [caseId] = deciding(clerk, 1, 'tekun');
    if (!caseId) throw new Error('no case');
    const approve = t.call('decisions.decide', { caseId, ...APPROVAL }, approver);
    expect(codeOf(approve)).toBe('CONFLICT');
    expect(messageOf(approve)).toBe('案件当前状态为“待审核确认”，超出镇街审批权限，应报区级审批');
    expect(t.app.db.select().from(decisions).where(eq(decisions.caseId, caseId)).all()).toEqual([]);
    const submitted = t.must('decisions.decide', { caseId, outcome: 'submitted_to_district', amountFen: 90_000, periodStart: null, periodMonths: null, opinion: '拟同意，报区审批', refusalReasons: null }, approver);
    expect(submitted.state).toBe('submitted_to_district');
  });

  it('takes a cause and a repeat reason for temporary relief only', () => {
    const [caseId] = deciding(clerk, 1);
    if (!caseId) throw new Error('no case');
    const withCause = t.call('decisions.decide', { caseId, ...APPROVAL, cause: 'fire', repeatReason: '再次受灾' }, approver);
    expect(issuePaths(withCause)).toEqual(['cause', 'repeatReason']);
    expect(t.must('decisions.decide', { caseId, ...APPROVAL }, approver).state).toBe('approved');
    expect(t.app.db.select().from(decisions).where(eq(decisions.caseId, caseId)).get()).toMatchObject({ cause: null, repeatReason: null });
  });

  it('refuses a case that has not been through notice', () => {
    const caseId = readyForNotice(t, clerk, li, 'dibao');
    const early = t.call('decisions.decide', { caseId, ...APPROVAL }, approver);
    expect(codeOf(early)).toBe('CONFLICT');
    expect(messageOf(early)).toBe('案件当前状态为“待公示”，不在审核确认阶段');
  });
});
