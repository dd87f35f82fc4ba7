import { expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';

// An A4 form at #/print/<kind>/<caseId> (#/print/notice_list/<noticeId>): the sheet alone, with
// 返回, 打印 and 另存为 PDF above it and the copy the next print will be.

/** The page's globals the print-dialog stand-in uses (no DOM types in the e2e build). */
interface PrintGlobals {
  window: { print: () => void };
  document: { querySelector(selector: string): { textContent: string | null } | null };
  printedSheets?: string[];
}

export class PrintSheetPage {
  constructor(private readonly page: Page) {}

  /**
   * Headless Chromium cannot drive the print dialog (and a real window.print() leaves the page
   * "being printed"): from now on window.print() only notes the sheet's text as it stood when
   * the dialog would have opened, so a test sees what that copy put on paper.
   */
  async standInForPrintDialog(): Promise<void> {
    await this.page.addInitScript(() => {
      const g = globalThis as unknown as PrintGlobals;
      g.printedSheets = [];
      g.window.print = () => g.printedSheets?.push(g.document.querySelector('article')?.textContent ?? '');
    });
  }

  /** The text of every sheet window.print() was called on, in order (see standInForPrintDialog). */
  async printedSheets(): Promise<string[]> {
    return this.page.evaluate(() => (globalThis as unknown as PrintGlobals).printedSheets ?? []);
  }

  /** `origin` for a second server (the later one); the project's baseURL otherwise. */
  async open(kind: string, id: string, title: string, origin = ''): Promise<void> {
    await this.page.goto(`${origin}/#/print/${kind}/${id}`);
    await this.expectSheet(title);
  }

  async expectSheet(title: string): Promise<void> {
    await expect(this.page.getByRole('article', { name: title })).toBeVisible();
    await expect(this.page.getByRole('heading', { name: title })).toBeVisible();
    await expect(this.page.getByRole('button', { name: '打印' })).toBeEnabled();
    await expect(this.page.getByRole('link', { name: '返回' })).toBeVisible();
  }

  /** 打印 (or 另存为 PDF): the print is recorded, and the sheet moves on to the next copy. */
  async print(target: 'a4' | 'pdf', nextCopyNo: number): Promise<void> {
    await this.page.getByRole('button', { name: target === 'a4' ? '打印' : '另存为 PDF' }).click();
    await this.expectNextCopy(nextCopyNo);
  }

  /** What the sheet and the line above it say the next print will be. */
  async expectNextCopy(copyNo: number): Promise<void> {
    const status = this.page.getByRole('status');
    const sheet = this.page.getByRole('article');
    if (copyNo === 1) {
      await expect(status).toContainText('本次为第1份');
      await expect(sheet).not.toContainText('补打');
    } else {
      await expect(status).toContainText(`本次为第${copyNo}份，将标注“补打”`);
      await expect(sheet).toContainText(`补打（第${copyNo}份）`);
    }
  }

  /** The page printed to an A4 PDF at `file` (print media, as the print dialog would), as text. */
  async pdfText(file: string): Promise<string> {
    await this.page.evaluate(() => (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready);
    await this.page.pdf({ path: file, format: 'A4', preferCSSPageSize: true });
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  }
}
