import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../transports/csp';
import {
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  appResponseHeaders,
  buildWebPreferences,
  decidePermission,
  decideWindowOpen,
  isAllowedNavigation,
  isReadMethod,
  isTrustedSender,
  mimeTypeFor,
  resolveAppUrl,
} from './security';

// These are the decisions Electron's hooks ask for; the wiring itself (index.ts) only runs in
// real Electron and is not exercised here.

describe('buildWebPreferences', () => {
  it('always sandboxes, isolates and keeps Node out of the page', () => {
    const prefs = buildWebPreferences({ preloadPath: '/app/dist-electron/preload/index.cjs', devTools: false });
    expect(prefs).toMatchObject({
      preload: '/app/dist-electron/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      devTools: false,
    });
  });

  it('only devTools follows the option', () => {
    const on = buildWebPreferences({ preloadPath: 'p', devTools: true });
    const off = buildWebPreferences({ preloadPath: 'p', devTools: false });
    expect({ ...on, devTools: false }).toEqual(off);
  });
});

describe('APP_SCHEME_PRIVILEGES', () => {
  it('is a standard secure scheme that cannot bypass the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true, bypassCSP: false, corsEnabled: false, allowServiceWorkers: false });
  });
});

const navigationCases: [string, boolean][] = [
  [APP_ENTRY_URL, true],
  ['app://relief-desk/', true],
  ['app://relief-desk/index.html#/cases/1', true],
  ['app://relief-desk/cases?page=2', true],
  ['app://other-host/index.html', false],
  ['app://relief-desk:8080/index.html', false],
  ['app://user:pw@relief-desk/index.html', false],
  ['app:relief-desk/index.html', false],
  ['app:///index.html', false],
  ['https://example.com/', false],
  ['http://127.0.0.1:5170/', false],
  ['http://relief-desk/index.html', false],
  ['file:///etc/passwd', false],
  ['file:///C:/Windows/win.ini', false],
  ['javascript:alert(1)', false],
  ['data:text/html,<script>alert(1)</script>', false],
  ['about:blank', false],
  ['devtools://devtools/bundled/inspector.html', false],
  ['chrome://settings', false],
  ['', false],
  ['not a url', false],
];

describe('isAllowedNavigation', () => {
  it.each(navigationCases)('%s -> %s', (url, allowed) => {
    expect(isAllowedNavigation(url)).toBe(allowed);
  });
});

describe('isTrustedSender', () => {
  it.each(navigationCases)('%s -> %s', (url, trusted) => {
    expect(isTrustedSender(url)).toBe(trusted);
  });

  it('does not trust a frame that is gone (null) or has no URL', () => {
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });
});

describe('decideWindowOpen', () => {
  it.each(['https://example.com/', APP_ENTRY_URL, 'about:blank', 'javascript:void(0)'])('denies %s', (url) => {
    expect(decideWindowOpen(url)).toEqual({ action: 'deny' });
  });
});

describe('decidePermission', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'hid', 'serial', 'usb', 'fullscreen', 'unknown'])(
    'denies %s',
    (permission) => {
      expect(decidePermission(permission)).toBe(false);
    },
  );
});

describe('isReadMethod', () => {
  it.each([
    ['GET', true],
    ['HEAD', true],
    ['POST', false],
    ['PUT', false],
    ['DELETE', false],
    ['get', false],
  ] as const)('%s -> %s', (method, read) => {
    expect(isReadMethod(method)).toBe(read);
  });
});

describe('resolveAppUrl (POSIX)', () => {
  const root = '/opt/relief-desk/resources/app.asar/dist/renderer';
  const inRoot = (...p: string[]) => path.posix.join(root, ...p);

  it.each([
    ['app://relief-desk', inRoot('index.html')],
    ['app://relief-desk/', inRoot('index.html')],
    ['app://relief-desk/index.html', inRoot('index.html')],
    ['app://relief-desk/assets/index-Bx1.js', inRoot('assets/index-Bx1.js')],
    ['app://relief-desk/assets/index-Bx1.js?v=2#top', inRoot('assets/index-Bx1.js')],
    ['app://relief-desk/assets/a%20b.css', inRoot('assets/a b.css')],
    ['app://relief-desk/fonts/%E6%80%9D%E6%BA%90.woff2', inRoot('fonts/思源.woff2')],
    ['app://relief-desk//assets//x.js', inRoot('assets/x.js')],
    // client-side routes (no extension in the last segment) get the app
    ['app://relief-desk/cases/0193a', inRoot('index.html')],
    ['app://relief-desk/assets', inRoot('index.html')],
    // the URL parser already folds literal and %2e dot segments, and the result stays inside
    ['app://relief-desk/../../etc/secret.txt', inRoot('etc/secret.txt')],
    ['app://relief-desk/%2e%2e/%2e%2e/etc/secret.txt', inRoot('etc/secret.txt')],
    ['app://RELIEF-DESK/index.html', inRoot('index.html')],
  ])('%s -> file in root', (url, expected) => {
    expect(resolveAppUrl(url, root, path.posix)).toBe(expected);
  });

  it.each([
    // encoded separators that would survive URL parsing and climb out after decoding
    'app://relief-desk/..%2F..%2F..%2Fetc%2Fpasswd',
    'app://relief-desk/assets/..%2F..%2F..%2F..%2Fetc%2Fpasswd',
    'app://relief-desk/%2e%2e%2fsecret.txt',
    'app://relief-desk/a%2F.%2Fb.js',
    'app://relief-desk/..%5C..%5Cwin.ini',
    'app://relief-desk/a%5Cb.js',
    'app://relief-desk/C:/Windows/win.ini',
    'app://relief-desk/file.js:stream',
    'app://relief-desk/%00.js',
    'app://relief-desk/x%00/index.html',
    'app://relief-desk/%E0%A4%A.js',
    // not ours
    'app://other/index.html',
    'app://relief-desk:1/index.html',
    'app://u@relief-desk/index.html',
    'file:///etc/passwd',
    'http://relief-desk/index.html',
    'https://example.com/index.html',
    'not a url',
    '',
  ])('%s -> refused', (url) => {
    expect(resolveAppUrl(url, root, path.posix)).toBeNull();
  });

  it('never answers a path outside the root for any single-segment byte', () => {
    for (let code = 0; code < 256; code++) {
      const hex = code.toString(16).padStart(2, '0');
      for (const url of [`app://relief-desk/%${hex}%${hex}/x.js`, `app://relief-desk/a/%${hex}../../x.js`, `app://relief-desk/..%${hex}..%${hex}x.js`]) {
        const file = resolveAppUrl(url, root, path.posix);
        if (file !== null) expect(file.startsWith(`${root}/`)).toBe(true);
      }
    }
  });
});

describe('resolveAppUrl (Windows rules)', () => {
  const root = 'C:\\Program Files\\社会救助一窗通\\resources\\app.asar\\dist\\renderer';

  it('maps into the root with backslashes', () => {
    expect(resolveAppUrl('app://relief-desk/assets/index.js', root, path.win32)).toBe(`${root}\\assets\\index.js`);
    expect(resolveAppUrl('app://relief-desk/', root, path.win32)).toBe(`${root}\\index.html`);
  });

  it('does not turn a doubled slash into a UNC path', () => {
    expect(resolveAppUrl('app://relief-desk//server/share/x.js', root, path.win32)).toBe(`${root}\\server\\share\\x.js`);
  });

  it.each([
    'app://relief-desk/..%5C..%5C..%5CWindows%5Cwin.ini',
    'app://relief-desk/%5C%5Cserver%5Cshare%5Cx.js',
    'app://relief-desk/C:%5CWindows%5Cwin.ini',
    'app://relief-desk/D:/x.js',
    'app://relief-desk/index.html::$DATA',
    'app://relief-desk/..%2F..%2Fwin.ini',
  ])('%s -> refused', (url) => {
    expect(resolveAppUrl(url, root, path.win32)).toBeNull();
  });
});

describe('mimeTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/index-Bx1.js', 'text/javascript; charset=utf-8'],
    ['a.mjs', 'text/javascript; charset=utf-8'],
    ['assets/index.css', 'text/css; charset=utf-8'],
    ['x.json', 'application/json; charset=utf-8'],
    ['logo.svg', 'image/svg+xml'],
    ['logo.PNG', 'image/png'],
    ['photo.jpeg', 'image/jpeg'],
    ['favicon.ico', 'image/x-icon'],
    ['fonts/noto-sans-sc.woff2', 'font/woff2'],
    ['fonts/noto-sans-sc.woff', 'font/woff'],
    ['x.wasm', 'application/wasm'],
    ['README', 'application/octet-stream'],
    ['x.exe', 'application/octet-stream'],
  ])('%s -> %s', (file, mime) => {
    expect(mimeTypeFor(file)).toBe(mime);
  });
});

describe('appResponseHeaders', () => {
  it('sends the shared CSP, the MIME type and no sniffing', () => {
    const headers = appResponseHeaders('/root/index.html');
    expect(headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
  });

  it('the CSP allows no eval and no remote scripts', () => {
    const scriptSrc = CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
    expect(scriptSrc).toBe("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });
});
