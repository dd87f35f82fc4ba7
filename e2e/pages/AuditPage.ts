import { expect, type Locator, type Page } from '@playwright/test';

export class AuditPage {
  readonly table: Locator;

  constructor(private readonly page: Page) {
    this.table = page.getByRole('table', { name: '审计日志' });
  }

  rowsFor(action: string): Locator {
    return this.table.getByRole('row').filter({ hasText: action });
  }

  async verifyChain(): Promise<Locator> {
    await this.page.getByRole('button', { name: '校验哈希链' }).click();
    const status = this.page.getByRole('status').filter({ hasText: /完整|断裂/ });
    await expect(status).toBeVisible();
    return status;
  }
}
