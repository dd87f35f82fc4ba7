import { expect, test } from '@playwright/test';
import { AppShell } from './pages/AppShell';
import { AuditPage } from './pages/AuditPage';
import { ForcedPasswordChangePage } from './pages/ForcedPasswordChangePage';
import { HouseholdPage } from './pages/HouseholdPage';
import { LoginPage } from './pages/LoginPage';
import { RegisterHouseholdDialog } from './pages/RegisterHouseholdDialog';
import { RegistryPage } from './pages/RegistryPage';
import { SetupPage } from './pages/SetupPage';
import { UsersPage } from './pages/UsersPage';
import { maskResidentId } from '../electron/contract/residentId';
import { HOUSEHOLD } from './support/people';

// One clerk's day from a fresh installation: setup, a new clerk, a household of three, finding
// it again, an audited reveal of a full ID, a phone edit without one, a relation change, and
// the admin checking the audit log.

const ADMIN = { username: 'admin', displayName: '王主任', password: 'Admin#2026yp' };
const CLERK = { username: 'clerk1', displayName: '刘受理', role: '受理员', password: 'Init#2026ab', newPassword: 'Mine#2026cd' };
const { head, spouse, child } = HOUSEHOLD;

test('town setup, clerk registers a household, finds it, reveals an ID; admin sees it audited', async ({ page }) => {
  const shell = new AppShell(page);
  const login = new LoginPage(page);

  await test.step('set up 阴平镇 and log in as its admin', async () => {
    await page.goto('/');
    const setup = new SetupPage(page);
    await setup.expectShown();
    await setup.setUpTown('370404101', ADMIN);
    await expect(page.getByText('初始化完成')).toBeVisible();
    await login.logIn(ADMIN.username, ADMIN.password);
    await shell.expectSignedInAs(ADMIN.displayName);
    await expect(page.getByTestId('place')).toHaveText('阴平镇');
  });

  await test.step('admin creates a clerk with an initial password', async () => {
    await shell.open('用户管理');
    const users = new UsersPage(page);
    await users.createUser(CLERK);
    await expect(users.row(CLERK.username)).toContainText('须改密码');
    await expect(users.row(CLERK.username)).toContainText('受理员');
    await shell.logOut();
  });

  await test.step('the clerk logs in and must change the password first', async () => {
    await login.logIn(CLERK.username, CLERK.password);
    await new ForcedPasswordChangePage(page).change(CLERK.password, CLERK.newPassword);
    await shell.expectSignedInAs(CLERK.displayName);
    await expect(page.getByRole('heading', { level: 1, name: '户籍档案' })).toBeVisible();
    await expect(shell.nav.getByRole('link', { name: '用户管理' })).toHaveCount(0);
  });

  await test.step('the clerk registers a household of three', async () => {
    const registry = new RegistryPage(page);
    await expect(registry.searchBox).toBeFocused();
    await registry.startRegistration();
    const form = new RegisterHouseholdDialog(page);
    await form.fillHousehold(HOUSEHOLD);

    // Keyboard-first: Enter after the name moves to the ID field instead of submitting.
    const first = form.member(0);
    await first.getByLabel('姓名').fill(head.name);
    await first.getByLabel('姓名').press('Enter');
    await expect(first.getByLabel('公民身份号码')).toBeFocused();
    await expect(form.dialog).toBeVisible();
    await page.keyboard.type(head.residentId);
    await expect(first.getByText(`出生日期 ${head.birthText} · 性别 ${head.sex}`)).toBeVisible();

    // A wrong check digit is caught while typing.
    await form.addMemberRow();
    const wrong = spouse.residentId.slice(0, 17) + (spouse.residentId.endsWith('1') ? '2' : '1');
    await form.fillMember(1, { ...spouse, residentId: wrong });
    await expect(form.member(1).getByText('身份号码校验位不正确')).toBeVisible();
    await form.member(1).getByLabel('公民身份号码').fill(spouse.residentId);

    await form.addMemberRow();
    await form.fillMember(2, child);
    await form.submit();

    const household = new HouseholdPage(page);
    await household.expectHousehold(head.name);
    await expect(household.members.getByRole('row')).toHaveCount(4);
    await expect(household.memberRow(spouse.name)).toContainText(spouse.tag);
    await expect(household.memberRow(child.name)).toContainText('370404********');
  });

  await test.step('the household is found by pinyin initials and by the last 6 digits of an ID', async () => {
    await page.getByRole('link', { name: '返回查找' }).click();
    const registry = new RegistryPage(page);
    await registry.search('zjg');
    await registry.expectHit(head.name, '拼音首字母');
    await expect(registry.resultRow(head.name)).toContainText('烟庄村');

    await registry.search(spouse.residentId.slice(-6));
    await registry.expectHit(spouse.name, '身份号码末位');
    await expect(registry.resultRow(spouse.name)).toContainText(head.name);
    await registry.searchBox.press('Enter');
    await new HouseholdPage(page).expectHousehold(head.name);
  });

  await test.step('the clerk reveals one full ID after confirming', async () => {
    const household = new HouseholdPage(page);
    await expect(household.memberRow(spouse.name)).not.toContainText(spouse.residentId);
    await household.revealId(spouse.name);
    await expect(household.memberRow(spouse.name)).toContainText(spouse.residentId);
  });

  await test.step('the clerk edits a phone number without revealing the full ID', async () => {
    const household = new HouseholdPage(page);
    const dialog = await household.editPerson(child.name);
    const idField = dialog.getByLabel('公民身份号码');
    await expect(idField).toHaveValue('');
    await expect(idField).toHaveAccessibleDescription(`留空则不修改（当前 ${maskResidentId(child.residentId)}）`);
    await expect(dialog.getByLabel('姓名')).toHaveValue(child.name);
    await dialog.getByLabel('电话').fill(child.newPhone);
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();
    await expect(household.memberRow(child.name)).toContainText(child.newPhone);
    await expect(household.memberRow(child.name)).toContainText(maskResidentId(child.residentId));
  });

  await test.step('one head per household: the refusal shows; another relation change is saved', async () => {
    const household = new HouseholdPage(page);
    const refused = await household.chooseRelation(spouse.name, '户主');
    await refused.getByRole('button', { name: '保存' }).click();
    await expect(refused.getByRole('alert')).toContainText('该户已有户主');
    await refused.getByRole('button', { name: '取消' }).click();
    await expect(refused).toBeHidden();
    await expect(household.memberRow(spouse.name)).toContainText(spouse.relation);

    const changed = await household.chooseRelation(child.name, '孙子');
    await changed.getByRole('button', { name: '保存' }).click();
    await expect(changed).toBeHidden();
    await expect(household.memberRow(child.name).getByRole('cell', { name: '孙子', exact: true })).toBeVisible();
    await household.expectHousehold(head.name);
  });

  await test.step("the server's refusal of a duplicate ID shows at the ID field; Esc cancels", async () => {
    await page.getByRole('button', { name: '新增成员' }).click();
    const dialog = page.getByRole('dialog', { name: '新增成员' });
    await dialog.getByLabel('与户主关系').selectOption({ label: '女' });
    await dialog.getByLabel('姓名').fill('张小花');
    await dialog.getByLabel('公民身份号码').fill(head.residentId);
    await dialog.getByLabel('公民身份号码').press('Control+Enter');
    // CONFLICT from the server, with its issue path person.residentId, lands on that field.
    await expect(dialog.getByLabel('公民身份号码')).toHaveAccessibleDescription(new RegExp(`该身份号码已登记为 ${head.name}`));
    await expect(dialog.getByRole('alert')).toContainText('该身份号码已登记为');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await shell.logOut();
  });

  await test.step('the admin sees the reveal in the audit log and the hash chain is intact', async () => {
    await login.logIn(ADMIN.username, ADMIN.password);
    await shell.open('审计日志');
    const audit = new AuditPage(page);
    const reveal = audit.rowsFor('registry.person.revealId');
    await expect(reveal).toHaveCount(1);
    await expect(reveal).toContainText(CLERK.username);
    await expect(reveal).toContainText('查看完整身份号码');
    await expect(reveal).not.toContainText(spouse.residentId);
    // The phone edit is audited as an edit, with no reveal of its own.
    await expect(audit.rowsFor('registry.person.update')).toHaveCount(1);
    const status = await audit.verifyChain();
    await expect(status).toHaveText(/^完整（\d+ 条）$/);
  });
});
