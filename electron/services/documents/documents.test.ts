import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskResidentId, type HouseholdView } from '../../contract';
import { intakeForm, madeUpId, materialsOf } from '../../testing/caseFixtures';
import { codeOf, createTestApp, SETUP_TIMEOUT_MS, setUpTown, VILLAGE_CODE, type TestApp } from '../../testing/testApp';

// The A4 intake papers: what goes on each, and never a full resident ID.

let t: TestApp;
let admin: string;
let clerk: string;
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

function expectNoFullId(value: unknown): void {
  const text = JSON.stringify(value);
  for (const id of Object.values(IDS)) expect(text).not.toContain(id);
}

describe('documents.get', () => {
  it('lists every missing required material on the one-time notice, at once', () => {
    t.must('settings.update', { enquiryPhone: '0632-7712345' }, admin);
    const doc = t.must('documents.get', { kind: 'one_time_notice', caseId }, clerk);
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
    const doc = t.must('documents.get', { kind: 'commitment', caseId }, approver);
    if (doc.kind !== 'commitment') throw new Error('wrong kind');
    expect(doc.caseNo).toBe(caseNo);
    expect(doc.replacedMaterials).toEqual(['家庭收入情况说明']);
    expect(doc.liability).toContain('法律责任');
    expect(doc.signingRule).toContain('法定监护人');
    expectNoFullId(doc);
  });

  it('asks the adults only to sign the authorisation, and lists the 18 sources', () => {
    const doc = t.must('documents.get', { kind: 'authorisation', caseId }, clerk);
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
  });
});
