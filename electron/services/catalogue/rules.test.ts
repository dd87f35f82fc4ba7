import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue, CatalogueItem, RpcResult, ReliefType } from '../../contract';
import { intakeForm, materialsOf, registerFamily } from '../../testing/caseFixtures';
import { codeOf, createTestApp, SETUP_TIMEOUT_MS, setUpTown, type TestApp } from '../../testing/testApp';
import { DEFAULT_CATALOGUE } from './defaults';

// What catalogue.update refuses beyond the schema, each with the field it is about, and what it
// allows on purpose: removing a material that cases accepted under the old version still list.

let t: TestApp;
let admin: string;
let clerk: string;

beforeAll(() => {
  t = createTestApp();
  const tokens = setUpTown(t);
  admin = tokens.admin;
  clerk = tokens.clerk.token;
}, SETUP_TIMEOUT_MS);
afterAll(() => t.close());

function edited(reliefType: ReliefType, patch: (item: CatalogueItem) => CatalogueItem): Catalogue {
  return DEFAULT_CATALOGUE.map((i) => (i.reliefType === reliefType ? patch(i) : i));
}
const indexOf = (reliefType: ReliefType): number => DEFAULT_CATALOGUE.findIndex((i) => i.reliefType === reliefType);

function issuesOf(result: RpcResult<unknown>): { path: string; message: string }[] {
  if (result.ok) throw new Error('expected a refusal');
  return result.error.issues ?? [];
}

function currentVersion(): number {
  return t.must('catalogue.get', { version: null }, clerk).version;
}

describe('catalogue.update refuses, beside the field', () => {
  const cases: [string, Catalogue, string, string][] = [
    [
      'a time limit of no days',
      edited('dibao', (i) => ({ ...i, timeLimitWorkingDays: 0 })),
      `items.${indexOf('dibao')}.timeLimitWorkingDays`,
      '办理时限至少 1 个工作日',
    ],
    [
      'a time limit over 120 working days',
      edited('dibao', (i) => ({ ...i, timeLimitWorkingDays: 121 })),
      `items.${indexOf('dibao')}.timeLimitWorkingDays`,
      '办理时限不能超过 120 个工作日',
    ],
    [
      'a kind the town decides with no notice period (its cases could never be posted)',
      edited('linshi', (i) => ({ ...i, noticeDays: null })),
      `items.${indexOf('linshi')}.noticeDays`,
      '临时救助由镇街或区级审批，须公示，请填写公示天数',
    ],
    [
      'a notice period for a kind referred to a department',
      edited('jiaoyu', (i) => ({ ...i, noticeDays: 5 })),
      `items.${indexOf('jiaoyu')}.noticeDays`,
      '教育救助转办部门办理，不在本镇街公示，公示天数应留空',
    ],
    [
      'a village review for a kind referred to a department',
      edited('jiaoyu', (i) => ({ ...i, requiresReview: true })),
      `items.${indexOf('jiaoyu')}.requiresReview`,
      '教育救助转办部门办理，不经村级民主评议',
    ],
    [
      'a referral to a blank department',
      edited('falv', (i) => ({ ...i, department: '   ' })),
      `items.${indexOf('falv')}.department`,
      '法律援助由部门办理，请填写承办部门名称',
    ],
    [
      'a department named for a kind the town decides',
      edited('dibao', (i) => ({ ...i, department: '区民政局' })),
      `items.${indexOf('dibao')}.department`,
      '转办事项须填写承办部门，其他事项不填',
    ],
    [
      'a material with a blank name',
      edited('tekun', (i) => ({ ...i, materials: i.materials.map((m, j) => (j === 2 ? { ...m, name: '  ' } : m)) })),
      `items.${indexOf('tekun')}.materials.2.name`,
      '请填写材料名称',
    ],
    [
      'two materials of one kind with the same name',
      edited('tekun', (i) => ({ ...i, materials: [...i.materials, { id: 'second_register', name: ' 户口簿（核验原件）', optional: false, commitmentReplaceable: false }] })),
      `items.${indexOf('tekun')}.materials.7.name`,
      '材料“户口簿（核验原件）”与第 3 项重名',
    ],
    [
      'the same material id twice',
      edited('tekun', (i) => ({ ...i, materials: [...i.materials, { id: 'id_cards', name: '身份证复印件', optional: false, commitmentReplaceable: false }] })),
      `items.${indexOf('tekun')}.materials.7.id`,
      '材料编号 id_cards 重复',
    ],
    [
      'a kind whose materials are all optional',
      edited('kangfu', (i) => ({ ...i, materials: i.materials.map((m) => ({ ...m, optional: true })) })),
      `items.${indexOf('kangfu')}.materials`,
      '康复救助至少须有一项必交材料（不能全部为“如有”）',
    ],
    [
      'a kind with no materials at all',
      edited('kangfu', (i) => ({ ...i, materials: [] })),
      `items.${indexOf('kangfu')}.materials`,
      '每个事项至少列出一项材料',
    ],
  ];

  it.each(cases)('%s', (_what, items, path, message) => {
    const before = currentVersion();
    const result = t.call('catalogue.update', { items, note: '调整', baseVersion: before }, admin);
    expect(codeOf(result)).toBe('VALIDATION');
    expect(issuesOf(result)).toContainEqual({ path, message });
    expect(currentVersion()).toBe(before);
  });

  it('a blank note', () => {
    const result = t.call('catalogue.update', { items: DEFAULT_CATALOGUE, note: '  ', baseVersion: 1 }, admin);
    expect(issuesOf(result)).toEqual([{ path: 'note', message: '请填写修改说明' }]);
  });
});

describe('catalogue.update writes', () => {
  it('names without the spaces around them', () => {
    const items = edited('falv', (i) => ({
      ...i,
      department: ' 区司法局 ',
      materials: i.materials.map((m) => (m.id === 'case_materials' ? { ...m, name: ' 案件相关材料（起诉状等） ' } : m)),
    }));
    const saved = t.must('catalogue.update', { items, note: '法律援助材料说明', baseVersion: currentVersion() }, admin);
    const falv = saved.items.find((i) => i.reliefType === 'falv');
    expect(falv?.department).toBe('区司法局');
    expect(falv?.materials.find((m) => m.id === 'case_materials')?.name).toBe('案件相关材料（起诉状等）');
  });

  it('refuses a draft begun on an older version, so a newer change is not undone', () => {
    const base = currentVersion();
    t.must('catalogue.update', { items: edited('jiuye', (i) => ({ ...i, timeLimitWorkingDays: 12 })), note: '就业救助时限', baseVersion: base }, admin);
    const stale = t.call('catalogue.update', { items: DEFAULT_CATALOGUE, note: '旧稿', baseVersion: base }, admin);
    expect(codeOf(stale)).toBe('CONFLICT');
    expect(stale.ok ? '' : stale.error.message).toBe(
      `清单已有更新的第 ${base + 1} 版（您是在第 ${base} 版上修改的）。请记下您的修改，放弃后按最新版本重新修改`,
    );
    expect(currentVersion()).toBe(base + 1);
  });

  it('the wall list: the current version under the office name, dated today', () => {
    t.must('settings.update', { officeName: '峄城区阴平镇社会救助服务大厅' }, admin);
    const wall = t.must('catalogue.wallList', {}, clerk);
    expect(wall).toMatchObject({ officeName: '峄城区阴平镇社会救助服务大厅', printedDate: '2026-11-28', version: currentVersion() });
    expect(wall.items.find((i) => i.reliefType === 'jiuye')?.timeLimitWorkingDays).toBe(12);
  });
});

describe('removing a material that open cases list', () => {
  it('is allowed: the old cases keep their version, new intakes follow the new list', () => {
    const family = registerFamily(t, clerk, '钱');
    // Income statement missing: the case waits at the window under the version it came in on.
    const incomplete = intakeForm(family, 'dibao', {
      kinds: [{ reliefType: 'dibao', category: null, materials: materialsOf('dibao', (m) => (m.id === 'income_statement' ? 'missing' : 'received')) }],
    });
    const [old] = t.must('cases.intake', incomplete, clerk).cases;
    if (!old) throw new Error('no case');
    const oldVersion = t.must('cases.get', { caseId: old.id }, clerk).catalogueVersion;

    const items = edited('dibao', (i) => ({ ...i, timeLimitWorkingDays: 25, materials: i.materials.filter((m) => m.id !== 'income_statement') }));
    const v = t.must('catalogue.update', { items, note: '低保不再要求收入说明', baseVersion: currentVersion() }, admin).version;

    // The old case still lists the removed material and is completed against its own version,
    // with its own time limit (30 working days from Saturday 28 November; no holidays are set here).
    const completed = t.must('cases.updateMaterials', { caseId: old.id, materials: materialsOf('dibao') }, clerk);
    expect(completed).toMatchObject({ state: 'accepted', catalogueVersion: oldVersion });
    expect(completed.materials.map((m) => m.materialId)).toContain('income_statement');
    expect(completed.promisedDate).toBe('2027-01-08');

    // A new intake that still ticks the removed material is refused; the new list is taken.
    const refused = t.call('cases.intake', intakeForm(family, 'dibao'), clerk);
    expect(codeOf(refused)).toBe('VALIDATION');
    const newList = materialsOf('dibao').filter((m) => m.materialId !== 'income_statement');
    const [fresh] = t.must('cases.intake', intakeForm(family, 'dibao', { kinds: [{ reliefType: 'dibao', category: null, materials: newList }] }), clerk).cases;
    const freshDetail = t.must('cases.get', { caseId: fresh?.id ?? '' }, clerk);
    expect(freshDetail.catalogueVersion).toBe(v);
    // 25 working days under the new version.
    expect(freshDetail.promisedDate).toBe('2027-01-01');
  });
});
