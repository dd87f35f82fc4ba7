import { expect, type Locator, type Page } from '@playwright/test';

export class RegistryPage {
  readonly searchBox: Locator;
  readonly results: Locator;

  constructor(private readonly page: Page) {
    this.searchBox = page.getByLabel('查找人员');
    this.results = page.getByRole('table', { name: '查找结果' });
  }

  async search(query: string): Promise<void> {
    await this.searchBox.fill(query);
  }

  /** The result row for a person, once the search has answered. */
  resultRow(name: string): Locator {
    return this.results.getByRole('row').filter({ has: this.page.getByRole('cell', { name, exact: true }) });
  }

  async expectHit(name: string, matchedBy: string): Promise<void> {
    await expect(this.resultRow(name)).toContainText(matchedBy);
  }

  async startRegistration(): Promise<Locator> {
    await this.page.getByRole('button', { name: '登记新户' }).click();
    const dialog = this.page.getByRole('dialog', { name: '登记新户' });
    await expect(dialog).toBeVisible();
    return dialog;
  }
}
