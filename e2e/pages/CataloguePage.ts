import { expect, type Locator, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';

// 事项清单: the read-only view of any version, the town admin's editor, and the wall list at
// #/catalogue/wall.

export class CataloguePage {
  readonly editor: Locator;

  constructor(private readonly page: Page) {
    this.editor = page.getByRole('form', { name: '修改事项清单' });
  }

  async startEditing(): Promise<void> {
    await this.page.getByRole('button', { name: '修改清单' }).click();
    await expect(this.editor).toBeVisible();
  }

  async chooseKind(label: string): Promise<void> {
    await this.editor.getByRole('list', { name: '救助事项' }).getByRole('button', { name: label }).click();
    await expect(this.editor.getByRole('heading', { level: 2, name: label })).toBeVisible();
  }

  field(label: string): Locator {
    return this.editor.getByLabel(label, { exact: true });
  }

  materialName(n: number): Locator {
    return this.editor.getByRole('textbox', { name: `第 ${n} 项材料名称` });
  }

  async save(nextVersion: number): Promise<void> {
    await this.editor.getByRole('button', { name: `保存为第 ${nextVersion} 版` }).click();
  }

  /** The message shown beside (under) a field, found through its aria-describedby. */
  async expectFieldError(field: Locator, message: string): Promise<void> {
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(message);
  }

  versionSelect(): Locator {
    return this.page.getByLabel('清单版本');
  }

  /** The table row of one kind in the read-only view. */
  row(kindLabel: string): Locator {
    return this.page.getByRole('table', { name: '事项清单' }).getByRole('row').filter({ hasText: kindLabel });
  }

  async openWallList(): Promise<void> {
    await this.page.getByRole('link', { name: '打印清单' }).click();
    await expect(this.page.getByRole('article', { name: '一次办好清单' })).toBeVisible();
    await expect(this.page.getByRole('heading', { name: '一次办好清单' })).toBeVisible();
    await expect(this.page.getByRole('button', { name: '打印' })).toBeEnabled();
  }

  /** The wall list printed to a PDF as the print dialog would (its own @page), as text. */
  async wallListPdfText(file: string): Promise<string> {
    await this.page.evaluate(() => (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready);
    await this.page.pdf({ path: file, preferCSSPageSize: true });
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  }

  /** The PDF's page size in points, as pdfinfo reports it ('841.89 x 595.276 pts (A4)'). */
  pdfPageSize(file: string): string {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    return /Page size:\s+(.*)/.exec(info)?.[1] ?? '';
  }
}
