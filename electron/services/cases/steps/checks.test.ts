import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { economicCheckResults, economicChecks } from '../../../../db/schema';
import type { CaseSummary, HouseholdView, RpcResult } from '../../../contract';
import { intakeForm, materialsOf, memberId, registerFamily } from '../../../testing/caseFixtures';
import { answerSources, authoriseAll } from '../../../testing/stepFixtures';
import { auditRows, codeOf, createTestApp, SETUP_TIMEOUT_MS, setUpTown, type TestApp } from '../../../testing/testApp';

// The economic-status check: authorise first, one result per source, all 18 before the report,
// and one valid report serving the household's later cases.

const TODAY = '2026-11-28';
const DAY_MS = 24 * 60 * 60 * 1000;

let t: TestApp;
let clerk: string;
let approver: string;
let family: HouseholdView;
let dibao: CaseSummary;

function intake(household: HouseholdView, reliefType: 'dibao' | 'linshi' | 'tekun', category: string | null = null): CaseSummary {
  const form = intakeForm(household, reliefType, { kinds: [{ reliefType, category, materials: materialsOf(reliefType) }] });
  const [summary] = t.must('cases.intake', form, clerk).cases;
  if (!summary) throw new Error('no case');
  return summary;
}

function message(result: RpcResult<unknown>): string {
  return result.ok ? '' : result.error.message;
}

function stateOf(caseId: string): string {
  return t.must('cases.get', { caseId }, clerk).state;
}

function checkCount(householdId: string): number {
  return t.app.db.select().from(economicChecks).where(eq(economicChecks.householdId, householdId)).all().length;
}

beforeAll(() => {
  t = createTestApp();
  const tokens = setUpTown(t);
  clerk = tokens.clerk.token;
  approver = tokens.approver.token;
  family = registerFamily(t, clerk, '蒋');
  dibao = intake(family, 'dibao');
}, SETUP_TIMEOUT_MS);
afterAll(() => t.close());

describe('authorise first', () => {
  it('refuses a check until every adult member has signed, naming who is missing', () => {
    const none = t.call('checks.request', { caseId: dibao.id }, clerk);
    expect(codeOf(none)).toBe('CONFLICT');
    expect(message(none)).toContain('蒋一、蒋二');
    expect(message(none)).not.toContain('蒋三'); // the child signs nothing
    t.must('cases.recordSignature', { caseId: dibao.id, kind: 'authorisation', personId: memberId(family, 0), signedDate: TODAY }, clerk);
    const one = t.call('checks.request', { caseId: dibao.id }, clerk);
    expect(codeOf(one)).toBe('CONFLICT');
    expect(message(one)).toContain('蒋二');
    expect(message(one)).not.toContain('蒋一');
    expect(checkCount(family.id)).toBe(0);
    expect(stateOf(dibao.id)).toBe('accepted');
  });
});

describe('a check from request to report', () => {
  let checkId: string;

  it('is requested once all adults signed; the case waits in checking', () => {
    t.must('cases.recordSignature', { caseId: dibao.id, kind: 'authorisation', personId: memberId(family, 1), signedDate: TODAY }, clerk);
    const check = t.must('checks.request', { caseId: dibao.id }, clerk);
    checkId = check.id;
    expect(check).toMatchObject({ status: 'requested', caseNo: dibao.caseNo, requestedDate: TODAY, requestedBy: 'clerk1', validToday: false });
    expect(check.missingSources).toHaveLength(18);
    expect(stateOf(dibao.id)).toBe('checking');
    const [audit] = auditRows(t, 'checks.request');
    expect(audit).toMatchObject({ entityType: 'case', entityId: dibao.id });
  });

  it('a second request for the same case is refused in the life cycle words', () => {
    const again = t.call('checks.request', { caseId: dibao.id }, clerk);
    expect(codeOf(again)).toBe('CONFLICT');
    expect(message(again)).toBe('案件当前状态为“经济状况核对中”，不能发起经济状况核对');
  });

  it('keeps one result per source: a second recording corrects the first', () => {
    t.must('checks.recordResult', { checkId, source: 'transport', outcome: 'no_record', figures: {}, note: '' }, clerk);
    const corrected = t.must(
      'checks.recordResult',
      { checkId, source: 'transport', outcome: 'found', figures: { vehicleCount: 1, incomeFen: 120_000 }, note: '农用三轮车一辆' },
      clerk,
    );
    expect(corrected.results).toEqual([
      expect.objectContaining({ source: 'transport', label: '交通运输', outcome: 'found', figures: { vehicleCount: 1, incomeFen: 120_000 }, note: '农用三轮车一辆' }),
    ]);
    expect(t.app.db.select().from(economicCheckResults).where(eq(economicCheckResults.checkId, checkId)).all()).toHaveLength(1);
    expect(auditRows(t, 'checks.recordResult').at(-1)).toMatchObject({ entityType: 'economic_check', entityId: checkId });
  });

  it('refuses negative or fractional figures', () => {
    const bad = t.call('checks.recordResult', { checkId, source: 'tax', outcome: 'found', figures: { depositsFen: -1 }, note: '' }, clerk);
    expect(codeOf(bad)).toBe('VALIDATION');
    const fraction = t.call('checks.recordResult', { checkId, source: 'tax', outcome: 'found', figures: { realEstateCount: 1.5 }, note: '' }, clerk);
    expect(codeOf(fraction)).toBe('VALIDATION');
  });

  it('refuses to complete while a source has no result, naming it', () => {
    answerSources(t, clerk, checkId, ['transport', 'central_bank', 'tax']);
    const early = t.call('checks.complete', { checkId, reportNo: 'HD2026-001', completedDate: TODAY }, clerk);
    expect(codeOf(early)).toBe('CONFLICT');
    expect(message(early)).toBe('尚有2项数据来源未登记结果：人民银行（银行账户，须书面授权）、税务');
    expect(stateOf(dibao.id)).toBe('checking');
  });

  it('completes with all 18: valid for six months, the case goes to investigation', () => {
    t.must('checks.recordResult', { checkId, source: 'central_bank', outcome: 'found', figures: { depositsFen: 350_000 }, note: '' }, clerk);
    t.must('checks.recordResult', { checkId, source: 'tax', outcome: 'no_record', figures: {}, note: '' }, clerk);
    const future = t.call('checks.complete', { checkId, reportNo: 'HD2026-001', completedDate: '2026-11-29' }, clerk);
    expect(codeOf(future)).toBe('VALIDATION');
    const done = t.must('checks.complete', { checkId, reportNo: 'HD2026-001', completedDate: TODAY }, clerk);
    expect(done).toMatchObject({ status: 'completed', reportNo: 'HD2026-001', completedDate: TODAY, validUntil: '2027-05-28', validToday: true, missingSources: [] });
    expect(done.results.map((r) => r.source)).toHaveLength(18);
    expect(stateOf(dibao.id)).toBe('investigating');
    expect(auditRows(t, 'checks.complete').at(-1)).toMatchObject({ entityType: 'economic_check', entityId: checkId });
  });

  it('a completed check is closed to results and to a second report', () => {
    const late = t.call('checks.recordResult', { checkId, source: 'tax', outcome: 'found', figures: {}, note: '' }, clerk);
    expect(codeOf(late)).toBe('CONFLICT');
    expect(codeOf(t.call('checks.complete', { checkId, reportNo: 'HD2026-002', completedDate: TODAY }, clerk))).toBe('CONFLICT');
  });

  it('checks.get shows the approver the household report', () => {
    const view = t.must('checks.get', { caseId: dibao.id }, approver);
    expect(view).toMatchObject({ id: checkId, validToday: true });
    expect(view?.results.find((r) => r.source === 'central_bank')?.figures).toEqual({ depositsFen: 350_000 });
  });
});

describe('one report for the household', () => {
  it('a later case reuses a valid report: no new check, straight to investigation', () => {
    const linshi = intake(family, 'linshi', '支出型');
    authoriseAll(t, clerk, family, linshi.id, TODAY);
    const reused = t.must('checks.request', { caseId: linshi.id }, clerk);
    expect(reused).toMatchObject({ reportNo: 'HD2026-001', caseNo: dibao.caseNo });
    expect(checkCount(family.id)).toBe(1);
    const detail = t.must('cases.get', { caseId: linshi.id }, clerk);
    expect(detail.state).toBe('investigating');
    expect(detail.events.slice(-2).map((e) => [e.event, e.note])).toEqual([
      ['check_started', '沿用核对报告 HD2026-001（有效期至 2027-05-28）'],
      ['check_completed', '沿用核对报告 HD2026-001（有效期至 2027-05-28）'],
    ]);
  });

  it('cases waiting together move together when the report comes', () => {
    const neighbours = registerFamily(t, clerk, '沈');
    const first = intake(neighbours, 'dibao');
    const second = intake(neighbours, 'linshi', '急难型');
    authoriseAll(t, clerk, neighbours, first.id, TODAY);
    authoriseAll(t, clerk, neighbours, second.id, TODAY);
    const check = t.must('checks.request', { caseId: first.id }, clerk);
    const joined = t.must('checks.request', { caseId: second.id }, clerk);
    expect(joined.id).toBe(check.id);
    expect(checkCount(neighbours.id)).toBe(1);
    answerSources(t, clerk, check.id);
    t.must('checks.complete', { checkId: check.id, reportNo: 'HD2026-003', completedDate: TODAY }, clerk);
    expect([stateOf(first.id), stateOf(second.id)]).toEqual(['investigating', 'investigating']);
  });

  it('after validUntil a new case needs a new check', () => {
    t.clock.advance(190 * DAY_MS); // 2027-06-06, past 2027-05-28
    // half a year idle locks every session: the staff unlock as they would
    t.must('auth.unlock', { password: 'Changed#2026' }, clerk);
    t.must('auth.unlock', { password: 'Changed#2026' }, approver);
    const today = '2027-06-06';
    const tekun = intake(family, 'tekun', '分散供养');
    authoriseAll(t, clerk, family, tekun.id, today);
    const fresh = t.must('checks.request', { caseId: tekun.id }, clerk);
    expect(fresh).toMatchObject({ status: 'requested', caseNo: tekun.caseNo, requestedDate: today });
    expect(checkCount(family.id)).toBe(2);
    expect(stateOf(tekun.id)).toBe('checking');
    expect(t.must('checks.get', { caseId: dibao.id }, clerk)?.id).toBe(fresh.id);
  });

  it('the validity follows the setting', () => {
    const admin = t.must('auth.login', { username: 'admin', password: 'Admin#2026' }).token;
    expect(t.must('settings.update', { checkValidityMonths: 12 }, admin).checkValidityMonths).toBe(12);
    const check = t.must('checks.get', { caseId: dibao.id }, clerk);
    if (!check) throw new Error('no check');
    answerSources(t, clerk, check.id);
    const done = t.must('checks.complete', { checkId: check.id, reportNo: 'HD2027-010', completedDate: '2027-06-06' }, clerk);
    expect(done.validUntil).toBe('2028-06-06');
    expect(codeOf(t.call('settings.update', { checkValidityMonths: 25 }, admin))).toBe('VALIDATION');
  });
});

describe('what a check is not for', () => {
  it('a case decided by a department is referred, not checked', () => {
    const other = registerFamily(t, clerk, '韩');
    const [yiliao] = t.must('cases.intake', intakeForm(other, 'yiliao'), clerk).cases;
    if (!yiliao) throw new Error('no case');
    authoriseAll(t, clerk, other, yiliao.id, '2027-06-06');
    const refused = t.call('checks.request', { caseId: yiliao.id }, clerk);
    expect(codeOf(refused)).toBe('CONFLICT');
    expect(message(refused)).toContain('该事项由部门办理，应转办而不是核对');
  });

  it('checks.get answers null for a household never checked, and the clerk role is required', () => {
    const other = registerFamily(t, clerk, '杨');
    const fresh = intake(other, 'dibao');
    expect(t.must('checks.get', { caseId: fresh.id }, clerk)).toBeNull();
    expect(codeOf(t.call('checks.request', { caseId: fresh.id }, approver))).toBe('FORBIDDEN');
  });
});
