/** The confusion matrix as a heatmap with counts: where a classifier mistakes one class for another. */
import { withConfig, type PlotSpec } from "./spec.js";

/**
 * A heatmap of `counts[i][j]` (rows of true class i predicted as class j, scikit-learn's layout),
 * shaded by the fraction of class i's rows, with the counts written in the cells.
 */
export function confusionMatrixPlot(counts: readonly (readonly number[])[], options: { classNames?: readonly string[]; title?: string } = {}): PlotSpec {
  const k = counts.length;
  if (k === 0 || counts.some((r) => r.length !== k)) {
    throw new RangeError(`confusionMatrixPlot: expected a square matrix of counts, got ${k} rows of lengths ${counts.map((r) => r.length).join(", ")}`);
  }
  const names = options.classNames ?? Array.from({ length: k }, (_, i) => String(i));
  if (names.length !== k) throw new RangeError(`confusionMatrixPlot: ${names.length} class names for ${k} classes`);
  const rows: { actual: string; predicted: string; count: number; fraction: number }[] = [];
  counts.forEach((r, i) => {
    const total = r.reduce((a, b) => a + b, 0);
    r.forEach((c, j) => rows.push({ actual: names[i]!, predicted: names[j]!, count: c, fraction: total ? c / total : 0 }));
  });
  const side = Math.min(460, Math.max(160, 34 * k));
  const axis = (title: string): object => ({ field: title, type: "ordinal", title, sort: [...names] });
  return withConfig({
    title: options.title ?? "confusion matrix (test)",
    data: { values: rows },
    encoding: { x: axis("predicted"), y: axis("actual") },
    layer: [
      {
        mark: { type: "rect", tooltip: true },
        encoding: { color: { field: "fraction", type: "quantitative", scale: { scheme: "blues", domain: [0, 1] }, title: "row fraction" } },
      },
      {
        mark: { type: "text", fontSize: k > 12 ? 8 : 11 },
        encoding: {
          text: { field: "count", type: "quantitative" },
          color: { condition: { test: "datum.fraction > 0.5", value: "white" }, value: "black" },
        },
      },
    ],
  }, { width: side, height: side });
}
