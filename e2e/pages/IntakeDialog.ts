import { expect, type Locator, type Page } from '@playwright/test';

/** 受理申请（一表登记）, opened from a household page. */
export class IntakeDialog {
  readonly dialog: Locator;

  constructor(page: Page) {
    this.dialog = page.getByRole('dialog', { name: '受理申请（一表登记）' });
  }

  kind(label: string): Locator {
    return this.dialog.getByRole('group', { name: label });
  }

  material(kindLabel: string, materialName: string): Locator {
    return this.kind(kindLabel).getByRole('radiogroup', { name: materialName });
  }

  /** Ticks the kind and states every material of its checklist as `status`. */
  async chooseKind(label: string, status: string): Promise<void> {
    await this.kind(label).getByRole('checkbox', { name: label }).check();
    const groups = this.kind(label).getByRole('radiogroup');
    await expect(groups.first()).toBeVisible();
    for (const group of await groups.all()) await group.getByRole('radio', { name: status }).check();
  }

  async setMaterial(kindLabel: string, materialName: string, status: string): Promise<void> {
    await this.material(kindLabel, materialName).getByRole('radio', { name: status }).check();
  }

  async submit(): Promise<void> {
    await this.dialog.getByRole('button', { name: '受理', exact: true }).click();
  }
}
