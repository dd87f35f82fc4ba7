import { expect, test, type Page } from '@playwright/test';
import { ECONOMIC_CHECK_SOURCES } from '../electron/contract/stepsVocab';
import type { AppShell } from './pages/AppShell';
import { CasePage } from './pages/CasePage';
import { HouseholdPage } from './pages/HouseholdPage';
import { IntakeDialog } from './pages/IntakeDialog';
import { NoticesPage } from './pages/NoticesPage';
import { PaymentPanel } from './pages/PaymentPanel';
import { PrintSheetPage } from './pages/PrintSheetPage';
import { firstVillage, newUser, registerHousehold } from './support/arrange';
import { e2eDataDir, startLaterServer, type LaterServer } from './support/laterServer';
import { HOUSEHOLD } from './support/people';
import { login, rpcCall } from './support/rpc';
import { realBusinessToday, signIn } from './support/session';

// 临时救助 on the normal path (issue 4), in the hall server and Chromium: the town admin books
// the district's 50,000 yuan on the 备用金 page; a clerk accepts a 临时救助 application at the
// window and takes it through the check, the home visit and the village notice; ten days later
// (a second hall server on the same data directory under libfaketime, as in flow.spec.ts) the
// notice is closed and an approver (not the acceptor) decides in 审核确认: the household's aid
// history first, an amount above the town's limit (3,000) refused in the form with the advice to
// submit it to the district, then 1,500 yuan for a cause. In 救助金发放 the approver approves
// the cash payout (the reserve's 可用 falls, 已冻结 shows it), hands the cash over, and prints
// the A4 voucher: amount in capitals and the voucher number. The case reads 已发放; 48,500 left.
// Through the UI, except the set-up of the town, users and household and the check centre's 18
// source results (RPC, as flow.spec.ts does).

const SPEC = 'payoutsnormal';
// The first server is playwright.config.ts's (port 5404); this one is started by the story.
const LATER_PORT = 5504;
// 临时救助 is posted for 5 working days (the default catalogue): ten calendar days cover them.
const DAYS_LATER = 10;

const ADMIN = { username: 'admin', displayName: '孔管理', password: 'Admin#2026pn' };
const CLERK = { username: 'clerk9', displayName: '严受理', initial: 'Init#2026nc', password: 'Mine#2026nc' };
const APPROVER = { username: 'approver9', displayName: '华审批', initial: 'Init#2026na', password: 'Mine#2026na' };
const { head } = HOUSEHOLD;
const LINSHI = '临时救助';

test.describe.configure({ mode: 'serial' });

let householdId = '';
let villageName = '';
let later: LaterServer | null = null;

test.beforeAll(async ({ playwright }, testInfo) => {
  const baseURL = testInfo.project.use.baseURL;
  if (!baseURL) throw new Error('the payoutsnormal project has no baseURL');
  const request = await playwright.request.newContext({ baseURL });
  await rpcCall(request, 'setup.run', { kind: 'town', townCode: '370404101', admin: ADMIN });
  const adminToken = await login(request, ADMIN.username, ADMIN.password);
  const clerkToken = await newUser(request, adminToken, CLERK, ['clerk']);
  await newUser(request, adminToken, APPROVER, ['approver']);
  const village = await firstVillage(request, clerkToken);
  villageName = village.name;
  const household = await registerHousehold(request, clerkToken, village.code, { address: HOUSEHOLD.address }, [['head', head]]);
  householdId = household.id;
  await request.dispose();
});

test.afterAll(async () => {
  await later?.stop();
  later = null;
});

/** Today's business date in Asia/Shanghai on the real clock (the first server's), YYYY-MM-DD. */


/** The 备用金 page's figures, each as shown (¥48,500.00). */
async function expectReserve(page: Page, shell: AppShell, figures: Record<string, string>): Promise<void> {
  await shell.open('备用金');
  for (const [label, shown] of Object.entries(figures)) await expect(page.getByLabel(label, { exact: true })).toContainText(shown);
}

interface Summary {
  balanceFen: number;
  heldFen: number;
  availableFen: number;
}

test('a 临时救助 application from intake through the notice to the decision, the cash payout and the A4 voucher', async ({ page, request }, testInfo) => {
  test.setTimeout(240_000);
  const firstOrigin = testInfo.project.use.baseURL ?? '';
  const today = realBusinessToday();
  const casePage = new CasePage(page);
  const panel = new PaymentPanel(page);
  let caseId = '';
  let caseNo = '';

  await test.step('the town admin books the district allocation of 50,000 yuan', async () => {
    const shell = await signIn(page, firstOrigin, ADMIN);
    await shell.open('备用金');
    const form = page.getByRole('form', { name: '登记拨付或补拨' });
    await form.getByLabel('类型').selectOption({ label: '区级拨付（定额）' });
    await form.getByLabel('金额（元）').fill('50,000');
    await expect(form).toContainText('人民币伍万元整');
    await form.getByLabel('拨付文件号').fill('峄民发〔2026〕31号');
    await form.getByRole('button', { name: '登记' }).click();
    await expect(form.getByRole('alert').filter({ hasText: '已登记' })).toContainText('¥50,000.00');
    await expect(page.getByLabel('可用', { exact: true })).toContainText('¥50,000.00');
    await shell.logOut();
  });

  const shell = await signIn(page, firstOrigin, CLERK);
  await test.step('the clerk accepts a 临时救助 application (急难型) at the window', async () => {
    await page.goto(`${firstOrigin}/#/registry/household/${householdId}`);
    const household = new HouseholdPage(page);
    await household.expectHousehold(head.name);
    await household.startIntake();
    const intake = new IntakeDialog(page);
    await intake.dialog.getByLabel('申请事由').fill('家中失火，衣物口粮被烧毁');
    await intake.chooseKind(LINSHI, '已收取');
    await intake.kind(LINSHI).getByLabel(`${LINSHI}类别`).selectOption({ label: '急难型' });
    await intake.submit();
    await expect(intake.dialog).toBeHidden();
    const link = page.getByRole('table', { name: '本次受理的案件' }).getByRole('link');
    await expect(link).toHaveCount(1);
    caseNo = (await link.textContent()) ?? '';
    expect(caseNo).toMatch(/^370404101-\d{4}-\d{5}$/);
    await link.click();
    await casePage.expectState('已受理');
    caseId = page.url().split('/').pop() ?? '';
  });

  await test.step('signatures, the economic check (results over RPC) and the home visit bring it to 待公示', async () => {
    await casePage.recordSignature('告知承诺书', `${head.name}（申请人）`, today);
    await casePage.recordSignature('家庭经济状况核对授权书', head.name, today);
    await expect(casePage.signatures).not.toContainText('未签');
    await casePage.check.getByRole('button', { name: '发起核对' }).click();
    await casePage.expectState('经济状况核对中');
    const token = await login(request, CLERK.username, CLERK.password);
    const check = await rpcCall<{ id: string }>(request, 'checks.get', { caseId }, token);
    for (const source of ECONOMIC_CHECK_SOURCES) {
      await rpcCall(request, 'checks.recordResult', { checkId: check.id, source, outcome: 'no_record', figures: {}, note: '' }, token);
    }
    await page.reload();
    await expect(casePage.checkResults.getByRole('cell', { name: '无记录' })).toHaveCount(ECONOMIC_CHECK_SOURCES.length);
    await casePage.completeCheck('峄核〔2026〕1129号', today);
    await casePage.expectState('入户调查中');
    const dialog = await casePage.fillStep('入户调查', {
      调查人一: '赵调查',
      调查人二: '吴调查',
      住房情况: '砖房两间，其中一间失火烧毁',
      [`${head.name} 月收入（元）`]: '900',
      致困原因: '家中失火，衣物口粮被烧毁',
      调查结论: '情况属实，生活暂时困难',
    });
    await expect(dialog).toBeHidden();
    // 临时救助 has no village review (requiresReview false): straight to the notice.
    await casePage.expectState('待公示');
  });

  const notice = await test.step('公示 is published; closing it today is refused', async () => {
    await shell.open('公示');
    const notices = new NoticesPage(page);
    await expect(notices.candidates(villageName).getByRole('row').filter({ hasText: caseNo })).toContainText(head.name);
    await notices.publish(caseNo, '1500');
    await expect(notices.sheet).toContainText(head.name);
    const period = await notices.period();
    await notices.close();
    await expect(page.getByRole('alert')).toContainText('期满后才能结束公示');
    await shell.logOut();
    return period;
  });

  // ---- ten days later, the same office: the second server on the same data directory.
  later = await startLaterServer({ days: DAYS_LATER, port: LATER_PORT, dataDir: e2eDataDir(SPEC) });
  const laterOrigin = later.baseURL;

  await test.step(`${DAYS_LATER} days later the clerk closes the notice`, async () => {
    const laterShell = await signIn(page, laterOrigin, CLERK);
    await laterShell.open('公示');
    const notices = new NoticesPage(page);
    await notices.running.filter({ hasText: `${notice.start} 至 ${notice.end}，1 件` }).click();
    await expect(notices.sheet).toContainText(head.name);
    await notices.close();
    await expect(page.getByText('公示已结束，案件转入审核确认')).toBeVisible();
    await laterShell.logOut();
  });

  const approverShell = await signIn(page, laterOrigin, APPROVER);
  await test.step('审核确认: the aid history first; above the town limit the form says 报区级审批; 1,500 yuan approved', async () => {
    await page.goto(`${laterOrigin}/#/cases/${caseId}`);
    await casePage.expectState('待审核确认');
    const decides: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/rpc/decisions.decide')) decides.push(r.url());
    });
    const dialog = await casePage.openStep('审核确认');
    await expect(dialog.getByLabel('审核结果')).toContainText('批准');
    await expect(dialog.getByRole('group', { name: '家庭救助记录' })).toContainText('该户此前未获救助');
    await dialog.getByLabel('救助事由').selectOption({ label: '火灾' });
    await dialog.getByLabel('审核意见').fill('经入户调查和公示，情况属实，同意临时救助');
    const amount = dialog.getByLabel('救助金额（一次性，元）');
    await amount.fill('4,000');
    const over = dialog.getByRole('alert', { name: '超过审批限额' });
    await expect(over).toContainText('¥3,000.00');
    await expect(over).toContainText('报区级审批');
    const confirm = dialog.getByRole('button', { name: '确认' });
    await expect(confirm).toBeDisabled();
    // Ctrl+Enter (the dialogs' keyboard submit) sends nothing either: counted below.
    await amount.press('Control+Enter');
    await expect(dialog).toBeVisible();

    await amount.fill('1,500');
    await expect(over).toHaveCount(0);
    await expect(dialog).toContainText('¥1,500.00（大写：人民币壹仟伍佰元整）');
    await confirm.click();
    await expect(dialog).toBeHidden();
    await casePage.expectState('已批准');
    // One decision sent: the 4,000 yuan never left the form.
    expect(decides).toHaveLength(1);
    await expect(panel.fact('已批准待发放')).toContainText('¥1,500.00');
  });

  await test.step('批准发放 in cash to the applicant: 1,500 yuan held, 可用 down by as much', async () => {
    const dialog = await panel.open('批准发放');
    await expect(dialog.getByLabel('批准金额')).toContainText('¥1,500.00（大写：人民币壹仟伍佰元整）');
    await dialog.getByRole('button', { name: '批准发放' }).click();
    await expect(dialog).toBeHidden();
    await expect(panel.fact('发放状态')).toHaveText('已批准待发放');
    await expect(panel.fact('备用金可用')).toHaveText('¥48,500.00');
    await expectReserve(page, approverShell, { 账面余额: '¥50,000.00', '已冻结（已审批未发放）': '¥1,500.00', 可用: '¥48,500.00' });
  });

  let voucherNo = '';
  await test.step('发放现金: the voucher number shown', async () => {
    await page.goto(`${laterOrigin}/#/cases/${caseId}`);
    const dialog = await panel.open('发放现金');
    await expect(dialog.getByLabel('发放金额')).toHaveText('¥1,500.00（人民币壹仟伍佰元整）');
    await dialog.getByRole('button', { name: '确认发放' }).click();
    await expect(dialog).toBeHidden();
    await expect(panel.fact('发放状态')).toHaveText('已发放');
    voucherNo = (await panel.fact('凭证号').textContent()) ?? '';
    expect(voucherNo).not.toBe('');
    await casePage.expectState('已发放');
  });

  await test.step('打印凭证（A4）: the sheet carries the amount in capitals and the voucher number', async () => {
    await panel.region.getByRole('link', { name: '打印凭证（A4）' }).click();
    await new PrintSheetPage(page).expectSheet('救助金发放凭证');
    const sheet = page.getByRole('article', { name: '救助金发放凭证' });
    await expect(sheet).toContainText('人民币壹仟伍佰元整');
    await expect(sheet).toContainText(voucherNo);
    await expect(sheet).toContainText(head.name);
    await page.getByRole('link', { name: '返回' }).click();
    await casePage.expectState('已发放');
  });

  await test.step('the timeline: each step once, the decision and the payment by the approver', async () => {
    const column = await casePage.timeline.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(column).toEqual(['受理', '发起经济状况核对', '核对完成', '入户调查完成', '开始公示', '公示期满', '审核确认', '发放']);
    await expect(casePage.row(casePage.timeline, '受理')).toContainText(CLERK.displayName);
    await expect(casePage.row(casePage.timeline, '审核确认')).toContainText('待审核确认 → 已批准');
    await expect(casePage.row(casePage.timeline, '审核确认')).toContainText(APPROVER.displayName);
    await expect(casePage.row(casePage.timeline, '发放')).toContainText('已批准 → 已发放');
  });

  await test.step('the reserve: 48,500 yuan on the books, nothing held', async () => {
    await expectReserve(page, approverShell, { 账面余额: '¥48,500.00', '已冻结（已审批未发放）': '¥0.00', 可用: '¥48,500.00' });
    const token = await login(request, APPROVER.username, APPROVER.password);
    const summary = await rpcCall<Summary>(request, 'reserve.summary', {}, token);
    expect(summary).toMatchObject({ balanceFen: 4_850_000, heldFen: 0, availableFen: 4_850_000 });
  });

  await later.stop();
  later = null;
});
