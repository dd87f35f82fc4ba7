import { expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';

// An A4 form at #/print/<kind>/<caseId>: the sheet alone, with 打印 and 返回 above it.

export class PrintSheetPage {
  constructor(private readonly page: Page) {}

  async open(kind: string, caseId: string, title: string): Promise<void> {
    await this.page.goto(`/#/print/${kind}/${caseId}`);
    await this.expectSheet(title);
  }

  async expectSheet(title: string): Promise<void> {
    await expect(this.page.getByRole('article', { name: title })).toBeVisible();
    await expect(this.page.getByRole('heading', { name: title })).toBeVisible();
    await expect(this.page.getByRole('button', { name: '打印' })).toBeEnabled();
    await expect(this.page.getByRole('link', { name: '返回' })).toBeVisible();
  }

  /** The page printed to an A4 PDF at `file` (print media, as the print dialog would), as text. */
  async pdfText(file: string): Promise<string> {
    await this.page.evaluate(() => (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready);
    await this.page.pdf({ path: file, format: 'A4', preferCSSPageSize: true });
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  }
}
