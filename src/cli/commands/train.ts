/** `nabla train`: train an MLP from flags or a JSON config, write a run folder, report test metrics. */
import { readFileSync } from "node:fs";
import { Generator, manualSeed, nn, train } from "../../index.js";
import { ProgressBar } from "../../node.js";
import { ConfigError, configFromJSON, defaultConfig, type TrainConfig } from "../config.js";
import { loadData } from "../datasets.js";
import { prepare } from "../prepare.js";
import { architectureOf, buildLoss, buildModel, buildOptimizer, buildSchedule, gradClipper } from "../build.js";
import { createRunDir, writeFileAtomic, writeJSON, writeModel } from "../run-folder.js";
import { join } from "node:path";
import { machineInfo } from "../machine.js";
import { diagnoseFailure, diagnosticsFor, writeRunExtras } from "../experiments/run-extras.js";
import { checkpointCallback, resumeSettings, runLocation } from "../resume.js";

/** Builds the config: defaults, then the JSON file, then the flags given on the command line. */
export function resolveConfig(file: string | undefined, flags: Partial<TrainConfig>): TrainConfig {
  let fromFile: Partial<TrainConfig> = {};
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      throw new ConfigError(`config file ${file} cannot be read`);
    }
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch (e) {
      throw new ConfigError(`${file}: invalid JSON (${(e as Error).message})`);
    }
    fromFile = configFromJSON(obj, file);
  }
  const resume = flags.resume ?? fromFile.resume;
  if (resume) return { ...defaultConfig(), ...resumeSettings(resume), ...fromFile, ...flags, ...runLocation(resume) };
  return { ...defaultConfig(), ...fromFile, ...flags };
}

export interface TrainSummary {
  run: string;
  data: string;
  epochs: number;
  stoppedEpoch: number | null;
  train: Record<string, number>;
  validation: Record<string, number>;
  test: Record<string, number>;
  timing: { trainTime: number; evalTime: number; wallTime: number; samplesPerSecond: number };
  parameters: number;
}

export async function trainCommand(config: TrainConfig, options: { json?: boolean; quiet?: boolean }): Promise<TrainSummary> {
  const err = process.stderr;
  manualSeed(config.seed);
  const d = loadData(config.data, { label: config.label, seed: config.seed });
  const p = prepare(d, config);
  const outputs = d.task === "classification" ? d.numClasses : d.y.shape[1] ?? 1;
  const arch = architectureOf(config, p.preprocess.inputs, outputs, d.task);
  const model = buildModel(arch, config.init, new Generator(config.seed));
  if (config.init === "lsuv") nn.init.lsuv(model, p.train[0].narrow(0, 0, Math.min(256, p.train[0].shape[0]!)));
  const params = model.parameters();
  const optimizer = buildOptimizer(config, params);
  const loss = buildLoss(config, d.task);
  const batchesPerEpoch = Math.ceil(p.train[0].shape[0]! / config.batchSize);
  const callbacks: train.CallbackLike[] = [];
  const diagnostics = diagnosticsFor(config); // first, so it sees the gradients before clipping
  if (diagnostics) callbacks.push(diagnostics);
  if (config.clipGradNorm > 0) callbacks.push(gradClipper(config.clipGradNorm, params));
  const schedule = buildSchedule(config, optimizer, batchesPerEpoch);
  if (schedule) callbacks.push(schedule);
  if (config.earlyStopping > 0) {
    if (!p.val) throw new ConfigError("--early-stopping needs validation data (set --val > 0)");
    callbacks.push(new train.EarlyStopping({ monitor: "val_loss", patience: config.earlyStopping, restoreBestWeights: true }));
  }
  if (!options.quiet) callbacks.push(new ProgressBar({ stream: err }));
  const metrics = d.task === "classification" ? ["accuracy"] : ["mae", "r2"];
  const name = config.name ?? `${config.data.replace(/[^A-Za-z0-9_-]+/g, "_")}-${new Date().toISOString().replace(/[:.]/g, "-")}`;
  const dir = createRunDir(config.out, name);
  writeJSON(dir, "config.json", config);
  callbacks.push(checkpointCallback(dir, config, options.quiet ? null : err));
  if (!options.quiet) {
    err.write(`nabla: training an MLP ${arch.sizes.join("-")} on ${d.description}: ${p.train[0].shape[0]} train, ${p.val?.[0].shape[0] ?? 0} validation, ${p.test?.[0].shape[0] ?? 0} test rows\n`);
  }
  const history = await train.fit(model, {
    loss, optimizer, train: p.train, validation: p.val ?? undefined, epochs: config.epochs, batchSize: config.batchSize,
    seed: config.seed, metrics, callbacks,
  }).catch((e: unknown) => diagnoseFailure(dir, diagnostics, e, config));
  const evalOpts = { loss, metrics };
  const t0 = performance.now();
  const testLogs = p.test ? train.evaluate(model, p.test, evalOpts) : {};
  const testTime = (performance.now() - t0) / 1000;
  const trainLogs = train.evaluate(model, p.train, evalOpts);
  const valLogs = p.val ? train.evaluate(model, p.val, evalOpts) : {};

  writeModel(dir, model.stateDict(), arch);
  writeJSON(dir, "preprocess.json", p.preprocess);
  writeJSON(dir, "history.json", history.toJSON());
  writeFileAtomic(join(dir, "history.csv"), history.toCSV());
  await writeRunExtras(dir, { config, history, model, data: d, prepared: p, diagnostics });
  const summary: TrainSummary = {
    run: dir,
    data: config.data,
    epochs: history.epoch.length,
    stoppedEpoch: history.stoppedEpoch,
    train: trainLogs,
    validation: valLogs,
    test: testLogs,
    timing: { ...history.timing, evalTime: history.timing.evalTime + testTime },
    parameters: params.reduce((a, t) => a + t.size, 0),
  };
  writeJSON(dir, "summary.json", { ...summary, machine: machineInfo() });
  const text = summaryText(summary);
  writeFileAtomic(join(dir, "summary.txt"), text);
  if (options.json) process.stdout.write(JSON.stringify(summary) + "\n");
  else process.stdout.write(text);
  return summary;
}

function pct(v: number | undefined): string {
  return v === undefined ? "-" : `${(100 * v).toFixed(2)}%`;
}

function summaryText(s: TrainSummary): string {
  const lines = [`run folder: ${s.run}`];
  if (s.test.accuracy !== undefined) {
    lines.push(`test accuracy: ${pct(s.test.accuracy)} (train ${pct(s.train.accuracy)}, validation ${pct(s.validation.accuracy)})`);
  }
  if (s.test.r2 !== undefined) lines.push(`test R²: ${s.test.r2.toFixed(4)}, MAE ${s.test.mae!.toPrecision(4)}`);
  if (s.test.loss !== undefined) lines.push(`test loss: ${s.test.loss.toPrecision(4)}`);
  lines.push(
    `epochs: ${s.epochs}${s.stoppedEpoch !== null ? ` (stopped early at epoch ${s.stoppedEpoch + 1})` : ""}, ` +
      `training ${s.timing.trainTime.toFixed(2)}s (${Math.round(s.timing.samplesPerSecond)} samples/s), evaluation ${s.timing.evalTime.toFixed(2)}s, ${s.parameters} parameters`,
  );
  return lines.join("\n") + "\n";
}
