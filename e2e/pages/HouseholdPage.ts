import { expect, type Locator, type Page } from '@playwright/test';

export class HouseholdPage {
  readonly members: Locator;

  constructor(private readonly page: Page) {
    this.members = page.getByRole('table', { name: '家庭成员' });
  }

  async expectHousehold(headName: string): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: `${headName}户` })).toBeVisible();
  }

  memberRow(name: string): Locator {
    return this.members.getByRole('row').filter({ has: this.page.getByRole('cell', { name, exact: true }) });
  }

  /** Asks for the full ID and confirms the audited reveal. */
  async revealId(name: string): Promise<void> {
    await this.memberRow(name).getByRole('button', { name: '显示完整号码' }).click();
    const confirm = this.page.getByRole('dialog', { name: '查看完整身份号码' });
    await expect(confirm).toContainText('查看完整身份号码将记入审计日志');
    await confirm.getByRole('button', { name: '确认查看' }).click();
    await expect(confirm).toBeHidden();
  }
}
