/** The user's own points: read from a CSV file (x1, x2, label) or drawn with the mouse. */
import { data } from "nabla";
import type { Problem } from "../settings.js";
import { DOMAIN, type Points } from "./datasets.js";

/** Most classes a CSV may have (one colour each). */
export const MAX_CLASSES = 8;

/**
 * Points from CSV text: the first two numeric columns are x1 and x2, the last column the label (class names or
 * numbers for classification, a number for regression). A header line is detected. Each axis is scaled to span
 * [−5, 5] so the points fill the plane the heatmaps show; regression targets larger than 1 are scaled into [−1, 1].
 */
export function pointsFromCsv(text: string, problem: Problem): Points {
  const first = text.replace(/^\uFEFF/, "").split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
  const header = first.split(",").some((f) => f.trim() !== "" && !Number.isFinite(Number(f)));
  const parsed = data.parseCsv(text, { header, labelColumn: -1, source: "CSV file" });
  const { x, y } = parsed;
  const [rows, cols] = x.shape as [number, number];
  if (!y || cols < 2) throw new RangeError(`CSV file: expected columns x1, x2 and a label, got ${cols + (y ? 1 : 0)} column(s)`);
  if (rows === 0) throw new RangeError("CSV file: no rows");
  const xs = new Float32Array(rows * 2);
  for (let a = 0; a < 2; a++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let r = 0; r < rows; r++) {
      lo = Math.min(lo, x.data[r * cols + a]!);
      hi = Math.max(hi, x.data[r * cols + a]!);
    }
    const mid = (lo + hi) / 2;
    const half = (hi - lo) / 2 || 1;
    for (let r = 0; r < rows; r++) xs[2 * r + a] = ((x.data[r * cols + a]! - mid) / half) * (DOMAIN - 1);
  }
  if (problem === "regression") {
    if (parsed.labelNames) throw new RangeError("CSV file: regression needs a numeric label column, got text labels");
    const m = Math.max(1, ...Array.from(y.data, Math.abs));
    return { x: xs, y: y.data.map((v) => v / m), classes: 0 };
  }
  const values = [...new Set(y.data)].sort((a, b) => a - b);
  if (values.length > MAX_CLASSES) throw new RangeError(`CSV file: ${values.length} distinct labels, at most ${MAX_CLASSES} classes (choose regression for a numeric target)`);
  const index = new Map(values.map((v, i) => [v, i]));
  return { x: xs, y: y.data.map((v) => index.get(v)!), classes: Math.max(2, values.length) };
}

/** The points with one more at (x1, x2) with label y. */
export function addPoint(p: Points, x1: number, x2: number, y: number): Points {
  const x = new Float32Array(p.x.length + 2);
  x.set(p.x);
  x[p.x.length] = x1;
  x[p.x.length + 1] = x2;
  const ys = new Float32Array(p.y.length + 1);
  ys.set(p.y);
  ys[p.y.length] = y;
  return { x, y: ys, classes: p.classes === 0 ? 0 : Math.max(p.classes, y + 1) };
}

/** The points without the one nearest to (x1, x2), if it lies within `radius`. */
export function removeNear(p: Points, x1: number, x2: number, radius = 0.5): Points {
  let best = -1;
  let bestD = radius;
  for (let i = 0; i < p.y.length; i++) {
    const d = Math.hypot(p.x[2 * i]! - x1, p.x[2 * i + 1]! - x2);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  if (best < 0) return p;
  const x = new Float32Array(p.x.length - 2);
  x.set(p.x.subarray(0, 2 * best));
  x.set(p.x.subarray(2 * best + 2), 2 * best);
  const y = new Float32Array(p.y.length - 1);
  y.set(p.y.subarray(0, best));
  y.set(p.y.subarray(best + 1), best);
  return { x, y, classes: p.classes };
}
