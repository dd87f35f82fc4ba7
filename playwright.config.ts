import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { e2eDataDir } from './e2e/support/laterServer';

// End-to-end: the real renderer (dist/renderer, built by `vite build` first) in Debian's
// Chromium against the real hall server and a real SQLite file. Setup runs once per database,
// so each spec gets its own server on its own port over a data directory wiped at start.

if (!existsSync(join(import.meta.dirname, 'dist', 'renderer', 'index.html'))) {
  throw new Error('dist/renderer is missing: run `npx vite build` before `npx playwright test`');
}

const SPECS = [
  { name: 'registry', port: 5391 },
  { name: 'access', port: 5392 },
  { name: 'intake', port: 5393 },
  // A4 documents
  { name: 'documents', port: 5394 },
  // 我的任务, 公示 and the acceptance receipt
  { name: 'notices', port: 5396 },
  // intake to decision in one story; starts a second, faketime'd server on 5498 itself
  { name: 'flow', port: 5398 },
  // separation of duties in the decision; starts a second, faketime'd server on 5497 itself
  { name: 'separation', port: 5397 },
  // 一次办好清单: the admin's editor, versions, the wall list
  { name: 'catalogue', port: 5399 },
  // 备用金: the admin's booking form and the figures
  { name: 'reserve', port: 5402 },
  // 临时救助: 先行救助, cash payout and the voucher on a loopback TCP printer; idempotency; separation
  { name: 'payouts', port: 5403 },
  // 临时救助 on the normal path: notice, decision within the town limit, cash payout, A4 voucher;
  // starts a second, faketime'd server on 5504 itself
  { name: 'payoutsnormal', port: 5404 },
  // 日结: a 10-yuan shortage booked with its reason, the slip with the audit hash
  { name: 'dayclose', port: 5405 },
  // 报账 and 对账单: a claim filed, exported to Excel (the download read back), settled; the statement
  { name: 'claims', port: 5406 },
  // 数据同步: two towns export, the district imports, alerts and replenishes, a town takes the
  // answer; starts town B on 5507 and the district on 5607 itself
  { name: 'sync', port: 5407 },
] as const;

const baseUrl = (port: number): string => `http://127.0.0.1:${port}`;

/**
 * The projects named with --project (null: all). Only their servers start, so that two runs of
 * different specs at the same time on one machine do not fight over each other's ports.
 */
function chosenProjects(argv: readonly string[]): ReadonlySet<string> | null {
  const names = argv.flatMap((arg, i) => (arg === '--project' ? [argv[i + 1] ?? ''] : arg.startsWith('--project=') ? [arg.slice('--project='.length)] : []));
  return names.length > 0 ? new Set(names) : null;
}
const chosen = chosenProjects(process.argv);

function hallServer(name: string, port: number) {
  const dataDir = e2eDataDir(name);
  const wipe = `node -e "require('node:fs').rmSync(process.argv[1], { recursive: true, force: true })" "${dataDir}"`;
  return {
    command: `${wipe} && npx tsx electron/server.ts --host 127.0.0.1 --port ${port} --data-dir "${dataDir}"`,
    url: `${baseUrl(port)}/api/procedures`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
  };
}

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-dev-shm-usage',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: SPECS.map((s) => ({ name: s.name, testMatch: `${s.name}.spec.ts`, use: { baseURL: baseUrl(s.port) } })),
  webServer: SPECS.filter((s) => !chosen || chosen.has(s.name)).map((s) => hallServer(s.name, s.port)),
});
