import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseSummary, HouseholdView, InputOf, RpcResult } from '../../contract';
import { intakeForm, madeUpId, materialsOf, memberId, registerFamily } from '../../testing/caseFixtures';
import { ADMIN, codeOf, createTestApp, SETUP_TIMEOUT_MS, setUpTown, type TestApp } from '../../testing/testApp';

// Signed papers brought back: the applicant's commitment, each adult member's authorisation.

let t: TestApp;
let admin: string;
let clerk: string;
let approver: string;
let family: HouseholdView;
let neighbours: HouseholdView;
let dibao: CaseSummary;
let daughterId: string;

beforeAll(() => {
  t = createTestApp();
  const tokens = setUpTown(t);
  admin = tokens.admin;
  clerk = tokens.clerk.token;
  approver = tokens.approver.token;
  family = registerFamily(t, clerk, '褚');
  // She turns 18 on Tuesday 1 December, three days after the intake.
  const withDaughter = t.must(
    'registry.member.add',
    {
      householdId: family.id,
      relation: 'daughter',
      person: { name: '褚四', residentId: madeUpId('20081201', 902), phone: '', tags: [], disabilityCategory: null, disabilityGrade: null, notes: '' },
    },
    clerk,
  );
  daughterId = withDaughter.members.find((m) => m.person.name === '褚四')?.person.id ?? '';
  neighbours = registerFamily(t, clerk, '卫');
  const [summary] = t.must('cases.intake', intakeForm(family), clerk).cases;
  if (!summary) throw new Error('no case');
  dibao = summary;
}, SETUP_TIMEOUT_MS);
afterAll(() => t.close());

type SignatureInput = InputOf<'cases.recordSignature'>;

function sign(patch: Partial<SignatureInput>): RpcResult<unknown> {
  return t.call('cases.recordSignature', { caseId: dibao.id, kind: 'authorisation', personId: memberId(family, 0), signedDate: '2026-11-28', ...patch }, clerk);
}

function issuePaths(result: RpcResult<unknown>): string[] {
  return result.ok ? [] : (result.error.issues ?? []).map((i) => i.path);
}

describe('the commitment', () => {
  it('is signed by the applicant, and by no one else', () => {
    const detail = t.must('cases.recordSignature', { caseId: dibao.id, kind: 'commitment', personId: memberId(family, 0), signedDate: '2026-11-28' }, clerk);
    expect(detail.signatures).toEqual([{ kind: 'commitment', personId: memberId(family, 0), name: '褚一', signedDate: '2026-11-28' }]);
    expect(issuePaths(sign({ kind: 'commitment', personId: memberId(family, 1) }))).toEqual(['personId']);
  });
});

describe('the authorisation', () => {
  it('is signed by each adult member; a minor is refused', () => {
    expect(codeOf(sign({ personId: memberId(family, 0) }))).toBe('OK');
    expect(codeOf(sign({ personId: memberId(family, 1) }))).toBe('OK');
    const child = sign({ personId: memberId(family, 2) });
    expect(issuePaths(child)).toEqual(['personId']);
    if (!child.ok) expect(child.error.message).toContain('未满18周岁');
    const detail = t.must('cases.get', { caseId: dibao.id }, approver);
    expect(detail.signatures.map((s) => [s.kind, s.name])).toEqual([
      ['authorisation', '褚一'],
      ['authorisation', '褚二'],
      ['commitment', '褚一'],
    ]);
    expect(detail.members.map((m) => [m.name, m.adult])).toEqual([
      ['褚一', true],
      ['褚二', true],
      ['褚三', false],
      ['褚四', false],
    ]);
  });

  it('counts age on the day of signing: refused before the 18th birthday, taken on it', () => {
    expect(issuePaths(sign({ personId: daughterId }))).toEqual(['personId']);
    t.clock.advance(3 * 86_400_000);
    t.must('auth.unlock', { password: ADMIN.password }, admin);
    for (const token of [clerk, approver]) t.must('auth.unlock', { password: 'Changed#2026' }, token);
    expect(issuePaths(sign({ personId: daughterId, signedDate: '2026-11-30' }))).toEqual(['personId']);
    expect(codeOf(sign({ personId: daughterId, signedDate: '2026-12-01' }))).toBe('OK');
    expect(t.must('cases.get', { caseId: dibao.id }, clerk).members.find((m) => m.personId === daughterId)?.adult).toBe(true);
  });
});

describe('what any signature must be', () => {
  it('signed by a current member of the household', () => {
    expect(issuePaths(sign({ personId: memberId(neighbours, 0) }))).toEqual(['personId']);
    expect(issuePaths(sign({ personId: '01890a5d-ac96-774b-bcce-b302099a8057' }))).toEqual(['personId']);
  });

  it('dated between the day of acceptance and today', () => {
    // A second case, accepted today (Tuesday 1 December).
    const [later] = t.must('cases.intake', intakeForm(family, 'linshi', { kinds: [{ reliefType: 'linshi', category: '支出型', materials: materialsOf('linshi') }] }), clerk).cases;
    if (!later) throw new Error('no case');
    expect(later.acceptedDate).toBe('2026-12-01');
    const input = { caseId: later.id, kind: 'commitment' as const, personId: memberId(family, 0) };
    expect(issuePaths(t.call('cases.recordSignature', { ...input, signedDate: '2026-12-02' }, clerk))).toEqual(['signedDate']);
    const early = t.call('cases.recordSignature', { ...input, signedDate: '2026-11-30' }, clerk);
    expect(issuePaths(early)).toEqual(['signedDate']);
    if (!early.ok) expect(early.error.message).toBe('签字日期不能早于受理日期 2026-12-01');
    expect(codeOf(t.call('cases.recordSignature', { ...input, signedDate: '2026-12-01' }, clerk))).toBe('OK');
  });

  it('recorded once per paper and person', () => {
    const again = sign({ personId: memberId(family, 1), signedDate: '2026-11-30' });
    expect(codeOf(again)).toBe('CONFLICT');
    if (!again.ok) expect(again.error.message).toContain('褚二的核对授权书已于 2026-11-28 登记');
  });
});
