/**
 * Multi-class losses: negative log-likelihood on log-probabilities and cross-entropy on logits,
 * with class weights, an ignored class index, label smoothing and probability targets, as in PyTorch.
 */
import * as T from "../../../tensor/index.js";
import { Tensor } from "../../../tensor/index.js";
import { fmt, sameShape, sizeOf } from "../../../tensor/shape.js";
import { reductionOf, type Reduction, type ReductionOptions } from "./reduction.js";
import { crossEntropyRows } from "../../../tensor/ops/fused.js";

/** Class indices: one per row of the input (number[], Int32Array or an integer-valued tensor); a number for one row. */
export type ClassTarget = Tensor | readonly number[] | Int32Array | number;

/** Options of `nllLoss`: the reduction, per-class weights and a target index to ignore. */
export interface NllLossOptions extends ReductionOptions {
  /** One weight per class ([C]); "mean" then divides by the total weight of the targets, not their count. */
  weight?: Tensor;
  /** Targets equal to this index add nothing to the loss or its mean (default −100). */
  ignoreIndex?: number;
}

/** Options of `crossEntropy`: those of `nllLoss` plus label smoothing ε. */
export interface CrossEntropyOptions extends NllLossOptions {
  /** Mixes the target with the uniform distribution: (1 − ε)·target + ε/C (default 0). */
  labelSmoothing?: number;
}

/**
 * −w[y]·logp[y] per row for log-probabilities `input` of shape [C], [N, C] or [N, C, d1, …] (classes in dim 1)
 * and class indices `target`; "mean" is Σ loss / Σ w[y] over the rows not ignored.
 */
export function nllLoss(input: Tensor, target: ClassTarget, options: NllLossOptions = {}): Tensor {
  const r = reductionOf(options, "nllLoss");
  const { rows, outShape, classes } = toRows(input, "nllLoss");
  const ignoreIndex = options.ignoreIndex ?? -100;
  const weight = checkWeight(options.weight, classes, "nllLoss");
  const idx = classIndices(target, input.shape, outShape, classes, ignoreIndex, "nllLoss");
  const { loss, total } = pickRows(rows, idx, weight, ignoreIndex);
  return reduceRows(loss, r, total, outShape);
}

/**
 * −Σ_c target_c·log softmax(input)_c per row. `target` holds class indices (see nllLoss) or class
 * probabilities of the input's shape. Label smoothing ε follows torch 1.13 exactly: for indices,
 * (1 − ε)·nll + (ε/C)·smooth with smooth = −Σ_c w_c·logp_c per row, zero on ignored rows, whose "mean" is
 * Σ smooth / Σ w[y] with weights and Σ smooth / (rows not ignored) without; for probabilities,
 * the target becomes (1 − ε)·target + ε/C and "mean" divides by the number of rows.
 */
export function crossEntropy(input: Tensor, target: ClassTarget, options: CrossEntropyOptions = {}): Tensor {
  const r = reductionOf(options, "crossEntropy");
  const ls = options.labelSmoothing ?? 0;
  if (!(ls >= 0 && ls <= 1)) throw new RangeError(`crossEntropy: labelSmoothing must be in [0, 1], got ${ls}`);
  const { rows, outShape, classes } = toRows(input, "crossEntropy");
  const weight = checkWeight(options.weight, classes, "crossEntropy");
  if (ls === 0 && !isProbabilityTarget(target, input, classes)) {
    // the common case as one fused op: log-softmax, pick and reduce forward, softmax − one-hot backward
    const ignoreIndex = options.ignoreIndex ?? -100;
    const idx = classIndices(target, input.shape, outShape, classes, ignoreIndex, "crossEntropy");
    const rowWeight = new Float32Array(idx.length);
    let total = 0;
    for (let i = 0; i < idx.length; i++) {
      if (idx[i] === ignoreIndex) { idx[i] = 0; continue; }
      rowWeight[i] = weight ? weight.data[idx[i]!]! : 1;
      total += rowWeight[i]!;
    }
    const loss = crossEntropyRows(rows, idx, rowWeight, r, total);
    return r === "none" ? loss.reshape(outShape) : loss;
  }
  const logp = T.logSoftmax(rows, 1);

  if (isProbabilityTarget(target, input, classes)) {
    if (!sameShape(target.shape, input.shape)) {
      throw new RangeError(
        `crossEntropy: target has shape ${fmt(target.shape)}; expected ${fmt(outShape)} (class indices) or the input's shape ${fmt(input.shape)} (class probabilities)`,
      );
    }
    let p = toRows(target, "crossEntropy").rows;
    if (ls > 0) p = T.add(T.mul(p, 1 - ls), ls / classes);
    let prod = T.mul(logp, p);
    if (weight) prod = T.mul(prod, weight);
    if (r === "none") return T.neg(prod.sum(1)).reshape(outShape);
    const s = T.neg(prod.sum());
    return r === "sum" ? s : T.div(s, rows.shape[0]!);
  }

  const ignoreIndex = options.ignoreIndex ?? -100;
  const idx = classIndices(target, input.shape, outShape, classes, ignoreIndex, "crossEntropy");
  const { loss, total, kept } = pickRows(logp, idx, weight, ignoreIndex);
  const nll = reduceRows(loss, r, total, outShape);
  if (ls === 0) return nll;
  const smoothRows = T.mul(T.neg((weight ? T.mul(logp, weight) : logp).sum(1)), kept);
  const smooth = r === "none" ? smoothRows.reshape(outShape)
    : r === "sum" ? smoothRows.sum()
    : T.div(smoothRows.sum(), weight ? total : keptCount(kept));
  return T.add(T.mul(nll, 1 - ls), T.mul(smooth, ls / classes));
}

function keptCount(kept: Tensor): number {
  let n = 0;
  for (const k of kept.data) n += k;
  return n;
}

/** The input as [rows, C] with the class dim last, and the shape of the per-row losses. */
function toRows(input: Tensor, fn: string): { rows: Tensor; outShape: number[]; classes: number } {
  if (input.ndim === 0) throw new RangeError(`${fn}: input must have a class dim, got a scalar`);
  if (input.ndim === 1) return { rows: input.reshape([1, input.shape[0]!]), outShape: [], classes: input.shape[0]! };
  const classes = input.shape[1]!;
  const outShape = input.shape.filter((_, i) => i !== 1);
  if (input.ndim === 2) return { rows: input, outShape, classes };
  const perm = [0, ...input.shape.slice(2).map((_, i) => i + 2), 1];
  return { rows: input.permute(perm).reshape([-1, classes]), outShape, classes };
}

/** A tensor of the input's rank holds probabilities (index targets have one dim less; a 1-element one for input [C]). */
function isProbabilityTarget(target: ClassTarget, input: Tensor, classes: number): target is Tensor {
  return target instanceof Tensor && target.ndim === input.ndim && !(input.ndim === 1 && target.size === 1 && classes > 1);
}

function checkWeight(weight: Tensor | undefined, classes: number, fn: string): Tensor | undefined {
  if (weight === undefined) return undefined;
  if (weight.ndim !== 1 || weight.shape[0] !== classes) {
    throw new RangeError(`${fn}: weight has shape ${fmt(weight.shape)}, expected [${classes}] (one weight per class)`);
  }
  return weight.detach();
}

/** Reads and checks class indices: one per entry of outShape, each in [0, C) or the ignored index. */
function classIndices(
  target: ClassTarget, inputShape: readonly number[], outShape: readonly number[], classes: number, ignoreIndex: number, fn: string,
): Int32Array {
  const expected = sizeOf(outShape);
  const what = inputShape.length <= 2
    ? `one class index per row of input ${fmt(inputShape)}`
    : `one class index per position of input ${fmt(inputShape)} outside its class dim 1`;
  let values: ArrayLike<number>;
  if (typeof target === "number") values = [target];
  else if (target instanceof Tensor) {
    if (!sameShape(target.shape, outShape) && !(outShape.length === 0 && target.size === 1)) {
      throw new RangeError(`${fn}: target has shape ${fmt(target.shape)}, expected ${fmt(outShape)} (${what})`);
    }
    values = target.data;
  } else if (Array.isArray(target) || target instanceof Int32Array) values = target;
  else throw new TypeError(`${fn}: target must be a Tensor, number[] or Int32Array of class indices`);
  if (values.length !== expected) {
    throw new RangeError(`${fn}: target has ${values.length} entries, expected ${expected} (${what})`);
  }
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isInteger(v)) throw new RangeError(`${fn}: target ${v} at position ${i} is not an integer class index`);
    if (v !== ignoreIndex && (v < 0 || v >= classes)) {
      throw new RangeError(
        `${fn}: class index ${v} at position ${i} is out of range for ${classes} classes (expected an integer in [0, ${classes}) or ignoreIndex ${ignoreIndex})`,
      );
    }
    out[i] = v;
  }
  return out;
}

/** −w[y]·logp[y] per row (0 on ignored rows), the total weight of the kept rows, and a 0/1 mask of kept rows. */
function pickRows(logp: Tensor, idx: Int32Array, weight: Tensor | undefined, ignoreIndex: number): { loss: Tensor; total: number; kept: Tensor } {
  const m = idx.length;
  const safe = new Float32Array(m);
  const w = new Float32Array(m);
  const kept = new Float32Array(m);
  let total = 0;
  for (let i = 0; i < m; i++) {
    if (idx[i] === ignoreIndex) continue;
    safe[i] = idx[i]!;
    w[i] = weight ? weight.data[idx[i]!]! : 1;
    kept[i] = 1;
    total += w[i]!;
  }
  const picked = T.gather(logp, 1, new Tensor(safe, [m, 1])).reshape([m]);
  return { loss: T.neg(T.mul(picked, new Tensor(w, [m]))), total, kept: new Tensor(kept, [m]) };
}

function reduceRows(loss: Tensor, r: Reduction, total: number, outShape: readonly number[]): Tensor {
  if (r === "none") return loss.reshape(outShape);
  if (r === "sum") return loss.sum();
  return T.div(loss.sum(), total);
}
