// The few browser APIs the page-side code of the specs uses. e2e/ is type-checked with the
// Node program (tsconfig.node.json, no DOM lib), and pulling the DOM lib into that whole
// program would hide browser globals misused in Node code, so these are declared here.
// Inside page.evaluate() write `globalThis as unknown as PageGlobals` (closures are not sent).

export interface PageCanvasContext {
  fillStyle: string;
  font: string;
  textBaseline: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
}

export interface PageGlobals {
  document: {
    fonts: Iterable<{ family: string; status: string }> & { load(font: string, text: string): Promise<unknown> };
    createElement(tag: 'canvas'): { width: number; height: number; getContext(kind: '2d'): PageCanvasContext | null };
  };
  sessionStorage: { getItem(key: string): string | null };
}
