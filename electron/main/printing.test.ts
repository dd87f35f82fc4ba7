import { describe, expect, it } from 'vitest';
import {
  A4_MARGIN_MM,
  FALLBACK_FILE_STEM,
  FILE_STEM_LENGTH_MAX,
  SUGGESTED_NAME_LENGTH_MAX,
  paperPrintOptions,
  parseChoosePdfOptions,
  pdfFileName,
  pdfPrintOptions,
  pdfWriteFailureMessage,
  printOutcome,
  withPdfExtension,
} from './printing';

// What printIpc.ts decides for the desktop print paths, under plain Node. The dialogs,
// webContents.print/printToPDF and the real file system write need Electron (README).

// Windows' rules for a file name: none of these characters, no trailing dot or space.
// eslint-disable-next-line no-control-regex -- matching control characters is the point: a file name must not carry them
const WINDOWS_FORBIDDEN = /[\u0000-\u001f<>:"/\\|?*]/;

function expectSafe(name: string): void {
  expect(name).toMatch(/\.pdf$/);
  expect(name).not.toMatch(WINDOWS_FORBIDDEN);
  expect(name.startsWith('.')).toBe(false);
  const stem = name.slice(0, -'.pdf'.length);
  expect(stem).not.toMatch(/[.\s]$/);
  expect(stem).not.toMatch(/^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])\s*(\..*)?$/i);
  expect(Array.from(stem).length).toBeLessThanOrEqual(FILE_STEM_LENGTH_MAX);
}

describe('pdfFileName', () => {
  it.each([
    ['370404101-2026-0001 社会救助审核审批表', '370404101-2026-0001 社会救助审核审批表.pdf'],
    ['张家庄村 社会救助公示名单 第2份', '张家庄村 社会救助公示名单 第2份.pdf'],
    ['already.pdf', 'already.pdf'],
    ['ALREADY.PDF', 'ALREADY.pdf'],
  ])('keeps a good name %j', (suggested, expected) => {
    expect(pdfFileName(suggested)).toBe(expected);
  });

  it.each([
    ['path traversal', '../../Windows/System32/evil', 'Windows System32 evil.pdf'],
    ['backslashes', '..\\..\\boot.ini', 'boot.ini.pdf'],
    ['an absolute path', '/etc/passwd', 'etc passwd.pdf'],
    ['a drive letter', 'C:\\Users\\公共\\审批表', 'C Users 公共 审批表.pdf'],
    ['Windows-forbidden characters', '审批表<1>:"|?*', '审批表 1.pdf'],
    ['control characters', 'a\u0000b\u0007c\nd\u007f\u009be', 'a b c d e.pdf'],
    ['only dots', '....', `${FALLBACK_FILE_STEM}.pdf`],
    ['empty', '', `${FALLBACK_FILE_STEM}.pdf`],
    ['only spaces and slashes', ' / \\ ', `${FALLBACK_FILE_STEM}.pdf`],
    ['a leading dot (hidden file)', '.bashrc', 'bashrc.pdf'],
    ['trailing dots and spaces', '审批表. . ', '审批表.pdf'],
    ['CON', 'CON', '_CON.pdf'],
    ['con with an extension', 'con.txt', '_con.txt.pdf'],
    ['lpt9 with spaces', '  lpt9  ', '_lpt9.pdf'],
    ['com1.pdf', 'com1.pdf', '_com1.pdf'],
    ['a device name with a space before the extension', 'AUX .txt', '_AUX .txt.pdf'],
    ['a superscript port', 'COM¹', '_COM¹.pdf'],
  ])('makes %s safe', (_label, suggested, expected) => {
    const name = pdfFileName(suggested);
    expect(name).toBe(expected);
    expectSafe(name);
  });

  it('does not take a name that only starts like a device (CONTROL, console)', () => {
    expect(pdfFileName('CONTROL')).toBe('CONTROL.pdf');
    expect(pdfFileName('console 说明')).toBe('console 说明.pdf');
  });

  it('bounds a very long name by code points, never splitting a character', () => {
    const name = pdfFileName('审'.repeat(500));
    expectSafe(name);
    expect(name).toBe(`${'审'.repeat(FILE_STEM_LENGTH_MAX)}.pdf`);
    const astral = pdfFileName('𠀀'.repeat(100));
    expect(astral).toBe(`${'𠀀'.repeat(FILE_STEM_LENGTH_MAX)}.pdf`);
  });

  it('does not leave a trailing dot where the cut falls', () => {
    const name = pdfFileName(`${'a'.repeat(FILE_STEM_LENGTH_MAX - 1)}.b`);
    expect(name).toBe(`${'a'.repeat(FILE_STEM_LENGTH_MAX - 1)}.pdf`);
    expectSafe(name);
  });
});

describe('withPdfExtension', () => {
  it('adds .pdf only where it is missing', () => {
    expect(withPdfExtension('/home/clerk/审批表')).toBe('/home/clerk/审批表.pdf');
    expect(withPdfExtension('D:\\文书\\审批表.PDF')).toBe('D:\\文书\\审批表.PDF');
  });
});

describe('parseChoosePdfOptions', () => {
  it('accepts exactly { suggestedName }', () => {
    expect(parseChoosePdfOptions({ suggestedName: '审批表' })).toEqual({ suggestedName: '审批表' });
    expect(parseChoosePdfOptions({ suggestedName: '' })).toEqual({ suggestedName: '' });
  });

  it.each([
    ['nothing', undefined],
    ['null', null],
    ['a string', '审批表'],
    ['an array', ['审批表']],
    ['no name', {}],
    ['a numeric name', { suggestedName: 1 }],
    ['a name over the limit', { suggestedName: 'x'.repeat(SUGGESTED_NAME_LENGTH_MAX + 1) }],
    ['an extra key (a path of its own)', { suggestedName: '审批表', defaultPath: 'C:\\Windows' }],
    ['a class instance', new (class { suggestedName = '审批表'; })()],
  ])('refuses %s', (_label, options) => {
    expect(parseChoosePdfOptions(options)).toBeNull();
  });
});

describe('print and PDF options', () => {
  it('opens the system dialog (never silent) for A4 with backgrounds', () => {
    expect(paperPrintOptions()).toEqual({ silent: false, printBackground: true, pageSize: 'A4' });
  });

  it('renders the PDF on A4 with a4.css margins, in inches', () => {
    const options = pdfPrintOptions();
    expect(options.pageSize).toBe('A4');
    expect(options.printBackground).toBe(true);
    for (const side of [options.margins.top, options.margins.bottom, options.margins.left, options.margins.right]) {
      expect(side * 25.4).toBeCloseTo(A4_MARGIN_MM, 6);
    }
  });

  it('keeps A4_MARGIN_MM in step with a4.css', async () => {
    const { readFile } = await import('node:fs/promises');
    const css = await readFile(new URL('../../renderer/src/print/a4.css', import.meta.url), 'utf8');
    expect(css).toMatch(new RegExp(`@page\\s*\\{[^}]*margin:\\s*${A4_MARGIN_MM}mm`));
  });
});

describe('printOutcome', () => {
  it('says sent, not printed, when the job reached the queue', () => {
    expect(printOutcome(true, '')).toEqual({ ok: true, outcome: 'sent' });
  });

  it('tells a cancelled dialog apart from a failure', () => {
    expect(printOutcome(false, 'Print job canceled')).toEqual({ ok: true, outcome: 'canceled' });
  });

  it.each([
    ['Invalid printer settings', '打印机设置无效'],
    ['Print job failed', '打印任务失败'],
    ['Something new from Chromium', '打印未完成（Something new from Chromium）'],
    ['', '打印未完成，请检查打印机后重试'],
  ])('puts %j in Chinese', (reason, expected) => {
    const result = printOutcome(false, reason);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(expected);
  });

  it('bounds an unknown reason', () => {
    const result = printOutcome(false, 'x'.repeat(5000));
    expect(result).toEqual({ ok: false, message: `打印未完成（${'x'.repeat(100)}），请检查打印机后重试` });
  });
});

describe('pdfWriteFailureMessage', () => {
  it.each([
    ['EACCES', '没有写入该位置的权限'],
    ['EPERM', '没有写入该位置的权限'],
    ['ENOSPC', '磁盘空间不足'],
    ['EBUSY', '正被其他程序占用'],
    ['ENOENT', '保存位置不存在'],
    ['EROFS', '只读'],
  ])('names %s', (code, expected) => {
    expect(pdfWriteFailureMessage(Object.assign(new Error('write failed'), { code }))).toContain(expected);
  });

  it('falls back for anything else, without the system text', () => {
    expect(pdfWriteFailureMessage(new Error('EIO: i/o error, open /x'))).toBe('保存 PDF 失败，请换一个位置重试');
    expect(pdfWriteFailureMessage('not an error')).toBe('保存 PDF 失败，请换一个位置重试');
    expect(pdfWriteFailureMessage(null)).toBe('保存 PDF 失败，请换一个位置重试');
  });

  it('reports a real failed write by its code', async () => {
    const { writeFile } = await import('node:fs/promises');
    const error = await writeFile('/nonexistent-dir-for-relief-desk/审批表.pdf', 'x').catch((e: unknown) => e);
    expect(pdfWriteFailureMessage(error)).toContain('保存位置不存在');
  });
});
