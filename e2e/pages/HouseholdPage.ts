import { expect, type Locator, type Page } from '@playwright/test';

export class HouseholdPage {
  readonly members: Locator;

  constructor(private readonly page: Page) {
    this.members = page.getByRole('table', { name: '家庭成员' });
  }

  async expectHousehold(headName: string): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 1, name: `${headName}户` })).toBeVisible();
  }

  /** 受理申请: opens the one-form intake (the clerk's only). */
  async startIntake(): Promise<void> {
    await this.page.getByRole('button', { name: '受理申请' }).click();
  }

  memberRow(name: string): Locator {
    return this.members.getByRole('row').filter({ has: this.page.getByRole('cell', { name, exact: true }) });
  }

  /** Asks for the full ID and confirms the audited reveal. */
  async revealId(name: string): Promise<void> {
    await this.memberRow(name).getByRole('button', { name: '显示完整号码' }).click();
    const confirm = this.page.getByRole('dialog', { name: '查看完整身份号码' });
    await expect(confirm).toContainText('查看完整身份号码将记入审计日志');
    await confirm.getByRole('button', { name: '确认查看' }).click();
    await expect(confirm).toBeHidden();
  }

  /** Opens 修改 for a member: straight to the form, with no reveal of the full ID on the way. */
  async editPerson(name: string): Promise<Locator> {
    await this.memberRow(name).getByRole('button', { name: '修改', exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: '修改人员信息' });
    await expect(dialog).toBeVisible();
    await expect(this.page.getByRole('dialog', { name: '查看完整身份号码' })).toHaveCount(0);
    return dialog;
  }

  /** Opens 变更关系 for a member and picks the new relation; saving is left to the caller. */
  async chooseRelation(name: string, relation: string): Promise<Locator> {
    await this.memberRow(name).getByRole('button', { name: '变更关系' }).click();
    const dialog = this.page.getByRole('dialog', { name: '变更与户主关系' });
    await dialog.getByLabel('与户主关系').selectOption({ label: relation });
    return dialog;
  }
}
