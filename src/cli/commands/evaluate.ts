/** `nabla evaluate RUN`: the saved model's loss and metrics on the run's test split or on other data. */
import type { Command } from "commander";
import { train } from "../../index.js";
import { readRun } from "../run-folder.js";
import { buildLoss, buildModel } from "../build.js";
import { loadData } from "../datasets.js";
import { applyScaler, prepare } from "../prepare.js";
import { ConfigError } from "../config.js";
import type { nn } from "../../index.js";

/** Rebuilds the model of a run folder with its saved weights. */
export function loadRunModel(dir: string): { model: nn.Module; run: ReturnType<typeof readRun> } {
  const run = readRun(dir);
  const model = buildModel(run.architecture, "default");
  model.loadStateDict(run.state);
  model.eval();
  return { model, run };
}

export function evaluateCommand(dir: string, options: { data?: string; label?: string; json?: boolean }): Record<string, number> {
  const { model, run } = loadRunModel(dir);
  const config = run.config;
  let pair;
  let what: string;
  if (options.data) {
    const d = loadData(options.data, { label: options.label ?? null, seed: config.seed });
    const x = d.test ? d.test.x : d.x;
    const y = d.test ? d.test.y : d.y;
    pair = [applyScaler(x, run.preprocess), y] as const;
    what = `${options.data}${d.test ? " (its test split)" : " (all rows)"}`;
  } else {
    const p = prepare(loadData(config.data, { label: config.label, seed: config.seed }), config);
    if (!p.test) throw new ConfigError(`${dir}: the run has no test split; pass --data`);
    pair = p.test;
    what = `${config.data} (the run's test split)`;
  }
  const metrics = run.architecture.task === "classification" ? ["accuracy", "precision", "recall", "f1"] : ["mse", "mae", "r2"];
  const logs = train.evaluate(model, pair, { loss: buildLoss(config, run.architecture.task), metrics });
  if (options.json) process.stdout.write(JSON.stringify({ run: dir, data: what, rows: pair[0].shape[0], ...logs }) + "\n");
  else {
    process.stdout.write(`evaluated ${dir} on ${what}, ${pair[0].shape[0]} rows\n`);
    for (const [k, v] of Object.entries(logs)) process.stdout.write(`${k}: ${v.toPrecision(6)}\n`);
  }
  return logs;
}

export function registerEvaluate(prog: Command): void {
  prog
    .command("evaluate")
    .description("evaluate a run's model on its test split, or on --data")
    .argument("<run>", "run folder written by nabla train")
    .option("--data <name-or-csv>", "dataset name or CSV file (default: the run's own test split)")
    .option("--label <column>", "label column of a CSV file")
    .option("--json", "print the metrics as one JSON object")
    .action((run: string, opts: { data?: string; label?: string; json?: boolean }) => void evaluateCommand(run, opts));
}
