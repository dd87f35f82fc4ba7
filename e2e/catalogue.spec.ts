import { expect, test, type APIRequestContext } from '@playwright/test';
import { AppShell } from './pages/AppShell';
import { CataloguePage } from './pages/CataloguePage';
import { LoginPage } from './pages/LoginPage';
import { acceptDibao, firstVillage, newUser, received, registerHousehold, type Household } from './support/arrange';
import { drawTwoGlyphs } from './support/glyphs';
import { HOUSEHOLD } from './support/people';
import { login, rpcCall } from './support/rpc';

// The "do it once" catalogue: the town admin edits 低保's time limit and renames a material,
// a refused save keeps the draft, the save makes version 2; a case accepted before keeps
// version 1 and its date, one accepted after follows the new time limit; the wall list shows
// the new values and prints to a landscape A4 PDF whose Chinese pdftotext reads back.

const ADMIN = { username: 'admin', displayName: '冯管理', password: 'Admin#2026ca' };
const CLERK = { username: 'clerk9', displayName: '褚受理', initial: 'Init#2026ca', password: 'Mine#2026ca' };
const OFFICE = '峄城区阴平镇社会救助服务大厅';
const OLD_NAME = '家庭收入情况说明';
const NEW_NAME = '家庭收入及财产情况说明';
const NOTE = '低保办理时限调整为20个工作日，收入说明含财产';
const DIBAO_MATERIALS = ['application_form', 'id_cards', 'household_register', 'authorisations', 'commitment', 'income_statement', 'disability_or_illness'];
const { head, spouse } = HOUSEHOLD;

test.describe.configure({ mode: 'serial' });

interface CaseFacts {
  id: string;
  catalogueVersion: number;
  promisedDate: string;
  acceptedDate: string;
}

let clerkToken = '';
let household: Household;
let before: CaseFacts;

/** A 低保 application with every material handed in: accepted at once, its date promised. */
async function newDibaoCase(request: APIRequestContext): Promise<CaseFacts> {
  const created = await acceptDibao(request, clerkToken, household, received(DIBAO_MATERIALS));
  return rpcCall<CaseFacts>(request, 'cases.get', { caseId: created.id }, clerkToken);
}

/** `days` working days after `from` (YYYY-MM-DD), Monday to Friday: the town set no holidays. */
function addWorkingDays(from: string, days: number): string {
  const date = new Date(`${from}T00:00:00Z`);
  for (let left = days; left > 0; ) {
    date.setUTCDate(date.getUTCDate() + 1);
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return date.toISOString().slice(0, 10);
}

/** The same text without the spaces and line breaks pdftotext's layout puts into table cells. */
const squeezed = (text: string): string => text.replace(/\s+/g, '');

test.beforeAll(async ({ playwright }, testInfo) => {
  const baseURL = testInfo.project.use.baseURL;
  if (!baseURL) throw new Error('the catalogue project has no baseURL');
  const request = await playwright.request.newContext({ baseURL });
  await rpcCall(request, 'setup.run', { kind: 'town', townCode: '370404101', admin: ADMIN });
  const adminToken = await login(request, ADMIN.username, ADMIN.password);
  await rpcCall(request, 'settings.update', { officeName: OFFICE }, adminToken);
  clerkToken = await newUser(request, adminToken, CLERK, ['clerk']);
  const village = await firstVillage(request, clerkToken);
  household = await registerHousehold(request, clerkToken, village.code, HOUSEHOLD, [['head', head], ['spouse', spouse]]);
  // Accepted under version 1: 30 working days.
  before = await newDibaoCase(request);
  await request.dispose();
});

test('the town admin edits 低保 into version 2; a refused save keeps the draft', async ({ page }) => {
  expect(before).toMatchObject({ catalogueVersion: 1, promisedDate: addWorkingDays(before.acceptedDate, 30) });
  await page.goto('/');
  await new LoginPage(page).logIn(ADMIN.username, ADMIN.password);
  await new AppShell(page).open('事项清单');
  const catalogue = new CataloguePage(page);
  await expect(catalogue.row('最低生活保障')).toContainText('30 个工作日');

  await catalogue.startEditing();
  await catalogue.chooseKind('最低生活保障');
  const timeLimit = catalogue.field('办理时限（工作日）');
  await expect(timeLimit).toHaveValue('30');
  const income = catalogue.materialName(6);
  await expect(income).toHaveValue(OLD_NAME);
  await timeLimit.fill('200');
  await income.fill(NEW_NAME);

  // No note and a time limit out of range: both marked, nothing typed is lost.
  await catalogue.save(2);
  await catalogue.expectFieldError(page.getByRole('textbox', { name: /修改说明/ }), '请填写修改说明');
  await page.getByRole('textbox', { name: /修改说明/ }).fill(NOTE);
  await catalogue.save(2);
  await catalogue.expectFieldError(timeLimit, '办理时限不能超过 120 个工作日');
  await expect(catalogue.editor.getByRole('alert')).toContainText('最低生活保障');
  await expect(income).toHaveValue(NEW_NAME);
  await expect(page.getByRole('textbox', { name: /修改说明/ })).toHaveValue(NOTE);

  // Fixed from the keyboard: the error goes as the field changes; Ctrl+Enter saves.
  await timeLimit.fill('20');
  await expect(timeLimit).not.toHaveAttribute('aria-invalid', 'true');
  await timeLimit.press('Control+Enter');
  await expect(page.getByText('已保存为第 2 版')).toBeVisible();
  await expect(catalogue.row('最低生活保障')).toContainText('20 个工作日');
  await expect(catalogue.row('最低生活保障')).toContainText(NEW_NAME);

  // The versions, with time and note; version 1 still reads as it was.
  const select = catalogue.versionSelect();
  await expect(select.locator('option')).toHaveText(['当前版本', new RegExp(`^第 2 版 · .* · ${NOTE}$`), /^第 1 版 · .* · 系统默认清单$/]);
  await select.selectOption({ label: (await select.locator('option').nth(2).textContent()) ?? '' });
  await expect(page.getByRole('heading', { name: '第 1 版（历史版本，只供查看）' })).toBeVisible();
  await expect(catalogue.row('最低生活保障')).toContainText('30 个工作日');
  await expect(catalogue.row('最低生活保障')).toContainText(OLD_NAME);
});

test('a case accepted after the change follows the new time limit; the one before keeps version 1', async ({ request }) => {
  const after = await newDibaoCase(request);
  expect(after).toMatchObject({ catalogueVersion: 2, promisedDate: addWorkingDays(after.acceptedDate, 20) });
  const again = await rpcCall<CaseFacts & { materials: { materialId: string; name: string }[] }>(request, 'cases.get', { caseId: before.id }, clerkToken);
  expect(again).toMatchObject({ catalogueVersion: 1, promisedDate: before.promisedDate });
  expect(again.materials.find((m) => m.materialId === 'income_statement')?.name).toBe(OLD_NAME);
});

test('a clerk reads the list and prints the wall list with the new values', async ({ page }, testInfo) => {
  await page.goto('/');
  await new LoginPage(page).logIn(CLERK.username, CLERK.password);
  await new AppShell(page).open('事项清单');
  const catalogue = new CataloguePage(page);
  await expect(page.getByRole('button', { name: '修改清单' })).toHaveCount(0);
  await expect(catalogue.row('最低生活保障')).toContainText('20 个工作日');

  await catalogue.openWallList();
  const sheet = page.getByRole('article', { name: '一次办好清单' });
  await expect(sheet).toContainText(OFFICE);
  await expect(sheet).toContainText('第 2 版');
  await expect(sheet.getByRole('row').filter({ hasText: '最低生活保障' })).toContainText('20 个工作日');
  await expect(sheet.getByRole('row').filter({ hasText: '最低生活保障' })).toContainText(`${NEW_NAME} ★`);

  const glyphs = await drawTwoGlyphs(page);
  expect(glyphs.bundledLoaded, 'the bundled Noto Sans SC face is loaded').toBe(true);
  expect(glyphs.differ, '救 and 助 must not be the same (empty) box').toBe(true);
  const file = testInfo.outputPath('wall-list.pdf');
  const text = squeezed(await catalogue.wallListPdfText(file));
  expect(catalogue.pdfPageSize(file), 'landscape A4').toMatch(/^841\.\d+ x 59[45]\.\d+ pts/);
  for (const field of ['一次办好清单', OFFICE, '第2版', '最低生活保障', `${NEW_NAME}★`, '20个工作日', '7天', '区医疗保障局', '慈善及社会力量救助', '可以告知承诺替代']) {
    expect(text, field).toContain(squeezed(field));
  }
  expect(text).not.toContain(OLD_NAME);

  await page.getByRole('link', { name: '返回' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '事项清单' })).toBeVisible();
});
