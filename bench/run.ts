// npm run bench            every benchmark
// npm run bench -- NAME    the benchmarks whose name contains NAME (several NAMEs: any of them)
//
// JSON lines on stdout (one per case), progress on stderr. Add a benchmark by writing
// bench/<name>.ts exporting a Benchmark and listing it below.
import { makeTempDir, removeAllTempDirs, removeStaleTempDirs, removeTempDir } from './lib/tempDir';
import { formatLine, type Benchmark, type BenchContext } from './lib/report';
import { casesAccept } from './cases-accept';
import { queuesMine } from './queues-mine';
import { registrySearch } from './registry-search';
import { reservePayout } from './reserve-payout';
import { syncExport } from './sync-export';
import { syncImport } from './sync-import';

const BENCHMARKS: readonly Benchmark[] = [registrySearch, casesAccept, queuesMine, reservePayout, syncExport, syncImport];

function select(filters: readonly string[]): Benchmark[] {
  if (filters.length === 0) return [...BENCHMARKS];
  return BENCHMARKS.filter((b) => filters.some((f) => b.name.includes(f)));
}

async function runOne(bench: Benchmark): Promise<boolean> {
  const dirs: string[] = [];
  const ctx: BenchContext = {
    emit: (line) => process.stdout.write(`${formatLine(bench.name, line)}\n`),
    log: (message) => process.stderr.write(`[${bench.name}] ${message}\n`),
    tempDir: () => {
      const dir = makeTempDir(bench.name);
      dirs.push(dir);
      return dir;
    },
  };
  const start = performance.now();
  ctx.log(`start: ${bench.description}`);
  try {
    await bench.run(ctx);
    ctx.log(`done in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    return true;
  } catch (error) {
    ctx.log(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return false;
  } finally {
    for (const dir of dirs) removeTempDir(dir);
  }
}

async function main(): Promise<number> {
  const stale = removeStaleTempDirs();
  if (stale > 0) process.stderr.write(`removed ${stale} leftover director${stale === 1 ? 'y' : 'ies'} of interrupted runs from .bench-tmp/\n`);
  const filters = process.argv.slice(2).filter((arg) => arg !== '--');
  const chosen = select(filters);
  if (chosen.length === 0) {
    process.stderr.write(`no benchmark matches ${filters.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}\n`);
    return 2;
  }
  let failed = 0;
  for (const bench of chosen) if (!(await runOne(bench))) failed++;
  return failed === 0 ? 0 : 1;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    removeAllTempDirs();
    process.exit(130);
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    removeAllTempDirs();
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 1;
  },
);
