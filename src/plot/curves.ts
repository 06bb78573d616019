/** Training curves: train vs validation loss and metrics per epoch, and the learning rate. */
import { finite, withConfig, type HistoryLike, type PlotSpec } from "./spec.js";

/** Series that are bookkeeping, not curves worth plotting on their own. */
const TIMING = new Set(["time", "trainTime", "evalTime", "samplesPerSecond", "lr"]);

/** Pretty names for the logged series. */
function label(name: string): string {
  const pretty: Record<string, string> = { loss: "loss", accuracy: "accuracy", r2: "R²", mae: "MAE", mse: "MSE", f1: "F1" };
  return pretty[name] ?? name;
}

/**
 * One quantity per epoch for training and validation (`loss` and `val_loss`, `accuracy` and
 * `val_accuracy`, …) as two lines, so over- and underfitting show at a glance.
 */
export function trainingCurve(h: HistoryLike, metric = "loss", options: { title?: string; logScale?: boolean } = {}): PlotSpec {
  const rows: { epoch: number; split: string; value: number | null }[] = [];
  for (const [key, split] of [[metric, "train"], [`val_${metric}`, "validation"]] as const) {
    const s = h.history[key];
    if (!s) continue;
    h.epoch.forEach((e, i) => rows.push({ epoch: e + 1, split, value: finite(s[i]) }));
  }
  if (rows.length === 0) {
    throw new RangeError(`trainingCurve: the history has no "${metric}" series (it has ${Object.keys(h.history).join(", ")})`);
  }
  const log = options.logScale ?? false;
  return withConfig({
    title: options.title ?? `${label(metric)} per epoch`,
    data: { values: rows },
    mark: { type: "line", point: h.epoch.length <= 40, tooltip: true },
    encoding: {
      x: { field: "epoch", type: "quantitative", title: "epoch", axis: { tickMinStep: 1 } },
      y: { field: "value", type: "quantitative", title: label(metric), scale: log ? { type: "log" } : { zero: false } },
      color: { field: "split", type: "nominal", title: null, scale: { domain: ["train", "validation"], range: ["#1f77b4", "#ff7f0e"] } },
    },
  });
}

/** The learning rate per epoch (log scale), to see what a schedule did. */
export function learningRateCurve(h: HistoryLike): PlotSpec {
  const lr = h.history.lr;
  if (!lr) throw new RangeError("learningRateCurve: the history has no \"lr\" series");
  const positive = lr.every((v) => v > 0);
  return withConfig({
    title: "learning rate per epoch",
    data: { values: h.epoch.map((e, i) => ({ epoch: e + 1, lr: finite(lr[i]) })) },
    mark: { type: "line", point: h.epoch.length <= 40, tooltip: true, color: "#2ca02c" },
    encoding: {
      x: { field: "epoch", type: "quantitative", title: "epoch", axis: { tickMinStep: 1 } },
      y: { field: "lr", type: "quantitative", title: "learning rate", scale: positive ? { type: "log" } : { zero: false } },
    },
  });
}

/**
 * Every curve a history holds, keyed by a file-friendly name: `loss`, each metric (train vs
 * validation), and `lr`.
 */
export function historyPlots(h: HistoryLike): Record<string, PlotSpec> {
  const out: Record<string, PlotSpec> = {};
  for (const key of Object.keys(h.history)) {
    if (key.startsWith("val_") || TIMING.has(key)) continue;
    out[key] = trainingCurve(h, key);
  }
  if (h.history.lr) out.lr = learningRateCurve(h);
  return out;
}
