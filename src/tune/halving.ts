/**
 * Successive halving (Jamieson & Talwalkar 2016, the inner loop of Hyperband): train every
 * candidate on a small budget, keep the best 1/η, multiply the budget by η, and repeat until one
 * candidate is left or the budget is the full one. Poor trials stop early, so most of the compute
 * goes to the promising ones.
 */
import { runTrials } from "./trials.js";

/** Options of `successiveHalving`: the first and full budgets, the reduction factor η, the score's direction and concurrency. */
export interface HalvingOptions {
  /** Budget of the first rung (epochs, say). */
  minBudget: number;
  /** The full budget; the last rung trains with it. */
  maxBudget: number;
  /** Keep 1/η of the candidates per rung and multiply the budget by η (default 3). */
  eta?: number;
  /** Whether higher scores are better ("max", the default) or lower ("min", for losses). */
  mode?: "max" | "min";
  /** Trials run at once within a rung (default 1). */
  concurrency?: number;
}

/** One evaluation: candidate `id` (its index in the input) trained with `budget` in rung `rung`. */
export interface HalvingTrial<C> {
  id: number;
  config: C;
  rung: number;
  budget: number;
  score: number;
}

/** What `successiveHalving` returns: the best trial of the last rung, every trial run, and each rung's budget and candidates. */
export interface HalvingResult<C> {
  /** The best-scoring trial of the last rung. */
  best: HalvingTrial<C>;
  /** Every evaluation, rung by rung. */
  trials: HalvingTrial<C>[];
  /** Each rung's budget and the ids of the candidates trained with it. */
  rungs: { budget: number; ids: number[] }[];
}

/** Sorts best first; NaN scores last. */
export function rankScores<T extends { score: number }>(items: readonly T[], mode: "max" | "min"): T[] {
  const key = (s: number): number => (Number.isNaN(s) ? -Infinity : mode === "max" ? s : -s);
  return [...items].sort((a, b) => key(b.score) - key(a.score));
}

/**
 * Runs successive halving over `configs`; `evaluate(config, budget, id)` trains one candidate
 * from scratch with that budget and returns its validation score. Budgets are rounded to integers
 * when minBudget and maxBudget are integers.
 */
export async function successiveHalving<C>(
  configs: readonly C[], evaluate: (config: C, budget: number, id: number, rung: number) => Promise<number>,
  options: HalvingOptions & { onTrial?: (t: HalvingTrial<C>) => void },
): Promise<HalvingResult<C>> {
  const { minBudget, maxBudget } = options;
  const eta = options.eta ?? 3;
  const mode = options.mode ?? "max";
  if (configs.length === 0) throw new RangeError("successiveHalving: expected at least one configuration");
  if (!(minBudget > 0) || !(maxBudget >= minBudget)) {
    throw new RangeError(`successiveHalving: expected 0 < minBudget <= maxBudget, got minBudget=${minBudget}, maxBudget=${maxBudget}`);
  }
  if (!(eta > 1)) throw new RangeError(`successiveHalving: eta must be > 1, got ${eta}`);
  const integer = Number.isInteger(minBudget) && Number.isInteger(maxBudget);
  let alive = configs.map((_, id) => id);
  let budget = minBudget;
  const trials: HalvingTrial<C>[] = [];
  const rungs: HalvingResult<C>["rungs"] = [];
  for (let rung = 0; ; rung++) {
    const b = integer ? Math.round(budget) : budget;
    rungs.push({ budget: b, ids: alive });
    const results = await runTrials(alive, async (id) => {
      const score = await evaluate(configs[id]!, b, id, rung);
      return { id, config: configs[id]!, rung, budget: b, score };
    }, { concurrency: options.concurrency, onResult: (t) => options.onTrial?.(t) });
    trials.push(...results);
    const ranked = rankScores(results, mode);
    if (alive.length === 1 || b >= maxBudget) return { best: ranked[0]!, trials, rungs };
    alive = ranked.slice(0, Math.max(1, Math.floor(alive.length / eta))).map((t) => t.id);
    budget = Math.min(maxBudget, budget * eta);
  }
}
