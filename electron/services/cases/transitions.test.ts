import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HouseholdView, RpcResult } from '../../contract';
import { intakeForm, materialsOf, memberId, registerFamily } from '../../testing/caseFixtures';
import { auditRows, codeOf, createTestApp, SETUP_TIMEOUT_MS, setUpTown, type TestApp } from '../../testing/testApp';

// cases.transition: the steps that need only a reason. Today that is withdrawal, from any
// state in which the town still holds the case; the later steps reuse applyCaseEvent.

let t: TestApp;
let clerk: string;
let approver: string;
let family: HouseholdView;

beforeAll(() => {
  t = createTestApp();
  const tokens = setUpTown(t);
  clerk = tokens.clerk.token;
  approver = tokens.approver.token;
  family = registerFamily(t, clerk, '陈');
}, SETUP_TIMEOUT_MS);
afterAll(() => t.close());

function messageOf(result: RpcResult<unknown>): string {
  return result.ok ? '' : result.error.message;
}

describe('withdrawal', () => {
  it('withdraws an accepted case, records why, and refuses a second withdrawal', () => {
    const [summary] = t.must('cases.intake', intakeForm(family), clerk).cases;
    if (!summary) throw new Error('no case');
    const withdrawn = t.must('cases.transition', { caseId: summary.id, event: 'withdrawn', note: '申请人外出务工，自愿撤回' }, clerk);
    expect(withdrawn.state).toBe('withdrawn');
    expect(withdrawn.events.map((e) => [e.event, e.fromState, e.toState, e.note, e.userName])).toEqual([
      ['intake', null, 'accepted', '窗口受理', 'clerk1'],
      ['withdrawn', 'accepted', 'withdrawn', '申请人外出务工，自愿撤回', 'clerk1'],
    ]);
    expect(withdrawn.householdCases.find((c) => c.id === summary.id)?.state).toBe('withdrawn');
    expect(auditRows(t, 'cases.transition').at(-1)).toMatchObject({ entityType: 'case', entityId: summary.id });

    const again = t.call('cases.transition', { caseId: summary.id, event: 'withdrawn', note: '再次撤回' }, clerk);
    expect(codeOf(again)).toBe('CONFLICT');
    expect(messageOf(again)).toBe('案件当前状态为“已撤回”，案件已办结，不能撤回');
    expect(t.must('cases.get', { caseId: summary.id }, clerk).events).toHaveLength(2);
  });

  it('withdraws a case still waiting for materials; a withdrawn case takes no more materials or signatures', () => {
    const incomplete = materialsOf('dibao', (m) => (m.id === 'income_statement' ? 'missing' : 'received'));
    const [summary] = t.must('cases.intake', intakeForm(family, 'dibao', { kinds: [{ reliefType: 'dibao', category: null, materials: incomplete }] }), clerk).cases;
    if (!summary) throw new Error('no case');
    expect(summary.state).toBe('materials_incomplete');
    expect(t.must('cases.transition', { caseId: summary.id, event: 'withdrawn', note: '不再申请' }, clerk).state).toBe('withdrawn');
    const late = t.call('cases.updateMaterials', { caseId: summary.id, materials: materialsOf('dibao') }, clerk);
    expect(codeOf(late)).toBe('CONFLICT');
    expect(messageOf(late)).toContain('已撤回');
    const signature = t.call('cases.recordSignature', { caseId: summary.id, kind: 'commitment', personId: memberId(family, 0), signedDate: '2026-11-28' }, clerk);
    expect(codeOf(signature)).toBe('CONFLICT');
  });

  it('refuses an unknown case, an empty reason and a caller who is not a clerk', () => {
    const unknown = '01890a5d-ac96-774b-bcce-b302099a8057';
    expect(codeOf(t.call('cases.transition', { caseId: unknown, event: 'withdrawn', note: '撤回' }, clerk))).toBe('NOT_FOUND');
    const [summary] = t.must('cases.intake', intakeForm(family), clerk).cases;
    expect(codeOf(t.call('cases.transition', { caseId: summary?.id ?? '', event: 'withdrawn', note: '  ' }, clerk))).toBe('VALIDATION');
    expect(codeOf(t.call('cases.transition', { caseId: summary?.id ?? '', event: 'withdrawn', note: '撤回' }, approver))).toBe('FORBIDDEN');
    expect(t.must('cases.get', { caseId: summary?.id ?? '' }, approver).state).toBe('accepted');
  });
});
