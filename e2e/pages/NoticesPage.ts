import { expect, type Locator, type Page } from '@playwright/test';

/** #/notices (公示): publish a village's list, then its sheet with 登记异议 and 结束公示. */
export class NoticesPage {
  readonly sheet: Locator;

  constructor(private readonly page: Page) {
    this.sheet = page.getByTestId('notice-sheet');
  }

  /** The village's table of cases waiting for a notice. */
  candidates(village: string): Locator {
    return this.page.getByRole('table', { name: `${village}待公示案件` });
  }

  /** The notices still running (公示中), one button each: village and period. */
  get running(): Locator {
    return this.page.getByRole('region', { name: '公示中' }).getByRole('button');
  }

  /** 发布公示 for the village with a proposed monthly amount for one case; the sheet is shown. */
  async publish(caseNo: string, amountYuan: string): Promise<void> {
    await this.page.getByLabel(`${caseNo} 拟保障金额`).fill(amountYuan);
    await this.page.getByRole('button', { name: '发布公示' }).click();
    await expect(this.sheet).toContainText('社会救助公示');
  }

  /** The notice period as printed on the sheet: start and end as shown (2026年11月28日). */
  async period(): Promise<{ start: string; end: string }> {
    const text = (await this.sheet.getByText(/^公示期：/).textContent()) ?? '';
    const m = /公示期：(\d{4}年\d{2}月\d{2}日) 至 (\d{4}年\d{2}月\d{2}日)/.exec(text);
    if (!m?.[1] || !m[2]) throw new Error(`no notice period on the sheet: ${text}`);
    return { start: m[1], end: m[2] };
  }

  async recordObjection(caseNo: string, content: string): Promise<void> {
    await this.page.getByRole('button', { name: '登记异议' }).click();
    const dialog = this.page.getByRole('dialog', { name: '登记异议' });
    await dialog.getByLabel('异议所涉案件').click();
    await this.page.getByRole('option', { name: new RegExp(caseNo) }).click();
    await dialog.getByLabel('异议内容').fill(content);
    await dialog.getByRole('button', { name: '登记' }).click();
    await expect(dialog).toBeHidden();
  }

  async close(): Promise<void> {
    await this.page.getByRole('button', { name: '结束公示' }).click();
  }
}
