import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { AppShell } from './pages/AppShell';
import { SyncPage } from './pages/SyncPage';
import { acceptApplication, acceptDibao, dibaoMaterialIds, firstVillage, newUser, received, registerHousehold } from './support/arrange';
import { e2eDataDir, startHallServer, type LaterServer } from './support/laterServer';
import { residentId } from './support/people';
import { login, rpcCall } from './support/rpc';
import { signIn } from './support/session';

// The nightly sync (issue 5) across three hall servers on this machine, one shared folder:
// - two towns (阴平镇 on the spec's server, 底阁镇 on 5507) each pay 1,000 yuan of temporary
//   relief in cash to the same resident (registered in a household in each town) and accept a
//   低保 application; town A files its claim for the payout (all arranged over RPC);
// - on each town's 数据同步 page the admin sets the folder, imports the district's public key
//   file (downloaded from the district's page) after comparing its fingerprint, and exports;
// - the district console (5607) enrolls both towns by their key files, imports both packages
//   (the bar reaching the end, each 已导入), shows both towns on 区级总览 with the alert for
//   the person paid by both, records a replenishment of town A's claim and writes the answers;
// - town A imports its answer: 备用金 可用 rises by the amount, package 1 is 区级确认.

const SPEC = 'sync';
const TOWN_A = { code: '370404101', name: '阴平镇', port: 5407 };
const TOWN_B = { code: '370404102', name: '底阁镇', port: 5507 };
const DISTRICT_PORT = 5607;
const B_ORIGIN = `http://127.0.0.1:${TOWN_B.port}`;
const D_ORIGIN = `http://127.0.0.1:${DISTRICT_PORT}`;

const ADMIN_A = { username: 'admin', displayName: '阴平管理', password: 'Admin#2026sa' };
const ADMIN_B = { username: 'admin', displayName: '底阁管理', password: 'Admin#2026sb' };
const ADMIN_D = { username: 'admin', displayName: '区民政管理', password: 'Admin#2026sd' };
const CLERK = { username: 'clerk9', displayName: '孔受理', initial: 'Init#2026sc', password: 'Mine#2026sc' };
const APPROVER = { username: 'approver9', displayName: '曹审批', initial: 'Init#2026sp', password: 'Mine#2026sp' };
/** The resident both towns pay: a member of a household in each. */
const TWICE = { name: '魏长顺', residentId: residentId('370404', '19640817', '116') };
const PAID_FEN = 100_000;
const PAID_TEXT = '¥1,000.00';
const VOUCHER = 'BB2026-118';

test.describe.configure({ mode: 'serial' });

let folder = '';
let keyDir = '';
let townB: LaterServer | null = null;
let district: LaterServer | null = null;
const made = { claimNo: '', districtFingerprint: '', townFingerprints: new Map<string, string>() };

/** A 临时救助 application of the household's head (every material received), paid in cash by 先行救助 of an approver who did not accept it. */
async function payLinshiInCash(request: APIRequestContext, clerkToken: string, approverToken: string, householdHead: typeof TWICE, villageCode: string, address: string): Promise<string> {
  const household = await registerHousehold(request, clerkToken, villageCode, { address }, [['head', householdHead]]);
  const catalogue = await rpcCall<{ items: { reliefType: string; materials: { id: string }[] }[] }>(request, 'catalogue.get', { version: null }, clerkToken);
  const linshi = catalogue.items.find((i) => i.reliefType === 'linshi');
  if (!linshi) throw new Error('the catalogue has no 临时救助');
  const created = await acceptApplication(request, clerkToken, household, 'linshi', received(linshi.materials.map((m) => m.id)), { category: '急难型' });
  const payout = await rpcCall<{ id: string }>(
    request,
    'payouts.emergency',
    { id: randomUUID(), caseId: created.id, amountFen: PAID_FEN, cause: 'fire', opinion: '房屋失火，先行救助', repeatReason: null, payee: { proxy: false }, payment: { method: 'cash' } },
    approverToken,
  );
  const paid = await rpcCall<{ paidDate: string | null }>(request, 'payouts.pay', { payoutId: payout.id, postId: randomUUID(), transferReference: null }, approverToken);
  if (!paid.paidDate) throw new Error('the payout has no paid date');
  return paid.paidDate;
}

/** A town with a clerk, an approver and the district's 50,000 yuan; pays TWICE 1,000 yuan in cash and accepts a 低保 application. */
async function arrangeTown(request: APIRequestContext, code: string, admin: typeof ADMIN_A, dibaoHead: typeof TWICE): Promise<{ approverToken: string; paidDate: string }> {
  await rpcCall(request, 'setup.run', { kind: 'town', townCode: code, admin: { username: admin.username, displayName: admin.displayName, password: admin.password } });
  const adminToken = await login(request, admin.username, admin.password);
  const clerkToken = await newUser(request, adminToken, CLERK, ['clerk']);
  const approverToken = await newUser(request, adminToken, APPROVER, ['approver']);
  await rpcCall(request, 'reserve.allocate', { id: randomUUID(), amountFen: 5_000_000, documentNo: '峄民发〔2026〕12号', note: '' }, adminToken);
  const village = await firstVillage(request, clerkToken);
  const paidDate = await payLinshiInCash(request, clerkToken, approverToken, TWICE, village.code, `${village.name}前街 3 号`);
  const dibaoHousehold = await registerHousehold(request, clerkToken, village.code, { address: `${village.name}后街 9 号` }, [['head', dibaoHead]]);
  await acceptDibao(request, clerkToken, dibaoHousehold, received(await dibaoMaterialIds(request, clerkToken)));
  return { approverToken, paidDate };
}

test.beforeAll(async ({ playwright }, testInfo) => {
  test.setTimeout(120_000);
  const baseURL = testInfo.project.use.baseURL;
  if (!baseURL) throw new Error('the sync project has no baseURL');
  folder = mkdtempSync(join(tmpdir(), 'relief-desk-e2e-sync-folder-'));
  keyDir = mkdtempSync(join(tmpdir(), 'relief-desk-e2e-sync-keys-'));
  const townBDir = e2eDataDir(`${SPEC}-town-b`);
  const districtDir = e2eDataDir(`${SPEC}-district`);
  rmSync(townBDir, { recursive: true, force: true });
  rmSync(districtDir, { recursive: true, force: true });
  [townB, district] = await Promise.all([startHallServer({ port: TOWN_B.port, dataDir: townBDir }), startHallServer({ port: DISTRICT_PORT, dataDir: districtDir })]);

  const a = await playwright.request.newContext({ baseURL });
  const b = await playwright.request.newContext({ baseURL: B_ORIGIN });
  const d = await playwright.request.newContext({ baseURL: D_ORIGIN });
  const [townA] = await Promise.all([
    arrangeTown(a, TOWN_A.code, ADMIN_A, { name: '郝玉兰', residentId: residentId('370404', '19590322', '127') }),
    arrangeTown(b, TOWN_B.code, ADMIN_B, { name: '钱德福', residentId: residentId('370404', '19610930', '138') }),
    rpcCall(d, 'setup.run', { kind: 'district', townCode: null, admin: ADMIN_D }),
  ]);
  // Town A claims its cash payout back from the district before its first package: the district settles that claim.
  const claim = await rpcCall<{ claim: { claimNo: string; totalFen: number } }>(
    a,
    'reserve.submitClaim',
    { id: randomUUID(), periodStart: townA.paidDate, periodEnd: townA.paidDate },
    townA.approverToken,
  );
  expect(claim.claim.totalFen).toBe(PAID_FEN);
  made.claimNo = claim.claim.claimNo;
  await Promise.all([a.dispose(), b.dispose(), d.dispose()]);
});

test.afterAll(async () => {
  await Promise.all([townB?.stop(), district?.stop()]);
  townB = null;
  district = null;
  for (const dir of [folder, keyDir]) if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

async function openSync(page: Page, origin: string, admin: typeof ADMIN_A): Promise<SyncPage> {
  const shell = await signIn(page, origin, admin);
  await shell.open('数据同步');
  return new SyncPage(page);
}

test('the district sets its folder and hands out its public key file', async ({ page }) => {
  const sync = await openSync(page, D_ORIGIN, ADMIN_D);
  await sync.setFolder(folder);
  made.districtFingerprint = await sync.ownFingerprint();
  expect(made.districtFingerprint).not.toBe('');
  await sync.downloadPublicKey(join(keyDir, 'district.json'));
});

for (const [town, origin, admin] of [
  [TOWN_A, '', ADMIN_A],
  [TOWN_B, B_ORIGIN, ADMIN_B],
] as const) {
  test(`${town.name} imports the district's key, checks its fingerprint and exports package 1`, async ({ page }) => {
    const sync = await openSync(page, origin, admin);
    await expect(sync.section('区级公钥')).toContainText('尚未导入区民政局的公钥');
    await sync.setFolder(folder);
    await sync.importKey('district', join(keyDir, 'district.json'), made.districtFingerprint);
    await expect(page.getByTestId('district-fingerprint')).toHaveAttribute('data-fingerprint', made.districtFingerprint);
    made.townFingerprints.set(town.code, await sync.ownFingerprint());
    await sync.downloadPublicKey(join(keyDir, `${town.code}.json`));

    const result = await sync.exportNow();
    await expect(result).toContainText('已生成第 1 号数据包');
    await expect(result).toContainText(`${town.code}-000001.rdpkg`);
    const sent = sync.section('已发送的数据包').getByRole('table');
    await expect(sent.getByRole('row')).toHaveCount(2);
    await expect(sent.getByRole('row').nth(1)).toContainText('未确认');
  });
}

test('the district enrolls both towns, imports both packages and sees the resident paid by both', async ({ page }) => {
  const sync = await openSync(page, D_ORIGIN, ADMIN_D);
  for (const town of [TOWN_A, TOWN_B]) {
    await sync.importKey('town', join(keyDir, `${town.code}.json`), made.townFingerprints.get(town.code) ?? '');
  }
  const enrolled = sync.section('已登记镇街').getByRole('table', { name: '已登记镇街' });
  await expect(enrolled.getByRole('row')).toHaveCount(3);
  await expect(enrolled).toContainText(TOWN_A.name);
  await expect(enrolled).toContainText(TOWN_B.name);

  const results = await sync.importAll(2);
  await expect(results.filter({ hasText: `${TOWN_A.code}-000001.rdpkg` })).toContainText('【已导入】');
  await expect(results.filter({ hasText: `${TOWN_B.code}-000001.rdpkg` })).toContainText('【已导入】');
  await expect(sync.section('已接收').getByRole('row')).toHaveCount(3);
  await expect(sync.section('预警')).toContainText('同一身份证号 12 个月内在两个镇街领取临时救助');

  const shell = new AppShell(page);
  await shell.open('区级总览');
  for (const town of [TOWN_A, TOWN_B]) {
    const row = page.getByTestId(`town-${town.code}`);
    await expect(row).toContainText(town.name);
    await expect(row).toContainText('第 1 号');
    await expect(row.locator('[data-col="本月发放"]')).toContainText(PAID_TEXT);
  }
  const alerts = page.getByRole('region', { name: '预警' });
  await expect(alerts.locator('[data-kind="paid_in_two_towns"]').first()).toContainText('同一身份证号 12 个月内在两个镇街领取临时救助');
  await expect(alerts.locator('[data-kind="paid_in_two_towns"]').first()).toContainText(TOWN_A.name);
  await expect(alerts.locator('[data-kind="paid_in_two_towns"]').first()).toContainText(TOWN_B.name);
  await expect(alerts.locator('[data-kind="person_in_two_towns"]').first()).toBeVisible();
  // The resident ID is masked in the alert: the district reads whom, not the whole number.
  await expect(alerts).not.toContainText(TWICE.residentId);
});

test('the district replenishes town A for its claim and writes the answer packages', async ({ page }) => {
  await signIn(page, D_ORIGIN, ADMIN_D);
  await expect(page.getByRole('heading', { level: 1, name: '区级总览' })).toBeVisible();
  await page.getByRole('region', { name: '补拨备用金' }).getByRole('button', { name: '登记补拨' }).click();
  const dialog = page.getByRole('dialog', { name: '补拨备用金' });
  await dialog.getByLabel('镇街').selectOption(TOWN_A.code);
  const claim = dialog.getByLabel('所结报账单');
  await expect(claim.locator('option', { hasText: made.claimNo })).toHaveCount(1);
  await claim.selectOption(made.claimNo);
  // Choosing the claim fills its total.
  await expect(dialog.getByLabel('金额（元）')).toHaveValue('1000.00');
  await dialog.getByLabel('拨款凭证号').fill(VOUCHER);
  await dialog.getByRole('button', { name: '登记补拨' }).click();
  await expect(dialog).toBeHidden();
  const recorded = page.getByTestId(`replenishment-${VOUCHER}`);
  await expect(recorded).toContainText(TOWN_A.name);
  await expect(recorded).toContainText(PAID_TEXT);
  await expect(recorded).toContainText(made.claimNo);
  await expect(recorded.locator('[data-col="发出"]')).toContainText('未发出');

  await page.getByRole('button', { name: '生成回执数据包' }).click();
  // Both towns get their acknowledgement; town A also its replenishment.
  await expect(page.getByTestId(`reply-${TOWN_A.code}`)).toContainText(`${TOWN_A.code}`);
  await expect(page.getByTestId(`reply-${TOWN_B.code}`)).toBeVisible();
  await expect(recorded.locator('[data-col="发出"]')).toContainText('已发出（第 1 号回执包）');
});

/** The 可用 figure on 备用金, in fen. */
async function availableFen(page: Page): Promise<number> {
  const figure = page.getByLabel('可用', { exact: true });
  await expect(figure).toContainText('¥');
  const text = (await figure.textContent()) ?? '';
  const match = /¥(-?[\d,]+\.\d{2})/.exec(text);
  if (!match?.[1]) throw new Error(`no amount in 可用: ${text}`);
  return Math.round(Number(match[1].replaceAll(',', '')) * 100);
}

test('town A imports its answer: 可用 rises by the replenishment and package 1 is acknowledged', async ({ page }) => {
  const shell = await signIn(page, '', ADMIN_A);
  await shell.open('备用金');
  const before = await availableFen(page);

  await shell.open('数据同步');
  const sync = new SyncPage(page);
  const results = await sync.importAll(1);
  await expect(results.first()).toContainText('【已导入】');
  const sent = sync.section('已发送的数据包').getByRole('table');
  const first = sent.getByRole('row').nth(1);
  await expect(first).not.toContainText('未确认');
  await expect(first).toContainText(`${TOWN_A.code}-000001.rdpkg`);

  await shell.open('备用金');
  await expect.poll(() => availableFen(page)).toBe(before + PAID_FEN);
});
