import { expect, type Page } from '@playwright/test';

export class UsersPage {
  constructor(private readonly page: Page) {}

  async createUser(user: { username: string; displayName: string; role: string; password: string; residentId?: string }): Promise<void> {
    await this.page.getByRole('button', { name: '新建用户' }).click();
    const dialog = this.page.getByRole('dialog', { name: '新建用户' });
    await dialog.getByLabel('用户名').fill(user.username);
    await dialog.getByLabel('姓名').fill(user.displayName);
    await dialog.getByRole('checkbox', { name: user.role }).check();
    await dialog.getByLabel('初始密码').fill(user.password);
    if (user.residentId !== undefined) await dialog.getByLabel('公民身份号码').fill(user.residentId);
    await dialog.getByRole('button', { name: '创建' }).click();
    await expect(dialog).toBeHidden();
  }

  row(username: string) {
    return this.page.getByRole('table', { name: '用户列表' }).getByRole('row').filter({ hasText: username });
  }
}
