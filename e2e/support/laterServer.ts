import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// "Ten days later, the same office": a second hall server on the same SQLite file (WAL lets two
// processes share it), started under libfaketime so that its system clock (the app's only
// source of time) runs the given number of days ahead. Nothing in the app knows it is tested. startHallServer
// is the same without faketime: another installation (the sync spec's second town and district).

/** The data directory playwright.config.ts gives a spec's hall server (wiped at start). */
export function e2eDataDir(spec: string): string {
  return join(tmpdir(), `relief-desk-e2e-${spec}`);
}

export interface LaterServer {
  readonly baseURL: string;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/**
 * Starts `faketime -f +<days>d npx tsx electron/server.ts` on `port` over `dataDir` in its own
 * process group (so stop() reaches npx's children too) and waits until /api/procedures answers.
 */
export async function startLaterServer(opts: { days: number; port: number; dataDir: string }): Promise<LaterServer> {
  if (!Number.isInteger(opts.days) || opts.days < 1) throw new Error(`days ahead must be a positive whole number: ${opts.days}`);
  return startHallServer({ port: opts.port, dataDir: opts.dataDir, fakeDays: opts.days });
}

/**
 * Starts `npx tsx electron/server.ts` on `port` over `dataDir` (under `faketime -f +<fakeDays>d`
 * when given: its clock that many days ahead) in its own process group, so stop() reaches npx's
 * children too, and waits until /api/procedures answers. The data directory is used as it is:
 * a spec that wants a fresh installation wipes it first.
 */
export async function startHallServer(opts: { port: number; dataDir: string; fakeDays?: number }): Promise<LaterServer> {
  const fake = opts.fakeDays ?? 0;
  if (!Number.isInteger(fake) || fake < 0) throw new Error(`days ahead must be a whole number, not negative: ${fake}`);
  const which = fake > 0 ? 'the later hall server' : `the hall server on ${opts.port}`;
  const baseURL = `http://127.0.0.1:${opts.port}`;
  if (await answers(`${baseURL}/api/procedures`)) throw new Error(`port ${opts.port} is already serving: not starting ${which} over it`);
  const server = ['npx', 'tsx', 'electron/server.ts', '--host', '127.0.0.1', '--port', String(opts.port), '--data-dir', opts.dataDir];
  const [command, ...args] = fake > 0 ? ['faketime', '-f', `+${fake}d`, ...server] : server;
  const child = spawn(command!, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(fake > 0 ? 'faketime could not be started (is the Debian package faketime installed?)' : 'npx could not be started');

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = exited(child);
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      return; // the group is already gone
    }
    const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), STOP_TIMEOUT_MS));
    if ((await Promise.race([gone.then(() => 'gone' as const), timer])) === 'late') process.kill(-pid, 'SIGKILL');
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${which} exited with ${child.exitCode}: ${stderr}`);
    if (await answers(`${baseURL}/api/procedures`)) return { baseURL, stop };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`${which} did not answer within ${READY_TIMEOUT_MS} ms: ${stderr}`);
}
