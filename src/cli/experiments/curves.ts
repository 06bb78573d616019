/** Mean ± std curves over seeds, for the overlays of compare and tune. */
import { tune } from "../../index.js";
import type { plot } from "../../index.js";

/** Per epoch, the mean and std of `key` over the runs that reached that epoch (early stopping makes runs uneven). */
export function meanCurve(name: string, histories: readonly { history: Record<string, number[]> }[], key: string): plot.CurveSeries | null {
  const series = histories.map((h) => h.history[key]).filter((s): s is number[] => Array.isArray(s));
  if (series.length === 0) return null;
  const len = Math.max(...series.map((s) => s.length));
  const values: number[] = [];
  const std: number[] = [];
  for (let e = 0; e < len; e++) {
    const at = series.map((s) => s[e]).filter((v): v is number => v !== undefined && v !== null);
    values.push(tune.mean(at));
    std.push(tune.std(at));
  }
  return series.length > 1 ? { name, values, std } : { name, values };
}
