import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEvents, caseMaterials, cases, caseSequences, dishonestyRecords, persons } from '../../../db/schema';
import type { HouseholdView, RpcResult } from '../../contract';
import { intakeForm, materialsOf, memberId, registerFamily } from '../../testing/caseFixtures';
import { ADMIN, auditRows, codeOf, createTestApp, SETUP_TIMEOUT_MS, setUpTown, type TestApp } from '../../testing/testApp';
import { DEFAULT_CATALOGUE } from '../catalogue/defaults';

// One-window intake through dispatch(): numbering, promised dates, one form for several
// kinds, the one-time notice, the commitment route, and everything intake refuses.

let t: TestApp;
let admin: string;
let clerk: string;
let approver: string;
let sun: HouseholdView;

beforeAll(() => {
  t = createTestApp();
  const tokens = setUpTown(t);
  admin = tokens.admin;
  clerk = tokens.clerk.token;
  approver = tokens.approver.token;
  sun = registerFamily(t, clerk, '孙');
}, SETUP_TIMEOUT_MS);
afterAll(() => t.close());

/** Days pass: the counters' sessions idle-lock, and each user unlocks with their password. */
function daysLater(days: number): void {
  t.clock.advance(days * 86_400_000);
  t.must('auth.unlock', { password: ADMIN.password }, admin);
  for (const token of [clerk, approver]) t.must('auth.unlock', { password: 'Changed#2026' }, token);
}

function issuePaths(result: RpcResult<unknown>): string[] {
  return result.ok ? [] : (result.error.issues ?? []).map((i) => i.path);
}

/** Rows that a refused intake must not have touched. */
function caseTableCounts() {
  return {
    cases: t.app.db.select().from(cases).all().length,
    materials: t.app.db.select().from(caseMaterials).all().length,
    events: t.app.db.select().from(caseEvents).all().length,
    sequences: JSON.stringify(t.app.db.select().from(caseSequences).all()),
  };
}

describe('intake of one kind', () => {
  it('accepts 低保 with every material: numbered 00001 then 00002, promised in 30 working days', () => {
    // Tuesday 1 December is a (made-up) holiday: the limit ends one working day later.
    t.must('calendar.set', { date: '2026-12-01', kind: 'holiday', note: '测试假日' }, admin);
    const first = t.must('cases.intake', intakeForm(sun), clerk);
    expect(first.cases).toEqual([
      {
        id: expect.any(String) as unknown,
        caseNo: '370404101-2026-00001',
        applicationId: first.applicationId,
        reliefType: 'dibao',
        category: null,
        state: 'accepted',
        acceptedDate: '2026-11-28',
        // Saturday 28 November + 30 working days = Friday 8 January, + the holiday = Monday 11th.
        promisedDate: '2027-01-11',
      },
    ]);
    expect(first.missing).toEqual([]);
    const second = t.must('cases.intake', intakeForm(sun, 'linshi', { kinds: [{ reliefType: 'linshi', category: '急难型', materials: materialsOf('linshi') }] }), clerk);
    expect(second.cases.map((c) => c.caseNo)).toEqual(['370404101-2026-00002']);
    expect(second.applicationId).not.toBe(first.applicationId);

    const audit = auditRows(t, 'cases.intake').at(-1);
    expect(audit).toMatchObject({ entityType: 'application', entityId: second.applicationId });
    expect(audit?.detailJson).toMatchObject({ caseNos: ['370404101-2026-00002'] });
  });

  it('shows the case: masked applicant, materials, members, events and the household history', () => {
    const [summary] = t.must('cases.intake', intakeForm(sun), clerk).cases;
    if (!summary) throw new Error('no case');
    const detail = t.must('cases.get', { caseId: summary.id }, approver);
    expect(detail).toMatchObject({
      ...summary,
      householdId: sun.id,
      applicant: { personId: memberId(sun, 0), name: '孙一', residentIdMasked: sun.members[0]?.person.residentIdMasked },
      channel: 'window',
      assistantName: null,
      commitmentRoute: false,
      catalogueVersion: 1,
      decidedBy: 'town',
      department: null,
      acceptedBy: 'clerk1',
      signatures: [],
    });
    const dibao = DEFAULT_CATALOGUE.find((i) => i.reliefType === 'dibao');
    expect(detail.materials.map((m) => m.name)).toEqual(dibao?.materials.map((m) => m.name));
    expect(detail.materials.find((m) => m.materialId === 'disability_or_illness')).toMatchObject({ optional: true, commitmentReplaceable: true });
    expect(detail.members.map((m) => [m.name, m.relation, m.adult])).toEqual([
      ['孙一', 'head', true],
      ['孙二', 'spouse', true],
      ['孙三', 'son', false],
    ]);
    expect(detail.events).toEqual([
      { event: 'intake', fromState: null, toState: 'accepted', at: t.clock.now().toISOString(), userName: 'clerk1', note: '窗口受理' },
    ]);
    // newest first: this case, then the two of the first test
    expect(detail.householdCases.map((c) => c.caseNo)).toEqual(['370404101-2026-00003', '370404101-2026-00002', '370404101-2026-00001']);
    // No full ID and no birth date (which, with the masked ID, gives the full ID back).
    const json = JSON.stringify(detail);
    for (const m of sun.members) {
      const stored = t.app.db.select().from(persons).where(eq(persons.id, m.person.id)).get();
      expect(json).not.toContain(stored?.residentId);
      expect(json).not.toContain(stored?.birthDate);
    }
  });
});

describe('one form, several kinds', () => {
  it('gives each kind its own case and number under one application id; 医疗救助 is referred', () => {
    const family = registerFamily(t, clerk, '钱');
    const form = intakeForm(family, 'dibao', {
      kinds: [
        { reliefType: 'dibao', category: null, materials: materialsOf('dibao') },
        { reliefType: 'yiliao', category: null, materials: materialsOf('yiliao') },
      ],
    });
    const result = t.must('cases.intake', form, clerk);
    expect(result.cases.map((c) => [c.reliefType, c.applicationId, c.state])).toEqual([
      ['dibao', result.applicationId, 'accepted'],
      ['yiliao', result.applicationId, 'accepted'],
    ]);
    const [dibao, yiliao] = result.cases.map((c) => c.caseNo);
    expect(Number(yiliao?.slice(-5))).toBe(Number(dibao?.slice(-5)) + 1);
    // 15 working days for a referral, counted over the holiday
    expect(result.cases[1]?.promisedDate).toBe('2026-12-21');

    const rows = t.app.db.select().from(cases).where(eq(cases.applicationId, result.applicationId)).all();
    expect(rows.map((r) => [r.reliefType, r.requiresReview, r.townMayDecide, r.byReferral])).toEqual([
      ['dibao', true, true, false],
      ['yiliao', false, false, true],
    ]);
    const yiliaoDetail = t.must('cases.get', { caseId: result.cases[1]?.id ?? '' }, clerk);
    expect(yiliaoDetail).toMatchObject({ decidedBy: 'department', department: '区医疗保障局' });
  });

  it('refuses the same kind twice, and a category where there is none or a missing one', () => {
    const before = caseTableCounts();
    const twice = t.call('cases.intake', intakeForm(sun, 'dibao', { kinds: [...intakeForm(sun).kinds, ...intakeForm(sun).kinds] }), clerk);
    expect(codeOf(twice)).toBe('VALIDATION');
    expect(issuePaths(twice)).toEqual(['kinds.1.reliefType']);
    const noCategory = t.call('cases.intake', intakeForm(sun, 'linshi'), clerk);
    expect(issuePaths(noCategory)).toEqual(['kinds.0.category']);
    const otherCategory = t.call('cases.intake', intakeForm(sun, 'linshi', { kinds: [{ reliefType: 'linshi', category: '其他', materials: materialsOf('linshi') }] }), clerk);
    expect(issuePaths(otherCategory)).toEqual(['kinds.0.category']);
    const dibaoCategory = t.call('cases.intake', intakeForm(sun, 'dibao', { kinds: [{ reliefType: 'dibao', category: '急难型', materials: materialsOf('dibao') }] }), clerk);
    expect(issuePaths(dibaoCategory)).toEqual(['kinds.0.category']);
    expect(caseTableCounts()).toEqual(before);
  });
});

describe('materials', () => {
  it('names every material problem by its path, at once, and writes nothing', () => {
    const before = caseTableCounts();
    const unknown = materialsOf('dibao');
    unknown[2] = { materialId: 'bogus_paper', status: 'received' };
    const result = t.call('cases.intake', intakeForm(sun, 'dibao', { kinds: [{ reliefType: 'dibao', category: null, materials: unknown }] }), clerk);
    expect(codeOf(result)).toBe('VALIDATION');
    // the unknown id, and the household register it displaced left unstated
    expect(issuePaths(result)).toEqual(['kinds.0.materials.2.materialId', 'kinds.0.materials']);
    if (!result.ok) expect(result.error.issues?.[1]?.message).toContain('户口簿');

    const duplicated = [...materialsOf('dibao'), { materialId: 'id_cards', status: 'verified' as const }];
    expect(issuePaths(t.call('cases.intake', intakeForm(sun, 'dibao', { kinds: [{ reliefType: 'dibao', category: null, materials: duplicated }] }), clerk))).toEqual([
      'kinds.0.materials.7.materialId',
    ]);
    const second = t.call(
      'cases.intake',
      intakeForm(sun, 'dibao', {
        kinds: [
          { reliefType: 'dibao', category: null, materials: materialsOf('dibao') },
          { reliefType: 'yiliao', category: null, materials: materialsOf('yiliao').slice(1) },
        ],
      }),
      clerk,
    );
    expect(issuePaths(second)).toEqual(['kinds.1.materials']);
    expect(caseTableCounts()).toEqual(before);
  });

  it('a required material missing: materials incomplete, listed for the one-time notice, then completed', () => {
    const family = registerFamily(t, clerk, '李');
    const statusOf = (m: { id: string }) => (m.id === 'income_statement' || m.id === 'disability_or_illness' ? 'missing' : 'received');
    const result = t.must('cases.intake', intakeForm(family, 'dibao', { kinds: [{ reliefType: 'dibao', category: null, materials: materialsOf('dibao', statusOf) }] }), clerk);
    const [summary] = result.cases;
    if (!summary) throw new Error('no case');
    expect(summary.state).toBe('materials_incomplete');
    // the optional disability certificate is not demanded
    expect(result.missing).toEqual([{ caseNo: summary.caseNo, reliefType: 'dibao', materials: ['家庭收入情况说明'] }]);

    // Five days later (Thursday 3 December) the statement is brought in.
    daysLater(5);
    const complete = materialsOf('dibao', (m) => (m.id === 'disability_or_illness' ? 'missing' : 'received'));
    const before = t.app.db.select().from(caseMaterials).where(eq(caseMaterials.caseId, summary.id)).all();
    const detail = t.must('cases.updateMaterials', { caseId: summary.id, materials: complete }, clerk);
    expect(detail).toMatchObject({ state: 'accepted', acceptedDate: '2026-11-28', promisedDate: '2027-01-14' });
    expect(detail.events.map((e) => [e.event, e.fromState, e.toState, e.note])).toEqual([
      ['intake', null, 'materials_incomplete', '窗口受理'],
      ['materials_completed', 'materials_incomplete', 'accepted', '材料已补齐'],
    ]);
    // only the changed row was written
    const after = t.app.db.select().from(caseMaterials).where(eq(caseMaterials.caseId, summary.id)).all();
    const changed = after.filter((row) => before.find((b) => b.id === row.id)?.updatedAt !== row.updatedAt).map((r) => r.materialId);
    expect(changed).toEqual(['income_statement']);
    expect(auditRows(t, 'cases.updateMaterials').at(-1)).toMatchObject({ entityType: 'case', entityId: summary.id });

    // Once accepted, a required material cannot quietly go missing again.
    const back = t.call('cases.updateMaterials', { caseId: summary.id, materials: materialsOf('dibao', statusOf) }, clerk);
    expect(issuePaths(back)).toEqual(['materials.5.status']);
    // A correction that keeps it complete is fine and leaves the state alone.
    const corrected = t.must('cases.updateMaterials', { caseId: summary.id, materials: materialsOf('dibao', (m) => (m.id === 'id_cards' ? 'verified' : 'received')) }, clerk);
    expect(corrected.state).toBe('accepted');
    expect(corrected.events).toHaveLength(2);
    expect(corrected.materials.find((m) => m.materialId === 'id_cards')?.status).toBe('verified');
  });

  it('the commitment stands in only on the commitment route, and only where the catalogue allows', () => {
    const family = registerFamily(t, clerk, '周');
    const onCommitment = (id: string) => materialsOf('dibao', (m) => (m.id === id ? 'commitment' : 'received'));
    const form = (commitmentRoute: boolean, id: string) =>
      intakeForm(family, 'dibao', { commitmentRoute, kinds: [{ reliefType: 'dibao', category: null, materials: onCommitment(id) }] });

    const notChosen = t.call('cases.intake', form(false, 'income_statement'), clerk);
    expect(issuePaths(notChosen)).toEqual(['kinds.0.materials.5.status']);
    const notReplaceable = t.call('cases.intake', form(true, 'application_form'), clerk);
    expect(issuePaths(notReplaceable)).toEqual(['kinds.0.materials.0.status']);

    const ok = t.must('cases.intake', form(true, 'income_statement'), clerk);
    const detail = t.must('cases.get', { caseId: ok.cases[0]?.id ?? '' }, clerk);
    expect(detail).toMatchObject({ state: 'accepted', commitmentRoute: true });
    expect(detail.materials.find((m) => m.materialId === 'income_statement')?.status).toBe('commitment');
  });

  it('refuses the commitment route to an applicant with an active dishonesty record', () => {
    const family = registerFamily(t, clerk, '吴');
    const applicant = memberId(family, 0);
    const recordId = t.app.ids.newId();
    t.app.db
      .insert(dishonestyRecords)
      .values({
        id: recordId,
        personId: applicant,
        kind: '虚报家庭收入',
        decisionNo: '峄民失〔2026〕1号',
        decidedDate: '2026-06-01',
        status: 'active',
        amountDueFen: 120_000,
        amountReturnedFen: 0,
        createdAt: t.clock.now().toISOString(),
        updatedAt: t.clock.now().toISOString(),
      })
      .run();
    const route = intakeForm(family, 'dibao', { commitmentRoute: true });
    const refused = t.call('cases.intake', route, clerk);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '申请人有未修复的失信记录，不能适用告知承诺制，请提交全部证明材料' },
    });
    // the full-proof route stays open
    expect(codeOf(t.call('cases.intake', intakeForm(family), clerk))).toBe('OK');
    // another member without a record may use the route
    expect(codeOf(t.call('cases.intake', { ...route, applicantPersonId: memberId(family, 1) }, clerk))).toBe('OK');
    // repaired, the route opens again
    t.app.db.update(dishonestyRecords).set({ status: 'repaired' }).where(eq(dishonestyRecords.id, recordId)).run();
    expect(codeOf(t.call('cases.intake', route, clerk))).toBe('OK');
  });
});

describe('who applies, and how', () => {
  it('refuses an applicant who is not a current member of the household', () => {
    const other = registerFamily(t, clerk, '郑');
    const before = caseTableCounts();
    const stranger = t.call('cases.intake', intakeForm(sun, 'dibao', { applicantPersonId: memberId(other, 0) }), clerk);
    expect(codeOf(stranger)).toBe('VALIDATION');
    expect(issuePaths(stranger)).toEqual(['applicantPersonId']);
    // a former member no longer applies for the household
    t.must('registry.member.move', { personId: memberId(other, 1), toHouseholdId: sun.id, relation: 'other', reason: '投亲' }, clerk);
    expect(issuePaths(t.call('cases.intake', intakeForm(other, 'dibao', { applicantPersonId: memberId(other, 1) }), clerk))).toEqual(['applicantPersonId']);
    expect(codeOf(t.call('cases.intake', { ...intakeForm(other), householdId: '01890a5d-ac96-774b-bcce-b302099a8057' }, clerk))).toBe('NOT_FOUND');
    expect(caseTableCounts()).toEqual(before);
  });

  it('an assistant intake names the assistant; a window intake does not', () => {
    for (const assistantName of [null, '', '  ']) {
      const result = t.call('cases.intake', intakeForm(sun, 'dibao', { channel: 'assistant', assistantName }), clerk);
      expect(issuePaths(result), String(assistantName)).toEqual(['assistantName']);
    }
    expect(issuePaths(t.call('cases.intake', intakeForm(sun, 'dibao', { assistantName: '张协理' }), clerk))).toEqual(['assistantName']);
    const ok = t.must('cases.intake', intakeForm(sun, 'dibao', { channel: 'assistant', assistantName: ' 张协理 ' }), clerk);
    const detail = t.must('cases.get', { caseId: ok.cases[0]?.id ?? '' }, clerk);
    expect(detail).toMatchObject({ channel: 'assistant', assistantName: '张协理' });
    expect(detail.events[0]?.note).toBe('协理员张协理代办');
    // a blank name on a window intake is no name
    expect(codeOf(t.call('cases.intake', intakeForm(sun, 'dibao', { assistantName: '' }), clerk))).toBe('OK');
  });

  it('only a clerk takes applications; an approver reads them', () => {
    expect(codeOf(t.call('cases.intake', intakeForm(sun), approver))).toBe('FORBIDDEN');
    expect(codeOf(t.call('cases.intake', intakeForm(sun), admin))).toBe('FORBIDDEN');
    expect(codeOf(t.call('cases.get', { caseId: '01890a5d-ac96-774b-bcce-b302099a8057' }, approver))).toBe('NOT_FOUND');
  });
});

describe('the catalogue version', () => {
  it('a case keeps the version it was accepted under; a new one takes the current version', () => {
    const [old] = t.must('cases.intake', intakeForm(sun), clerk).cases;
    const items = DEFAULT_CATALOGUE.map((i) =>
      i.reliefType === 'dibao'
        ? { ...i, timeLimitWorkingDays: 20, materials: i.materials.map((m) => (m.id === 'income_statement' ? { ...m, name: '家庭收入及财产情况说明' } : m)) }
        : i,
    );
    t.must('catalogue.update', { items, note: '低保时限调整为20个工作日', baseVersion: 1 }, admin);
    const oldDetail = t.must('cases.get', { caseId: old?.id ?? '' }, clerk);
    expect(oldDetail.catalogueVersion).toBe(1);
    expect(oldDetail.materials.find((m) => m.materialId === 'income_statement')?.name).toBe('家庭收入情况说明');
    const [fresh] = t.must('cases.intake', intakeForm(sun), clerk).cases;
    const freshDetail = t.must('cases.get', { caseId: fresh?.id ?? '' }, clerk);
    expect(freshDetail.catalogueVersion).toBe(2);
    expect(freshDetail.materials.find((m) => m.materialId === 'income_statement')?.name).toBe('家庭收入及财产情况说明');
    // Thursday 3 December + 20 working days
    expect(freshDetail.promisedDate).toBe('2026-12-31');
  });
});
