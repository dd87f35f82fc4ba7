import type { Page } from '@playwright/test';
import type { PageGlobals } from './browser';

/**
 * Draws two different Chinese characters with the app's font and compares the pixels. A
 * missing font draws the same empty box for both (tofu), silently; distinct, inked pixels
 * prove Chinese is really rendered. Also reports whether the bundled face was used.
 */
export async function drawTwoGlyphs(page: Page): Promise<{ inkA: number; inkB: number; differ: boolean; bundledLoaded: boolean }> {
  return page.evaluate(async () => {
    // Runs in the page: no imports, only what was passed in.
    const { document } = globalThis as unknown as PageGlobals;
    const font = '48px "Noto Sans SC"';
    await document.fonts.load(font, '救助');
    // check() is also true for a family with no @font-face at all: look for our loaded face.
    const bundledLoaded = [...document.fonts].some((f) => f.family.replace(/["']/g, '') === 'Noto Sans SC' && f.status === 'loaded');
    const draw = (text: string): Uint8ClampedArray => {
      const canvas = document.createElement('canvas');
      canvas.width = 64;
      canvas.height = 64;
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d context');
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, 64, 64);
      ctx.fillStyle = '#000';
      ctx.font = font;
      ctx.textBaseline = 'top';
      ctx.fillText(text, 8, 8);
      return ctx.getImageData(0, 0, 64, 64).data;
    };
    const a = draw('救');
    const b = draw('助');
    const ink = (d: Uint8ClampedArray): number => {
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if ((d[i] ?? 255) < 128) n++;
      return n;
    };
    let differ = false;
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) {
        differ = true;
        break;
      }
    }
    return { inkA: ink(a), inkB: ink(b), differ, bundledLoaded };
  });
}
