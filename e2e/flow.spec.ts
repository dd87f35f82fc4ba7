import { expect, test, type Page } from '@playwright/test';
import { ECONOMIC_CHECK_SOURCES } from '../electron/contract/stepsVocab';
import type { AppShell } from './pages/AppShell';
import { CasePage } from './pages/CasePage';
import { HouseholdPage } from './pages/HouseholdPage';
import { IntakeDialog } from './pages/IntakeDialog';
import { NoticesPage } from './pages/NoticesPage';
import { PrintSheetPage } from './pages/PrintSheetPage';
import { firstVillage, newUser, registerHousehold } from './support/arrange';
import { e2eDataDir, startLaterServer, type LaterServer } from './support/laterServer';
import { HOUSEHOLD } from './support/people';
import { login, rpcCall } from './support/rpc';
import { realBusinessToday, signIn } from './support/session';

// One 低保 application from the counter to the approver's decision, in the hall server and
// Chromium: intake with a material missing (one-time notice, completed later), signatures, the
// economic check, the home visit, the village review, a notice that draws an objection, the
// visit and review again, a second notice, and — ten days later, the same office — the notice
// closed and the case approved by an approver. Through the UI throughout, except that the
// town, users and household are set up over RPC and the check centre's 18 source results are
// keyed in over RPC (repetitive data entry).
//
// Time: the app reads only its system clock, and notices cannot start in the past or end
// early, so the later part runs on a second hall server over the same data directory started
// under libfaketime (+10 days; 低保 is posted 7 days). The browser keeps the real clock, so
// every date the story types in after the jump is read from what the later server shows.

const SPEC = 'flow';
// The first server is playwright.config.ts's (port 5398); this one is started by the story.
const LATER_PORT = 5498;
const DAYS_LATER = 10;

const ADMIN = { username: 'admin', displayName: '郑管理', password: 'Admin#2026fl' };
const CLERK = { username: 'clerk7', displayName: '韩受理', initial: 'Init#2026fc', password: 'Mine#2026fc' };
const APPROVER = { username: 'approver7', displayName: '曹审批', initial: 'Init#2026fa', password: 'Mine#2026fa' };
const { head, spouse, child } = HOUSEHOLD;
const DIBAO = '最低生活保障';
const MISSING = '家庭收入情况说明';
const OPTIONAL_MISSING = '残疾证或疾病诊断证明';

test.describe.configure({ mode: 'serial' });

let householdId = '';
let villageName = '';
let later: LaterServer | null = null;

test.beforeAll(async ({ playwright }, testInfo) => {
  const baseURL = testInfo.project.use.baseURL;
  if (!baseURL) throw new Error('the flow project has no baseURL');
  const request = await playwright.request.newContext({ baseURL });
  await rpcCall(request, 'setup.run', { kind: 'town', townCode: '370404101', admin: ADMIN });
  const adminToken = await login(request, ADMIN.username, ADMIN.password);
  const clerkToken = await newUser(request, adminToken, CLERK, ['clerk']);
  await newUser(request, adminToken, APPROVER, ['approver']);
  const village = await firstVillage(request, clerkToken);
  villageName = village.name;
  const household = await registerHousehold(request, clerkToken, village.code, HOUSEHOLD, [['head', head], ['spouse', spouse], ['son', child]]);
  householdId = household.id;
  await request.dispose();
});

test.afterAll(async () => {
  await later?.stop();
  later = null;
});

/** Today's business date in Asia/Shanghai on the real clock (the first server's), YYYY-MM-DD. */

/** 2026年11月28日 (as the UI shows dates) → 2026-11-28. */
function isoOf(shown: string): string {
  const m = /(\d{4})年(\d{2})月(\d{2})日/.exec(shown);
  if (!m) throw new Error(`not a date as shown: ${shown}`);
  return `${m[1]}-${m[2]}-${m[3]}`;
}


/** The home visit as the clerk records it in the 入户调查 dialog. */
async function recordVisit(casePage: CasePage, conclusion: string): Promise<void> {
  const dialog = await casePage.fillStep('入户调查', {
    调查人一: '赵调查',
    调查人二: '吴调查',
    住房情况: '自建砖房两间',
    [`${head.name} 月收入（元）`]: '800',
    致困原因: '户主患病丧失劳动能力',
    调查结论: conclusion,
  });
  await expect(dialog).toBeHidden();
  await casePage.expectState('民主评议中');
}

async function recordReview(casePage: CasePage, opinion: string): Promise<void> {
  const dialog = await casePage.fillStep('民主评议', { 参加人数: '15', 同意人数: '14', 评议意见: opinion });
  await expect(dialog).toBeHidden();
  await casePage.expectState('待公示');
}

/** 发布公示 on the 公示 page; returns the notice's id (from the server's answer) and period as shown. */
async function publishNotice(page: Page, shell: AppShell, caseNo: string, amount: string): Promise<{ id: string; start: string; end: string }> {
  await shell.open('公示');
  const notices = new NoticesPage(page);
  await expect(notices.candidates(villageName).getByRole('row').filter({ hasText: caseNo })).toContainText(head.name);
  const created = page.waitForResponse((r) => r.url().endsWith('/api/rpc/notices.create'));
  await notices.publish(caseNo, amount);
  const body = (await (await created).json()) as { ok: boolean; value: { id: string } };
  expect(body.ok).toBe(true);
  await expect(notices.sheet).toContainText(head.name);
  await expect(notices.sheet).not.toContainText(head.residentId);
  await expect(notices.sheet).not.toContainText(child.name);
  return { id: body.value.id, ...(await notices.period()) };
}

test('a 低保 application from intake through check, visit, review, notice with an objection, to the approver', async ({ page, request }, testInfo) => {
  test.setTimeout(240_000);
  const firstOrigin = testInfo.project.use.baseURL ?? '';
  const today = realBusinessToday();
  const casePage = new CasePage(page);
  let caseId = '';
  let caseNo = '';

  const shell = await signIn(page, firstOrigin, CLERK);
  await test.step('intake: 低保 accepted with the income statement missing; the one-time notice lists it', async () => {
    await page.goto(`${firstOrigin}/#/registry/household/${householdId}`);
    const household = new HouseholdPage(page);
    await household.expectHousehold(head.name);
    await household.startIntake();
    const intake = new IntakeDialog(page);
    await intake.dialog.getByLabel('申请事由').fill('户主患病，家庭收入低于当地低保标准');
    await intake.chooseKind(DIBAO, '已收取');
    await intake.setMaterial(DIBAO, MISSING, '缺少');
    await intake.setMaterial(DIBAO, OPTIONAL_MISSING, '缺少');
    await intake.submit();
    await expect(intake.dialog).toBeHidden();
    const notice = page.getByRole('region', { name: '一次性告知单' });
    await expect(notice.getByRole('listitem')).toHaveText([MISSING]);
    const cases = page.getByRole('region', { name: '本次受理结果' }).getByRole('table', { name: '本次受理的案件' });
    await expect(cases).toContainText('材料不全待补齐');
    const link = cases.getByRole('link');
    caseNo = (await link.textContent()) ?? '';
    expect(caseNo).toMatch(/^370404101-\d{4}-\d{5}$/);
    await link.click();
    await casePage.expectState('材料不全待补齐');
    caseId = page.url().split('/').pop() ?? '';
  });

  await test.step('the one-time notice prints as an A4 sheet naming the missing material', async () => {
    await page.getByRole('link', { name: '打印一次性告知单' }).click();
    const sheet = new PrintSheetPage(page);
    await sheet.expectSheet('一次性告知单');
    await expect(page.getByRole('article', { name: '一次性告知单' })).toContainText(MISSING);
    await page.getByRole('link', { name: '返回' }).click();
    await casePage.expectState('材料不全待补齐');
  });

  await test.step('the applicant comes back once: materials completed, then the signatures', async () => {
    await casePage.completeMaterials({ [MISSING]: '已收取' });
    await casePage.expectState('已受理');
    await casePage.recordSignature('告知承诺书', `${head.name}（申请人）`, today);
    await casePage.recordSignature('家庭经济状况核对授权书', head.name, today);
    await casePage.recordSignature('家庭经济状况核对授权书', spouse.name, today);
    await expect(casePage.signatures).not.toContainText('未签');
  });

  await test.step('the economic check: requested in the UI, 18 results keyed in over RPC, completed in the UI', async () => {
    await casePage.check.getByRole('button', { name: '发起核对' }).click();
    await casePage.expectState('经济状况核对中');
    await expect(casePage.checkResults.getByRole('cell', { name: '待登记' })).toHaveCount(ECONOMIC_CHECK_SOURCES.length);
    const token = await login(request, CLERK.username, CLERK.password);
    const check = await rpcCall<{ id: string }>(request, 'checks.get', { caseId }, token);
    for (const source of ECONOMIC_CHECK_SOURCES) {
      await rpcCall(request, 'checks.recordResult', { checkId: check.id, source, outcome: 'no_record', figures: {}, note: '' }, token);
    }
    // The clerk comes back to the case from 我的任务, where it waits under 核对中.
    await shell.open('我的任务');
    await page.getByRole('region', { name: /^核对中/ }).getByRole('link', { name: caseNo }).click();
    await expect(casePage.checkResults.getByRole('row')).toHaveCount(ECONOMIC_CHECK_SOURCES.length + 1);
    await expect(casePage.checkResults.getByRole('cell', { name: '无记录' })).toHaveCount(ECONOMIC_CHECK_SOURCES.length);
    await casePage.completeCheck('峄核〔2026〕0901号', today);
    await casePage.expectState('入户调查中');
  });

  await test.step('the home visit and the village review bring the case to 待公示', async () => {
    await recordVisit(casePage, '情况属实，收入低于标准');
    await recordReview(casePage, '同意纳入低保');
  });

  const first = await test.step('公示: the village notice is published for 7 days', async () => {
    const notice = await publishNotice(page, shell, caseNo, '650');
    expect(isoOf(notice.start)).toBe(today);
    const days = (Date.parse(isoOf(notice.end)) - Date.parse(isoOf(notice.start))) / 86_400_000;
    expect(days).toBe(7);
    await expect(new NoticesPage(page).sheet).toContainText('650.00');
    return notice;
  });

  await test.step('a villager objects: the case goes back to the home visit', async () => {
    await new NoticesPage(page).recordObjection(caseNo, '村民反映该户子女有务工收入');
    await expect(page.getByText(`已登记异议，案件 ${caseNo} 退回入户调查`)).toBeVisible();
    await shell.open('我的任务');
    await page.getByRole('region', { name: /^待入户调查/ }).getByRole('link', { name: caseNo }).click();
    await casePage.expectState('入户调查中');
    await expect(casePage.row(casePage.timeline, '公示期收到异议')).toContainText('公示中 → 入户调查中');
    await expect(casePage.row(casePage.timeline, '公示期收到异议')).toContainText('村民反映该户子女有务工收入');
    await expect(casePage.row(casePage.timeline, '公示期收到异议')).toContainText('重新入户调查');
  });

  await test.step('visited and reviewed again, the case needs a new notice', async () => {
    await recordVisit(casePage, '复查：子女在外务工收入不稳定，情况基本属实');
    await recordReview(casePage, '复议同意纳入低保');
  });

  const second = await test.step('a second notice; closing it today is refused', async () => {
    const notice = await publishNotice(page, shell, caseNo, '620');
    expect(notice.id).not.toBe(first.id);
    await new NoticesPage(page).close();
    await expect(page.getByRole('alert')).toContainText('期满后才能结束公示');
    return notice;
  });

  await test.step('the approver has nothing to decide while the notice runs', async () => {
    await shell.logOut();
    const approverShell = await signIn(page, firstOrigin, APPROVER);
    await approverShell.open('我的任务');
    await expect(page.getByText('暂无待办案件')).toBeVisible();
    await expect(page.getByRole('region', { name: /^待审核确认/ })).toHaveCount(0);
    await page.goto(`${firstOrigin}/#/cases/${caseId}`);
    await casePage.expectState('公示中');
    await expect(page.getByRole('button', { name: '审核确认' })).toHaveCount(0);
  });

  // ---- ten days later, the same office: the second server on the same data directory.
  later = await startLaterServer({ days: DAYS_LATER, port: LATER_PORT, dataDir: e2eDataDir(SPEC) });
  const laterOrigin = later.baseURL;
  let closedOn = '';

  await test.step(`${DAYS_LATER} days later the clerk sees the notice over and closes it`, async () => {
    const laterShell = await signIn(page, laterOrigin, CLERK);
    await laterShell.open('我的任务');
    const inNotice = page.getByRole('region', { name: /^公示中/ });
    await expect(inNotice.getByRole('row').filter({ hasText: caseNo })).toContainText(`公示截止 ${second.end}`);
    await laterShell.open('公示');
    const notices = new NoticesPage(page);
    // Only the second notice still runs: the objection took the case off the first.
    await expect(notices.running).toHaveCount(1);
    await notices.running.filter({ hasText: `${second.start} 至 ${second.end}，1 件` }).click();
    await expect(notices.sheet).toContainText(head.name);
    await notices.close();
    await expect(page.getByText('公示已结束，案件转入审核确认')).toBeVisible();
    await page.goto(`${laterOrigin}/#/cases/${caseId}`);
    await casePage.expectState('待审核确认');
    const closed = casePage.row(casePage.timeline, '公示期满');
    await expect(closed).toContainText('公示中 → 待审核确认');
    closedOn = (await closed.getByRole('cell').first().textContent()) ?? '';
    expect(isoOf(closedOn) > isoOf(second.end)).toBe(true);
    await laterShell.logOut();
  });

  await test.step('the approver finds the case under 待审核确认 and approves it', async () => {
    const approverShell = await signIn(page, laterOrigin, APPROVER);
    await approverShell.open('我的任务');
    const deciding = page.getByRole('region', { name: '待审核确认（1）' });
    await deciding.getByRole('link', { name: caseNo }).click();
    await casePage.expectState('待审核确认');
    const dialog = await casePage.openStep('审核确认');
    await expect(dialog.getByLabel('审核结果')).toContainText('批准');
    await dialog.getByLabel('每月保障金额（元）').fill('620');
    await expect(dialog).toContainText('陆佰贰拾元整');
    await dialog.getByLabel('救助起始日期').fill(isoOf(closedOn));
    await dialog.getByLabel('救助月数').fill('12');
    await dialog.getByLabel('审核意见').fill('经入户调查、民主评议和公示，符合低保条件，同意批准');
    await dialog.getByRole('button', { name: '确认' }).click();
    await expect(dialog).toBeHidden();
    await casePage.expectState('已批准');
  });

  await test.step('the timeline tells the whole story and the household history shows the approval', async () => {
    await expect(casePage.timeline.getByRole('row').last()).toContainText('审核确认');
    const column = await casePage.timeline.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(column).toEqual([
      '受理',
      '材料补齐',
      '发起经济状况核对',
      '核对完成',
      '入户调查完成',
      '民主评议完成',
      '开始公示',
      '公示期收到异议',
      '入户调查完成',
      '民主评议完成',
      '开始公示',
      '公示期满',
      '审核确认',
    ]);
    await expect(casePage.row(casePage.timeline, '审核确认')).toContainText(APPROVER.displayName);
    await expect(casePage.row(casePage.timeline, '受理')).toContainText(CLERK.displayName);
    const history = page.getByRole('table', { name: '本户案件' });
    await expect(history.getByRole('row').filter({ hasText: caseNo })).toContainText('已批准');
  });

  await later.stop();
  later = null;
});
