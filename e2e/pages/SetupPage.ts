import { expect, type Page } from '@playwright/test';

export class SetupPage {
  constructor(private readonly page: Page) {}

  async expectShown(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: '首次设置' })).toBeVisible();
  }

  async setUpTown(townCode: string, admin: { username: string; displayName: string; password: string }): Promise<void> {
    await this.page.getByRole('radio', { name: '镇街（服务大厅）' }).check();
    await this.page.getByLabel('镇街', { exact: true }).selectOption(townCode);
    await this.page.getByLabel('管理员用户名').fill(admin.username);
    await this.page.getByLabel('管理员姓名').fill(admin.displayName);
    await this.page.getByLabel('密码', { exact: true }).fill(admin.password);
    await expect(this.page.getByText('密码符合要求')).toBeVisible();
    await this.page.getByLabel('确认密码').fill(admin.password);
    await this.page.getByRole('button', { name: '完成设置' }).click();
    // The key made at setup: its fingerprint, 16 groups of 4 hex digits, shown before the login.
    await expect(this.page.getByTestId('setup-fingerprint')).toHaveAttribute('data-fingerprint', /^[0-9A-F]{4}( [0-9A-F]{4}){15}$/);
    await this.page.getByRole('button', { name: '前往登录' }).click();
  }
}
