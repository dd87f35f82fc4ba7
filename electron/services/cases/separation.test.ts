import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, decisions, persons } from '../../../db/schema';
import type { HouseholdView, RpcResult } from '../../contract';
import { businessDate } from '../time';
import { memberId, registerFamily } from '../../testing/caseFixtures';
import { COUNTER_PASSWORD, counterUser, daysLater, readyForNotice } from '../../testing/caseDriving';
import { ADMIN, codeOf, createTestApp, SETUP_TIMEOUT_MS, setUpTown, VILLAGE_CODE, type TestApp } from '../../testing/testApp';

// Separation of duties for the decision: never the accepting user, never an approver whose own
// resident ID is the applicant's or a current member's of the case's household. The same rule
// answers cases.get (decisionBlockedReason) and decisions.decide.

let t: TestApp;
let admin: string;
let clerk: { id: string; token: string };
/** An approver with no resident ID recorded. */
let approver: { id: string; token: string };
let both: { id: string; token: string };
let li: HouseholdView;
let wang: HouseholdView;

function residentIdOf(personId: string): string {
  const row = t.app.db.select({ residentId: persons.residentId }).from(persons).where(eq(persons.id, personId)).get();
  if (!row) throw new Error('no person');
  return row.residentId;
}

/** An approver whose account carries the resident ID of `personId`. */
function approverWhoIs(username: string, personId: string): { id: string; token: string } {
  const user = counterUser(t, admin, username, ['approver']);
  t.must('users.update', { id: user.id, displayName: username, roles: ['approver'], residentId: residentIdOf(personId) }, admin);
  return user;
}

function messageOf(result: RpcResult<unknown>): string {
  return result.ok ? '' : result.error.message;
}

const APPROVAL = { outcome: 'approved', amountFen: 65_000, periodStart: '2027-01-01', periodMonths: 12, opinion: '经审核，同意纳入低保', refusalReasons: null } as const;

let users: Record<'spouse' | 'head' | 'son', { id: string; token: string }>;
/** Li family cases in 'deciding': by the clerk (3) and by the clerk-approver (1). */
let byClerk: string[];
let byBoth: string;
/** A Li case still before notice. */
let early: string;

beforeAll(() => {
  t = createTestApp();
  const tokens = setUpTown(t);
  admin = tokens.admin;
  clerk = tokens.clerk;
  approver = tokens.approver;
  both = counterUser(t, admin, 'chief1', ['clerk', 'approver']);
  li = registerFamily(t, clerk.token, '李');
  wang = registerFamily(t, clerk.token, '王');
  users = {
    head: approverWhoIs('head1', memberId(li, 0)),
    spouse: approverWhoIs('spouse1', memberId(li, 1)),
    son: approverWhoIs('son1', memberId(li, 2)),
  };
  const ids = [...Array.from({ length: 3 }, () => readyForNotice(t, clerk, li)), readyForNotice(t, both, li)];
  const notice = t.must(
    'notices.create',
    { villageCode: VILLAGE_CODE, startDate: businessDate(t.clock.now()), entries: ids.map((caseId) => ({ caseId, proposedAmountFen: 65_000 })) },
    clerk.token,
  );
  daysLater(t, 8, [
    { token: admin, password: ADMIN.password },
    ...[clerk, approver, both, users.head, users.spouse, users.son].map((u) => ({ token: u.token, password: COUNTER_PASSWORD })),
  ]);
  t.must('notices.close', { noticeId: notice.id }, clerk.token);
  byClerk = ids.slice(0, 3);
  byBoth = ids[3] ?? '';
  early = readyForNotice(t, clerk, li);
}, SETUP_TIMEOUT_MS);
afterAll(() => t.close());

function stateOf(caseId: string): string | undefined {
  return t.app.db.select({ state: cases.state }).from(cases).where(eq(cases.id, caseId)).get()?.state;
}

describe('separation of duties in the decision', () => {
  it('refuses the accepting user, tells them on the case page, and leaves no decision and no state change', () => {
    expect(t.must('cases.get', { caseId: byBoth }, both.token).decisionBlockedReason).toBe('受理人不能审批本人受理的案件');
    const self = t.call('decisions.decide', { caseId: byBoth, ...APPROVAL }, both.token);
    expect(codeOf(self)).toBe('FORBIDDEN');
    expect(messageOf(self)).toBe('受理人不能审批本人受理的案件');
    expect(t.app.db.select().from(decisions).where(eq(decisions.caseId, byBoth)).all()).toEqual([]);
    expect(stateOf(byBoth)).toBe('deciding');
    // The same user may decide what a colleague accepted.
    expect(t.must('cases.get', { caseId: byClerk[0] ?? '' }, both.token).decisionBlockedReason).toBeNull();
  });

  it('refuses an approver who is a current member of the household, or the applicant, and another approver decides', () => {
    const [caseId] = byClerk;
    if (!caseId) throw new Error('no case');
    expect(t.must('cases.get', { caseId }, users.spouse.token).decisionBlockedReason).toBe('审批人是本户成员，不能审批本户的申请');
    const member = t.call('decisions.decide', { caseId, ...APPROVAL }, users.spouse.token);
    expect(codeOf(member)).toBe('FORBIDDEN');
    expect(messageOf(member)).toBe('审批人是本户成员，不能审批本户的申请');
    expect(t.must('cases.get', { caseId }, users.head.token).decisionBlockedReason).toBe('审批人是本案申请人，不能审批本人的申请');
    const applicant = t.call('decisions.decide', { caseId, ...APPROVAL, outcome: 'refused', amountFen: null, periodStart: null, periodMonths: null, refusalReasons: '本人放弃' }, users.head.token);
    expect(codeOf(applicant)).toBe('FORBIDDEN');
    expect(messageOf(applicant)).toBe('审批人是本案申请人，不能审批本人的申请');
    expect(t.app.db.select().from(decisions).where(eq(decisions.caseId, caseId)).all()).toEqual([]);
    expect(stateOf(caseId)).toBe('deciding');
    // An approver with no resident ID on record has nothing the app can see against them.
    expect(t.must('cases.get', { caseId }, approver.token).decisionBlockedReason).toBeNull();
    expect(t.must('decisions.decide', { caseId, ...APPROVAL }, approver.token).state).toBe('approved');
    // Decided, there is nothing left to stand aside from: the page says no more.
    expect(t.must('cases.get', { caseId }, users.spouse.token).decisionBlockedReason).toBeNull();
  });

  it('lets a former member decide once they have moved out, and the household rule is about this household only', () => {
    const [, caseId] = byClerk;
    if (!caseId) throw new Error('no case');
    expect(codeOf(t.call('decisions.decide', { caseId, ...APPROVAL }, users.son.token))).toBe('FORBIDDEN');
    t.must('registry.member.move', { personId: memberId(li, 2), toHouseholdId: wang.id, relation: 'grandson', reason: '随祖父母生活' }, clerk.token);
    expect(t.must('cases.get', { caseId }, users.son.token).decisionBlockedReason).toBeNull();
    expect(t.must('decisions.decide', { caseId, ...APPROVAL }, users.son.token).state).toBe('approved');
  });

  it('checks separation before the state: a case before notice is refused as FORBIDDEN to a member, CONFLICT to others', () => {
    expect(t.must('cases.get', { caseId: early }, users.spouse.token).decisionBlockedReason).toBe('审批人是本户成员，不能审批本户的申请');
    const member = t.call('decisions.decide', { caseId: early, ...APPROVAL }, users.spouse.token);
    expect(codeOf(member)).toBe('FORBIDDEN');
    expect(messageOf(member)).toBe('审批人是本户成员，不能审批本户的申请');
    expect(codeOf(t.call('decisions.decide', { caseId: early, ...APPROVAL }, approver.token))).toBe('CONFLICT');
    expect(stateOf(early)).toBe('ready_for_notice');
  });

  it('computes the reason for approvers only', () => {
    const [, , caseId] = byClerk;
    expect(t.must('cases.get', { caseId: caseId ?? '' }, clerk.token).decisionBlockedReason).toBeNull();
  });
});
