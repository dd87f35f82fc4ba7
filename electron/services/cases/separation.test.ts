import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, decisions, householdMembers, households, persons } from '../../../db/schema';
import type { HouseholdView, RpcResult } from '../../contract';
import { businessDate } from '../time';
import { intakeForm, madeUpId, memberId, registerFamily } from '../../testing/caseFixtures';
import { COUNTER_PASSWORD, counterUser, daysLater, readyForNotice } from '../../testing/caseDriving';
import { ADMIN, codeOf, createTestApp, SETUP_TIMEOUT_MS, setUpTown, VILLAGE_CODE, type TestApp } from '../../testing/testApp';

// Separation of duties for the decision: never the accepting user, never an approver whose own
// resident ID is the applicant's, a member's of the case's household at any time since the case
// was accepted, or a person's who has shared a household with the applicant since then. The same
// rule answers cases.get (decisionBlockedReason) and decisions.decide. And the facts it reads
// are never edited by the person they are about: registry writes and intakes about the actor's
// own record or household are refused.

let t: TestApp;
let admin: string;
let clerk: { id: string; token: string };
/** An approver with no resident ID recorded. */
let approver: { id: string; token: string };
let both: { id: string; token: string };
let li: HouseholdView;
let wang: HouseholdView;
/** Zhao's son moved to the Sun household before any Zhao case was accepted. */
let zhao: HouseholdView;
let sun: HouseholdView;

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

let users: Record<'spouse' | 'head' | 'son' | 'zhaoSon' | 'wangHead', { id: string; token: string }>;
/** Clerk and approver, whose account carries the resident ID of the Wang spouse. */
let wangClerk: { id: string; token: string };
/** Li family cases in 'deciding': by the clerk (3) and by the clerk-approver (1). */
let byClerk: string[];
let byBoth: string;
/** A Li case still before notice. */
let early: string;
/** A Zhao case in 'deciding', accepted after the son had left. */
let zhaoCase: string;
/** A Zhao case before notice whose applicant is the Zhao spouse. */
let zhaoSpouseCase: string;

beforeAll(() => {
  t = createTestApp();
  const tokens = setUpTown(t);
  admin = tokens.admin;
  clerk = tokens.clerk;
  approver = tokens.approver;
  both = counterUser(t, admin, 'chief1', ['clerk', 'approver']);
  li = registerFamily(t, clerk.token, '李');
  wang = registerFamily(t, clerk.token, '王');
  zhao = registerFamily(t, clerk.token, '赵');
  sun = registerFamily(t, clerk.token, '孙');
  users = {
    head: approverWhoIs('head1', memberId(li, 0)),
    spouse: approverWhoIs('spouse1', memberId(li, 1)),
    son: approverWhoIs('son1', memberId(li, 2)),
    zhaoSon: approverWhoIs('zhaoson1', memberId(zhao, 2)),
    wangHead: approverWhoIs('wanghead1', memberId(wang, 0)),
  };
  wangClerk = counterUser(t, admin, 'wangclerk1', ['clerk', 'approver']);
  t.must('users.update', { id: wangClerk.id, displayName: 'wangclerk1', roles: ['clerk', 'approver'], residentId: residentIdOf(memberId(wang, 1)) }, admin);
  t.must('registry.member.move', { personId: memberId(zhao, 2), toHouseholdId: sun.id, relation: 'grandson', reason: '随祖父母生活' }, clerk.token);
  // The move and the acceptance at distinct instants: a move at the very instant of acceptance counts as after it.
  t.clock.advance(60_000);
  const ids = [...Array.from({ length: 3 }, () => readyForNotice(t, clerk, li)), readyForNotice(t, both, li), readyForNotice(t, clerk, zhao)];
  const notice = t.must(
    'notices.create',
    { villageCode: VILLAGE_CODE, startDate: businessDate(t.clock.now()), entries: ids.map((caseId) => ({ caseId, proposedAmountFen: 65_000 })) },
    clerk.token,
  );
  daysLater(t, 8, [
    { token: admin, password: ADMIN.password },
    ...[clerk, approver, both, wangClerk, ...Object.values(users)].map((u) => ({ token: u.token, password: COUNTER_PASSWORD })),
  ]);
  t.must('notices.close', { noticeId: notice.id }, clerk.token);
  byClerk = ids.slice(0, 3);
  byBoth = ids[3] ?? '';
  zhaoCase = ids[4] ?? '';
  early = readyForNotice(t, clerk, li);
  zhaoSpouseCase = readyForNotice(t, clerk, zhao, 'dibao', 1);
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

  it('refuses a member who moved out after the case was accepted, and again once moved back', () => {
    const [, caseId] = byClerk;
    if (!caseId) throw new Error('no case');
    expect(codeOf(t.call('decisions.decide', { caseId, ...APPROVAL }, users.son.token))).toBe('FORBIDDEN');
    t.must('registry.member.move', { personId: memberId(li, 2), toHouseholdId: wang.id, relation: 'grandson', reason: '随祖父母生活' }, clerk.token);
    expect(t.must('cases.get', { caseId }, users.son.token).decisionBlockedReason).toBe('审批人在本案受理后曾是本户成员，不能审批本户的申请');
    const moved = t.call('decisions.decide', { caseId, ...APPROVAL }, users.son.token);
    expect(codeOf(moved)).toBe('FORBIDDEN');
    expect(messageOf(moved)).toBe('审批人在本案受理后曾是本户成员，不能审批本户的申请');
    t.must('registry.member.move', { personId: memberId(li, 2), toHouseholdId: li.id, relation: 'son', reason: '回原户生活' }, clerk.token);
    expect(messageOf(t.call('decisions.decide', { caseId, ...APPROVAL }, users.son.token))).toBe('审批人是本户成员，不能审批本户的申请');
    expect(t.app.db.select().from(decisions).where(eq(decisions.caseId, caseId)).all()).toEqual([]);
    expect(stateOf(caseId)).toBe('deciding');
  });

  it('lets a former member decide a case accepted after they had left', () => {
    expect(t.must('cases.get', { caseId: zhaoCase }, users.zhaoSon.token).decisionBlockedReason).toBeNull();
    expect(t.must('decisions.decide', { caseId: zhaoCase, ...APPROVAL }, users.zhaoSon.token).state).toBe('approved');
  });

  it('refuses an approver whose household the applicant has moved into since acceptance', () => {
    const blocked = '审批人在本案受理后与申请人同户，不能审批其申请';
    expect(t.must('cases.get', { caseId: zhaoSpouseCase }, users.wangHead.token).decisionBlockedReason).toBeNull();
    t.must('registry.member.move', { personId: memberId(zhao, 1), toHouseholdId: wang.id, relation: 'other', reason: '投亲' }, clerk.token);
    expect(t.must('cases.get', { caseId: zhaoSpouseCase }, users.wangHead.token).decisionBlockedReason).toBe(blocked);
    const result = t.call('decisions.decide', { caseId: zhaoSpouseCase, ...APPROVAL }, users.wangHead.token);
    expect(codeOf(result)).toBe('FORBIDDEN');
    expect(messageOf(result)).toBe(blocked);
    // Moving on again does not clear it: they shared a household while the case was open.
    t.must('registry.member.move', { personId: memberId(zhao, 1), toHouseholdId: sun.id, relation: 'other', reason: '投亲' }, clerk.token);
    expect(t.must('cases.get', { caseId: zhaoSpouseCase }, users.wangHead.token).decisionBlockedReason).toBe(blocked);
    expect(stateOf(zhaoSpouseCase)).toBe('ready_for_notice');
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

describe('no registry write or intake about oneself or one\'s own household', () => {
  const OWN_RECORD = '不能办理本人或本户的登记事项，请由其他工作人员办理';

  /** Everything these calls could write: persons, memberships, households and cases, as stored. */
  function snapshot(): string {
    return JSON.stringify([
      t.app.db.select().from(persons).all(),
      t.app.db.select().from(householdMembers).all(),
      t.app.db.select().from(households).all(),
      t.app.db.select().from(cases).all(),
    ]);
  }

  function expectRefused(result: RpcResult<unknown>, message = OWN_RECORD): void {
    expect(codeOf(result)).toBe('FORBIDDEN');
    expect(messageOf(result)).toBe(message);
  }

  it('refuses moving oneself, changing one\'s own resident ID, and every edit of one\'s household, writing nothing', () => {
    const self = memberId(wang, 1);
    const before = snapshot();
    const token = wangClerk.token;
    // (a) moving out to decide, then back.
    expectRefused(t.call('registry.member.move', { personId: self, toHouseholdId: sun.id, relation: 'other', reason: '外出务工' }, token));
    // (b) breaking the link to the account.
    const update = { name: '王二', phone: '', tags: [], disabilityCategory: null, disabilityGrade: null, notes: '' };
    expectRefused(t.call('registry.person.update', { personId: self, person: { ...update, residentId: madeUpId('19720202', 901) } }, token));
    expectRefused(t.call('registry.person.update', { personId: self, person: update }, token));
    // The rest of the household: a member's record, moves out and in, relations, the household itself, new members.
    expectRefused(t.call('registry.person.update', { personId: memberId(wang, 0), person: { ...update, name: '王一' } }, token));
    expectRefused(t.call('registry.member.move', { personId: memberId(wang, 0), toHouseholdId: sun.id, relation: 'other', reason: '外出务工' }, token));
    expectRefused(t.call('registry.member.move', { personId: memberId(sun, 0), toHouseholdId: wang.id, relation: 'other', reason: '投亲' }, token));
    expectRefused(t.call('registry.member.setRelation', { householdId: wang.id, personId: self, relation: 'other' }, token));
    expectRefused(t.call('registry.household.update', { householdId: wang.id, villageCode: VILLAGE_CODE, address: '朱沟村新址', phone: '', registration: 'rural' }, token));
    const newcomer = { name: '王四', residentId: madeUpId('20200404', 903), phone: '', tags: [], disabilityCategory: null, disabilityGrade: null, notes: '' };
    expectRefused(t.call('registry.member.add', { householdId: wang.id, relation: 'daughter', person: newcomer }, token));
    // Registering oneself afresh elsewhere, in lower case: the same person.
    const ownId = residentIdOf(self).toLowerCase();
    expectRefused(
      t.call(
        'registry.household.create',
        { villageCode: VILLAGE_CODE, address: '朱沟村另址', phone: '', registration: 'rural', members: [{ relation: 'head', person: { ...newcomer, residentId: ownId } }] },
        token,
      ),
    );
    // (c) A clerk accepting their own family's application.
    expectRefused(t.call('cases.intake', intakeForm(wang), token), '受理人是本户成员，不能受理本户的申请，请由其他工作人员受理');
    expect(snapshot()).toBe(before);
  });

  it('leaves other households to the same clerk, and the household to other clerks', () => {
    const token = wangClerk.token;
    const address = { villageCode: VILLAGE_CODE, phone: '', registration: 'rural' } as const;
    expect(t.must('registry.household.update', { householdId: sun.id, ...address, address: '朱沟村孙家新址' }, token).address).toBe('朱沟村孙家新址');
    expect(t.must('cases.intake', intakeForm(sun), token).cases).toHaveLength(1);
    expect(t.must('registry.household.update', { householdId: wang.id, ...address, address: '朱沟村王家新址' }, clerk.token).address).toBe('朱沟村王家新址');
    expect(t.must('cases.intake', intakeForm(wang), clerk.token).cases).toHaveLength(1);
  });
});
