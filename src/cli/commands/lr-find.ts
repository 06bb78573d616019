/**
 * `nabla lr-find`: the learning-rate range test on the model and data a TrainConfig describes.
 * The rate grows exponentially from --start-lr to --end-lr over --iters batches (stopping once the
 * smoothed loss exceeds 4× its minimum); the suggested rate is where the smoothed loss falls
 * fastest per decade of rate (the steepest descent, before the minimum), or a tenth of the rate
 * with the lowest loss when the curve shows no clear descent.
 */
import type { Command } from "commander";
import { Generator, manualSeed, nn, plot, tune } from "../../index.js";
import { writePlot } from "../../node.js";
import { ConfigError, type TrainConfig } from "../config.js";
import { loadData } from "../datasets.js";
import { prepare } from "../prepare.js";
import { architectureOf, buildLoss, buildModel, buildOptimizer } from "../build.js";
import { writeJSON } from "../run-folder.js";
import { baseConfig, experimentCommand, intFlag, outputDir, plotsDir } from "../experiments/command.js";

export interface LrFindCommandOptions {
  startLr: number;
  endLr: number;
  iters: number;
  json?: boolean;
  quiet?: boolean;
  png?: boolean;
}

/** Runs the range test, writes lr-find.json and its plot, and prints the suggested rate. */
export async function lrFindCommand(config: TrainConfig, options: LrFindCommandOptions): Promise<tune.LrFindResult & { dir: string }> {
  manualSeed(config.seed);
  const d = loadData(config.data, { label: config.label, seed: config.seed });
  const p = prepare(d, config);
  const outputs = d.task === "classification" ? d.numClasses : d.y.shape[1] ?? 1;
  const model = buildModel(architectureOf(config, p.preprocess.inputs, outputs, d.task), config.init, new Generator(config.seed));
  if (config.init === "lsuv") nn.init.lsuv(model, p.train[0].narrow(0, 0, Math.min(256, p.train[0].shape[0]!)));
  const optimizer = buildOptimizer(config, model.parameters());
  if (!options.quiet) process.stderr.write(`nabla lr-find: ${config.optimizer}, rates ${options.startLr.toExponential(0)} → ${options.endLr.toExponential(0)} over up to ${options.iters} batches of ${config.batchSize} (${d.description})\n`);
  const r = await tune.lrFind(model, {
    loss: buildLoss(config, d.task), optimizer, train: p.train, startLr: options.startLr, endLr: options.endLr, numIters: options.iters, batchSize: config.batchSize, seed: config.seed,
  });
  const dir = outputDir(config, "lr-find");
  writeJSON(dir, "lr-find.json", { config, ...r });
  const spec = plot.lrFinderPlot(r, { title: `learning-rate range test (${config.optimizer}, ${config.data})` });
  writeJSON(dir, "plots.json", { "lr-find": spec });
  await writePlot(plotsDir(dir), "lr-find", spec, { png: options.png ?? true });
  if (options.json) process.stdout.write(JSON.stringify({ dir, suggestion: r.suggestion, method: r.method, steepest: r.steepest, minOver10: r.minOver10, iterations: r.lrs.length, diverged: r.diverged }) + "\n");
  else {
    const how = r.method === "steepest" ? "steepest descent of the smoothed loss" : r.method === "minOver10" ? "a tenth of the rate with the lowest loss" : "none";
    process.stdout.write(r.suggestion === null
      ? `no suggestion: the loss was never finite; try a smaller --start-lr\n`
      : `suggested learning rate: ${r.suggestion.toExponential(2)} (${how}; min/10 = ${r.minOver10!.toExponential(2)})\n` +
        `${r.lrs.length} batches${r.diverged ? `, stopped when the loss diverged at lr ${r.lrs[r.lrs.length - 1]!.toExponential(2)}` : ""}\n` +
        `plot: ${plotsDir(dir)}/lr-find.svg\ntrain with it: nabla train --optimizer ${config.optimizer} --lr ${Number(r.suggestion.toPrecision(2))}\n`);
  }
  return { ...r, dir };
}

const positive = (name: string) => (raw: string): number => {
  const v = Number(raw);
  if (!(v > 0) || !Number.isFinite(v)) throw new ConfigError(`${name}: expected a positive number, got ${JSON.stringify(raw)}`);
  return v;
};

export function registerLrFind(prog: Command): void {
  experimentCommand(prog, "lr-find", "learning-rate range test: the loss as the rate grows exponentially, with a suggested rate")
    .option("--start-lr <lr>", "first learning rate", positive("--start-lr"), 1e-7)
    .option("--end-lr <lr>", "last learning rate", positive("--end-lr"), 10)
    .option("--iters <n>", "batches to run (the data is cycled)", intFlag("--iters", 2), 200)
    .option("--no-png", "write the SVG plot only")
    .action(async (file: string | undefined, _opts: unknown, cmd: Command) => {
      const o = cmd.opts<LrFindCommandOptions>();
      if (o.endLr <= o.startLr) throw new ConfigError(`--end-lr ${o.endLr} must be larger than --start-lr ${o.startLr}`);
      await lrFindCommand(baseConfig(file, cmd), o);
    });
}
