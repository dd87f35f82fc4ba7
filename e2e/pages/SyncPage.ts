import { expect, type Locator, type Page } from '@playwright/test';

/** 数据同步 (issue 5): the key, the folder, the other side's key, the packages out and in. */
export class SyncPage {
  constructor(private readonly page: Page) {}

  section(title: string): Locator {
    return this.page.getByRole('region', { name: title, exact: true });
  }

  /** This installation's key fingerprint as the page shows it (the exact text rides in data-fingerprint). */
  async ownFingerprint(): Promise<string> {
    const fingerprint = this.page.getByTestId('own-fingerprint');
    await expect(fingerprint).toBeVisible();
    return (await fingerprint.getAttribute('data-fingerprint')) ?? '';
  }

  /** 导出公钥文件: the download, saved at `path`. */
  async downloadPublicKey(path: string): Promise<void> {
    const download = this.page.waitForEvent('download');
    await this.section('本机密钥').getByRole('button', { name: '导出公钥文件' }).click();
    await (await download).saveAs(path);
  }

  /** 同步设置: the common folder, saved. */
  async setFolder(folder: string): Promise<void> {
    const settings = this.section('同步设置');
    await settings.getByLabel('同步文件夹').fill(folder);
    await settings.getByRole('button', { name: '保存' }).click();
    await expect(settings.getByText('同步设置已保存')).toBeVisible();
  }

  /**
   * Chooses the other side's key file with the button `label` (导入区级公钥 / 登记镇街, whose file
   * input is key-file-<expected kind>), checks the fingerprint the dialog shows against
   * `fingerprint` (what the other side reads out by phone), and confirms.
   */
  async importKey(expected: 'town' | 'district', file: string, fingerprint: string): Promise<void> {
    await this.page.getByTestId(`key-file-${expected}`).setInputFiles(file);
    const dialog = this.page.getByRole('dialog', { name: '核对公钥' });
    await expect(dialog.getByTestId('preview-fingerprint')).toHaveAttribute('data-fingerprint', fingerprint);
    await dialog.getByRole('button', { name: '确认导入' }).click();
    await expect(dialog).toBeHidden();
  }

  /** 立即导出; returns the success line (已生成第 N 号数据包…). */
  async exportNow(): Promise<Locator> {
    await this.section('已发送的数据包').getByRole('button', { name: '立即导出' }).click();
    const result = this.page.getByTestId('export-result');
    await expect(result).toBeVisible();
    return result;
  }

  /** 查找新数据包, then 全部导入 of the `count` packages listed; waits for the bar to reach the end, each file 已导入. */
  async importAll(count: number): Promise<Locator> {
    const section = this.section('导入数据包');
    await section.getByRole('button', { name: '查找新数据包' }).click();
    await expect(section.getByRole('table', { name: '待导入的数据包' }).getByRole('row')).toHaveCount(count + 1);
    await section.getByRole('button', { name: '全部导入' }).click();
    const progress = section.getByTestId('import-progress');
    await expect(progress).toContainText(`${count} / ${count}`);
    await expect(progress.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
    const results = section.getByTestId('import-results').getByRole('listitem');
    await expect(results).toHaveCount(count);
    for (let i = 0; i < count; i += 1) await expect(results.nth(i)).toHaveAttribute('data-status', 'applied');
    await expect(section.getByText(`已处理 ${count} 个数据包`)).toBeVisible();
    return results;
  }
}
