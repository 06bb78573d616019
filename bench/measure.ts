/**
 * Timing for the benchmark: warm up, size each repeat to a fixed duration, report the median rate over
 * repeats and the process's peak resident memory. Every engine's child process uses these helpers (the
 * Python peer mirrors them), so all numbers are measured the same way.
 */

/** One engine's result on one workload, as a child process prints it. */
export interface Measurement {
  workload: string;
  engine: string;
  /** The median of `rates`. */
  value: number;
  unit: string;
  rates: number[];
  /** Peak resident set size of the whole process, MiB. */
  peakRssMB: number;
  /** Threads and other settings the number was measured with. */
  settings: string;
}

export interface RepeatOptions {
  /** Repeats at most; fewer (3 at least) when a slow engine would take more than `maxTotalMs`. */
  repeats: number;
  /** Wall time of one repeat. */
  targetMs: number;
  /** Warm-up before calibrating (JIT tiers, caches, allocator pools). */
  warmupMs: number;
  maxTotalMs: number;
}

export const DEFAULT_REPEATS: RepeatOptions = { repeats: 9, targetMs: 400, warmupMs: 600, maxTotalMs: 30_000 };

/** Calls per repeat and repeats, from the measured time of one call. */
function plan(perCall: number, o: RepeatOptions): [number, number] {
  const n = Math.max(1, Math.round(o.targetMs / perCall));
  const repeats = Math.max(3, Math.min(o.repeats, Math.floor(o.maxTotalMs / (n * perCall))));
  return [n, repeats];
}

/** The median of a list of numbers. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Rates (work units per second) of `fn`, which does `work` units per call, over sized repeats. */
export async function rates(fn: () => unknown, work: number, o: RepeatOptions = DEFAULT_REPEATS): Promise<number[]> {
  let calls = 0;
  const w0 = performance.now();
  while (calls < 1 || performance.now() - w0 < o.warmupMs) {
    await fn();
    calls++;
  }
  const [n, repeats] = plan((performance.now() - w0) / calls, o);
  const out: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await fn();
    out.push((n * work) / ((performance.now() - t0) / 1000));
  }
  return out;
}

/** Same as `rates` for synchronous work, without an await per call (it matters at 10 µs a step). */
export function ratesSync(fn: () => unknown, work: number, o: RepeatOptions = DEFAULT_REPEATS): number[] {
  let calls = 0;
  const w0 = performance.now();
  while (calls < 1 || performance.now() - w0 < o.warmupMs) {
    fn();
    calls++;
  }
  const [n, repeats] = plan((performance.now() - w0) / calls, o);
  const out: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn();
    out.push((n * work) / ((performance.now() - t0) / 1000));
  }
  return out;
}

/** Peak RSS of this process so far, MiB. */
export function peakRssMB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Prints a measurement as the one JSON line the orchestrator reads. */
export function report(workload: string, engine: string, unit: string, rs: number[], settings: string): void {
  const m: Measurement = { workload, engine, value: median(rs), unit, rates: rs, peakRssMB: peakRssMB(), settings };
  console.log(`RESULT ${JSON.stringify(m)}`);
}

/** `--name value` from argv. */
export function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0 && i + 1 < process.argv.length) return process.argv[i + 1]!;
  if (fallback === undefined) throw new Error(`missing --${name}`);
  return fallback;
}

/** Repeat options from argv (`--repeats`, `--target-ms`). */
export function repeatOptions(): RepeatOptions {
  return { ...DEFAULT_REPEATS, repeats: Number(arg("repeats", "9")), targetMs: Number(arg("target-ms", "400")) };
}
