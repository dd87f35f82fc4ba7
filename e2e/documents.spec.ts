import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { AppShell } from './pages/AppShell';
import { LoginPage } from './pages/LoginPage';
import { PrintSheetPage } from './pages/PrintSheetPage';
import { acceptApplication, acceptDibao, firstVillage, newUser, received, registerHousehold, type Household } from './support/arrange';
import { toReadyForNotice } from './support/caseSteps';
import { drawTwoGlyphs } from './support/glyphs';
import { e2eDataDir, startLaterServer, type LaterServer } from './support/laterServer';
import { HOUSEHOLD, residentId } from './support/people';
import { login, rpcCall } from './support/rpc';
import { signIn } from './support/session';

// The A4 forms: each printed to a PDF as the browser's 另存为 PDF would, and read back with
// pdftotext: the case number, the masked IDs, the facts are there, full IDs never; a glyph
// check proves Chinese is drawn. Town, users, households and the cases' steps are set up over
// RPC. A decision needs the notice period over: that part runs on a second hall server over
// the same data, started under faketime days ahead (support/laterServer.ts).

const ADMIN = { username: 'admin', displayName: '吴管理', password: 'Admin#2026dc' };
const CLERK = { username: 'clerk4', displayName: '郑受理', initial: 'Init#2026dd', password: 'Mine#2026dd' };
const APPROVER = { username: 'approver4', displayName: '冯审批', initial: 'Init#2026de', password: 'Mine#2026de' };
/** A second household: its 低保 case goes to notice and is refused after it. */
const NEIGHBOUR = {
  address: '阴平镇烟庄村后街 3 号',
  head: { name: '王德发', residentId: residentId('370404', '19660214', '051') },
  spouse: { name: '赵桂兰', residentId: residentId('370404', '19680630', '062') },
};
const REFUSAL_REASONS = '经核对，家庭人均收入高于本地低保标准';
/** The later server: this spec's port + 100; the notice (7 days) is over 10 days on. */
const SPEC = 'documents';
const LATER_PORT = 5494;
const DAYS_LATER = 10;
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
/** The neighbour's 低保 case: in notice now, refused later. */
let noticed = { id: '', caseNo: '' };
let noticeId = '';
/** The household's 医疗救助 case, referred to the medical insurance bureau. */
let referred = { id: '', caseNo: '' };
let later: LaterServer | null = null;

/** Today's business date in Asia/Shanghai on the real clock, YYYY-MM-DD. */
function businessToday(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

function shown(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${y}年${m}月${d}日`;
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const DIBAO_MATERIALS = ['application_form', 'id_cards', 'household_register', 'authorisations', 'commitment', 'income_statement', 'disability_or_illness'];

/** The neighbour's 低保 case through check, visit and review onto a notice; the household's 医疗救助 referred. */
async function setUpLaterSteps(request: APIRequestContext, villageCode: string, household: Household): Promise<void> {
  const clerkToken = await login(request, CLERK.username, CLERK.password);
  const neighbours = await registerHousehold(request, clerkToken, villageCode, NEIGHBOUR, [['head', NEIGHBOUR.head], ['spouse', NEIGHBOUR.spouse]]);
  noticed = await acceptDibao(request, clerkToken, neighbours, received(DIBAO_MATERIALS));
  await toReadyForNotice(request, clerkToken, noticed.id, neighbours.members, businessToday());
  const notice = await rpcCall<{ id: string }>(
    request,
    'notices.create',
    { villageCode, startDate: businessToday(), entries: [{ caseId: noticed.id, proposedAmountFen: 65_000 }] },
    clerkToken,
  );
  noticeId = notice.id;
  referred = await acceptApplication(request, clerkToken, household, 'yiliao', received(['application_form', 'id_cards', 'medical_bills']));
  await rpcCall(request, 'referrals.send', { caseId: referred.id }, clerkToken);
}

async function setUp(request: APIRequestContext): Promise<{ id: string; caseNo: string }> {
  await rpcCall(request, 'setup.run', { kind: 'town', townCode: '370404101', admin: ADMIN });
  const adminToken = await login(request, ADMIN.username, ADMIN.password);
  await rpcCall(request, 'settings.update', { enquiryPhone: PHONE }, adminToken);
  const clerkToken = await newUser(request, adminToken, CLERK, ['clerk']);
  await newUser(request, adminToken, APPROVER, ['approver']);
  const village = await firstVillage(request, clerkToken);
  const household = await registerHousehold(request, clerkToken, village.code, HOUSEHOLD, [['head', head], ['spouse', spouse], ['son', child]]);
  // 低保 by the head: two papers missing, the income statement replaced by the commitment.
  const status = { application_form: 'missing', household_register: 'missing', income_statement: 'commitment', disability_or_illness: 'missing' } as const;
  const created = await acceptDibao(request, clerkToken, household, received(DIBAO_MATERIALS, status), { commitmentRoute: true });
  await setUpLaterSteps(request, village.code, household);
  return created;
}

test.beforeAll(async ({ playwright }, testInfo) => {
  const baseURL = testInfo.project.use.baseURL;
  if (!baseURL) throw new Error('the documents project has no baseURL');
  const request = await playwright.request.newContext({ baseURL });
  ({ id: caseId, caseNo } = await setUp(request));
  await request.dispose();
});

test.afterAll(async () => {
  await later?.stop();
  later = null;
});

function expectNoFullId(text: string): void {
  for (const p of [head, spouse, child, NEIGHBOUR.head, NEIGHBOUR.spouse]) expect(text).not.toContain(p.residentId);
  expect(text).not.toMatch(/\d{17}[\dX]/);
}


async function expectGlyphs(page: Page): Promise<void> {
  const glyphs = await drawTwoGlyphs(page);
  expect(glyphs.bundledLoaded, 'the bundled Noto Sans SC face is loaded').toBe(true);
  expect(glyphs.differ, '救 and 助 must not be the same (empty) box').toBe(true);
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

test('the approval form, the referral notice and the notice list print on A4; a second print says 补打', async ({ page }, testInfo) => {
  const today = businessToday();
  const sheet = new PrintSheetPage(page);
  await sheet.standInForPrintDialog();
  await signIn(page, '', CLERK);

  // The approval form of a case in notice: the steps so far filled in, the decision blank.
  await page.goto(`/#/cases/${noticed.id}`);
  await page.getByRole('link', { name: '打印审核审批表' }).click();
  await sheet.expectSheet('社会救助审核审批表');
  await expectGlyphs(page);
  await sheet.expectNextCopy(1);
  const form = await sheet.pdfText(testInfo.outputPath('approval_form.pdf'));
  for (const field of [
    noticed.caseNo,
    NEIGHBOUR.head.name,
    masked(NEIGHBOUR.head.residentId),
    NEIGHBOUR.spouse.name,
    masked(NEIGHBOUR.spouse.residentId),
    '最低生活保障',
    '未成年 0 人',
    '合计 ¥0.00',
    '同意受理',
    CLERK.displayName,
    '核对报告编号：HD-',
    '无（各来源均无记录）',
    '朱调查、秦调查',
    '收入低于标准',
    '参加 15 人，同意 14 人',
    `公示期：${shown(today)} 至 ${shown(addDays(today, 7))}`,
    '异议：0 件',
    '□ 同意救助',
  ]) {
    expect(form, field).toContain(field);
  }
  expect(form).not.toContain('补打');
  expectNoFullId(form);

  // Printed once, then saved as PDF: the second copy is marked 补打 on the sheet itself.
  await sheet.print('a4', 2);
  const reprint = await sheet.pdfText(testInfo.outputPath('approval_form_2.pdf'));
  expect(reprint).toContain('补打（第2份）');
  await sheet.print('pdf', 3);
  const printed = await sheet.printedSheets();
  expect(printed).toHaveLength(2);
  expect(printed[0]).toContain(noticed.caseNo);
  expect(printed[0]).not.toContain('补打');
  expect(printed[1]).toContain('补打（第2份）');

  // The referral notice: the department and the date it owes an answer by.
  await sheet.open('referral_notice', referred.id, '社会救助转办告知书');
  await expectGlyphs(page);
  const referral = await sheet.pdfText(testInfo.outputPath('referral_notice.pdf'));
  for (const field of [referred.caseNo, head.name, masked(head.residentId), '医疗救助', '区医疗保障局', '答复期限', PHONE, shown(today)]) {
    expect(referral, field).toContain(field);
  }
  expectNoFullId(referral);
  await sheet.print('a4', 2);

  // The notice list for the village board, by the notice's id.
  await sheet.open('notice_list', noticeId, '社会救助公示名单');
  await expectGlyphs(page);
  const list = await sheet.pdfText(testInfo.outputPath('notice_list.pdf'));
  for (const field of [NEIGHBOUR.head.name, masked(NEIGHBOUR.head.residentId), '最低生活保障', '650.00', `公示期：${shown(today)} 至 ${shown(addDays(today, 7))}`]) {
    expect(list, field).toContain(field);
  }
  expect(list).not.toContain(noticed.caseNo);
  expectNoFullId(list);
  await sheet.print('a4', 2);

  // A refusal notice for a case not refused: the reason, and nothing to print.
  await page.goto(`/#/print/refusal_notice/${caseId}`);
  await expect(page.getByRole('alert')).toContainText('只有作出不予救助决定的案件才能打印不予救助决定通知书');
  await expect(page.getByRole('article')).toHaveCount(0);

  // The case page lists every print: the two copies of the form and the posted list.
  await page.goto(`/#/cases/${noticed.id}`);
  const prints = page.getByRole('table', { name: '打印记录' });
  await expect(prints.getByRole('row')).toHaveCount(4);
  await expect(prints.getByRole('row').nth(1)).toContainText('社会救助审核审批表第1份A4 打印');
  await expect(prints.getByRole('row').nth(2)).toContainText('社会救助审核审批表第2份（补打）另存 PDF');
  await expect(prints.getByRole('row').nth(3)).toContainText('社会救助公示名单第1份A4 打印');
  await expect(prints).toContainText(CLERK.displayName);
  // Only for refused cases: no refusal link here yet.
  await expect(page.getByRole('link', { name: '打印不予救助通知书' })).toHaveCount(0);
});

test(`${DAYS_LATER} days later the refused case prints its refusal notice and the filled-in approval form`, async ({ page, playwright }, testInfo) => {
  later = await startLaterServer({ days: DAYS_LATER, port: LATER_PORT, dataDir: e2eDataDir(SPEC) });
  const origin = later.baseURL;
  const request = await playwright.request.newContext({ baseURL: origin });
  const clerkToken = await login(request, CLERK.username, CLERK.password);
  await rpcCall(request, 'notices.close', { noticeId }, clerkToken);
  const approverToken = await login(request, APPROVER.username, APPROVER.password);
  await rpcCall(
    request,
    'decisions.decide',
    { caseId: noticed.id, outcome: 'refused', amountFen: null, periodStart: null, periodMonths: null, opinion: '不符合低保条件', refusalReasons: REFUSAL_REASONS },
    approverToken,
  );
  await request.dispose();
  const decidedOn = shown(addDays(businessToday(), DAYS_LATER));

  const sheet = new PrintSheetPage(page);
  await sheet.standInForPrintDialog();
  await signIn(page, origin, CLERK);
  await page.goto(`${origin}/#/cases/${noticed.id}`);
  await page.getByRole('link', { name: '打印不予救助通知书' }).click();
  await sheet.expectSheet('不予救助决定通知书');
  await expectGlyphs(page);
  const refusal = await sheet.pdfText(testInfo.outputPath('refusal_notice.pdf'));
  for (const field of [noticed.caseNo, NEIGHBOUR.head.name, masked(NEIGHBOUR.head.residentId), REFUSAL_REASONS, '行政复议', '60日内', '6个月内', '行政诉讼', decidedOn]) {
    expect(refusal, field).toContain(field);
  }
  expectNoFullId(refusal);

  await sheet.open('approval_form', noticed.id, '社会救助审核审批表', origin);
  await sheet.expectNextCopy(3);
  const form = await sheet.pdfText(testInfo.outputPath('approval_form_decided.pdf'));
  for (const field of ['审批结果：不予救助', REFUSAL_REASONS, '不符合低保条件', APPROVER.displayName, decidedOn, '补打（第3份）']) {
    expect(form, field).toContain(field);
  }
  expectNoFullId(form);
});
