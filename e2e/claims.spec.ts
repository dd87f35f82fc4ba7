import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { AppShell } from './pages/AppShell';
import { LoginPage } from './pages/LoginPage';
import { acceptApplication, firstVillage, newUser, received, registerHousehold } from './support/arrange';
import { residentId } from './support/people';
import { login, rpcCall } from './support/rpc';
import { realBusinessToday } from './support/session';

// 报账 and 对账单 on the 备用金 page (issue 4, items 6 and 7), in the hall server and Chromium:
// - over RPC: the district's 50,000 yuan, and one 1,200-yuan cash payout (先行救助, paid by an
//   approver who did not accept the case) today;
// - the approver previews today's claim, submits it (a double click files one claim), exports
//   it to Excel (the browser's download, read back with exceljs: the voucher and 1,200.00) and
//   opens its A4 paper; the statement shows the allocation and the payout with the balances;
// - the town admin books the district's replenishment against the claim (the select fills the
//   amount), and the claim shows as settled.

const ADMIN = { username: 'admin', displayName: '秦管理', password: 'Admin#2026cl' };
const CLERK = { username: 'clerk6', displayName: '尤受理', initial: 'Init#2026cc', password: 'Mine#2026cc' };
const APPROVER = { username: 'approver6', displayName: '许审批', initial: 'Init#2026ca', password: 'Mine#2026ca' };
const HEAD = { name: '何春生', residentId: residentId('370404', '19640812', '093') };

test.describe.configure({ mode: 'serial' });

const made = { voucherNo: '', claimNo: '' };


test.beforeAll(async ({ playwright }, testInfo) => {
  const baseURL = testInfo.project.use.baseURL;
  if (!baseURL) throw new Error('the claims project has no baseURL');
  const request = await playwright.request.newContext({ baseURL });
  await rpcCall(request, 'setup.run', { kind: 'town', townCode: '370404101', admin: ADMIN });
  const adminToken = await login(request, ADMIN.username, ADMIN.password);
  const clerkToken = await newUser(request, adminToken, CLERK, ['clerk']);
  const approverToken = await newUser(request, adminToken, APPROVER, ['approver']);
  await rpcCall(request, 'reserve.allocate', { id: randomUUID(), amountFen: 5_000_000, documentNo: '峄民发〔2026〕12号', note: '' }, adminToken);
  const village = await firstVillage(request, clerkToken);
  const household = await registerHousehold(request, clerkToken, village.code, { address: '阴平镇烟庄村南街 3 号' }, [['head', HEAD]]);
  const catalogue = await rpcCall<{ items: { reliefType: string; materials: { id: string }[] }[] }>(request, 'catalogue.get', { version: null }, clerkToken);
  const linshi = catalogue.items.find((i) => i.reliefType === 'linshi');
  if (!linshi) throw new Error('the catalogue has no 临时救助');
  const accepted = await acceptApplication(request, clerkToken, household, 'linshi', received(linshi.materials.map((m) => m.id)), { category: '急难型' });
  const payout = await rpcCall<{ id: string }>(
    request,
    'payouts.emergency',
    { id: randomUUID(), caseId: accepted.id, amountFen: 120_000, cause: 'fire', opinion: '房屋失火，先行救助', repeatReason: null, payee: { proxy: false }, payment: { method: 'cash' } },
    approverToken,
  );
  const paid = await rpcCall<{ voucherNo: string | null }>(request, 'payouts.pay', { payoutId: payout.id, postId: randomUUID(), transferReference: null }, approverToken);
  if (paid.voucherNo === null) throw new Error('a paid payout has its voucher number');
  made.voucherNo = paid.voucherNo;
  await request.dispose();
});

test('the approver files the claim once, exports it to Excel, prints it, and reads the statement', async ({ page }) => {
  const today = realBusinessToday();
  await page.goto('/');
  await new LoginPage(page).logIn(APPROVER.username, APPROVER.password);
  await new AppShell(page).open('备用金');
  const section = page.getByLabel('报账', { exact: true });
  await section.getByLabel('报账开始日期').fill(today);
  await section.getByLabel('报账结束日期').fill(today);
  const preview = section.getByRole('table', { name: '待报账的现金发放' });
  await expect(preview).toContainText(made.voucherNo);
  await expect(preview).toContainText('何春生');
  await expect(preview).toContainText('370404********093');
  await expect(section.getByLabel('报账合计')).toHaveText('¥1,200.00');
  await section.getByRole('button', { name: '提交报账' }).dblclick();
  const filed = section.getByRole('alert').filter({ hasText: '已提交报账单' });
  await expect(filed).toContainText('1 笔，¥1,200.00');
  made.claimNo = /(370404101-\d{4}-BZ\d{3})/.exec((await filed.textContent()) ?? '')?.[1] ?? '';
  expect(made.claimNo).toMatch(/-BZ001$/);
  const claims = section.getByRole('table', { name: '报账单' });
  await expect(claims.getByRole('row')).toHaveCount(2);
  await expect(claims).toContainText('已提交待补拨');
  await expect(section).toContainText('该期间没有未报账的现金发放');

  // Excel: a real download in the browser, read back.
  const downloading = page.waitForEvent('download');
  await claims.getByRole('button', { name: `导出报账单 ${made.claimNo} 的 Excel` }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`备用金报账单-${made.claimNo}.xlsx`);
  const path = await download.path();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.getWorksheet('报账单');
  if (!sheet) throw new Error('no 报账单 sheet');
  expect(sheet.getCell('A1').value).toBe('临时救助备用金报账单');
  expect(sheet.getCell('B5').value).toBe(made.voucherNo);
  expect(sheet.getCell('E5').value).toBe('何春生');
  expect(sheet.getCell('H5').value).toBe(1200);
  expect(sheet.getCell('A6').value).toBe('合计');
  expect((sheet.getCell('H6').value as ExcelJS.CellFormulaValue).result).toBe(1200);
  expect(sheet.getCell('A7').value).toBe('合计金额（大写）：人民币壹仟贰佰元整');

  // The statement (this month so far): the allocation in, the payout out, by its voucher number.
  const statement = page.getByLabel('对账单', { exact: true }).getByRole('table', { name: '对账单' });
  await expect(statement).toContainText('区级拨付备用金');
  await expect(statement.getByRole('row').filter({ hasText: made.voucherNo })).toContainText('现金发放');
  await expect(statement.getByRole('row').filter({ hasText: made.voucherNo })).toContainText('¥48,800.00');
  await expect(statement.getByLabel('期末余额')).toHaveText('¥48,800.00');

  // The A4 paper, from the claims list.
  await claims.getByRole('link', { name: `打印报账单 ${made.claimNo}` }).click();
  const sheetA4 = page.getByRole('article', { name: '临时救助备用金报账单' });
  await expect(sheetA4).toContainText(made.claimNo);
  await expect(sheetA4).toContainText(made.voucherNo);
  await expect(sheetA4).toContainText('人民币壹仟贰佰元整');
});

test('the town admin settles the claim with the district replenishment', async ({ page }) => {
  await page.goto('/');
  await new LoginPage(page).logIn(ADMIN.username, ADMIN.password);
  await new AppShell(page).open('备用金');
  const form = page.getByRole('form', { name: '登记拨付或补拨' });
  await form.getByLabel('结算的报账单').selectOption({ label: `${made.claimNo}（${realBusinessToday()} 至 ${realBusinessToday()}，¥1,200.00）` });
  await expect(form.getByLabel('金额（元）')).toHaveValue('1200.00');
  await form.getByLabel('补拨凭证号').fill('BB2026-088');
  await form.getByRole('button', { name: '登记' }).click();
  await expect(form.getByRole('alert').filter({ hasText: '已登记' })).toContainText('¥1,200.00');
  const claims = page.getByRole('table', { name: '报账单' });
  await expect(claims).toContainText('已补拨结算');
  await expect(claims).toContainText('补拨 BB2026-088');
  await expect(page.getByLabel('账面余额', { exact: true })).toContainText('¥50,000.00');
  // Nothing left to settle: the select is gone.
  await expect(form.getByLabel('结算的报账单')).toHaveCount(0);
});
