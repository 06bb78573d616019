/** The decision boundary of a classifier on 2-D data: the class it predicts over a grid, with the data on top. */
import { Tensor, noGrad } from "../tensor/index.js";
import { withConfig, type PlotSpec } from "./spec.js";

/** Options of `decisionBoundary`: the grid resolution, the input transform, class names, the number of points drawn and the title. */
export interface DecisionBoundaryOptions {
  /** Grid cells per side (default 40). */
  resolution?: number;
  /** Turns raw points into the model's input (e.g. the training scaler); identity by default. */
  transform?: (x: Tensor) => Tensor;
  /** Names of the classes for the legend. */
  classNames?: readonly string[];
  /** At most this many data points are drawn (default 600), evenly sampled. */
  maxPoints?: number;
  title?: string;
}

interface ForwardModel {
  forward(x: Tensor): Tensor;
  train?(mode?: boolean): unknown;
  training?: boolean;
}

/** Class per row and its confidence: argmax of softmax for [N, C > 1] outputs, sigmoid > 0.5 for [N, 1]. */
function classify(out: Tensor): { cls: Int32Array; conf: Float32Array } {
  const n = out.shape[0]!;
  const c = out.ndim === 2 ? out.shape[1]! : 1;
  const cls = new Int32Array(n);
  const conf = new Float32Array(n);
  const d = out.data;
  for (let i = 0; i < n; i++) {
    if (c === 1) {
      const p = 1 / (1 + Math.exp(-d[i]!));
      cls[i] = p > 0.5 ? 1 : 0;
      conf[i] = Math.max(p, 1 - p);
      continue;
    }
    let best = 0;
    let max = -Infinity;
    for (let j = 0; j < c; j++) if (d[i * c + j]! > max) { max = d[i * c + j]!; best = j; }
    let z = 0;
    for (let j = 0; j < c; j++) z += Math.exp(d[i * c + j]! - max);
    cls[i] = best;
    conf[i] = 1 / z;
  }
  return { cls, conf };
}

/**
 * The predicted class over a grid covering the 2-D points `x` (with 5% padding), shaded by the
 * model's confidence, and the points coloured by their true class `y`: where the colours of
 * points and background disagree, the model errs.
 */
export function decisionBoundary(model: ForwardModel, x: Tensor, y: Tensor, options: DecisionBoundaryOptions = {}): PlotSpec {
  if (x.ndim !== 2 || x.shape[1] !== 2) throw new RangeError(`decisionBoundary: x must be [N, 2] points, got shape [${x.shape.join(", ")}]`);
  const n = x.shape[0]!;
  if (y.size !== n) throw new RangeError(`decisionBoundary: y has ${y.size} labels for ${n} points`);
  const res = options.resolution ?? 40;
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    const a = x.data[2 * i]!;
    const b = x.data[2 * i + 1]!;
    [x0, x1, y0, y1] = [Math.min(x0, a), Math.max(x1, a), Math.min(y0, b), Math.max(y1, b)];
  }
  const px = (x1 - x0 || 1) * 0.05;
  const py = (y1 - y0 || 1) * 0.05;
  [x0, x1, y0, y1] = [x0 - px, x1 + px, y0 - py, y1 + py];
  const dx = (x1 - x0) / res;
  const dy = (y1 - y0) / res;
  const grid = new Float32Array(res * res * 2);
  for (let i = 0; i < res; i++) {
    for (let j = 0; j < res; j++) {
      grid[2 * (i * res + j)] = x0 + (j + 0.5) * dx;
      grid[2 * (i * res + j) + 1] = y0 + (i + 0.5) * dy;
    }
  }
  const was = model.training;
  model.train?.(false);
  const out = noGrad(() => {
    const g = new Tensor(grid, [res * res, 2]);
    return model.forward(options.transform ? options.transform(g) : g);
  });
  if (was !== undefined) model.train?.(was);
  const { cls, conf } = classify(out);
  const name = (k: number): string => options.classNames?.[k] ?? String(k);
  const cells = Array.from(cls, (k, idx) => {
    const gx = grid[2 * idx]!;
    const gy = grid[2 * idx + 1]!;
    return { x: gx - dx / 2, x2: gx + dx / 2, y: gy - dy / 2, y2: gy + dy / 2, class: name(k), confidence: conf[idx]! };
  });
  const step = Math.max(1, Math.ceil(n / (options.maxPoints ?? 600)));
  const points: { px: number; py: number; class: string }[] = [];
  for (let i = 0; i < n; i += step) points.push({ px: x.data[2 * i]!, py: x.data[2 * i + 1]!, class: name(Math.round(y.data[i]!)) });
  const domain = [...new Set([...cells.map((c) => c.class), ...points.map((p) => p.class)])].sort();
  const color = { field: "class", type: "nominal", title: "class", scale: { domain, scheme: "category10" } };
  const scaleX = { domain: [x0, x1], nice: false, zero: false };
  const scaleY = { domain: [y0, y1], nice: false, zero: false };
  return withConfig({
    title: options.title ?? "decision boundary",
    layer: [
      {
        data: { values: cells },
        mark: { type: "rect" },
        encoding: {
          x: { field: "x", type: "quantitative", scale: scaleX, title: "x₁" },
          x2: { field: "x2" },
          y: { field: "y", type: "quantitative", scale: scaleY, title: "x₂" },
          y2: { field: "y2" },
          color,
          opacity: { field: "confidence", type: "quantitative", scale: { domain: [0.5, 1], range: [0.1, 0.45] }, legend: null },
        },
      },
      {
        data: { values: points },
        mark: { type: "point", filled: true, size: 18, stroke: "black", strokeWidth: 0.4, opacity: 0.9 },
        encoding: {
          x: { field: "px", type: "quantitative", scale: scaleX },
          y: { field: "py", type: "quantitative", scale: scaleY },
          color,
        },
      },
    ],
  }, { width: 360, height: 360 });
}
