import { expect, type Page } from '@playwright/test';

export class ForcedPasswordChangePage {
  constructor(private readonly page: Page) {}

  async change(current: string, next: string): Promise<void> {
    await expect(this.page.getByRole('heading', { name: '请修改密码' })).toBeVisible();
    await this.page.getByLabel('原密码').fill(current);
    await this.page.getByLabel('新密码', { exact: true }).fill(next);
    await this.page.getByLabel('确认新密码').fill(next);
    await this.page.getByRole('button', { name: '修改密码并继续' }).click();
  }
}
