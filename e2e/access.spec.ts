import { expect, test, type APIRequestContext } from '@playwright/test';
import { AppShell } from './pages/AppShell';
import { LoginPage } from './pages/LoginPage';
import { firstLogin } from './support/arrange';
import type { PageGlobals } from './support/browser';
import { drawTwoGlyphs } from './support/glyphs';
import { login, rpcCall } from './support/rpc';

// A clerk cannot reach user management: not in the sidebar, refused on the route, refused by
// the server. Set-up goes through the RPC API: this spec is about access, not about setup.

const ADMIN = { username: 'admin', displayName: '孙管理', password: 'Admin#2026ac' };
const CLERK = { username: 'clerk2', displayName: '赵受理', initial: 'Init#2026xy', password: 'Mine#2026zw' };

test.describe.configure({ mode: 'serial' });

async function setUpTownWithClerk(request: APIRequestContext): Promise<void> {
  await rpcCall(request, 'setup.run', { kind: 'town', townCode: '370404101', admin: ADMIN });
  const adminToken = await login(request, ADMIN.username, ADMIN.password);
  await rpcCall(request, 'users.create', { username: CLERK.username, displayName: CLERK.displayName, roles: ['clerk'], password: CLERK.initial }, adminToken);
  // The shortest idle lock, so the lock test below needs to move the page clock by a minute only.
  await rpcCall(request, 'settings.update', { idleLockMinutes: 1 }, adminToken);
  await firstLogin(request, CLERK);
}

test.beforeAll(async ({ playwright }, testInfo) => {
  const baseURL = testInfo.project.use.baseURL;
  if (!baseURL) throw new Error('the access project has no baseURL');
  const request = await playwright.request.newContext({ baseURL });
  await setUpTownWithClerk(request);
  await request.dispose();
});

test('Chinese text is drawn with real glyphs from the bundled font', async ({ page }) => {
  await page.goto('/');
  await new LoginPage(page).expectShown();
  const glyphs = await drawTwoGlyphs(page);
  expect(glyphs.bundledLoaded, 'the bundled Noto Sans SC face is loaded').toBe(true);
  expect(glyphs.inkA).toBeGreaterThan(50);
  expect(glyphs.inkB).toBeGreaterThan(50);
  expect(glyphs.differ, '救 and 助 must not be the same (empty) box').toBe(true);
});

test('a clerk cannot reach user management in the UI or over RPC', async ({ page }) => {
  await page.goto('/');
  await new LoginPage(page).logIn(CLERK.username, CLERK.password);
  const shell = new AppShell(page);
  await shell.expectSignedInAs(CLERK.displayName);

  await expect(shell.nav.getByRole('link', { name: '户籍档案' })).toBeVisible();
  for (const hidden of ['用户管理', '村居管理', '审计日志', '系统设置']) {
    await expect(shell.nav.getByRole('link', { name: hidden })).toHaveCount(0);
  }

  await page.goto('/#/users');
  await expect(page.getByText('无权访问')).toBeVisible();
  await expect(page.getByRole('table', { name: '用户列表' })).toHaveCount(0);

  const token = await page.evaluate(() => (globalThis as unknown as PageGlobals).sessionStorage.getItem('reliefDesk.token'));
  expect(token).toBeTruthy();
  const response = await page.request.post('/api/rpc/users.list', { headers: { authorization: `Bearer ${token}` }, data: {} });
  expect(response.status()).toBe(403);
  const body = (await response.json()) as { ok: boolean; error?: { code: string } };
  expect(body.ok).toBe(false);
  expect(body.error?.code).toBe('FORBIDDEN');
});

test('an idle session locks the screen and the password unlocks it', async ({ page }) => {
  await page.clock.install();
  await page.goto('/');
  await new LoginPage(page).logIn(CLERK.username, CLERK.password);
  const shell = new AppShell(page);
  await shell.expectSignedInAs(CLERK.displayName);

  await page.clock.fastForward('01:05');
  const lock = page.getByRole('dialog', { name: '屏幕已锁定' });
  await expect(lock).toBeVisible();
  await lock.getByLabel('密码', { exact: true }).fill('wrong-Password1');
  await lock.getByRole('button', { name: '解锁' }).click();
  await expect(lock.getByRole('alert')).toContainText('密码错误');
  await lock.getByLabel('密码', { exact: true }).fill(CLERK.password);
  await lock.getByRole('button', { name: '解锁' }).click();
  await expect(lock).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: '户籍档案' })).toBeVisible();
});
