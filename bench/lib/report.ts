// What a benchmark is and how it reports (DESIGN.md §8): JSON lines on stdout, one per case,
// figures with units last and the same-run baseline prefixed baseline_. Progress goes to stderr
// so stdout stays machine-readable.

export type Figure = string | number | boolean;

export interface CaseLine {
  case?: string;
  n: number;
  [figure: string]: Figure | undefined;
}

export interface BenchContext {
  /** Prints one JSON line for a case; the benchmark's name is added first. */
  emit(line: CaseLine): void;
  /** Progress and notes for people, on stderr. */
  log(message: string): void;
  /** A fresh directory under .bench-tmp/, removed when this benchmark ends. */
  tempDir(): string;
}

export interface Benchmark {
  /** Dotted name, area first: registry.search, cases.accept, reserve.payout, sync.export. */
  name: string;
  description: string;
  run(ctx: BenchContext): void | Promise<void>;
}

export function formatLine(bench: string, line: CaseLine): string {
  const { case: caseName, n, ...figures } = line;
  const ordered: Record<string, Figure> = { bench };
  if (caseName !== undefined) ordered.case = caseName;
  ordered.n = n;
  for (const [key, value] of Object.entries(figures)) if (value !== undefined) ordered[key] = value;
  return JSON.stringify(ordered);
}
