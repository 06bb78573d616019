/** Summaries of repeated runs: mean and sample standard deviation. */

/** The mean of the finite values (NaN when there are none). */
export function mean(values: readonly number[]): number {
  const v = values.filter(Number.isFinite);
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN;
}

/** The sample standard deviation √(Σ(x − x̄)²/(n − 1)) of the finite values (0 for one value). */
export function std(values: readonly number[]): number {
  const v = values.filter(Number.isFinite);
  if (v.length < 2) return v.length ? 0 : NaN;
  const m = mean(v);
  return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
}

/** "0.9530 ± 0.0120" with `digits` decimals (default 4). */
export function formatMeanStd(values: readonly number[], digits = 4): string {
  const m = mean(values);
  if (Number.isNaN(m)) return "-";
  return values.length > 1 ? `${m.toFixed(digits)} ± ${std(values).toFixed(digits)}` : m.toFixed(digits);
}
