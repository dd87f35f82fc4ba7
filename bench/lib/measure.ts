// Timing: a warm-up the figures never see, then one timed call per input. Each call is timed on
// its own so percentiles mean something. Each call also records the process's CPU time: on a
// shared 2-core machine a call that is descheduled half-way shows a wall time of several ms
// while its CPU time stays the same, so CPU percentiles say what the code costs and wall
// percentiles what a clerk would have waited on this machine at this moment.

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile ${p} outside 0..100`);
  const sorted = [...samples].sort((a, b) => a - b);
  // Nearest rank: the smallest sample with at least p% of samples at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

function median(values: readonly number[]): number {
  return percentile(values, 50);
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, x) => sum + x, 0) / values.length;
}

export interface TimingOptions {
  /** Calls before timing starts (statement preparation, page cache, JIT); cycled over inputs. */
  warmupCalls: number;
}

export interface Timings {
  /** Wall time per call. */
  samplesMs: number[];
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  /** CPU time (user + system) of the process per call. */
  cpuSamplesMs: number[];
  cpuP50Ms: number;
  cpuP99Ms: number;
}

export function summarise(samplesMs: number[], cpuSamplesMs: number[]): Timings {
  return {
    samplesMs,
    p50Ms: percentile(samplesMs, 50),
    p99Ms: percentile(samplesMs, 99),
    meanMs: mean(samplesMs),
    cpuSamplesMs,
    cpuP50Ms: percentile(cpuSamplesMs, 50),
    cpuP99Ms: percentile(cpuSamplesMs, 99),
  };
}

/** Times fn once per input, in order, after warming up on the same inputs. */
export function timeEach<T>(inputs: readonly T[], fn: (input: T) => unknown, options: TimingOptions): Timings {
  if (inputs.length === 0) throw new Error('nothing to time');
  for (let i = 0; i < options.warmupCalls; i++) fn(inputs[i % inputs.length]!);
  const samplesMs: number[] = [];
  const cpuSamplesMs: number[] = [];
  for (const input of inputs) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    fn(input);
    samplesMs.push(performance.now() - start);
    const cpu = process.cpuUsage(cpuStart);
    cpuSamplesMs.push((cpu.user + cpu.system) / 1000);
  }
  return summarise(samplesMs, cpuSamplesMs);
}

/**
 * Reduces several timed rounds of the same inputs to the median round's percentiles: a burst
 * of someone else's work moves one round's p99, not the figure. Means pool every round.
 */
export function medianOfRounds(rounds: readonly Timings[]): Timings & { worstRoundP99Ms: number } {
  if (rounds.length === 0) throw new Error('no rounds');
  const samplesMs = rounds.flatMap((r) => r.samplesMs);
  const cpuSamplesMs = rounds.flatMap((r) => r.cpuSamplesMs);
  return {
    samplesMs,
    p50Ms: median(rounds.map((r) => r.p50Ms)),
    p99Ms: median(rounds.map((r) => r.p99Ms)),
    meanMs: mean(samplesMs),
    cpuSamplesMs,
    cpuP50Ms: median(rounds.map((r) => r.cpuP50Ms)),
    cpuP99Ms: median(rounds.map((r) => r.cpuP99Ms)),
    worstRoundP99Ms: Math.max(...rounds.map((r) => r.p99Ms)),
  };
}

/** Rounds a figure for a report line: enough digits to compare runs, no float noise. */
export function round(value: number, digits = 3): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
