/**
 * The learning-rate range test (Smith 2017, "Cyclical Learning Rates"; popularised by fastai's
 * lr_find): train for a few hundred batches while the learning rate grows exponentially from tiny
 * to huge, record the loss, and stop once it diverges. The loss first stays flat (rate too small),
 * then falls fastest, then blows up; a good rate lies on the steep descent.
 */
import { Tensor } from "../tensor/index.js";
import { toLoader, type DataSource } from "../train/data-source.js";
import { callLoss, type LossFn, type ModelLike, type OptimizerLike } from "../train/types.js";
import { Generator } from "../tensor/index.js";

/** Options of `lrFind`: the loss, optimiser and data, the range of rates, the number of batches and the divergence test. */
export interface LrFindOptions {
  /** The loss minimised during the test. */
  loss: LossFn;
  /** The optimiser whose groups' `lr` the test sets before each step. */
  optimizer: OptimizerLike;
  /** Training data: `[x, y]`, a Dataset or a DataLoader. */
  train: DataSource;
  /** First learning rate (default 1e-7). */
  startLr?: number;
  /** Last learning rate (default 10). */
  endLr?: number;
  /** Batches to run (default 100); the data is cycled if it has fewer. */
  numIters?: number;
  /** Rows per batch (default 32). */
  batchSize?: number;
  /** β of the loss's exponential moving average that decides when to stop, bias-corrected as in Adam (default 0.98). */
  smoothing?: number;
  /** Stop when the running average of the loss exceeds this multiple of its minimum (default 4). */
  divergeThreshold?: number;
  /** Shuffling seed (default 0). */
  seed?: number;
}

/** What `lrFind` returns: the rates tried and their losses, the smoothed curve, and the suggested rate with how it was chosen. */
export interface LrFindResult {
  /** The learning rate of each batch run. */
  lrs: number[];
  /** The loss of each batch run, at the rate of the same index. */
  losses: number[];
  /** The losses smoothed by a centred moving average (no lag, unlike the running average): the curve the suggestion reads. */
  smoothed: number[];
  /** The suggested rate: `steepest` when the curve has a clear descent, else `minOver10`. */
  suggestion: number | null;
  /** The rate where the smoothed loss falls fastest per decade of rate (before its minimum). */
  steepest: number | null;
  /** A tenth of the rate with the lowest smoothed loss (the rule of thumb of the lectures). */
  minOver10: number | null;
  /** Which rule gave `suggestion` ("none": no finite loss to read). */
  method: "steepest" | "minOver10" | "none";
  /** Whether the test stopped because the loss diverged before endLr. */
  diverged: boolean;
}

interface Restorable {
  stateDict(): unknown;
  loadStateDict(sd: never): unknown;
}

/**
 * Runs the range test: lr_i = startLr·(endLr/startLr)^(i/(numIters−1)), one optimiser step per
 * batch, stopping once the running average s_i = EMA_β(loss)/(1 − β^(i+1)) exceeds
 * divergeThreshold × its minimum. The suggestion reads a centred moving average of the losses,
 * which, unlike the running average, does not lag behind the rate. The model's weights (and the
 * optimiser's state and rates, when it has stateDict/loadStateDict) are restored afterwards.
 */
export async function lrFind(model: ModelLike, options: LrFindOptions): Promise<LrFindResult> {
  const startLr = options.startLr ?? 1e-7;
  const endLr = options.endLr ?? 10;
  const numIters = options.numIters ?? 100;
  const beta = options.smoothing ?? 0.98;
  const threshold = options.divergeThreshold ?? 4;
  if (!(startLr > 0) || !(endLr > startLr)) throw new RangeError(`lrFind: expected 0 < startLr < endLr, got startLr=${startLr}, endLr=${endLr}`);
  if (!Number.isInteger(numIters) || numIters < 2) throw new RangeError(`lrFind: numIters must be an integer >= 2, got ${numIters}`);
  if (!(beta >= 0 && beta < 1)) throw new RangeError(`lrFind: smoothing must be in [0, 1), got ${beta}`);
  const opt = options.optimizer;
  const weights = Object.values(model.stateDict()).map((t) => [t, t.data.slice()] as const);
  const optState = typeof (opt as unknown as Restorable).stateDict === "function" ? (opt as unknown as Restorable).stateDict() : null;
  const groupLrs = opt.paramGroups.map((g) => g.lr);
  const loader = toLoader("lrFind: train", options.train, options.batchSize ?? 32, true, new Generator(options.seed ?? 0));
  const lrs: number[] = [];
  const losses: number[] = [];
  let avg = 0;
  let best = Infinity;
  let diverged = false;
  model.train();
  try {
    outer: for (let i = 0; ; ) {
      let any = false;
      for (const [x, y] of loader) {
        any = true;
        const lr = startLr * (endLr / startLr) ** (i / (numIters - 1));
        for (const g of opt.paramGroups) g.lr = lr;
        const l = callLoss(options.loss, model.forward(x as Tensor), y as Tensor);
        opt.zeroGrad();
        l.backward();
        opt.step();
        const v = l.item();
        avg = beta * avg + (1 - beta) * v;
        const s = avg / (1 - beta ** (i + 1));
        lrs.push(lr);
        losses.push(v);
        if (!Number.isFinite(s) || (i > 0 && s > threshold * best)) {
          diverged = true;
          break outer;
        }
        best = Math.min(best, s);
        if (++i >= numIters) break outer;
      }
      if (!any) throw new RangeError("lrFind: the training data has no batches");
    }
  } finally {
    for (const [t, saved] of weights) t.data.set(saved);
    if (optState !== null) (opt as unknown as Restorable).loadStateDict(optState as never);
    opt.paramGroups.forEach((g, k) => (g.lr = groupLrs[k]!));
  }
  const smoothed = centredAverage(losses, Math.max(2, Math.round(losses.length / 40)));
  return { lrs, losses, smoothed, diverged, ...suggest(lrs, smoothed) };
}

/** The mean of the finite values within `half` points on either side (fewer at the ends); NaN where there are none. */
export function centredAverage(values: readonly number[], half: number): number[] {
  return values.map((_, i) => {
    let sum = 0;
    let n = 0;
    for (let j = Math.max(0, i - half); j <= Math.min(values.length - 1, i + half); j++) {
      if (Number.isFinite(values[j]!)) {
        sum += values[j]!;
        n++;
      }
    }
    return n ? sum / n : NaN;
  });
}

/** Picks the steepest descent of the smoothed loss against log10(lr) before its minimum, and min/10. */
export function suggest(lrs: readonly number[], smoothed: readonly number[]): Pick<LrFindResult, "suggestion" | "steepest" | "minOver10" | "method"> {
  let iMin = -1;
  for (let i = 0; i < smoothed.length; i++) if (Number.isFinite(smoothed[i]!) && (iMin < 0 || smoothed[i]! < smoothed[iMin]!)) iMin = i;
  if (iMin < 0) return { suggestion: null, steepest: null, minOver10: null, method: "none" };
  const minOver10 = lrs[iMin]! / 10;
  // skip the first points: the bias-corrected average is still noisy there
  const skip = Math.min(Math.max(1, Math.floor(smoothed.length / 20)), iMin);
  let steepest: number | null = null;
  let bestSlope = 0;
  for (let i = Math.max(skip, 1); i < iMin; i++) {
    const slope = (smoothed[i + 1]! - smoothed[i - 1]!) / (Math.log10(lrs[i + 1]!) - Math.log10(lrs[i - 1]!));
    if (slope < bestSlope) {
      bestSlope = slope;
      steepest = lrs[i]!;
    }
  }
  if (iMin - skip < 4) steepest = null;
  return steepest !== null
    ? { suggestion: steepest, steepest, minOver10, method: "steepest" }
    : { suggestion: minOver10, steepest: null, minOver10, method: "minOver10" };
}
