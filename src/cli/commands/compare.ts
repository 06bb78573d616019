/**
 * `nabla compare`: the lectures' comparisons as one command — a grid over any training settings
 * (initialisation, activation, optimiser, learning rate, batch norm, dropout, batch size, …), each
 * point trained with several seeds in parallel worker threads; a table of mean ± std of the final
 * metrics with train and test times, and overlaid curves.
 */
import type { Command } from "commander";
import { join } from "node:path";
import { plot, tune } from "../../index.js";
import { writePlot } from "../../node.js";
import { ConfigError, type TrainConfig } from "../config.js";
import { writeFileAtomic, writeJSON } from "../run-folder.js";
import { machineInfo } from "../machine.js";
import { parseGrid, labelOf } from "../experiments/grid.js";
import { TrialProgress } from "../experiments/progress.js";
import { TrialRunner, defaultWorkers } from "../experiments/runner.js";
import type { TrialOutcome } from "../experiments/run-trial.js";
import { formatTable, toCSV } from "../experiments/table.js";
import { meanCurve } from "../experiments/curves.js";
import { baseConfig, collect, experimentCommand, intFlag, mainMetric, outputDir, plotsDir } from "../experiments/command.js";

export interface CompareOptions {
  grid: string[];
  seeds: number;
  workers?: number;
  json?: boolean;
  quiet?: boolean;
  png?: boolean;
}

export interface CompareGroup {
  label: string;
  values: Record<string, unknown>;
  runs: (TrialOutcome & { seed: number })[];
  /** Mean and std over seeds of each final metric (`test_accuracy`, `val_loss`, …) and of `trainTime`, `testTime`. */
  summary: Record<string, { mean: number; std: number }>;
}

export interface CompareResult {
  dir: string;
  seeds: number;
  grid: Record<string, unknown[]>;
  groups: CompareGroup[];
  /** Keys of `summary` shown in the table, in order. */
  columns: string[];
}

function summarise(runs: TrialOutcome[]): CompareGroup["summary"] {
  const keys = new Set<string>();
  for (const r of runs) {
    for (const [split, logs] of [["train", r.train], ["val", r.validation], ["test", r.test]] as const) for (const k of Object.keys(logs)) keys.add(`${split}_${k}`);
  }
  const get = (r: TrialOutcome, key: string): number => {
    const [split, ...rest] = key.split("_");
    const logs = split === "train" ? r.train : split === "val" ? r.validation : r.test;
    return logs[rest.join("_")] ?? NaN;
  };
  const out: CompareGroup["summary"] = {};
  for (const k of keys) {
    const v = runs.map((r) => get(r, k));
    out[k] = { mean: tune.mean(v), std: tune.std(v) };
  }
  for (const k of ["trainTime", "testTime"] as const) {
    const v = runs.map((r) => r.timing[k]);
    out[k] = { mean: tune.mean(v), std: tune.std(v) };
  }
  return out;
}

function cell(s: { mean: number; std: number } | undefined, seeds: number, f: (v: number) => string): string {
  if (!s || Number.isNaN(s.mean)) return "-";
  return seeds > 1 ? `${f(s.mean)} ± ${f(s.std)}` : f(s.mean);
}

/** Runs the grid × seeds, writes compare.json/csv/txt and the overlaid curves, and prints the table. */
export async function compareCommand(base: TrainConfig, options: CompareOptions): Promise<CompareResult> {
  if (options.grid.length === 0) throw new ConfigError("nabla compare: give at least one --grid key=values, e.g. --grid activation=relu,tanh");
  const grid: Record<string, unknown[]> = {};
  for (const g of options.grid) {
    const { key, values } = parseGrid(g);
    if (key in grid) throw new ConfigError(`--grid: "${key}" is given twice; list all its values in one --grid`);
    grid[key] = values;
  }
  const points = tune.gridSearch(grid);
  const seeds = options.seeds;
  const tasks = points.flatMap((values, group) => Array.from({ length: seeds }, (_, s) => ({
    group, seed: base.seed + s, label: `${labelOf(values)}${seeds > 1 ? ` seed ${base.seed + s}` : ""}`,
    config: { ...base, ...values, seed: base.seed + s } as TrainConfig,
  })));
  const dir = outputDir(base, "compare");
  const workers = options.workers ?? defaultWorkers(tasks.length);
  const progress = new TrialProgress(tasks.length, { quiet: options.quiet });
  if (!options.quiet) process.stderr.write(`nabla compare: ${points.length} configurations × ${seeds} seed(s) = ${tasks.length} runs on ${base.data}, ${workers} worker(s)\n`);
  const runner = new TrialRunner(workers);
  let outcomes: TrialOutcome[];
  try {
    outcomes = await tune.runTrials(tasks, async (t, i) => {
      progress.begin(i, t.label, t.config.epochs);
      const o = await runner.run({ config: t.config }, (p) => progress.epoch(i, p));
      const { metric } = mainMetric(o.task);
      const score = o.test[metric] ?? o.validation[metric];
      progress.end(i, t.label, o.error ? `failed: ${o.error}` : `${metric} ${score?.toFixed(4) ?? "-"}, ${o.timing.trainTime.toFixed(2)}s`);
      return o;
    }, { concurrency: runner.concurrency });
  } finally {
    progress.stop();
    await runner.close();
  }
  const groups: CompareGroup[] = points.map((values, g) => {
    const runs = tasks.flatMap((t, i) => (t.group === g ? [{ ...outcomes[i]!, seed: t.seed }] : []));
    return { label: labelOf(values), values, runs, summary: summarise(runs) };
  });
  const task = outcomes[0]!.task;
  const { metric } = mainMetric(task);
  const metrics = task === "classification" ? ["accuracy", "loss"] : ["r2", "mae", "loss"];
  const split = outcomes[0]!.test.loss !== undefined ? "test" : "val";
  const columns = [...metrics.map((m) => `${split}_${m}`), "trainTime", "testTime"];
  const result: CompareResult = { dir, seeds, grid, groups, columns };

  const head = ["configuration", ...metrics.map((m) => `${split} ${m}`), "train time (s)", "test time (ms)"];
  const rows = groups.map((g) => [
    g.label + (g.runs.some((r) => r.error) ? " (failed runs)" : ""),
    ...metrics.map((m) => cell(g.summary[`${split}_${m}`], seeds, (v) => v.toFixed(4))),
    cell(g.summary.trainTime, seeds, (v) => v.toFixed(2)),
    cell(g.summary.testTime, seeds, (v) => (v * 1000).toFixed(1)),
  ]);
  const text = `${tasks.length} runs: ${points.length} configurations × ${seeds} seed(s) on ${base.data}${seeds > 1 ? " (mean ± std over seeds)" : ""}\n` + formatTable(head, rows);
  const csvRows = groups.map((g) => [g.label, ...columns.flatMap((c) => [g.summary[c]?.mean ?? NaN, g.summary[c]?.std ?? NaN])]);
  writeJSON(dir, "compare.json", { base, ...result, machine: machineInfo() });
  writeFileAtomic(join(dir, "compare.csv"), toCSV(["configuration", ...columns.flatMap((c) => [`${c}_mean`, `${c}_std`])], csvRows));
  writeFileAtomic(join(dir, "compare.txt"), text);
  const specs: Record<string, plot.PlotSpec> = {};
  for (const key of ["loss", "val_loss", `val_${metric}`, metric]) {
    const series = groups.map((g) => meanCurve(g.label, g.runs.map((r) => r.history), key)).filter((s): s is plot.CurveSeries => s !== null);
    if (series.length) specs[`curves-${key}`] = plot.overlaidCurves(series, { title: `${key} per epoch${seeds > 1 ? " (mean ± std over seeds)" : ""}`, y: key });
  }
  writeJSON(dir, "plots.json", specs);
  for (const [name, spec] of Object.entries(specs)) await writePlot(plotsDir(dir), name, spec, { png: options.png ?? true });
  if (options.json) process.stdout.write(JSON.stringify({ dir, seeds, grid, columns, groups: groups.map((g) => ({ label: g.label, values: g.values, summary: g.summary })) }) + "\n");
  else process.stdout.write(`${text}results: ${dir}\n`);
  return result;
}

export function registerCompare(prog: Command): void {
  experimentCommand(prog, "compare", "train a grid of settings × seeds in parallel and compare their final metrics and curves")
    .option("--grid <key=values>", "a setting and the values to try, e.g. activation=relu,tanh or init=default,kaiming (repeatable; layers alternatives with |: layers=64|128,64)", collect, [])
    .option("--seeds <n>", "seeds per configuration (from --seed up)", intFlag("--seeds"), 1)
    .option("--workers <n>", "worker threads (default: one per core; 0 runs in this thread)", intFlag("--workers", 0))
    .option("--no-png", "write SVG plots only")
    .addHelpText("after", "\nExample:\n  nabla compare --data circle --epochs 30 --grid activation=relu,tanh,sigmoid --grid init=default,kaiming --seeds 3\n")
    .action(async (file: string | undefined, _opts: unknown, cmd: Command) => {
      const o = cmd.opts<{ grid: string[]; seeds: number; workers?: number; json?: boolean; quiet?: boolean; png: boolean }>();
      await compareCommand(baseConfig(file, cmd), o);
    });
}
