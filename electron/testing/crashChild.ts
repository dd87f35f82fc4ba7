// Test support for the crash tests (imported by *.test.ts only): a child node process running a
// bundled script that waits for 'go' on stdin, so node's start-up overlaps the parent's checks of
// the previous kill, and can be SIGKILLed at any moment.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

export interface CrashChild {
  /** Lets the child start its work. */
  go(): void;
  /** Everything it wrote to stdout so far (its acknowledgements, one per line). */
  out(): string;
  exited(): boolean;
  kill(): void;
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** A child loaded and waiting for its go: `node <bundle> ...args`. */
export function startCrashChild(bundle: string, args: readonly string[]): CrashChild {
  const child = spawn(process.execPath, [bundle, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let stderr = '';
  let exited = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.on('error', () => undefined); // killed before it read its go
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => {
      exited = true;
      resolve({ code, signal, stderr });
    }),
  );
  return { go: () => child.stdin.write('go\n'), out: () => out, exited: () => exited, kill: () => child.kill('SIGKILL'), closed };
}

/**
 * Bundles electron/testing/<entry>.ts once into a CommonJS file, so each restart after a kill
 * starts plain node instead of compiling TypeScript again. Inside the repository, so the bundle
 * finds better-sqlite3 (a native addon, left out) in node_modules. Returns the bundle and the
 * directory to remove afterwards.
 */
export async function bundleCrashChild(entry: string, name: string): Promise<{ bundle: string; bundleDir: string }> {
  const bundleDir = join(process.cwd(), 'node_modules', '.cache', `relief-desk-${name}-${process.pid}`);
  mkdirSync(bundleDir, { recursive: true });
  const bundle = join(bundleDir, 'child.cjs');
  await build({
    entryPoints: [join(process.cwd(), 'electron', 'testing', entry)],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['better-sqlite3'],
    minify: true,
    logLevel: 'error',
  });
  return { bundle, bundleDir };
}
