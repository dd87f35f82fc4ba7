import { expect, type Locator, type Page } from '@playwright/test';

export interface MemberData {
  name: string;
  residentId: string;
  relation?: string;
  tag?: string;
}

export class RegisterHouseholdDialog {
  readonly dialog: Locator;

  constructor(private readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: '登记新户' });
  }

  member(index: number): Locator {
    const legend = index === 0 ? '成员 1（户主）' : `成员 ${index + 1}`;
    return this.dialog.getByRole('group', { name: legend, exact: true });
  }

  async fillHousehold(h: { village: string; address: string; phone: string; registration: string }): Promise<void> {
    const box = this.dialog.getByRole('group', { name: '户信息' });
    await box.getByLabel('村居').selectOption({ label: h.village });
    await box.getByLabel('住址').fill(h.address);
    await box.getByLabel('电话').fill(h.phone);
    await box.getByLabel('户籍类型').selectOption({ label: h.registration });
  }

  async addMemberRow(): Promise<void> {
    await this.dialog.getByRole('button', { name: '添加成员' }).click();
  }

  async fillMember(index: number, m: MemberData): Promise<void> {
    const box = this.member(index);
    if (m.relation) await box.getByLabel('与户主关系').selectOption({ label: m.relation });
    await box.getByLabel('姓名').fill(m.name);
    await box.getByLabel('公民身份号码').fill(m.residentId);
    if (m.tag) {
      await box.getByLabel('人员类别标签').click();
      await this.page.getByRole('option', { name: m.tag, exact: true }).click();
      await expect(box.getByText(m.tag, { exact: true })).toBeVisible();
    }
  }

  async submit(): Promise<void> {
    await this.dialog.getByRole('button', { name: '登记', exact: true }).click();
    await expect(this.dialog).toBeHidden();
  }
}
