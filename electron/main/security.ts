import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../transports/csp';

// The Electron shell's security decisions as pure functions and constants (DESIGN.md §7).
// This file must never import 'electron': the tests load it under plain Node, and index.ts
// only wires these answers into Electron's hooks.

export const APP_SCHEME = 'app';
export const APP_HOST = 'relief-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;
export const WINDOW_TITLE = '社会救助一窗通';
export const WINDOW_WIDTH_PX = 1280;
export const WINDOW_HEIGHT_PX = 800;

/**
 * app:// is a standard, secure scheme: 'self' in the CSP means app://relief-desk, relative
 * URLs resolve like http, and the page is a secure context. No CSP bypass, no service
 * workers, no CORS: nothing but our own files.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  bypassCSP: false,
  allowServiceWorkers: false,
  corsEnabled: false,
  stream: false,
  codeCache: true,
} as const;

/** The one set of webPreferences for every window we open. */
export function buildWebPreferences(options: { preloadPath: string; devTools: boolean }) {
  return {
    preload: options.preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: options.devTools,
  } as const;
}

/** Parses an app:// URL of our own host; anything else (other scheme, host, port, user) is null. */
function parseOwnUrl(url: string | null | undefined): URL | null {
  if (typeof url !== 'string' || url === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const own =
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname.toLowerCase() === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === '';
  return own ? parsed : null;
}

/** will-navigate / will-frame-navigate / will-redirect: only our own pages, never the web or files. */
export function isAllowedNavigation(url: string): boolean {
  return parseOwnUrl(url) !== null;
}

/** IPC: only frames showing our own pages may call the services. */
export function isTrustedSender(frameUrl: string | null | undefined): boolean {
  return parseOwnUrl(frameUrl) !== null;
}

/** setWindowOpenHandler: the renderer never opens windows (print windows are made by main). */
export function decideWindowOpen(_url: string): { action: 'deny' } {
  return { action: 'deny' };
}

/**
 * Permission requests and checks: none granted (camera, microphone, geolocation,
 * notifications, clipboard-read, HID, serial, ...). The clerk's work needs none of them.
 */
export function decidePermission(_permission: string): boolean {
  return false;
}

/** Methods the app:// handler answers; everything else is 405. */
export function isReadMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD';
}

/**
 * Maps app://relief-desk/<path> to a file inside rootDir, or null when the URL is not ours or
 * tries to leave rootDir (encoded `..`, `%2F`, backslashes, drive letters, NUL). A path whose
 * last segment has no extension is a client-side route and gets index.html, as the hall
 * server does. `pathApi` is for testing Windows rules on Linux.
 */
export function resolveAppUrl(requestUrl: string, rootDir: string, pathApi: path.PlatformPath = path): string | null {
  const parsed = parseOwnUrl(requestUrl);
  if (!parsed) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  // After decoding, a separator other than '/', a colon (drive letters, NTFS streams) or NUL
  // can only be an attack or a bug; `..` and `.` segments are refused rather than normalised.
  if (/[\\:\0]/.test(decoded)) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return null;
  const last = segments.at(-1);
  const relative = last === undefined || !last.includes('.') ? ['index.html'] : segments;
  const root = pathApi.resolve(rootDir);
  const file = pathApi.resolve(root, ...relative);
  const inside = pathApi.relative(root, file);
  if (inside === '' || inside.startsWith('..') || pathApi.isAbsolute(inside)) return null;
  return file;
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers of every app:// response: the same CSP as the hall server, no sniffing, no caching. */
export function appResponseHeaders(filePath: string): Record<string, string> {
  return {
    'Content-Type': mimeTypeFor(filePath),
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
}
