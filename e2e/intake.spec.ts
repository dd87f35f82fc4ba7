import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { AppShell } from './pages/AppShell';
import { CasePage } from './pages/CasePage';
import { HouseholdPage } from './pages/HouseholdPage';
import { IntakeDialog } from './pages/IntakeDialog';
import { LoginPage } from './pages/LoginPage';
import { firstVillage, newUser, registerHousehold } from './support/arrange';
import { HOUSEHOLD } from './support/people';
import { login, rpcCall } from './support/rpc';

// The counter: a clerk accepts a 低保 application with one required material missing, hands
// over the one-time notice, completes the materials later, and records the signatures; the
// case page keeps the whole story. Town, users and the household are set up over RPC.

const ADMIN = { username: 'admin', displayName: '周管理', password: 'Admin#2026in' };
const CLERK = { username: 'clerk3', displayName: '钱受理', initial: 'Init#2026kk', password: 'Mine#2026qq' };
// A second counter clerk keys the check centre's results in over RPC, for speed.
const CHECK_CLERK = { username: 'clerk4', displayName: '孙核对', initial: 'Init#2026kc', password: 'Mine#2026qc' };
const { head, spouse, child } = HOUSEHOLD;
const DIBAO = '最低生活保障';
const MISSING = '家庭收入情况说明';
const YILIAO = '医疗救助';

test.describe.configure({ mode: 'serial' });

let householdId = '';
let caseId = '';
let checkClerkToken = '';

async function setUp(request: APIRequestContext): Promise<string> {
  await rpcCall(request, 'setup.run', { kind: 'town', townCode: '370404101', admin: ADMIN });
  const adminToken = await login(request, ADMIN.username, ADMIN.password);
  const clerkToken = await newUser(request, adminToken, CLERK, ['clerk']);
  checkClerkToken = await newUser(request, adminToken, CHECK_CLERK, ['clerk']);
  const village = await firstVillage(request, clerkToken);
  const household = await registerHousehold(request, clerkToken, village.code, HOUSEHOLD, [['head', head], ['spouse', spouse], ['son', child]]);
  return household.id;
}

/** Today's business date in Asia/Shanghai, as YYYY-MM-DD and as shown (2026年11月28日). */
function businessToday(): { iso: string; shown: string } {
  const iso = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const [y, m, d] = iso.split('-');
  return { iso, shown: `${y}年${m}月${d}日` };
}

test.beforeAll(async ({ playwright }, testInfo) => {
  const baseURL = testInfo.project.use.baseURL;
  if (!baseURL) throw new Error('the intake project has no baseURL');
  const request = await playwright.request.newContext({ baseURL });
  householdId = await setUp(request);
  await request.dispose();
});

test('a 低保 application missing one material: notice, completion, signatures, timeline', async ({ page }) => {
  const today = businessToday();
  await page.goto('/');
  await new LoginPage(page).logIn(CLERK.username, CLERK.password);
  await new AppShell(page).expectSignedInAs(CLERK.displayName);
  await page.goto(`/#/registry/household/${householdId}`);
  const household = new HouseholdPage(page);
  await household.expectHousehold(head.name);

  const intake = new IntakeDialog(page);
  await test.step('the server names what the form left unstated, next to the kind', async () => {
    await household.startIntake();
    await expect(intake.dialog.getByLabel('申请人')).toHaveValue(/.+/);
    await expect(intake.dialog.getByLabel('申请人').locator('option:checked')).toHaveText(`${head.name}（户主）`);
    await intake.dialog.getByLabel('申请事由').fill('家庭收入低于当地低保标准');
    await intake.kind(DIBAO).getByRole('checkbox', { name: DIBAO }).check();
    await intake.submit();
    await expect(intake.kind(DIBAO)).toContainText('还有材料未登记收取情况');
  });

  await test.step('accept it with the income statement missing', async () => {
    await intake.chooseKind(DIBAO, '已收取');
    // Without the commitment route nothing may be promised instead.
    await expect(intake.material(DIBAO, MISSING).getByRole('radio', { name: '告知承诺替代' })).toHaveCount(0);
    await intake.setMaterial(DIBAO, MISSING, '缺少');
    await intake.setMaterial(DIBAO, '残疾证或疾病诊断证明', '缺少');
    await intake.submit();
    await expect(intake.dialog).toBeHidden();
  });

  const result = page.getByRole('region', { name: '本次受理结果' });
  const notice = page.getByRole('region', { name: '一次性告知单' });
  await test.step('the result lists the case and the one-time notice lists the missing material only', async () => {
    const cases = result.getByRole('table', { name: '本次受理的案件' });
    await expect(cases.getByRole('row')).toHaveCount(2);
    await expect(cases).toContainText('材料不全待补齐');
    await expect(notice).toContainText(DIBAO);
    await expect(notice.getByRole('listitem')).toHaveText([MISSING]);
    await expect(result.getByRole('button', { name: '打印一次性告知单' })).toBeVisible();
    // The household page's own list of its cases (how an older case is found again) has it too.
    const history = page.getByRole('table', { name: '本户案件' });
    await expect(history.getByRole('row')).toHaveCount(2);
    await expect(history).toContainText('材料不全待补齐');
    await cases.getByRole('link').click();
  });

  const casePage = new CasePage(page);
  await test.step('the case page shows it waiting for the material', async () => {
    await casePage.expectState('材料不全待补齐');
    await expect(casePage.fact('承诺办结日期')).toHaveText('补齐材料后起算');
    await expect(casePage.fact('申请人')).toContainText(head.name);
    await expect(casePage.fact('申请人')).not.toContainText(head.residentId);
    await expect(casePage.row(casePage.materials, MISSING)).toContainText('缺少');
    caseId = page.url().split('/').pop() ?? '';
  });

  await test.step('补齐材料 accepts the case with a promised date', async () => {
    await casePage.completeMaterials({ [MISSING]: '已收取' });
    await casePage.expectState('已受理');
    await expect(casePage.fact('承诺办结日期')).toHaveText(/^\d{4}年\d{2}月\d{2}日$/);
    await expect(casePage.row(casePage.materials, MISSING)).toContainText('已收取');
  });

  await test.step('the applicant signs the commitment and each adult the authorisation', async () => {
    await expect(casePage.signatures.getByRole('row')).toHaveCount(4);
    await casePage.recordSignature('告知承诺书', `${head.name}（申请人）`, today.iso);
    await casePage.recordSignature('家庭经济状况核对授权书', head.name, today.iso);
    await casePage.recordSignature('家庭经济状况核对授权书', spouse.name, today.iso);
    await expect(casePage.signatures).not.toContainText('未签');
    await expect(casePage.row(casePage.signatures, '告知承诺书', head.name)).toContainText(today.shown);
    await expect(casePage.row(casePage.signatures, '家庭经济状况核对授权书', spouse.name)).toContainText(today.shown);
    await expect(casePage.signatures).not.toContainText(child.name);
  });

  await test.step('the timeline shows who did what', async () => {
    await expect(casePage.row(casePage.timeline, '受理')).toContainText(CLERK.displayName);
    await expect(casePage.row(casePage.timeline, '受理')).toContainText('材料不全待补齐');
    await expect(casePage.row(casePage.timeline, '材料补齐')).toContainText('材料不全待补齐 → 已受理');
    await expect(page.getByRole('table', { name: '本户案件' }).getByRole('row')).toHaveCount(2);
  });
});

async function openCaseAsClerk(page: Page, id: string): Promise<CasePage> {
  await page.goto('/');
  await new LoginPage(page).logIn(CLERK.username, CLERK.password);
  await new AppShell(page).expectSignedInAs(CLERK.displayName);
  await page.goto(`/#/cases/${id}`);
  return new CasePage(page);
}

test('after the signatures: the economic check, the home visit and the village review', async ({ page, request }) => {
  const today = businessToday();
  expect(caseId).not.toBe('');
  const casePage = await openCaseAsClerk(page, caseId);
  await casePage.expectState('已受理');
  // Only the step the server allows now is offered.
  await expect(page.getByRole('button', { name: '入户调查', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '转办', exact: true })).toHaveCount(0);

  await test.step('发起核对 lists the 18 sources waiting for results', async () => {
    await expect(casePage.check).toContainText('尚未发起核对');
    await casePage.check.getByRole('button', { name: '发起核对' }).click();
    await casePage.expectState('经济状况核对中');
    await expect(casePage.checkResults.getByRole('row')).toHaveCount(19);
    await expect(casePage.checkResults.getByRole('cell', { name: '待登记' })).toHaveCount(18);
    await expect(casePage.check.getByRole('button', { name: '完成核对' })).toHaveCount(0);
  });

  await test.step('the centre reports 17 sources over RPC and the clerk keys the last one in', async () => {
    const check = await rpcCall<{ id: string; missingSources: string[] }>(request, 'checks.get', { caseId }, checkClerkToken);
    const [last, ...rest] = [...check.missingSources].reverse();
    if (!last) throw new Error('the check has no sources');
    for (const source of rest) {
      const found = source === 'human_resources';
      await rpcCall(
        request,
        'checks.recordResult',
        { checkId: check.id, source, outcome: found ? 'found' : 'no_record', figures: found ? { incomeFen: 120_000 } : {}, note: '' },
        checkClerkToken,
      );
    }
    await page.reload();
    await expect(casePage.checkResults.getByRole('cell', { name: '待登记' })).toHaveCount(1);
    await expect(casePage.row(casePage.checkResults, '人力资源社会保障')).toContainText('有记录 收入 ¥1,200.00');
    await casePage.recordCheckResult('行政审批（企业注册）', { '工商登记（户）': '1', '收入（元）': '350.5' }, '个体工商户一户');
    await expect(casePage.row(casePage.checkResults, '行政审批（企业注册）')).toContainText('有记录 收入 ¥350.50；工商登记 1 户');
    await expect(casePage.checkResults.getByRole('cell', { name: '待登记' })).toHaveCount(0);
  });

  await test.step('完成核对 records the report and moves the case to the home visit', async () => {
    await casePage.completeCheck('峄核〔2026〕0815号', today.iso);
    await casePage.expectState('入户调查中');
    await expect(casePage.check.getByLabel('核对报告编号')).toContainText('峄核〔2026〕0815号');
    await expect(casePage.check.getByLabel('有效期至')).toContainText(/\d{4}年\d{2}月\d{2}日/);
  });

  await test.step('入户调查: a wrong amount is named at its field, then the visit is recorded', async () => {
    const fields = {
      调查人一: '赵调查',
      调查人二: '吴调查',
      住房情况: '自建砖房两间',
      [`${head.name} 月收入（元）`]: '12.345',
      致困原因: '户主患病丧失劳动能力',
      调查结论: '情况属实',
    };
    const dialog = await casePage.fillStep('入户调查', fields);
    await expect(dialog.getByText('金额格式不正确', { exact: false })).toBeVisible();
    await dialog.getByLabel(`${head.name} 月收入（元）`).fill('800');
    await dialog.getByLabel('调查结论').press('Control+Enter');
    await expect(dialog).toBeHidden();
    await casePage.expectState('民主评议中');
  });

  await test.step('民主评议: the server names a missing opinion, then the review moves the case on', async () => {
    const dialog = await casePage.fillStep('民主评议', { 参加人数: '15', 同意人数: '14' });
    await expect(dialog.getByText('请填写评议意见', { exact: true })).toBeVisible();
    await dialog.getByLabel('评议意见').fill('同意纳入低保');
    await dialog.getByLabel('评议意见').press('Control+Enter');
    await expect(dialog).toBeHidden();
    await casePage.expectState('待公示');
    await expect(casePage.row(casePage.timeline, '民主评议完成')).toContainText('民主评议中 → 待公示');
  });
});

test('a 医疗救助 application is referred to its department and the answer recorded', async ({ page }) => {
  await page.goto('/');
  await new LoginPage(page).logIn(CLERK.username, CLERK.password);
  await new AppShell(page).expectSignedInAs(CLERK.displayName);
  await page.goto(`/#/registry/household/${householdId}`);
  const household = new HouseholdPage(page);
  await household.expectHousehold(head.name);
  const intake = new IntakeDialog(page);
  await household.startIntake();
  await intake.dialog.getByLabel('申请事由').fill('住院医疗费用负担重');
  await intake.chooseKind(YILIAO, '已收取');
  await intake.submit();
  await expect(intake.dialog).toBeHidden();
  await page.getByRole('region', { name: '本次受理结果' }).getByRole('table', { name: '本次受理的案件' }).getByRole('link').click();

  const casePage = new CasePage(page);
  await casePage.expectState('已受理');
  await expect(casePage.check).toHaveCount(0);
  await page.getByRole('button', { name: '转办', exact: true }).click();
  await casePage.expectState('已转办');
  const dialog = await casePage.fillStep('登记部门答复', { 部门答复: '区医疗保障局已受理，按规定报销' });
  await expect(dialog).toBeHidden();
  await casePage.expectState('转办已答复');
  await expect(casePage.row(casePage.timeline, '转办答复')).toContainText(CLERK.displayName);
  await expect(page.getByRole('button', { name: '登记部门答复' })).toHaveCount(0);
});

test('the town admin prints the catalogue and keeps the holiday calendar', async ({ page }) => {
  await page.goto('/');
  await new LoginPage(page).logIn(ADMIN.username, ADMIN.password);
  const shell = new AppShell(page);
  await shell.expectSignedInAs(ADMIN.displayName);

  await shell.open('事项清单');
  const list = page.getByRole('table', { name: '事项清单' });
  await expect(list.getByRole('row').filter({ hasText: DIBAO })).toContainText('30 个工作日');
  await expect(list.getByRole('row').filter({ hasText: DIBAO })).toContainText(`${MISSING} ★ 可承诺替代`);
  await expect(page.getByLabel('清单版本')).toBeVisible();

  await shell.open('节假日');
  await page.getByRole('button', { name: '添加日期' }).click();
  const dialog = page.getByRole('dialog', { name: '添加日期' });
  const { iso } = businessToday();
  const year = iso.slice(0, 4);
  await dialog.getByLabel('日期').fill(`${year}-12-31`);
  await dialog.getByLabel('说明').fill('元旦前调休');
  await dialog.getByLabel('类型').selectOption({ label: '调休上班日' });
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  const days = page.getByRole('table', { name: `${year}年节假日与调休上班日` });
  const row = days.getByRole('row').filter({ hasText: `${year}年12月31日` });
  await expect(row).toContainText('调休上班日');
  await row.getByRole('button', { name: '恢复正常' }).click();
  await page.getByRole('dialog', { name: '恢复为正常日期' }).getByRole('button', { name: '恢复正常' }).click();
  await expect(row).toHaveCount(0);
});
