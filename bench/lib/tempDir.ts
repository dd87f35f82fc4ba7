import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Benchmark databases live under .bench-tmp/ in the repository (gitignored), so a run leaves
// nothing elsewhere and a leftover is easy to find. Every directory made here is removed when
// its benchmark ends or the run is interrupted. A signal cannot be handled while a benchmark
// runs synchronous work (seeding is one long transaction), so a killed run can leave its
// directory behind: the next run removes directories whose process is gone. Names carry the
// process id for that; directories of other runs still going are left alone.

export const BENCH_TMP_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '.bench-tmp');

const live = new Set<string>();
const NAME = /^bench-(\d+)-/;

export function makeTempDir(label: string): string {
  mkdirSync(BENCH_TMP_ROOT, { recursive: true });
  const dir = mkdtempSync(join(BENCH_TMP_ROOT, `bench-${process.pid}-${label.replace(/[^a-zA-Z0-9_]/g, '_')}-`));
  live.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  live.delete(dir);
}

export function removeAllTempDirs(): void {
  for (const dir of [...live]) removeTempDir(dir);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes directories left by runs that were killed; returns how many. */
export function removeStaleTempDirs(): number {
  let entries: string[];
  try {
    entries = readdirSync(BENCH_TMP_ROOT);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const entry of entries) {
    const pid = Number(NAME.exec(entry)?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || processAlive(pid)) continue;
    rmSync(join(BENCH_TMP_ROOT, entry), { recursive: true, force: true });
    removed++;
  }
  return removed;
}
