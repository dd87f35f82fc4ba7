import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkCharacter,
  procedures,
  type InputOf,
  type ProcedureDef,
  type ProcedureName,
  type Role,
  type RpcResult,
} from '../contract';
import { ADMIN, createTestApp, SETUP_TIMEOUT_MS, setUpTown, type TestApp, TOWN_CODE, VILLAGE_CODE } from '../testing/testApp';
import { DEFAULT_CATALOGUE } from '../services/catalogue/defaults';
import { dispatch } from './dispatch';

// Every procedure refuses bad input with VALIDATION and field issues, and a refused call
// leaves the database exactly as it was: no audit row, no change-log row, nothing.

const NAMES = Object.keys(procedures) as ProcedureName[];
const UUID = '01890a5d-ac96-774b-bcce-b302099a8057';
const PERSON: InputOf<'registry.member.add'>['person'] = {
  name: '张三',
  residentId: `37040419850312003${checkCharacter('37040419850312003')}`,
  phone: '13800000000',
  tags: [],
  disabilityCategory: null,
  disabilityGrade: null,
  notes: '',
};

/** One input each procedure's schema accepts; the bad inputs are variations of it. */
const VALID: { [N in ProcedureName]?: InputOf<N> } = {
  'setup.status': {},
  'setup.towns': {},
  'setup.run': { kind: 'town', townCode: TOWN_CODE, admin: { username: 'second', displayName: '某', password: 'Admin#2026' } },
  'auth.login': { username: 'admin', password: 'Admin#2026' },
  'auth.me': {},
  'auth.logout': {},
  'auth.touch': {},
  'auth.unlock': { password: 'Admin#2026' },
  'auth.changePassword': { currentPassword: 'Admin#2026', newPassword: 'Other#20261' },
  'users.list': {},
  'users.create': { username: 'newuser', displayName: '新用户', roles: ['clerk'], password: 'Initial#2026' },
  'users.update': { id: UUID, displayName: '某', roles: ['clerk'] },
  'users.setDisabled': { id: UUID, disabled: true },
  'users.resetPassword': { id: UUID, password: 'Initial#2026' },
  'settings.get': {},
  // printing: the receipt printer's settings
  'settings.update': { idleLockMinutes: 5, receiptPrinterUri: 'tcp://192.168.1.50:9100', receiptPaper: '58mm' },
  'villages.list': { includeInactive: false },
  'villages.create': { code: '370404101299', name: '新村' },
  'villages.update': { code: VILLAGE_CODE, name: '朱沟村', active: true },
  'registry.search': { q: '张', limit: 10 },
  'registry.household.get': { householdId: UUID },
  'registry.household.create': {
    villageCode: VILLAGE_CODE,
    address: '朱沟村1号',
    phone: '',
    registration: 'rural',
    members: [{ relation: 'head', person: PERSON }],
  },
  'registry.household.update': { householdId: UUID, villageCode: VILLAGE_CODE, address: '朱沟村1号', phone: '', registration: 'rural' },
  'registry.member.add': { householdId: UUID, relation: 'son', person: PERSON },
  'registry.member.move': { personId: UUID, toHouseholdId: UUID, relation: 'son', reason: '分户' },
  'registry.member.setRelation': { householdId: UUID, personId: UUID, relation: 'head' },
  'registry.person.update': { personId: UUID, person: PERSON },
  'registry.person.revealId': { personId: UUID },
  'catalogue.get': { version: null },
  'catalogue.versions': {},
  'catalogue.update': { items: DEFAULT_CATALOGUE, note: '调整材料', baseVersion: 1 },
  'catalogue.wallList': {},
  'calendar.list': { year: 2026 },
  'calendar.set': { date: '2026-10-01', kind: 'holiday', note: '国庆节' },
  'cases.intake': {
    householdId: UUID,
    applicantPersonId: UUID,
    channel: 'window',
    assistantName: null,
    reason: '因病致贫',
    commitmentRoute: false,
    kinds: [{ reliefType: 'dibao', category: null, materials: [{ materialId: 'application_form', status: 'received' }] }],
  },
  'cases.get': { caseId: UUID },
  'cases.listByHousehold': { householdId: UUID },
  'cases.updateMaterials': { caseId: UUID, materials: [{ materialId: 'income_statement', status: 'received' }] },
  'cases.recordSignature': { caseId: UUID, kind: 'authorisation', personId: UUID, signedDate: '2026-11-28' },
  'cases.transition': { caseId: UUID, event: 'withdrawn', note: '申请人撤回' },
  // economic check, home investigation, democratic review
  'checks.request': { caseId: UUID },
  'checks.recordResult': { checkId: UUID, source: 'central_bank', outcome: 'found', figures: { depositsFen: 120_000 }, note: '' },
  'checks.complete': { checkId: UUID, reportNo: 'HD2026-001', completedDate: '2026-11-28' },
  'checks.get': { caseId: UUID },
  'investigations.record': {
    caseId: UUID,
    visitDate: '2026-11-28',
    investigator1: '朱调查',
    investigator2: '秦调查',
    housing: '自有平房三间',
    income: [{ personId: UUID, monthlyIncomeFen: 80_000, source: '务农' }],
    assets: '无',
    cause: '因病',
    supporters: '无',
    conclusion: '收入低于标准',
  },
  'reviews.record': { caseId: UUID, reviewDate: '2026-11-28', participants: 15, inFavour: 14, opinion: '同意' },
  // printing: the acceptance receipt
  'printing.receiptPreview': { caseId: UUID },
  'printing.printReceipt': { caseId: UUID },
  // A4 documents
  'documents.get': { kind: 'one_time_notice', caseId: UUID },
  'documents.recordPrint': { kind: 'notice_list', noticeId: UUID, target: 'pdf' },
  // the payout voucher on the receipt printer, and the vouchers still to print
  'payouts.printVoucherReceipt': { payoutId: UUID },
  'payouts.unprintedVouchers': {},
  // notices, decisions, referrals, work queues
  'notices.candidates': {},
  'notices.create': { villageCode: VILLAGE_CODE, startDate: '2026-11-28', entries: [{ caseId: UUID, proposedAmountFen: 65_000 }] },
  'notices.get': { noticeId: UUID },
  'notices.open': {},
  'notices.objection': { noticeId: UUID, caseId: UUID, receivedDate: '2026-11-29', content: '申请人家中有营运车辆' },
  'notices.close': { noticeId: UUID },
  'decisions.decide': {
    caseId: UUID,
    outcome: 'approved',
    amountFen: 65_000,
    periodStart: '2026-12-01',
    periodMonths: 12,
    opinion: '同意纳入低保',
    refusalReasons: null,
  },
  'referrals.send': { caseId: UUID },
  'referrals.answer': { caseId: UUID, answer: '已受理，按医疗救助政策办理', answeredDate: '2026-11-28' },
  'queues.mine': {},
  // paying temporary relief
  'payouts.forCase': { caseId: UUID },
  'payouts.approve': { id: UUID, caseId: UUID, payee: { proxy: false }, payment: { method: 'cash' } },
  'payouts.emergency': {
    id: UUID,
    caseId: UUID,
    amountFen: 200_000,
    cause: 'fire',
    opinion: '房屋失火，先行救助',
    repeatReason: null,
    payee: { proxy: true, name: '张代领', residentId: '370404198503120037', relation: '儿子' },
    payment: { method: 'bank', bankName: '峄城农商银行', bankAccount: '6228480012345678' },
  },
  'payouts.pay': { payoutId: UUID, postId: UUID, transferReference: null },
  'payouts.cancel': { payoutId: UUID, voidId: UUID, reason: '申请人已获其他救助' },
  'payouts.markSigned': { payoutId: UUID },
  'payouts.completePaperwork': { payoutId: UUID },
  'payouts.escalated': {},
  'reserve.summary': {},
  'reserve.allocate': { id: UUID, amountFen: 5_000_000, documentNo: '峄民发〔2026〕12号', note: '' },
  'reserve.replenish': { id: UUID, amountFen: 120_000, voucherNo: 'BB2026-031', note: '' },
  'reserve.reverse': { id: UUID, transferId: UUID, reason: '拨付金额登记错误' },
  'reserve.recover': { id: UUID, payoutId: UUID, amountFen: 50_000, orderNo: '峄民追〔2026〕3号', note: '' },
  'reserve.transfers': { limit: 50, beforeSeq: null },
  'reserve.claimPreview': { periodStart: null, periodEnd: null },
  'reserve.submitClaim': { id: UUID, periodStart: '2026-10-01', periodEnd: '2026-10-31' },
  'reserve.claims': {},
  'reserve.claim': { claimId: UUID },
  'reserve.statement': { from: '2026-11-01', to: '2026-11-30' },
  'reserve.claimExcel': { claimId: UUID },
  'reserve.statementExcel': { from: '2026-11-01', to: '2026-11-30' },
  'reserve.dayClosePreview': { date: null },
  'reserve.closeDay': { id: UUID, countedFen: 4_999_000, reason: '清点短少十元，原因待查', seen: { businessDate: '2026-11-28', bookBalanceFen: 5_000_000 } },
  'reserve.dayCloses': { limit: 30 },
  'audit.list': { userId: null, action: null, fromDate: null, toDate: null, beforeSeq: null, limit: 10 },
  'audit.verify': {},
  'sync.status': {},
  'sync.previewKey': { text: '{"format":1}' },
  'sync.enroll': { text: '{"format":1}', folder: '/media/usb/同步' },
  'sync.configure': { folder: '/media/usb/同步', exportTime: '22:00' },
  'sync.exportNow': {},
  'sync.scan': {},
  'sync.importFile': { folder: '/media/usb/同步', fileName: '370404101-000001.rdpkg' },
  'sync.alerts': { limit: 50 },
  'district.towns': {},
  'district.cases': { townCode: TOWN_CODE, reliefType: 'linshi', state: 'paid', overdueOnly: false, limit: 50 },
  'district.claims': { townCode: TOWN_CODE },
  'district.replenishments': { limit: 50 },
  'district.recordReplenishment': { id: UUID, townCode: TOWN_CODE, amountFen: 120_000, voucherNo: '区财拨〔2026〕31号', claimNo: 'BZ2026-0001', note: '' },
  'district.decide': { id: UUID, townCode: TOWN_CODE, caseId: UUID, outcome: 'approved', amountFen: 300_000, opinion: '同意按 3000 元给予临时救助' },
  'district.exportReplies': {},
};

/** A value of another type than the sample's, for the same field. */
function wrongTypeFor(sample: unknown): unknown {
  if (typeof sample === 'string') return 12345;
  if (typeof sample === 'number') return '12345';
  if (typeof sample === 'boolean') return 'true';
  if (Array.isArray(sample)) return { 0: 'x' };
  if (sample === null) return true;
  return ['x'];
}

interface BadInput {
  label: string;
  input: unknown;
  /** An issue must name this path ('' is the input as a whole). */
  path: string;
}

function badInputsFor(name: ProcedureName): BadInput[] {
  const valid = VALID[name] as Record<string, unknown> | undefined;
  const bad: BadInput[] = [
    { label: 'a string', input: 'hello', path: '' },
    { label: 'a number', input: 42, path: '' },
    { label: 'an array', input: [], path: '' },
    { label: 'only an unknown key', input: { __probe: 1 }, path: '' },
  ];
  if (!valid) return bad;
  bad.push({ label: 'an unknown extra key', input: { ...valid, __extra: 1 }, path: '' });
  for (const key of Object.keys(valid)) {
    const missing = { ...valid };
    delete missing[key];
    // A key the schema lets out is optional (settings.update changes only the settings given).
    if (!procedures[name].input.safeParse(missing).success) bad.push({ label: `${key} missing`, input: missing, path: key });
    bad.push({ label: `${key} of the wrong type`, input: { ...valid, [key]: wrongTypeFor(valid[key]) }, path: key });
  }
  return bad;
}

/** Everything the database holds, table by table, plus the live sessions. */
function snapshot(t: TestApp): string {
  const client = t.app.db.$client;
  const tables = client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
  const content: Record<string, unknown> = { sessions: t.app.sessions.size };
  // Rows sorted as text: district_rows is WITHOUT ROWID, so rowid cannot order every table.
  for (const { name } of tables) content[name] = client.prepare(`SELECT * FROM "${name}"`).all().map((r) => JSON.stringify(r)).sort();
  return JSON.stringify(content);
}

function counts(t: TestApp): Record<string, number> {
  const client = t.app.db.$client;
  const count = (table: string) => (client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { audit_log: count('audit_log'), change_log: count('change_log') };
}

let town: TestApp;
let district: TestApp;
const tokens = new Map<Role, string>();

beforeAll(() => {
  town = createTestApp();
  const set = setUpTown(town);
  tokens.set('town_admin', set.admin);
  tokens.set('clerk', set.clerk.token);
  tokens.set('approver', set.approver.token);
  // Some data for the mutations to have touched, were they to run.
  town.must(
    'registry.household.create',
    { ...(VALID['registry.household.create'] as InputOf<'registry.household.create'>) },
    set.clerk.token,
  );
  district = createTestApp();
  district.must('setup.run', { kind: 'district', townCode: null, admin: ADMIN });
  tokens.set('district_admin', district.must('auth.login', { username: ADMIN.username, password: ADMIN.password }).token);
}, SETUP_TIMEOUT_MS);

afterAll(() => {
  town.close();
  district.close();
});

/** A caller the procedure lets in: the town app where a town role may call it. */
function callerFor(def: ProcedureDef): { t: TestApp; token: string | null } {
  if (def.access === 'public') return { t: town, token: null };
  if (def.access === 'session') return { t: town, token: tokens.get('clerk') ?? null };
  const role = def.access.find((r) => r !== 'district_admin') ?? def.access[0];
  if (!role) throw new Error('procedure without roles');
  return { t: role === 'district_admin' ? district : town, token: tokens.get(role) ?? null };
}

describe('the samples', () => {
  it('every procedure has a valid sample input (add one for a new procedure)', () => {
    expect(NAMES.filter((n) => VALID[n] === undefined)).toEqual([]);
  });

  it.each(NAMES)('%s: the sample passes its schema', (name) => {
    const parsed = procedures[name].input.safeParse(VALID[name]);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });
});

describe.each(NAMES)('%s refuses bad input', (name) => {
  it.each(badInputsFor(name))('$label', ({ input, path }) => {
    const { t, token } = callerFor(procedures[name]);
    const before = snapshot(t);
    const beforeCounts = counts(t);
    const result = dispatch(t.app, { procedure: name, input, token });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION');
    expect(result.error.message).toMatch(/^输入有误/);
    expect(result.error.message).toMatch(/[\u4e00-\u9fff]/);
    const issues = result.error.issues ?? [];
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.map((i) => i.path)).toContain(path);
    for (const issue of issues) expect(issue.message).toMatch(/[\u4e00-\u9fff]/);
    expect(counts(t)).toEqual(beforeCounts);
    expect(snapshot(t)).toBe(before);
  });
});

describe('nested fields are named by their path', () => {
  it.each([
    [{ members: [{ relation: 'head', person: { ...PERSON, residentId: 12345 } }] }, 'members.0.person.residentId'],
    [{ members: [{ relation: 'chief', person: PERSON }] }, 'members.0.relation'],
    [{ members: [{ relation: 'head', person: { ...PERSON, tags: ['rich'] } }] }, 'members.0.person.tags.0'],
    [{ members: [{ relation: 'head', person: { ...PERSON, extra: 1 } }] }, 'members.0.person'],
    [{ members: [] }, 'members'],
    [{ phone: '12ab' }, 'phone'],
    [{ villageCode: '3704' }, 'villageCode'],
  ])('%j -> %s', (patch, path) => {
    const clerk = tokens.get('clerk') ?? null;
    const before = snapshot(town);
    const input = { ...VALID['registry.household.create'], ...patch };
    const result = dispatch(town.app, { procedure: 'registry.household.create', input, token: clerk });
    expect(result.ok ? [] : (result.error.issues ?? []).map((i) => i.path)).toContain(path);
    expect(snapshot(town)).toBe(before);
  });
});

describe('VALIDATION raised by a service writes nothing either', () => {
  const wrongCheck = '370404198503120038';
  const personWith = (residentId: string) => ({ ...PERSON, residentId });
  const cases: { label: string; name: ProcedureName; role: Role; input: unknown; path: string }[] = [
    {
      label: 'a wrong check digit',
      name: 'registry.household.create',
      role: 'clerk',
      input: { ...VALID['registry.household.create'], members: [{ relation: 'head', person: personWith(wrongCheck) }] },
      path: 'members.0.person.residentId',
    },
    {
      label: 'a 15-digit ID',
      name: 'registry.household.create',
      role: 'clerk',
      input: { ...VALID['registry.household.create'], members: [{ relation: 'head', person: personWith('370404850312003') }] },
      path: 'members.0.person.residentId',
    },
    {
      label: 'a second member with a bad ID after a good one',
      name: 'registry.household.create',
      role: 'clerk',
      input: {
        ...VALID['registry.household.create'],
        members: [
          { relation: 'head', person: personWith(`37040419700101001${checkCharacter('37040419700101001')}`) },
          { relation: 'son', person: personWith(wrongCheck) },
        ],
      },
      path: 'members.1.person.residentId',
    },
    {
      label: 'a disability category without a grade',
      name: 'registry.household.create',
      role: 'clerk',
      input: {
        ...VALID['registry.household.create'],
        members: [{ relation: 'head', person: { ...personWith(`37040419700101002${checkCharacter('37040419700101002')}`), disabilityCategory: 'vision' } }],
      },
      path: 'members.0.person.disabilityGrade',
    },
    { label: 'a weak password', name: 'users.create', role: 'town_admin', input: { ...VALID['users.create'], password: 'password1' }, path: 'password' },
    {
      label: 'a district role in a town',
      name: 'users.create',
      role: 'town_admin',
      input: { ...VALID['users.create'], roles: ['district_admin'] },
      path: 'roles',
    },
    { label: 'an own resident ID with a wrong check character', name: 'users.create', role: 'town_admin', input: { ...VALID['users.create'], residentId: wrongCheck }, path: 'residentId' },
    { label: 'a village of another town', name: 'villages.create', role: 'town_admin', input: { code: '370404102299', name: '外村' }, path: 'code' },
  ];
  it.each(cases)('$name: $label', ({ name, role, input, path }) => {
    const token = tokens.get(role) ?? null;
    const before = snapshot(town);
    const result = dispatch(town.app, { procedure: name, input, token });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(result.ok ? [] : (result.error.issues ?? []).map((i) => i.path)).toContain(path);
    expect(snapshot(town)).toBe(before);
  });
});

describe('UNKNOWN_PROCEDURE', () => {
  it.each(['nope', 'registry.nope', '', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'REGISTRY.SEARCH'])(
    '%j is not a procedure, and nothing is written',
    (procedure) => {
      const before = snapshot(town);
      for (const token of [null, tokens.get('town_admin') ?? null]) {
        const result: RpcResult<unknown> = dispatch(town.app, { procedure, input: {}, token });
        expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PROCEDURE' } });
      }
      expect(snapshot(town)).toBe(before);
    },
  );

  it('does not echo an endless name back', () => {
    const result = dispatch(town.app, { procedure: 'x'.repeat(10_000), input: {}, token: null });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message.length).toBeLessThan(200);
  });
});
