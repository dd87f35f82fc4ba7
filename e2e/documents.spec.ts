import { expect, test, type APIRequestContext } from '@playwright/test';
import { AppShell } from './pages/AppShell';
import { LoginPage } from './pages/LoginPage';
import { PrintSheetPage } from './pages/PrintSheetPage';
import { drawTwoGlyphs } from './support/glyphs';
import { HOUSEHOLD } from './support/people';
import { login, rpcCall } from './support/rpc';

// The A4 intake papers: each printed to a PDF as the browser's 另存为 PDF would, and read back
// with pdftotext: the case number, the masked IDs, the materials are there, full IDs never.
// Town, users, household and the intake are set up over RPC.

const ADMIN = { username: 'admin', displayName: '吴管理', password: 'Admin#2026dc' };
const CLERK = { username: 'clerk4', displayName: '郑受理', initial: 'Init#2026dd', password: 'Mine#2026dd' };
const PHONE = '0632-7712345';
const { head, spouse, child } = HOUSEHOLD;
const masked = (id: string): string => `${id.slice(0, 6)}********${id.slice(14)}`;

/** The print date: today's business date in Asia/Shanghai, as printed (2026年11月28日). */
function printedToday(): string {
  const [y, m, d] = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date()).split('-');
  return `${y}年${m}月${d}日`;
}

test.describe.configure({ mode: 'serial' });

let caseId = '';
let caseNo = '';

function person(p: { name: string; residentId: string }) {
  return { name: p.name, residentId: p.residentId, phone: '', tags: [], disabilityCategory: null, disabilityGrade: null, notes: '' };
}

async function setUp(request: APIRequestContext): Promise<{ id: string; caseNo: string }> {
  await rpcCall(request, 'setup.run', { kind: 'town', townCode: '370404101', admin: ADMIN });
  const adminToken = await login(request, ADMIN.username, ADMIN.password);
  await rpcCall(request, 'settings.update', { enquiryPhone: PHONE }, adminToken);
  await rpcCall(request, 'users.create', { username: CLERK.username, displayName: CLERK.displayName, roles: ['clerk'], password: CLERK.initial }, adminToken);
  const clerkToken = await login(request, CLERK.username, CLERK.initial);
  await rpcCall(request, 'auth.changePassword', { currentPassword: CLERK.initial, newPassword: CLERK.password }, clerkToken);
  const villages = await rpcCall<{ code: string }[]>(request, 'villages.list', { includeInactive: false }, clerkToken);
  const village = villages[0];
  if (!village) throw new Error('the town has no village');
  const household = await rpcCall<{ id: string; members: { person: { id: string } }[] }>(
    request,
    'registry.household.create',
    {
      villageCode: village.code,
      address: HOUSEHOLD.address,
      phone: HOUSEHOLD.phone,
      registration: 'rural',
      members: [
        { relation: 'head', person: person(head) },
        { relation: 'spouse', person: person(spouse) },
        { relation: 'son', person: person(child) },
      ],
    },
    clerkToken,
  );
  const applicant = household.members[0];
  if (!applicant) throw new Error('the household has no members');
  // 低保 by the head: two papers missing, the income statement replaced by the commitment.
  const status: Record<string, string> = { application_form: 'missing', household_register: 'missing', income_statement: 'commitment', disability_or_illness: 'missing' };
  const ids = ['application_form', 'id_cards', 'household_register', 'authorisations', 'commitment', 'income_statement', 'disability_or_illness'];
  const intake = await rpcCall<{ cases: { id: string; caseNo: string }[] }>(
    request,
    'cases.intake',
    {
      householdId: household.id,
      applicantPersonId: applicant.person.id,
      channel: 'window',
      assistantName: null,
      reason: '家庭收入低于当地低保标准',
      commitmentRoute: true,
      kinds: [{ reliefType: 'dibao', category: null, materials: ids.map((materialId) => ({ materialId, status: status[materialId] ?? 'received' })) }],
    },
    clerkToken,
  );
  const created = intake.cases[0];
  if (!created) throw new Error('the intake made no case');
  return created;
}

test.beforeAll(async ({ playwright }, testInfo) => {
  const baseURL = testInfo.project.use.baseURL;
  if (!baseURL) throw new Error('the documents project has no baseURL');
  const request = await playwright.request.newContext({ baseURL });
  ({ id: caseId, caseNo } = await setUp(request));
  await request.dispose();
});

function expectNoFullId(text: string): void {
  for (const p of [head, spouse, child]) expect(text).not.toContain(p.residentId);
}

test('the three intake papers print on A4 with the case facts and masked IDs only', async ({ page }, testInfo) => {
  const today = printedToday();
  await page.goto('/');
  await new LoginPage(page).logIn(CLERK.username, CLERK.password);
  await new AppShell(page).expectSignedInAs(CLERK.displayName);

  // From the case page to the papers.
  await page.goto(`/#/cases/${caseId}`);
  await page.getByRole('link', { name: '打印告知承诺书' }).click();
  const sheet = new PrintSheetPage(page);
  await sheet.expectSheet('告知承诺书');
  await page.getByRole('link', { name: '返回' }).click();
  await expect(page.getByRole('heading', { name: `案件 ${caseNo}` })).toBeVisible();

  await sheet.open('one_time_notice', caseId, '一次性告知单');
  const glyphs = await drawTwoGlyphs(page);
  expect(glyphs.bundledLoaded, 'the bundled Noto Sans SC face is loaded').toBe(true);
  expect(glyphs.differ, '救 and 助 must not be the same (empty) box').toBe(true);
  const notice = await sheet.pdfText(testInfo.outputPath('one_time_notice.pdf'));
  for (const field of [caseNo, masked(head.residentId), head.name, '最低生活保障', '救助申请书（一表登记）', '户口簿（核验原件）', PHONE, CLERK.displayName, today]) {
    expect(notice, field).toContain(field);
  }
  // Optional materials apply to some applicants only: not on the notice.
  expect(notice).not.toContain('残疾证或疾病诊断证明');
  expectNoFullId(notice);

  await sheet.open('commitment', caseId, '告知承诺书');
  const commitment = await sheet.pdfText(testInfo.outputPath('commitment.pdf'));
  for (const field of [caseNo, masked(head.residentId), '最低生活保障', '家庭收入情况说明', '法律责任', '法定监护人', today]) {
    expect(commitment, field).toContain(field);
  }
  expectNoFullId(commitment);

  await sheet.open('authorisation', caseId, '家庭经济状况核对授权书');
  const authorisation = await sheet.pdfText(testInfo.outputPath('authorisation.pdf'));
  for (const field of [caseNo, head.name, masked(head.residentId), spouse.name, masked(spouse.residentId), '人民银行', '医疗保障', today]) {
    expect(authorisation, field).toContain(field);
  }
  // The son is a minor: no signature line.
  expect(authorisation).not.toContain(child.name);
  expect(authorisation).not.toContain(masked(child.residentId));
  expectNoFullId(authorisation);
});
