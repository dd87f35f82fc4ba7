import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeEntries, noticeObjections, persons } from '../../../../db/schema';
import type { HouseholdView, RpcResult } from '../../../contract';
import { intakeForm, registerFamily } from '../../../testing/caseFixtures';
import { COUNTER_PASSWORD, daysLater, readyForNotice } from '../../../testing/caseDriving';
import { addDaysIso, businessDate } from '../../time';
import { openNoticesOf } from './notices';
import { ADMIN, codeOf, createTestApp, SETUP_TIMEOUT_MS, setUpTown, VILLAGE_CODE, type TestApp } from '../../../testing/testApp';

// The public notice: a village's list, minors never printed, objections send a case back,
// and the notice closes only once its period has passed.

const OTHER_VILLAGE = '370404101299';

let t: TestApp;
let admin: string;
let clerk: { id: string; token: string };
let approver: string;
let zhao: HouseholdView;
let qian: HouseholdView;
let elsewhere: HouseholdView;

beforeAll(() => {
  t = createTestApp();
  const tokens = setUpTown(t);
  admin = tokens.admin;
  clerk = tokens.clerk;
  approver = tokens.approver.token;
  zhao = registerFamily(t, clerk.token, '赵');
  qian = registerFamily(t, clerk.token, '钱');
  t.must('villages.create', { code: OTHER_VILLAGE, name: '新村' }, admin);
  elsewhere = registerFamily(t, clerk.token, '孙');
  t.must('registry.household.update', { householdId: elsewhere.id, villageCode: OTHER_VILLAGE, address: '新村1号', phone: '', registration: 'rural' }, clerk.token);
}, SETUP_TIMEOUT_MS);
afterAll(() => t.close());

function messageOf(result: RpcResult<unknown>): string {
  return result.ok ? '' : result.error.message;
}

function stateOf(caseId: string): string {
  return t.must('cases.get', { caseId }, clerk.token).state;
}

describe('a notice round', () => {
  let adultCase: string;
  let minorCase: string;
  let objectedCase: string;
  let noticeId: string;

  it('offers the cases ready for notice by village, saying which applicant is a minor', () => {
    adultCase = readyForNotice(t, clerk, zhao, 'dibao');
    minorCase = readyForNotice(t, clerk, qian, 'tekun', 2);
    objectedCase = readyForNotice(t, clerk, qian, 'linshi', 1);
    readyForNotice(t, clerk, elsewhere, 'dibao');
    const groups = t.must('notices.candidates', {}, clerk.token);
    expect(groups.map((g) => [g.villageCode, g.cases.length])).toEqual([
      [VILLAGE_CODE, 3],
      [OTHER_VILLAGE, 1],
    ]);
    const minor = groups[0]?.cases.find((c) => c.caseId === minorCase);
    expect(minor).toMatchObject({ applicantName: '钱三', reliefType: 'tekun', kindLabel: '特困人员救助供养', minor: true });
    expect(groups[0]?.cases.find((c) => c.caseId === adultCase)?.minor).toBe(false);
    expect(codeOf(t.call('notices.candidates', {}, approver))).toBe('FORBIDDEN');
  });

  it('refuses a case of another village and a case not ready for notice', () => {
    const other = t.must('notices.candidates', {}, clerk.token)[1]?.cases[0]?.caseId ?? '';
    const wrongVillage = t.call('notices.create', { villageCode: VILLAGE_CODE, startDate: '2026-11-28', entries: [{ caseId: other, proposedAmountFen: null }] }, clerk.token);
    expect(codeOf(wrongVillage)).toBe('VALIDATION');
    expect(wrongVillage.ok ? [] : wrongVillage.error.issues?.map((i) => i.path)).toEqual(['entries.0.caseId']);
    const [fresh] = t.must('cases.intake', intakeForm(zhao), clerk.token).cases;
    const notReady = t.call('notices.create', { villageCode: VILLAGE_CODE, startDate: '2026-11-28', entries: [{ caseId: fresh?.id ?? '', proposedAmountFen: null }] }, clerk.token);
    expect(codeOf(notReady)).toBe('CONFLICT');
    expect(messageOf(notReady)).toBe('案件当前状态为“已受理”，不能开始公示');
    const backdated = t.call('notices.create', { villageCode: VILLAGE_CODE, startDate: '2026-11-27', entries: [{ caseId: adultCase, proposedAmountFen: null }] }, clerk.token);
    expect(codeOf(backdated)).toBe('VALIDATION');
    expect(t.app.db.select().from(noticeEntries).all()).toEqual([]);
  });

  it('posts the adults with masked IDs and never the minor; the longest notice period sets the end', () => {
    const view = t.must(
      'notices.create',
      {
        villageCode: VILLAGE_CODE,
        startDate: '2026-11-28',
        entries: [
          { caseId: adultCase, proposedAmountFen: 65_000 },
          { caseId: minorCase, proposedAmountFen: 90_000 },
          { caseId: objectedCase, proposedAmountFen: 200_000 },
        ],
      },
      clerk.token,
    );
    noticeId = view.id;
    // 低保 and 特困 run 7 days, 临时救助 5: the list stays up 7.
    expect(view).toMatchObject({ villageName: '朱沟村', startDate: '2026-11-28', endDate: '2026-12-05', hiddenCount: 1 });
    expect(view.entries.map((e) => [e.applicantName, e.kindLabel, e.proposedAmountFen])).toEqual(
      expect.arrayContaining([
        ['赵一', '最低生活保障', 65_000],
        ['钱二', '临时救助', 200_000],
      ]),
    );
    expect(view.entries).toHaveLength(2);
    const residentIds = t.app.db.select({ id: persons.residentId, name: persons.name }).from(persons).all();
    const printed = JSON.stringify(t.must('notices.get', { noticeId }, approver));
    for (const p of residentIds) expect(printed).not.toContain(p.id);
    expect(printed).not.toContain('钱三');
    expect(view.entries.find((e) => e.applicantName === '赵一')?.residentIdMasked).toMatch(/^370404\*{8}\d{3}[\dX]$/);
    for (const id of [adultCase, minorCase, objectedCase]) expect(stateOf(id)).toBe('in_notice');
  });

  it('records an objection and sends that case back to investigation', () => {
    const detail = t.must('notices.objection', { noticeId, caseId: objectedCase, receivedDate: '2026-11-28', content: '反映申请人家中新购轿车一辆' }, clerk.token);
    expect(detail.state).toBe('investigating');
    expect(detail.events.at(-1)).toMatchObject({
      event: 'objection_raised',
      fromState: 'in_notice',
      toState: 'investigating',
      note: '2026-11-28收到异议：反映申请人家中新购轿车一辆（重新入户调查）',
    });
    expect(t.app.db.select().from(noticeObjections).where(eq(noticeObjections.caseId, objectedCase)).all()).toHaveLength(1);
    const again = t.call('notices.objection', { noticeId, caseId: objectedCase, receivedDate: '2026-11-28', content: '再次反映' }, clerk.token);
    expect(codeOf(again)).toBe('CONFLICT');
    const future = t.call('notices.objection', { noticeId, caseId: adultCase, receivedDate: '2026-11-30', content: '日期在未来' }, clerk.token);
    expect(codeOf(future)).toBe('VALIDATION');
  });

  it('lists the running notice with the cases still on it, the minor flagged, for clerks only', () => {
    const [open, ...more] = t.must('notices.open', {}, clerk.token);
    expect(more).toEqual([]);
    expect(open).toMatchObject({ id: noticeId, villageName: '朱沟村', startDate: '2026-11-28', endDate: '2026-12-05' });
    // The objected case has left it.
    expect(open?.cases.map((c) => [c.caseId, c.minor]).sort()).toEqual(
      [
        [adultCase, false],
        [minorCase, true],
      ].sort(),
    );
    expect(codeOf(t.call('notices.open', {}, approver))).toBe('FORBIDDEN');
  });

  it('refuses to close before the end date has passed, and closes the day after', () => {
    const early = t.call('notices.close', { noticeId }, clerk.token);
    expect(codeOf(early)).toBe('CONFLICT');
    expect(messageOf(early)).toBe('公示期至2026-12-05，期满后才能结束公示');
    const users = [
      { token: admin, password: ADMIN.password },
      { token: clerk.token, password: COUNTER_PASSWORD },
      { token: approver, password: COUNTER_PASSWORD },
    ];
    daysLater(t, 7, users); // 2026-12-05: the last day of the notice
    expect(codeOf(t.call('notices.close', { noticeId }, clerk.token))).toBe('CONFLICT');
    daysLater(t, 1, users); // 2026-12-06
    t.must('notices.close', { noticeId }, clerk.token);
    expect(stateOf(adultCase)).toBe('deciding');
    expect(stateOf(minorCase)).toBe('deciding');
    expect(stateOf(objectedCase)).toBe('investigating');
    expect(t.must('notices.open', {}, clerk.token)).toEqual([]);
  });
});

describe('several running notices', () => {
  it('lists each notice whole, and limits the notices, not their cases', () => {
    const today = businessDate(t.clock.now());
    const [zhou, wu, zheng] = ['周', '吴', '郑'].map((surname) => registerFamily(t, clerk.token, surname));
    if (!zhou || !wu || !zheng) throw new Error('no families');
    const post = (startDate: string, caseIds: string[]) =>
      t.must('notices.create', { villageCode: VILLAGE_CODE, startDate, entries: caseIds.map((caseId) => ({ caseId, proposedAmountFen: 65_000 })) }, clerk.token).id;
    // The first to end carries two cases: a limit on case rows would cut the later notices off.
    const firstCases = [readyForNotice(t, clerk, zhou, 'dibao'), readyForNotice(t, clerk, zhou, 'tekun', 1)];
    const first = post(today, firstCases);
    const second = post(addDaysIso(today, 1), [readyForNotice(t, clerk, wu, 'dibao')]);
    const third = post(addDaysIso(today, 2), [readyForNotice(t, clerk, zheng, 'dibao')]);

    const open = t.must('notices.open', {}, clerk.token);
    expect(open.map((n) => [n.id, n.cases.length])).toEqual([
      [first, 2],
      [second, 1],
      [third, 1],
    ]);
    expect(open[0]?.cases.map((c) => c.caseId).sort()).toEqual([...firstCases].sort());
    // Two notices at most: the two that end first, each with all its cases.
    expect(openNoticesOf(t.app.db, 2).map((n) => [n.id, n.cases.length])).toEqual([
      [first, 2],
      [second, 1],
    ]);
  });
});
