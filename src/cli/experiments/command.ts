/** What the experiment commands share: the train flags as base settings, an output folder, and summaries of repeated runs. */
import type { Command } from "commander";
import { join } from "node:path";
import { givenFlags, trainFlags } from "../main.js";
import { resolveConfig } from "../commands/train.js";
import { ConfigError, type TrainConfig } from "../config.js";
import { createRunDir } from "../run-folder.js";
import { timestamp } from "./table.js";

/** A command taking every `nabla train` flag (the base settings), a JSON config (positional or `--config`), `--json` and `--quiet`. */
export function experimentCommand(prog: Command, name: string, description: string): Command {
  return trainFlags(prog.command(name).argument("[config]", "JSON config file of base settings (flags override its fields)").description(description))
    .option("--config <file>", "JSON config file (the same as the positional argument)")
    .option("--json", "print the result as one JSON object on stdout")
    .option("--quiet", "no progress output");
}

/** The base settings: defaults, then the config file, then the flags given. */
export function baseConfig(file: string | undefined, cmd: Command): TrainConfig {
  const opt = cmd.opts<{ config?: string }>().config;
  if (file && opt && file !== opt) throw new ConfigError(`two config files given (${file} and --config ${opt}); pass one`);
  const flags = givenFlags(cmd) as Partial<TrainConfig> & { resume?: string | null };
  if (flags.resume) throw new ConfigError(`--resume continues a run of nabla train; nabla ${cmd.name()} starts its own runs`);
  return resolveConfig(opt ?? file, flags);
}

/** The output folder `<out>/<name or kind-timestamp>`, created. */
export function outputDir(config: TrainConfig, kind: string): string {
  return createRunDir(config.out, config.name ?? `${kind}-${timestamp()}`);
}

/** A positive integer flag value. */
export function intFlag(name: string, min = 1): (raw: string) => number {
  return (raw: string) => {
    const v = Number(raw);
    if (!Number.isInteger(v) || v < min) throw new ConfigError(`${name}: expected an integer >= ${min}, got ${JSON.stringify(raw)}`);
    return v;
  };
}

/** Collects a repeatable flag's values. */
export const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

/** The path a plots folder gets inside an output folder. */
export const plotsDir = (dir: string): string => join(dir, "plots");

/** Metric names of a task: the first is the one to compare by. */
export function mainMetric(task: "classification" | "regression"): { metric: string; mode: "max" | "min" } {
  return task === "classification" ? { metric: "accuracy", mode: "max" } : { metric: "r2", mode: "max" };
}
