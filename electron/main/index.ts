import { app, BrowserWindow, dialog, protocol, session, type Session, type WebContents } from 'electron';
import { readFile } from 'node:fs/promises';
import { databaseFile, resolveDataDir } from '../config';
import { openApp } from '../rpc/app';
import { startSyncSchedule } from '../rpc/syncSchedule';
import type { AppDeps } from '../services/context';
import { registerIpcTransport } from '../transports/ipc';
import { registerPrintIpc } from './printIpc';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  WINDOW_HEIGHT_PX,
  WINDOW_TITLE,
  WINDOW_WIDTH_PX,
  appResponseHeaders,
  buildWebPreferences,
  decidePermission,
  decideWindowOpen,
  isAllowedNavigation,
  isReadMethod,
  resolveAppUrl,
} from './security';
import { appPaths, dataDirFlag, describeStartupFailure, electronSqliteBinding } from './startup';

// The Electron shell (DESIGN.md §7): lifecycle, one instance, one window, the guards, the
// app:// protocol. Every decision is a pure function in security.ts or startup.ts; this file
// only wires them into Electron and cannot run anywhere but in Electron.

// Both must happen before 'ready'.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;
let deps: AppDeps | null = null;

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the database and the window; it gets focused by 'second-instance'.
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', closeDatabase);
  app.whenReady().then(start).catch(failStartup);
}

function start(): void {
  const paths = appPaths(app.getAppPath());
  const dataDir = resolveDataDir(dataDirFlag(process.argv), app.getPath('userData'));
  const nativeBinding = electronSqliteBinding({
    appPath: app.getAppPath(),
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
  });
  deps = openApp({ file: databaseFile(dataDir), migrationsDir: paths.migrationsDir, nativeBinding });
  deps.log.info('desktop app started', { dataDir, version: app.getVersion() });
  guardSession(session.defaultSession);
  protocol.handle(APP_SCHEME, (request) => serveAppFile(request, paths.rendererDir));
  registerIpcTransport(deps);
  registerPrintIpc(deps.log);
  mainWindow = createMainWindow(paths.preloadFile);
  // The town's nightly package (issue 5): checked each minute, and at once for a missed night.
  const schedule = startSyncSchedule(deps);
  app.on('will-quit', () => schedule.stop());
}

function failStartup(error: unknown): void {
  const { title, content } = describeStartupFailure(error);
  process.stderr.write(`${JSON.stringify({ level: 'error', at: new Date().toISOString(), message: 'startup failed', error: String(error) })}\n`);
  dialog.showErrorBox(title, content);
  closeDatabase();
  app.exit(1);
}

function createMainWindow(preloadFile: string): BrowserWindow {
  const window = new BrowserWindow({
    width: WINDOW_WIDTH_PX,
    height: WINDOW_HEIGHT_PX,
    title: WINDOW_TITLE,
    show: false,
    webPreferences: buildWebPreferences({ preloadPath: preloadFile, devTools: !app.isPackaged }),
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    mainWindow = null;
  });
  window.webContents.on('render-process-gone', (_event, details) => deps?.log.error('window renderer gone', { reason: details.reason }));
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => deps?.log.error('window failed to load', { error: String(error) }));
  return window;
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

/** Every webContents, including any made later: no leaving app://, no new windows, no webviews. */
function guardContents(contents: WebContents): void {
  const refuse = (event: { url: string; preventDefault(): void }): void => {
    if (!isAllowedNavigation(event.url)) {
      event.preventDefault();
      deps?.log.error('navigation refused', { url: event.url.slice(0, 200) });
    }
  };
  contents.on('will-navigate', refuse);
  contents.on('will-frame-navigate', refuse);
  contents.on('will-redirect', refuse);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => decideWindowOpen(url));
}

function guardSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(decidePermission(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => decidePermission(permission));
  ses.setDevicePermissionHandler(() => false);
}

async function serveAppFile(request: Request, rootDir: string): Promise<Response> {
  if (!isReadMethod(request.method)) return new Response(null, { status: 405 });
  const file = resolveAppUrl(request.url, rootDir);
  if (!file) return new Response(null, { status: 404 });
  try {
    const body = await readFile(file);
    return new Response(request.method === 'HEAD' ? null : body, { headers: appResponseHeaders(file) });
  } catch {
    return new Response(null, { status: 404 });
  }
}

function closeDatabase(): void {
  if (deps?.db.$client.open) deps.db.$client.close();
  deps = null;
}
