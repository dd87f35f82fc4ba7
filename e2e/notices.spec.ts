import { expect, test, type APIRequestContext } from '@playwright/test';
import { AppShell } from './pages/AppShell';
import { LoginPage } from './pages/LoginPage';
import { acceptDibao, dibaoMaterialIds, firstVillage, newUser, received, registerHousehold } from './support/arrange';
import { toReadyForNotice } from './support/caseSteps';
import { residentId } from './support/people';
import { login, rpcCall } from './support/rpc';

// 我的任务, 公示 and the acceptance receipt: two cases are driven to 待公示 over RPC, then the
// clerk publishes their village's notice, records an objection, is refused 结束公示 before the
// end date, and previews and prints a receipt with no printer set.

const ADMIN = { username: 'admin', displayName: '吴管理', password: 'Admin#2026nq' };
const CLERK = { username: 'clerk6', displayName: '冯受理', initial: 'Init#2026nq', password: 'Mine#2026nq' };

const FAMILIES = [
  {
    address: '阴平镇烟庄村后街 3 号',
    head: { name: '王福来', residentId: residentId('370404', '19700204', '051') },
    spouse: { name: '陈桂兰', residentId: residentId('370404', '19720817', '062') },
  },
  {
    address: '阴平镇烟庄村东街 8 号',
    head: { name: '赵长海', residentId: residentId('370404', '19650611', '073') },
    spouse: { name: '孙玉梅', residentId: residentId('370404', '19680923', '084') },
  },
] as const;
const masked = (id: string): string => `${id.slice(0, 6)}********${id.slice(14)}`;

function businessToday(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

test.describe.configure({ mode: 'serial' });

const made: { id: string; caseNo: string }[] = [];

async function setUp(request: APIRequestContext): Promise<void> {
  const today = businessToday();
  await rpcCall(request, 'setup.run', { kind: 'town', townCode: '370404101', admin: ADMIN });
  const adminToken = await login(request, ADMIN.username, ADMIN.password);
  const token = await newUser(request, adminToken, CLERK, ['clerk']);
  const village = await firstVillage(request, token);
  const dibaoMaterials = await dibaoMaterialIds(request, token);

  for (const family of FAMILIES) {
    const household = await registerHousehold(request, token, village.code, family, [['head', family.head], ['spouse', family.spouse]]);
    const created = await acceptDibao(request, token, household, received(dibaoMaterials));
    await toReadyForNotice(request, token, created.id, household.members, today);
    made.push(created);
  }
}

test.beforeAll(async ({ playwright }, testInfo) => {
  const baseURL = testInfo.project.use.baseURL;
  if (!baseURL) throw new Error('the notices project has no baseURL');
  const request = await playwright.request.newContext({ baseURL });
  await setUp(request);
  await request.dispose();
});

test('我的任务 lists both cases under 待公示; the notice prints names and masked IDs; an objection sends a case back', async ({ page }) => {
  const [first, second] = made;
  if (!first || !second) throw new Error('set-up made no cases');
  await page.goto('/');
  await new LoginPage(page).logIn(CLERK.username, CLERK.password);
  const shell = new AppShell(page);
  await shell.expectSignedInAs(CLERK.displayName);

  await shell.open('我的任务');
  const ready = page.getByRole('region', { name: '待公示（2）' });
  await expect(ready.getByRole('link', { name: first.caseNo })).toHaveAttribute('href', `#/cases/${first.id}`);
  await expect(ready.getByRole('link', { name: second.caseNo })).toBeVisible();
  await expect(ready).toContainText(FAMILIES[0].head.name);

  await shell.open('公示');
  await page.getByLabel(`${first.caseNo} 拟保障金额`).fill('1,200.5');
  await page.getByRole('button', { name: '发布公示' }).click();

  const sheet = page.getByTestId('notice-sheet');
  await expect(sheet).toContainText('社会救助公示');
  for (const family of FAMILIES) {
    await expect(sheet).toContainText(family.head.name);
    await expect(sheet).toContainText(masked(family.head.residentId));
    await expect(sheet).not.toContainText(family.head.residentId);
  }
  await expect(sheet).toContainText('1,200.50');
  await expect(sheet).not.toContainText(first.caseNo);

  await page.getByRole('button', { name: '登记异议' }).click();
  const dialog = page.getByRole('dialog', { name: '登记异议' });
  await dialog.getByLabel('异议所涉案件').click();
  await page.getByRole('option', { name: new RegExp(first.caseNo) }).click();
  await dialog.getByLabel('异议内容').fill('村民反映该户有经营性收入');
  await dialog.getByRole('button', { name: '登记' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`已登记异议，案件 ${first.caseNo} 退回入户调查`)).toBeVisible();

  await page.getByRole('button', { name: '结束公示' }).click();
  await expect(page.getByRole('alert')).toContainText('期满后才能结束公示');

  await shell.open('我的任务');
  const back = page.getByRole('region', { name: /^待入户调查/ });
  await expect(back.getByRole('link', { name: first.caseNo })).toBeVisible();
  await expect(back).toContainText('入户调查中');
  await expect(page.getByRole('region', { name: /^公示中/ }).getByRole('link', { name: second.caseNo })).toBeVisible();
});

test('the receipt preview shows the case number; 打印 with no printer set says so', async ({ page }) => {
  const [first] = made;
  if (!first) throw new Error('set-up made no cases');
  await page.goto('/');
  await new LoginPage(page).logIn(CLERK.username, CLERK.password);
  await new AppShell(page).expectSignedInAs(CLERK.displayName);
  await page.goto(`/#/cases/${first.id}`);
  await page.getByRole('button', { name: '打印受理回执' }).click();
  const dialog = page.getByRole('dialog', { name: /受理回执/ });
  await expect(dialog.getByTestId('receipt-preview')).toContainText(first.caseNo);
  await dialog.getByRole('button', { name: '打印', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('未设置回执打印机');
  await expect(dialog.getByRole('button', { name: '补打', exact: true })).toBeVisible();
});
