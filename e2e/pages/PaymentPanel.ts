import { expect, type Locator, type Page } from '@playwright/test';

/** 救助金发放 on a temporary-relief case page, and the dialogs it opens. */
export class PaymentPanel {
  readonly region: Locator;

  constructor(private readonly page: Page) {
    this.region = page.getByRole('region', { name: '救助金发放' });
  }

  button(name: string): Locator {
    return this.region.getByRole('button', { name, exact: true });
  }

  dialog(title: string): Locator {
    return this.page.getByRole('dialog', { name: title });
  }

  /** The panel's fact (a dd found by its dt's words), in the one payout shown. */
  fact(term: string): Locator {
    return this.region.getByLabel(term, { exact: true });
  }

  /** Opens the named dialog from its button and returns it. */
  async open(button: string, title = button): Promise<Locator> {
    await this.button(button).click();
    const dialog = this.dialog(title);
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /**
   * 先行救助: the cause, amount and opinion typed; payee the applicant and cash unless the caller
   * changes the dialog afterwards. Returns the dialog, not yet submitted.
   */
  async fillEmergency(fields: { cause: string; amount: string; opinion: string }): Promise<Locator> {
    const dialog = await this.open('先行救助');
    await dialog.getByLabel('救助事由').selectOption({ label: fields.cause });
    await dialog.getByLabel('救助金额（元）').fill(fields.amount);
    await dialog.getByLabel('先行救助意见').fill(fields.opinion);
    return dialog;
  }
}
