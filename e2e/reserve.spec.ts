import { expect, test } from '@playwright/test';
import { AppShell } from './pages/AppShell';
import { LoginPage } from './pages/LoginPage';
import { newUser } from './support/arrange';
import { login, rpcCall } from './support/rpc';

// 备用金: the town admin books the district's allocation from its document, a double click on
// 登记 booking it once (the form's id is made when it opens); the approver sees the figures
// and no booking form.

const ADMIN = { username: 'admin', displayName: '卫管理', password: 'Admin#2026rs' };
const APPROVER = { username: 'approver7', displayName: '蒋审批', initial: 'Init#2026rs', password: 'Mine#2026rs' };

test.describe.configure({ mode: 'serial' });

let adminToken = '';

test.beforeAll(async ({ playwright }, testInfo) => {
  const baseURL = testInfo.project.use.baseURL;
  if (!baseURL) throw new Error('the reserve project has no baseURL');
  const request = await playwright.request.newContext({ baseURL });
  await rpcCall(request, 'setup.run', { kind: 'town', townCode: '370404101', admin: ADMIN });
  adminToken = await login(request, ADMIN.username, ADMIN.password);
  await newUser(request, adminToken, APPROVER, ['approver']);
  await request.dispose();
});

test('the town admin books the allocation once, even on a double click', async ({ page, request }) => {
  await page.goto('/');
  await new LoginPage(page).logIn(ADMIN.username, ADMIN.password);
  const shell = new AppShell(page);
  await shell.open('备用金');
  await expect(page.getByLabel('账面余额', { exact: true })).toContainText('¥0.00');
  const form = page.getByRole('form', { name: '登记拨付或补拨' });
  await form.getByLabel('类型').selectOption({ label: '区级拨付（定额）' });
  await form.getByLabel('金额（元）').fill('50,000');
  await expect(form).toContainText('人民币伍万元整');
  await form.getByLabel('拨付文件号').fill('峄民发〔2026〕12号');
  await form.getByRole('button', { name: '登记' }).dblclick();
  await expect(form.getByRole('alert').filter({ hasText: '已登记' })).toContainText('¥50,000.00');
  await expect(page.getByLabel('账面余额', { exact: true })).toContainText('¥50,000.00');
  await expect(page.getByLabel('可用', { exact: true })).toContainText('¥50,000.00');
  await expect(page.getByLabel('定额（区级拨付）')).toContainText('¥50,000.00');
  const summary = await rpcCall<{ balanceFen: number; allocationFen: number }>(request, 'reserve.summary', {}, adminToken);
  expect(summary).toMatchObject({ balanceFen: 5_000_000, allocationFen: 5_000_000 });
  // a bad amount is refused in the field, in Chinese, before anything is sent
  await form.getByLabel('金额（元）').fill('12.345');
  await expect(form).toContainText('金额格式不正确');
  await expect(form.getByRole('button', { name: '登记' })).toBeDisabled();
});

test('the approver sees the figures and cannot book money in', async ({ page }) => {
  await page.goto('/');
  await new LoginPage(page).logIn(APPROVER.username, APPROVER.password);
  await new AppShell(page).open('备用金');
  await expect(page.getByLabel('账面余额', { exact: true })).toContainText('¥50,000.00');
  await expect(page.getByRole('form', { name: '登记拨付或补拨' })).toHaveCount(0);
});
