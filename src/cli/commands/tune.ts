/**
 * `nabla tune`: hyperparameter search over training settings — grid or random search (rates
 * log-uniform), optionally successive halving (poor trials stop after a few epochs) and k-fold
 * cross-validation, with trials in parallel worker threads and a progress display. The best
 * configuration is saved as best.json, so `nabla train --config best.json` reruns it.
 */
import type { Command } from "commander";
import { join } from "node:path";
import { Generator, plot, tune } from "../../index.js";
import { writePlot } from "../../node.js";
import { ConfigError, type TrainConfig } from "../config.js";
import { loadData } from "../datasets.js";
import { writeFileAtomic, writeJSON } from "../run-folder.js";
import { machineInfo } from "../machine.js";
import { labelOf, parseSpace } from "../experiments/grid.js";
import { TrialProgress } from "../experiments/progress.js";
import { TrialRunner, defaultWorkers } from "../experiments/runner.js";
import type { TrialOutcome, TrialTask } from "../experiments/run-trial.js";
import { formatTable, toCSV } from "../experiments/table.js";
import { baseConfig, collect, experimentCommand, intFlag, outputDir, plotsDir } from "../experiments/command.js";

export interface TuneOptions {
  space: string[];
  search?: "grid" | "random";
  trials: number;
  halving?: boolean;
  minEpochs?: number;
  eta: number;
  folds: number;
  metric?: string;
  workers?: number;
  json?: boolean;
  quiet?: boolean;
  png?: boolean;
}

export interface TuneTrial {
  id: number;
  rung: number;
  epochs: number;
  values: Record<string, unknown>;
  label: string;
  /** Mean validation score over folds (one fold without --folds). */
  score: number;
  foldScores: number[];
  error?: string;
  history: TrialOutcome["history"];
}

export interface TuneResult {
  dir: string;
  metric: string;
  mode: "max" | "min";
  trials: TuneTrial[];
  best: TuneTrial;
  bestConfig: Partial<TrainConfig>;
}

/** Settings a saved best config leaves out: where the tuning wrote its output is not part of the model. */
const OUTPUT_KEYS = new Set(["out", "name", "resume"]);

/** Successive halving's rung sizes for n candidates: how many evaluations it will run. */
function plannedEvaluations(n: number, minEpochs: number, maxEpochs: number, eta: number): number {
  let total = n;
  for (let b = minEpochs; n > 1 && b < maxEpochs; b = Math.min(maxEpochs, b * eta)) {
    n = Math.max(1, Math.floor(n / eta));
    total += n;
  }
  return total;
}

/** Runs the search, writes tune.json/csv, best.json and plots, and prints the best trials. */
export async function tuneCommand(base: TrainConfig, options: TuneOptions): Promise<TuneResult> {
  if (options.space.length === 0) throw new ConfigError("nabla tune: give at least one --space key=values, e.g. --space lr=1e-4:1e-1:log");
  const space: tune.SearchSpace = {};
  for (const s of options.space) {
    const { key, dimension } = parseSpace(s);
    if (key in space) throw new ConfigError(`--space: "${key}" is given twice`);
    space[key] = dimension;
  }
  const hasRange = Object.values(space).some((d) => !Array.isArray(d));
  const search = options.search ?? (hasRange ? "random" : "grid");
  const candidates = search === "grid" ? tune.gridSearch(space) : tune.randomSearch(space, options.trials, { generator: new Generator(base.seed + 101) });
  const task = loadData(base.data, { label: base.label, seed: base.seed }).task;
  const metric = (options.metric ?? (task === "classification" ? "accuracy" : "loss")).replace(/^val_/, "");
  const mode = /loss|mae|mse/.test(metric) ? "min" : "max";
  const folds = options.folds;
  if (folds === 1) throw new ConfigError("--folds: expected 0 (off) or at least 2 folds");
  if (folds === 0 && base.val === 0) throw new ConfigError("nabla tune scores on validation data: set --val > 0 or use --folds k");
  const maxEpochs = base.epochs;
  const minEpochs = options.halving ? options.minEpochs ?? Math.max(1, Math.round(maxEpochs / options.eta ** 2)) : maxEpochs;
  if (minEpochs > maxEpochs) throw new ConfigError(`--min-epochs ${minEpochs} is larger than --epochs ${maxEpochs}`);
  const evaluations = plannedEvaluations(candidates.length, minEpochs, maxEpochs, options.eta) * Math.max(1, folds);
  const workers = options.workers ?? defaultWorkers(evaluations);
  const dir = outputDir(base, "tune");
  if (!options.quiet) {
    process.stderr.write(`nabla tune: ${search} search, ${candidates.length} candidates${options.halving ? `, successive halving from ${minEpochs} to ${maxEpochs} epochs (η = ${options.eta})` : `, ${maxEpochs} epochs each`}` +
      `${folds ? `, ${folds}-fold cross-validation` : ""}; ${evaluations} trainings on ${workers} worker(s); score: val_${metric} (${mode})\n`);
  }
  const progress = new TrialProgress(evaluations, { quiet: options.quiet });
  const runner = new TrialRunner(workers);
  const trials: TuneTrial[] = [];
  let nextBar = 0;
  let result: tune.HalvingResult<Record<string, unknown>>;
  try {
    result = await tune.successiveHalving(candidates, async (values, epochs, id, rung) => {
      const config = { ...base, ...values } as TrainConfig;
      const label = `#${id} ${labelOf(values)}`;
      const tasks: TrialTask[] = folds ? Array.from({ length: folds }, (_, index) => ({ config, epochs, fold: { k: folds, index } })) : [{ config, epochs }];
      const outcomes = await Promise.all(tasks.map(async (t) => {
        const bar = nextBar++;
        const name = `${label}${t.fold ? ` fold ${t.fold.index + 1}/${folds}` : ""}`;
        progress.begin(bar, name, epochs);
        const o = await runner.run(t, (p) => progress.epoch(bar, p));
        progress.end(bar, name, o.error ? `failed: ${o.error}` : `val_${metric} ${(o.validation[metric] ?? NaN).toFixed(4)} after ${epochs} epochs`);
        return o;
      }));
      const foldScores = outcomes.map((o) => (o.error ? NaN : o.validation[metric] ?? NaN));
      const score = foldScores.some(Number.isNaN) ? NaN : tune.mean(foldScores);
      const error = outcomes.find((o) => o.error)?.error;
      trials.push({ id, rung, epochs, values, label: labelOf(values), score, foldScores, ...(error ? { error } : {}), history: outcomes[0]!.history });
      return score;
    }, { minBudget: minEpochs, maxBudget: maxEpochs, eta: options.eta, mode, concurrency: runner.concurrency });
  } finally {
    progress.stop();
    await runner.close();
  }
  trials.sort((a, b) => a.rung - b.rung || a.id - b.id);
  const best = trials.find((t) => t.id === result.best.id && t.rung === result.best.rung)!;
  if (Number.isNaN(best.score)) throw new Error(`nabla tune: every trial failed (e.g. ${best.error ?? "no validation score"}); see ${dir}`);
  const bestConfig = Object.fromEntries(Object.entries({ ...base, ...best.values }).filter(([k]) => !OUTPUT_KEYS.has(k))) as Partial<TrainConfig>;
  writeJSON(dir, "best.json", bestConfig);
  writeJSON(dir, "tune.json", {
    base, space, search, metric: `val_${metric}`, mode, folds, halving: options.halving ? { minEpochs, maxEpochs, eta: options.eta, rungs: result.rungs } : null,
    best: { id: best.id, values: best.values, score: best.score, foldScores: best.foldScores }, trials, machine: machineInfo(),
  });
  const keys = Object.keys(space);
  writeFileAtomic(join(dir, "tune.csv"), toCSV(["trial", "rung", "epochs", ...keys, `val_${metric}`, "std"], trials.map((t) => [
    t.id, t.rung, t.epochs, ...keys.map((k) => (Array.isArray(t.values[k]) ? (t.values[k] as number[]).join(" ") : String(t.values[k]))), t.score, folds ? tune.std(t.foldScores) : "",
  ])));
  const specs: Record<string, plot.PlotSpec> = {};
  const points = trials.map((t) => ({ trial: t.id, score: t.score, rung: t.rung, label: t.label, values: t.values }));
  specs.scores = plot.searchPlot(points, { metric: `val_${metric}` });
  for (const [k, d] of Object.entries(space)) {
    if (!Array.isArray(d) || d.length > 1) specs[`scores-${k}`] = plot.searchPlot(points, { metric: `val_${metric}`, x: k, logX: !Array.isArray(d) && /log/i.test((d as tune.Range).kind) });
  }
  const lastRung = Math.max(...trials.map((t) => t.rung));
  const top = tune.rankScores(trials.filter((t) => t.rung === lastRung), mode).slice(0, 6);
  const curveKey = top.some((t) => t.history.history[`val_${metric}`]) ? `val_${metric}` : "loss";
  const curves = top.filter((t) => t.history.history[curveKey]).map((t) => ({ name: `#${t.id} ${t.label}`, values: t.history.history[curveKey]! }));
  if (curves.length) specs.curves = plot.overlaidCurves(curves, { title: `${curveKey} of the best trials${folds ? " (fold 1)" : ""}`, y: curveKey });
  writeJSON(dir, "plots.json", specs);
  for (const [name, spec] of Object.entries(specs)) await writePlot(plotsDir(dir), name, spec, { png: options.png ?? true });

  // the trials that got furthest first, each rung best first
  const ranked = [...new Set(trials.map((t) => t.rung))].sort((a, b) => b - a).flatMap((r) => tune.rankScores(trials.filter((t) => t.rung === r), mode));
  const fmt = (t: TuneTrial): string => (Number.isNaN(t.score) ? "failed" : folds ? `${t.score.toFixed(4)} ± ${tune.std(t.foldScores).toFixed(4)}` : t.score.toFixed(4));
  const table = formatTable(["trial", "settings", "epochs", `val_${metric}`], ranked.slice(0, 10).map((t) => [`#${t.id}`, t.label, String(t.epochs), fmt(t)]));
  const bestPath = join(dir, "best.json");
  if (options.json) process.stdout.write(JSON.stringify({ dir, metric: `val_${metric}`, mode, best: { id: best.id, values: best.values, score: best.score }, bestConfig: bestPath, trials: trials.length }) + "\n");
  else process.stdout.write(`${table}best: #${best.id} ${best.label}: val_${metric} ${fmt(best)}\nbest config: ${bestPath}\nrerun it with: nabla train --config ${bestPath}\n`);
  return { dir, metric: `val_${metric}`, mode, trials, best, bestConfig };
}

export function registerTune(prog: Command): void {
  experimentCommand(prog, "tune", "search hyperparameters (grid/random, successive halving, k-fold CV) and save the best config")
    .option("--space <key=values>", "a setting to search: choices a,b,c; a range lo:hi; log-uniform lo:hi:log; grid points lo:hi:log:4 (repeatable)", collect, [])
    .option("--search <kind>", "grid or random (default: random when a range is given, else grid)", (v: string) => {
      if (v !== "grid" && v !== "random") throw new ConfigError(`--search: expected grid or random, got ${JSON.stringify(v)}`);
      return v;
    })
    .option("--trials <n>", "random search: configurations to draw", intFlag("--trials"), 12)
    .option("--halving", "successive halving: train all for --min-epochs, keep the best 1/eta, multiply the epochs by eta, … up to --epochs")
    .option("--min-epochs <n>", "epochs of the first halving rung (default: epochs/eta²)", intFlag("--min-epochs"))
    .option("--eta <n>", "halving factor", intFlag("--eta", 2), 3)
    .option("--folds <k>", "k-fold cross-validation on the training rows (0 = use the validation split)", intFlag("--folds", 0), 0)
    .option("--metric <name>", "validation metric to optimise (accuracy, loss, r2, mae; default: accuracy, or loss for regression)")
    .option("--workers <n>", "worker threads (default: one per core; 0 runs in this thread)", intFlag("--workers", 0))
    .option("--no-png", "write SVG plots only")
    .addHelpText("after", "\nExample:\n  nabla tune --data digits --epochs 9 --space lr=1e-4:1e-1:log --space layers='64|128,64' --trials 9 --halving --folds 3\n")
    .action(async (file: string | undefined, _opts: unknown, cmd: Command) => {
      await tuneCommand(baseConfig(file, cmd), cmd.opts<TuneOptions>());
    });
}
