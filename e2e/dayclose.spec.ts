import { expect, test } from '@playwright/test';
import { AppShell } from './pages/AppShell';
import { LoginPage } from './pages/LoginPage';
import { PrintSheetPage } from './pages/PrintSheetPage';
import { newUser } from './support/arrange';
import { login, rpcCall } from './support/rpc';

// 日结: the district's 50,000 yuan allocated, the approver counts 49,990.00 at the end of the
// day; the 10-yuan shortage must be explained, is booked as a short entry (visible in the day's
// entries, the balance now what the box holds), a double click closes the day once, and the
// 日结单 prints with the audit chain's head hash as it stood before the close.

const ADMIN = { username: 'admin', displayName: '卫管理', password: 'Admin#2026dc' };
const APPROVER = { username: 'approver8', displayName: '韩审批', initial: 'Init#2026dc', password: 'Mine#2026dc' };

test.describe.configure({ mode: 'serial' });

let adminToken = '';
let approverToken = '';

test.beforeAll(async ({ playwright }, testInfo) => {
  const baseURL = testInfo.project.use.baseURL;
  if (!baseURL) throw new Error('the dayclose project has no baseURL');
  const request = await playwright.request.newContext({ baseURL });
  await rpcCall(request, 'setup.run', { kind: 'town', townCode: '370404101', admin: ADMIN });
  adminToken = await login(request, ADMIN.username, ADMIN.password);
  approverToken = await newUser(request, adminToken, APPROVER, ['approver']);
  await rpcCall(request, 'reserve.allocate', { id: crypto.randomUUID(), amountFen: 5_000_000, documentNo: '峄民发〔2026〕12号', note: '' }, adminToken);
  await request.dispose();
});

interface DayClose {
  id: string;
  differenceFen: number;
  differenceSeq: number | null;
  auditHeadHash: string;
}

test('the approver closes the day 10 yuan short: the reason is required, the short entry booked once, the slip carries the hash', async ({ page, request }) => {
  // before the first load: the stand-in is installed by an init script
  const sheet = new PrintSheetPage(page);
  await sheet.standInForPrintDialog();
  await page.goto('/');
  await new LoginPage(page).logIn(APPROVER.username, APPROVER.password);
  await new AppShell(page).open('备用金');
  const section = page.getByRole('region', { name: '日结' });
  await expect(section.getByLabel('当前账面余额')).toContainText('¥50,000.00');
  await expect(section.getByRole('table', { name: '本日记账' })).toContainText('区级拨付备用金');

  const form = section.getByRole('form', { name: '日结清点' });
  // a bad amount is refused in the field, in Chinese
  await form.getByLabel('清点现金（元）').fill('49990.001');
  await expect(form).toContainText('金额格式不正确');
  await form.getByLabel('清点现金（元）').fill('49,990.00');
  await expect(form.getByRole('status', { name: '差额' })).toContainText('短款 ¥10.00');
  // a difference needs its reason before 确认日结 does anything
  await expect(form.getByRole('button', { name: '确认日结' })).toBeDisabled();
  await form.getByLabel('差额原因').fill('清点短少十元，经办人核查中');
  await form.getByRole('button', { name: '确认日结' }).dblclick();

  await expect(section.getByRole('alert').filter({ hasText: '今日已日结' })).toContainText('短款 ¥10.00');
  await expect(page.getByLabel('账面余额', { exact: true })).toContainText('¥49,990.00');
  const entries = section.getByRole('table', { name: '本日记账' });
  await expect(entries.getByRole('row').filter({ hasText: '短款' })).toContainText('¥10.00');
  await expect(entries.getByRole('row').filter({ hasText: '短款' })).toContainText('清点短少十元，经办人核查中');

  // booked once: one close, one short entry of 10.00
  const closes = await rpcCall<DayClose[]>(request, 'reserve.dayCloses', { limit: 10 }, approverToken);
  expect(closes).toHaveLength(1);
  const [close] = closes;
  if (!close) throw new Error('no close');
  expect(close.differenceFen).toBe(-1_000);
  const preview = await rpcCall<{ transfers: { kind: string; amountFen: number }[] }>(request, 'reserve.dayClosePreview', { date: null }, approverToken);
  expect(preview.transfers.filter((x) => x.kind === 'short')).toEqual([expect.objectContaining({ amountFen: 1_000 })]);
  await expect(section.getByRole('table', { name: '日结记录' }).getByRole('row')).toHaveCount(2);

  // the slip: the figures, the entry and the audit head hash; printing recorded, copy 2 a reprint
  await section.getByRole('link', { name: '打印日结单' }).click();
  await sheet.expectSheet('备用金日结单');
  const article = page.getByRole('article', { name: '备用金日结单' });
  await expect(article).toContainText('¥50,000.00');
  await expect(article).toContainText('¥49,990.00');
  await expect(article).toContainText('短款 ¥10.00');
  await expect(article).toContainText(`第 ${close.differenceSeq} 笔（短款）`);
  await expect(article).toContainText(`截至日结前的审计链哈希：${close.auditHeadHash}`);
  await sheet.expectNextCopy(1);
  await sheet.print('a4', 2);
  const [printed] = await sheet.printedSheets();
  expect(printed).toContain(close.auditHeadHash);
  expect(printed).not.toContain('补打');

  // the town admin sees the close, with no form
  await page.goto('/');
  await new AppShell(page).logOut();
  await new LoginPage(page).logIn(ADMIN.username, ADMIN.password);
  await new AppShell(page).open('备用金');
  const adminSection = page.getByRole('region', { name: '日结' });
  await expect(adminSection.getByRole('alert').filter({ hasText: '今日已日结' })).toBeVisible();
  await expect(adminSection.getByRole('form', { name: '日结清点' })).toHaveCount(0);
  // documents.get is not the town admin's: no print link offered that would be refused
  await expect(adminSection.getByRole('link', { name: '打印日结单' })).toHaveCount(0);
});
