/** Classification metrics: accuracy, top-k accuracy, precision, recall, F1 and the confusion matrix. */
import type { Tensor } from "../../tensor/index.js";
import { predictedClasses, targetClasses, checkSameLength } from "./classes.js";

/** How per-class scores are combined: their plain mean (macro), from pooled counts (micro), weighted by support, or not at all (none). */
export type Average = "macro" | "micro" | "weighted" | "none";

/** Fraction of rows whose predicted class equals the target class. */
export function accuracy(pred: Tensor, target: Tensor, options: { threshold?: number } = {}): number {
  const p = predictedClasses(pred, options.threshold);
  const t = targetClasses(target);
  checkSameLength(p, t, "accuracy");
  let hit = 0;
  for (let i = 0; i < p.length; i++) if (p[i] === t[i]) hit++;
  return p.length ? hit / p.length : NaN;
}

/** Fraction of rows whose target class is among the k highest scores. */
export function topKAccuracy(pred: Tensor, target: Tensor, k = 5): number {
  if (pred.ndim !== 2) throw new RangeError(`topKAccuracy: predictions must be [N, C] scores, got rank ${pred.ndim}`);
  const [n, c] = pred.shape as [number, number];
  const t = targetClasses(target);
  checkSameLength({ length: n }, t, "topKAccuracy");
  let hit = 0;
  for (let i = 0; i < n; i++) {
    const s = pred.data[i * c + t[i]!]!;
    let above = 0;
    for (let j = 0; j < c; j++) if (pred.data[i * c + j]! > s) above++;
    if (above < k) hit++;
  }
  return n ? hit / n : NaN;
}

/** counts[i][j] = rows of true class i predicted as class j (scikit-learn's layout). */
export function confusionMatrix(pred: Tensor, target: Tensor, numClasses?: number, options: { threshold?: number } = {}): number[][] {
  const p = predictedClasses(pred, options.threshold);
  const t = targetClasses(target);
  checkSameLength(p, t, "confusionMatrix");
  let k = numClasses ?? 0;
  if (numClasses === undefined) {
    for (const v of p) k = Math.max(k, v + 1);
    for (const v of t) k = Math.max(k, v + 1);
    if (pred.ndim === 2 && pred.shape[1]! > 1) k = Math.max(k, pred.shape[1]!);
  }
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < p.length; i++) {
    if (t[i]! >= k || p[i]! >= k || t[i]! < 0) throw new RangeError(`confusionMatrix: class ${Math.max(t[i]!, p[i]!)} is out of range for ${k} classes`);
    m[t[i]!]![p[i]!]!++;
  }
  return m;
}

/** Scores per class, indexed by class: precision, recall, F1 and support (the number of rows of that class). */
export interface PerClass {
  precision: number[];
  recall: number[];
  f1: number[];
  support: number[];
}

/** Per-class precision tp/(tp+fp), recall tp/(tp+fn), F1 = 2PR/(P+R) and support (0 where undefined, as scikit-learn). */
export function perClassScores(pred: Tensor, target: Tensor, numClasses?: number): PerClass {
  const m = confusionMatrix(pred, target, numClasses);
  const k = m.length;
  const out: PerClass = { precision: [], recall: [], f1: [], support: [] };
  for (let c = 0; c < k; c++) {
    const tp = m[c]![c]!;
    let predicted = 0;
    let actual = 0;
    for (let j = 0; j < k; j++) { predicted += m[j]![c]!; actual += m[c]![j]!; }
    const p = predicted ? tp / predicted : 0;
    const r = actual ? tp / actual : 0;
    out.precision.push(p);
    out.recall.push(r);
    out.f1.push(p + r ? (2 * p * r) / (p + r) : 0);
    out.support.push(actual);
  }
  return out;
}

function average(values: number[], support: number[], avg: Exclude<Average, "micro">): number | number[] {
  if (avg === "none") return values;
  if (avg === "macro") return values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);
  const total = support.reduce((a, b) => a + b, 0);
  return values.reduce((a, v, i) => a + v * support[i]!, 0) / Math.max(total, 1);
}

function score(kind: keyof Omit<PerClass, "support">, pred: Tensor, target: Tensor, avg: Average, numClasses?: number): number | number[] {
  // Micro-averaged precision, recall and F1 all equal accuracy for single-label classification.
  if (avg === "micro") return accuracy(pred, target);
  const s = perClassScores(pred, target, numClasses);
  return average(s[kind], s.support, avg);
}

/** Precision, macro-averaged by default; `average: "none"` gives one value per class. */
export function precision(pred: Tensor, target: Tensor, options: { average?: Average; numClasses?: number } = {}): number | number[] {
  return score("precision", pred, target, options.average ?? "macro", options.numClasses);
}

/** Recall, macro-averaged by default; `average: "none"` gives one value per class. */
export function recall(pred: Tensor, target: Tensor, options: { average?: Average; numClasses?: number } = {}): number | number[] {
  return score("recall", pred, target, options.average ?? "macro", options.numClasses);
}

/** F1 = 2·precision·recall/(precision + recall), macro-averaged by default. */
export function f1Score(pred: Tensor, target: Tensor, options: { average?: Average; numClasses?: number } = {}): number | number[] {
  return score("f1", pred, target, options.average ?? "macro", options.numClasses);
}
