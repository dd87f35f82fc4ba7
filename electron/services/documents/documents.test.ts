import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prints } from '../../../db/schema';
import { ECONOMIC_CHECK_SOURCE_LABELS, ECONOMIC_CHECK_SOURCES, maskResidentId, type DocumentModel, type HouseholdView, type RpcResult } from '../../contract';
import { COUNTER_PASSWORD, daysLater, readyForNotice } from '../../testing/caseDriving';
import { intakeForm, madeUpId, materialsOf, memberId, registerFamily } from '../../testing/caseFixtures';
import { authoriseAll } from '../../testing/stepFixtures';
import { ADMIN, codeOf, createTestApp, SETUP_TIMEOUT_MS, setUpTown, VILLAGE_CODE, type TestApp } from '../../testing/testApp';
import { businessDate } from '../time';

// The A4 intake papers: what goes on each, and never a full resident ID.

let t: TestApp;
let admin: string;
let clerk: string;
let clerkId: string;
let approver: string;
let family: HouseholdView;
let caseId: string;
let caseNo: string;

const MISSING = ['application_form', 'household_register'];
/** Full IDs known to the test only: the papers must carry them masked. */
const IDS = { head: madeUpId('19700101', 801), spouse: madeUpId('19720202', 802), son: madeUpId('20150303', 803) };

function person(name: string, residentId: string) {
  return { name, residentId, phone: '', tags: [], disabilityCategory: null, disabilityGrade: null, notes: '' };
}

beforeAll(() => {
  t = createTestApp();
  const tokens = setUpTown(t);
  admin = tokens.admin;
  clerk = tokens.clerk.token;
  clerkId = tokens.clerk.id;
  approver = tokens.approver.token;
  family = t.must(
    'registry.household.create',
    {
      villageCode: VILLAGE_CODE,
      address: '朱沟村蒋家',
      phone: '',
      registration: 'rural',
      members: [
        { relation: 'head', person: person('蒋一', IDS.head) },
        { relation: 'spouse', person: person('蒋二', IDS.spouse) },
        { relation: 'son', person: person('蒋三', IDS.son) },
      ],
    },
    clerk,
  );
  const materials = materialsOf('dibao', (m) => {
    if (MISSING.includes(m.id) || m.optional) return 'missing';
    return m.id === 'income_statement' ? 'commitment' : 'received';
  });
  const form = intakeForm(family, 'dibao', { commitmentRoute: true, kinds: [{ reliefType: 'dibao', category: null, materials }] });
  const [summary] = t.must('cases.intake', form, clerk).cases;
  if (!summary) throw new Error('no case');
  caseId = summary.id;
  caseNo = summary.caseNo;
}, SETUP_TIMEOUT_MS);
afterAll(() => t.close());

/** No full resident ID (17 digits and a check character) anywhere in a model, of anyone. */
const FULL_ID = /\d{17}[\dX]/;

function expectNoFullId(value: unknown): void {
  const text = JSON.stringify(value);
  for (const id of Object.values(IDS)) expect(text).not.toContain(id);
  expect(text).not.toMatch(FULL_ID);
}

describe('documents.get', () => {
  it('lists every missing required material on the one-time notice, at once', () => {
    t.must('settings.update', { enquiryPhone: '0632-7712345' }, admin);
    const { document: doc, nextCopyNo } = t.must('documents.get', { kind: 'one_time_notice', caseId }, clerk);
    expect(nextCopyNo).toBe(1);
    expect(doc).toMatchObject({
      kind: 'one_time_notice',
      caseNo,
      kindLabel: '最低生活保障',
      printedDate: '2026-11-28',
      applicantName: '蒋一',
      enquiryPhone: '0632-7712345',
      missingMaterials: ['救助申请书（一表登记）', '户口簿（核验原件）'],
    });
    // The optional certificate applies only to some: not asked for.
    if (doc.kind !== 'one_time_notice') throw new Error('wrong kind');
    expect(doc.officeName).toContain('社会救助服务大厅');
    expect(doc.residentIdMasked).toBe(maskResidentId(IDS.head));
    expect(doc.residentIdMasked).toContain('********');
    expectNoFullId(doc);
  });

  it('puts the replaced materials, the liability and the guardian rule on the commitment', () => {
    const doc = t.must('documents.get', { kind: 'commitment', caseId }, approver).document;
    if (doc.kind !== 'commitment') throw new Error('wrong kind');
    expect(doc.caseNo).toBe(caseNo);
    expect(doc.replacedMaterials).toEqual(['家庭收入情况说明']);
    expect(doc.liability).toContain('法律责任');
    expect(doc.signingRule).toContain('法定监护人');
    expectNoFullId(doc);
  });

  it('asks the adults only to sign the authorisation, and lists the 18 sources', () => {
    const doc = t.must('documents.get', { kind: 'authorisation', caseId }, clerk).document;
    if (doc.kind !== 'authorisation') throw new Error('wrong kind');
    // The son, born in 2015, is a minor: no signature line for him.
    expect(doc.signers.map((s) => s.name)).toEqual(['蒋一', '蒋二']);
    expect(doc.signers.every((s) => s.residentIdMasked.includes('********'))).toBe(true);
    expect(doc.sources).toHaveLength(18);
    expect(doc.address).toBe('朱沟村蒋家');
    expectNoFullId(doc);
  });

  it('refuses an unknown case and users outside the counter', () => {
    expect(codeOf(t.call('documents.get', { kind: 'commitment', caseId: '0190b8a0-0000-7000-8000-000000000000' }, clerk))).toBe('NOT_FOUND');
    expect(codeOf(t.call('documents.get', { kind: 'commitment', caseId }, admin))).toBe('FORBIDDEN');
    // The id must be the one the kind is drawn from: a notice list names a notice, a form a case.
    expect(codeOf(t.call('documents.get', { kind: 'notice_list', caseId }, clerk))).toBe('VALIDATION');
    expect(codeOf(t.call('documents.get', { kind: 'commitment', noticeId: caseId }, clerk))).toBe('VALIDATION');
    expect(codeOf(t.call('documents.get', { kind: 'commitment', caseId, noticeId: caseId }, clerk))).toBe('VALIDATION');
  });
});

function messageOf(result: RpcResult<unknown>): string {
  return result.ok ? '' : result.error.message;
}

function today(): string {
  return businessDate(t.clock.now());
}

function docOf<K extends DocumentModel['kind']>(doc: DocumentModel, kind: K): Extract<DocumentModel, { kind: K }> {
  if (doc.kind !== kind) throw new Error(`expected ${kind}, got ${doc.kind}`);
  return doc as Extract<DocumentModel, { kind: K }>;
}

/**
 * One household's 低保 case from intake through a real check (one source found), a visit, the
 * review, a notice with an objection, a second visit, review and notice, to an approval; beside
 * it a 临时救助 case of the same household approved first (its aid history), a refused case of
 * a neighbour, and the neighbour's minor son on the same notice (never listed).
 */
/** The one source the made-up check finds a record in. */
const FOUND_SOURCE = ECONOMIC_CHECK_SOURCES[3];

describe('the approval form, the refusal and referral notices, the notice list', () => {
  let dibao = '';
  let linshi = '';
  let refused = '';
  let firstNotice = '';
  let secondNotice = '';
  let noticeStart = '';

  const visit = (id: string) => ({
    caseId: id,
    visitDate: today(),
    investigator1: '朱调查',
    investigator2: '秦调查',
    housing: '自有平房三间',
    income: [{ personId: memberId(family, 0), monthlyIncomeFen: 80_000, source: '务农' }],
    assets: '无',
    cause: '户主患慢性病',
    supporters: '无',
    conclusion: '家庭人均收入低于当地低保标准',
  });
  const reviewOf = (id: string) => ({ caseId: id, reviewDate: today(), participants: 15, inFavour: 14, opinion: '同意纳入低保' });
  /** A monthly approval for `months` months, or a one-off grant when months is null. */
  const approve = (amountFen: number, months: number | null) => ({
    outcome: 'approved' as const,
    amountFen,
    periodStart: months === null ? null : '2026-12-01',
    periodMonths: months,
    opinion: '经审核，同意救助',
    refusalReasons: null,
  });

  beforeAll(() => {
    const neighbours = registerFamily(t, clerk, '韩');
    const [own] = t.must('cases.intake', intakeForm(family, 'dibao'), clerk).cases;
    if (!own) throw new Error('no case');
    dibao = own.id;
    // The economic check: every source answered, one with a record found.
    authoriseAll(t, clerk, family, dibao, today());
    const check = t.must('checks.request', { caseId: dibao }, clerk);
    for (const source of ECONOMIC_CHECK_SOURCES) {
      const found = source === FOUND_SOURCE;
      t.must('checks.recordResult', { checkId: check.id, source, outcome: found ? 'found' : 'no_record', figures: found ? { depositsFen: 1_200_000 } : {}, note: '' }, clerk);
    }
    t.must('checks.complete', { checkId: check.id, reportNo: 'HD-2026-0099', completedDate: today() }, clerk);
    t.must('investigations.record', visit(dibao), clerk);
    t.must('reviews.record', reviewOf(dibao), clerk);
    linshi = readyForNotice(t, { token: clerk, id: clerkId }, family, 'linshi', 1);
    refused = readyForNotice(t, { token: clerk, id: clerkId }, neighbours, 'dibao');
    const minor = readyForNotice(t, { token: clerk, id: clerkId }, neighbours, 'tekun', 2);
    noticeStart = today();
    firstNotice = t.must(
      'notices.create',
      { villageCode: VILLAGE_CODE, startDate: noticeStart, entries: [dibao, linshi, refused, minor].map((id) => ({ caseId: id, proposedAmountFen: 65_000 })) },
      clerk,
    ).id;
  }, SETUP_TIMEOUT_MS);

  it('prints what is known before the decision and leaves the rest blank', () => {
    const form = docOf(t.must('documents.get', { kind: 'approval_form', caseId: dibao }, approver).document, 'approval_form');
    expect(form).toMatchObject({
      applicantName: '蒋一',
      residentIdMasked: maskResidentId(IDS.head),
      address: '朱沟村蒋家',
      adultCount: 2,
      minorCount: 1,
      reason: '家庭收入低于当地低保标准',
      lastAid: null,
      cumulativeAid: { count: 0, totalFen: 0 },
      acceptance: { handlerName: 'clerk1', acceptedDate: '2026-11-28' },
      economicCheck: { reportNo: 'HD-2026-0099', completedDate: '2026-11-28', foundSources: [ECONOMIC_CHECK_SOURCE_LABELS[FOUND_SOURCE]] },
      investigation: { visitDate: '2026-11-28', investigators: '朱调查、秦调查', conclusion: '家庭人均收入低于当地低保标准' },
      reviewRequired: true,
      review: { participants: 15, inFavour: 14, opinion: '同意纳入低保' },
      notice: { startDate: '2026-11-28', endDate: '2026-12-05', objections: 0 },
      decision: null,
    });
    expect(form.members.map((m) => [m.name, m.relationLabel, m.adult])).toEqual([
      ['蒋一', '户主', true],
      ['蒋二', '配偶', true],
      ['蒋三', '子', false],
    ]);
    expect(form.members.map((m) => m.residentIdMasked)).toEqual([maskResidentId(IDS.head), maskResidentId(IDS.spouse), maskResidentId(IDS.son)]);
    expectNoFullId(form);
  });

  it('lists the notice for the board without the minor, IDs masked, and numbers its copies', () => {
    const view = t.must('documents.get', { kind: 'notice_list', noticeId: firstNotice }, clerk);
    const list = docOf(view.document, 'notice_list');
    expect(list.entries.map((e) => e.applicantName)).toEqual(expect.arrayContaining(['蒋一', '蒋二', '韩一']));
    expect(list.entries).toHaveLength(3);
    expect(list.hiddenCount).toBe(1);
    expect(JSON.stringify(list)).not.toContain('韩三');
    expect(list.officeName).toContain('社会救助服务大厅');
    expectNoFullId(list);
    expect(view.nextCopyNo).toBe(1);
    expect(t.must('documents.recordPrint', { kind: 'notice_list', noticeId: firstNotice, target: 'a4' }, clerk)).toEqual({ copyNo: 1, reprint: false, document: list });
    expect(t.must('documents.get', { kind: 'notice_list', noticeId: firstNotice }, clerk).nextCopyNo).toBe(2);
    const [row] = t.app.db.select().from(prints).where(eq(prints.documentRef, firstNotice)).all();
    expect(row).toMatchObject({ caseId: null, documentKind: 'notice_list', copyNo: 1, target: 'a4' });
    // The list's print shows on the page of every case it posted.
    expect(t.must('cases.get', { caseId: linshi }, clerk).prints).toEqual([expect.objectContaining({ documentKind: 'notice_list', kindLabel: '社会救助公示名单', copyNo: 1 })]);
    expect(codeOf(t.call('documents.get', { kind: 'notice_list', noticeId: '0190b8a0-0000-7000-8000-000000000000' }, clerk))).toBe('NOT_FOUND');
  });

  it('counts an objection, shows the latest notice, and fills in the decision and the aid history', () => {
    t.must('notices.objection', { noticeId: firstNotice, caseId: dibao, receivedDate: today(), content: '村民反映有经营收入' }, clerk);
    t.must('investigations.record', visit(dibao), clerk);
    t.must('reviews.record', reviewOf(dibao), clerk);
    secondNotice = t.must('notices.create', { villageCode: VILLAGE_CODE, startDate: today(), entries: [{ caseId: dibao, proposedAmountFen: 65_000 }] }, clerk).id;
    daysLater(t, 8, [
      { token: admin, password: ADMIN.password },
      { token: clerk, password: COUNTER_PASSWORD },
      { token: approver, password: COUNTER_PASSWORD },
    ]);
    t.must('notices.close', { noticeId: firstNotice }, clerk);
    t.must('notices.close', { noticeId: secondNotice }, clerk);
    // The household's earlier aid: a one-off 临时救助 grant of 1,500 yuan, counted once. The
    // clerk opened its form before the approver decided at another counter: the print records
    // and returns the form as decided, not the one the page loaded.
    const loaded = docOf(t.must('documents.get', { kind: 'approval_form', caseId: linshi }, clerk).document, 'approval_form');
    expect(loaded.decision).toBeNull();
    t.must('decisions.decide', { caseId: linshi, ...approve(150_000, null), cause: 'fire' as const }, approver);
    const recorded = t.must('documents.recordPrint', { kind: 'approval_form', caseId: linshi, target: 'a4' }, clerk);
    expect(recorded).toMatchObject({ copyNo: 1, reprint: false });
    const linshiForm = docOf(recorded.document, 'approval_form');
    expect(linshiForm).toEqual(docOf(t.must('documents.get', { kind: 'approval_form', caseId: linshi }, clerk).document, 'approval_form'));
    expect(linshiForm.amountBasis).toBe('one_off');
    expect(linshiForm.decision).toMatchObject({ amount: { fen: 150_000, capitals: '人民币壹仟伍佰元整' }, periodStart: null, periodMonths: null });
    t.must('decisions.decide', { caseId: dibao, ...approve(65_050, 12) }, approver);

    const form = docOf(t.must('documents.get', { kind: 'approval_form', caseId: dibao }, clerk).document, 'approval_form');
    expect(form.notice).toEqual({ startDate: noticeStart, endDate: '2026-12-05', objections: 1 });
    expect(form.amountBasis).toBe('monthly');
    expect(form.lastAid).toEqual({ date: '2026-12-06', kindLabel: '临时救助', amountFen: 150_000, months: null });
    expect(form.cumulativeAid).toEqual({ since: '2025-12-06', count: 1, totalFen: 150_000 });
    expect(form.decision).toEqual({
      outcomeLabel: '同意救助',
      opinion: '经审核，同意救助',
      amount: { fen: 65_050, capitals: '人民币陆佰伍拾元零伍角整' },
      periodStart: '2026-12-01',
      periodMonths: 12,
      refusalReasons: null,
      approverName: 'approver1',
      decidedDate: '2026-12-06',
    });
    expect(form.printedDate).toBe('2026-12-06');
    expectNoFullId(form);
  });

  it('sums the household\'s aid: a one-off grant once, a monthly amount times its months', () => {
    // A later case of the same household, before its own decision: both approvals are its history.
    const later = readyForNotice(t, { token: clerk, id: clerkId }, family, 'tekun', 1);
    const form = docOf(t.must('documents.get', { kind: 'approval_form', caseId: later }, clerk).document, 'approval_form');
    expect(form.amountBasis).toBe('monthly');
    expect(form.lastAid).toEqual({ date: '2026-12-06', kindLabel: '最低生活保障', amountFen: 65_050, months: 12 });
    // 1,500.00 once + 650.50 × 12.
    expect(form.cumulativeAid).toEqual({ since: '2025-12-06', count: 2, totalFen: 150_000 + 65_050 * 12 });
    expect(form.decision).toBeNull();
  });

  it('prints the refusal notice for a refused case only, with the reasons and the remedies', () => {
    t.must(
      'decisions.decide',
      { caseId: refused, outcome: 'refused', amountFen: null, periodStart: null, periodMonths: null, opinion: '不符合条件', refusalReasons: '家庭人均收入高于当地低保标准' },
      approver,
    );
    const notice = docOf(t.must('documents.get', { kind: 'refusal_notice', caseId: refused }, clerk).document, 'refusal_notice');
    expect(notice).toMatchObject({ applicantName: '韩一', reasons: '家庭人均收入高于当地低保标准', decidedDate: '2026-12-06' });
    expect(notice.remedies).toContain('60日内');
    expect(notice.remedies).toContain('6个月内');
    expect(notice.remedies).toMatch(/^如对本决定不服.*区人民政府申请行政复议/);
    expectNoFullId(notice);
    // The approval form records the refusal too.
    const form = docOf(t.must('documents.get', { kind: 'approval_form', caseId: refused }, clerk).document, 'approval_form');
    expect(form.decision).toMatchObject({ outcomeLabel: '不予救助', amount: null, refusalReasons: '家庭人均收入高于当地低保标准' });

    const approvedCase = t.call('documents.get', { kind: 'refusal_notice', caseId: dibao }, clerk);
    expect(codeOf(approvedCase)).toBe('CONFLICT');
    expect(messageOf(approvedCase)).toBe('案件当前状态为“已批准”，只有作出不予救助决定的案件才能打印不予救助决定通知书');
    // Nothing is recorded for a form that may not be printed.
    expect(codeOf(t.call('documents.recordPrint', { kind: 'refusal_notice', caseId: dibao, target: 'pdf' }, clerk))).toBe('CONFLICT');
    expect(t.app.db.select().from(prints).where(eq(prints.documentKind, 'refusal_notice')).all()).toEqual([]);
  });

  it('prints the referral notice for a referred case only; such a case has no approval form', () => {
    const [medical] = t.must('cases.intake', intakeForm(family, 'yiliao'), clerk).cases;
    if (!medical) throw new Error('no case');
    const notYet = t.call('documents.get', { kind: 'referral_notice', caseId: medical.id }, clerk);
    expect(codeOf(notYet)).toBe('CONFLICT');
    expect(messageOf(notYet)).toBe('案件当前状态为“已受理”，只有已转办的案件才能打印转办告知书');
    t.must('referrals.send', { caseId: medical.id }, clerk);
    const notice = docOf(t.must('documents.get', { kind: 'referral_notice', caseId: medical.id }, clerk).document, 'referral_notice');
    expect(notice).toMatchObject({ kindLabel: '医疗救助', department: '区医疗保障局', sentDate: '2026-12-06', enquiryPhone: '0632-7712345', applicantName: '蒋一' });
    expect(notice.dueDate > notice.sentDate).toBe(true);
    expectNoFullId(notice);
    expect(messageOf(t.call('documents.get', { kind: 'approval_form', caseId: medical.id }, clerk))).toBe('医疗救助由部门办理，不使用审核审批表，请打印转办告知书');
    expect(codeOf(t.call('documents.get', { kind: 'referral_notice', caseId: dibao }, clerk))).toBe('CONFLICT');
  });

  it('numbers each form\'s copies: the second says 补打, and the case page lists every print', () => {
    const before = t.must('documents.get', { kind: 'approval_form', caseId: dibao }, approver).nextCopyNo;
    expect(before).toBe(1);
    expect(t.must('documents.recordPrint', { kind: 'approval_form', caseId: dibao, target: 'a4' }, approver)).toMatchObject({ copyNo: 1, reprint: false });
    expect(t.must('documents.recordPrint', { kind: 'approval_form', caseId: dibao, target: 'pdf' }, clerk)).toMatchObject({ copyNo: 2, reprint: true });
    expect(t.must('documents.get', { kind: 'approval_form', caseId: dibao }, clerk).nextCopyNo).toBe(3);
    // Copies are counted per form: the commitment of the same case starts at 1.
    expect(t.must('documents.recordPrint', { kind: 'commitment', caseId: dibao, target: 'a4' }, clerk).copyNo).toBe(1);
    const listed = t.must('cases.get', { caseId: dibao }, clerk).prints;
    expect(listed.map((p) => [p.kindLabel, p.copyNo, p.target, p.userName])).toEqual([
      ['社会救助公示名单', 1, 'a4', 'clerk1'],
      ['社会救助审核审批表', 1, 'a4', 'approver1'],
      ['社会救助审核审批表', 2, 'pdf', 'clerk1'],
      ['告知承诺书', 1, 'a4', 'clerk1'],
    ]);
    expect(codeOf(t.call('documents.recordPrint', { kind: 'approval_form', caseId: dibao, target: 'a4' }, admin))).toBe('FORBIDDEN');
  });
});
