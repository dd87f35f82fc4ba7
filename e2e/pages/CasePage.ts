import { expect, type Locator, type Page } from '@playwright/test';

/** #/cases/<id>. */
export class CasePage {
  readonly facts: Locator;
  readonly materials: Locator;
  readonly signatures: Locator;
  readonly timeline: Locator;

  constructor(private readonly page: Page) {
    this.facts = page.getByRole('region', { name: '案件信息' });
    this.materials = page.getByRole('table', { name: '材料清单' });
    this.signatures = page.getByRole('table', { name: '签字情况' });
    this.timeline = page.getByRole('table', { name: '办理过程' });
  }

  fact(term: string): Locator {
    return this.facts.getByLabel(term, { exact: true });
  }

  async expectState(label: string): Promise<void> {
    await expect(this.fact('办理状态')).toHaveText(label);
  }

  row(table: Locator, ...cells: string[]): Locator {
    let rows = table.getByRole('row');
    for (const name of cells) rows = rows.filter({ has: this.page.getByRole('cell', { name, exact: true }) });
    return rows;
  }

  /** 补齐材料: sets the named materials and saves. */
  async completeMaterials(statuses: Record<string, string>): Promise<void> {
    await this.page.getByRole('button', { name: '补齐材料' }).click();
    const dialog = this.page.getByRole('dialog', { name: '补齐材料' });
    for (const [material, status] of Object.entries(statuses)) {
      await dialog.getByRole('radiogroup', { name: material }).getByRole('radio', { name: status }).check();
    }
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toBeHidden();
  }

  /** 登记签字 for one form and one signer, dated `date` (YYYY-MM-DD). */
  async recordSignature(form: string, signer: string, date: string): Promise<void> {
    await this.page.getByRole('button', { name: '登记签字' }).click();
    const dialog = this.page.getByRole('dialog', { name: '登记签字' });
    await dialog.getByLabel('文书').selectOption({ label: form });
    await dialog.getByLabel('签字人').selectOption({ label: signer });
    await dialog.getByLabel('签字日期').fill(date);
    // Keyboard-first: Ctrl+Enter submits from any field.
    await dialog.getByLabel('签字日期').press('Control+Enter');
    await expect(dialog).toBeHidden();
  }

  // ---- the steps after intake
  get check(): Locator {
    return this.page.getByRole('region', { name: '家庭经济状况核对' });
  }

  get checkResults(): Locator {
    return this.check.getByRole('table', { name: '核对结果' });
  }

  /** Opens the named step's dialog from the page header. */
  async openStep(button: string): Promise<Locator> {
    await this.page.getByRole('button', { name: button, exact: true }).click();
    return this.page.getByRole('dialog', { name: button });
  }

  /** 登记结果 for one source: 有记录 with the given figure fields (label → typed text), or 无记录. */
  async recordCheckResult(source: string, figures: Record<string, string> | null, note: string): Promise<void> {
    await this.check.getByRole('button', { name: `登记结果：${source}` }).click();
    const dialog = this.page.getByRole('dialog', { name: '登记核对结果' });
    await dialog.getByLabel('核对结果').selectOption({ label: figures ? '有记录' : '无记录' });
    for (const [label, text] of Object.entries(figures ?? {})) await dialog.getByLabel(label).fill(text);
    await dialog.getByLabel('说明').fill(note);
    await dialog.getByLabel('核对结果').press('Control+Enter');
    await expect(dialog).toBeHidden();
  }

  async completeCheck(reportNo: string, date: string): Promise<void> {
    await this.check.getByRole('button', { name: '完成核对' }).click();
    const dialog = this.page.getByRole('dialog', { name: '完成核对' });
    await dialog.getByLabel('核对报告编号').fill(reportNo);
    await dialog.getByLabel('报告日期').fill(date);
    await dialog.getByLabel('报告日期').press('Control+Enter');
    await expect(dialog).toBeHidden();
  }

  /** Fills a step dialog field by field (label → text) and submits it with Ctrl+Enter. */
  async fillStep(button: string, fields: Record<string, string>): Promise<Locator> {
    const dialog = await this.openStep(button);
    for (const [label, text] of Object.entries(fields)) await dialog.getByLabel(label).fill(text);
    await dialog.getByLabel(Object.keys(fields)[0] ?? '').press('Control+Enter');
    return dialog;
  }
}
