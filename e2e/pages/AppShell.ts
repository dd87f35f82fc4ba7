import { expect, type Locator, type Page } from '@playwright/test';

export class AppShell {
  readonly nav: Locator;

  constructor(private readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: '功能导航' });
  }

  async expectSignedInAs(displayName: string): Promise<void> {
    await expect(this.page.getByTestId('current-user')).toContainText(displayName);
  }

  async open(section: string): Promise<void> {
    await this.nav.getByRole('link', { name: section }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: section })).toBeVisible();
  }

  async logOut(): Promise<void> {
    await this.page.getByRole('banner').getByRole('button', { name: '退出登录' }).click();
  }
}
