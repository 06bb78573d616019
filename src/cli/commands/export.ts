/**
 * `nabla export RUN --format onnx|ts|safetensors [--output FILE]`: a trained run's model for use elsewhere.
 * The run's feature scaling becomes the first layer (a Standardize), so the exported model takes raw
 * features as `nabla predict` does; --no-preprocess leaves it out. Classifiers output logits.
 */
import type { Command } from "commander";
import { join } from "node:path";
import { io, nn } from "../../index.js";
import { writeFileAtomic } from "../../node.js";
import { ConfigError } from "../config.js";
import { loadRunModel } from "./evaluate.js";

export const EXPORT_FORMATS = ["onnx", "ts", "safetensors"] as const;
type Format = (typeof EXPORT_FORMATS)[number];

const DEFAULT_FILE: Record<Format, string> = { onnx: "model.onnx", ts: "model.ts", safetensors: "model.export.safetensors" };

export interface ExportOptions {
  format?: string;
  output?: string;
  preprocess?: boolean;
  quiet?: boolean;
}

/** Writes the run's model in `format`; returns the file written. */
export function exportCommand(dir: string, options: ExportOptions): string {
  const format = (options.format ?? "onnx").toLowerCase() as Format;
  if (!EXPORT_FORMATS.includes(format)) throw new ConfigError(`--format: invalid value ${JSON.stringify(options.format)} (expected one of ${EXPORT_FORMATS.join(", ")})`);
  const { model, run } = loadRunModel(dir);
  const p = run.preprocess;
  const full = options.preprocess !== false && p.scaler ? new nn.Sequential(new io.Standardize(p.scaler.mean, p.scaler.scale), model) : model;
  const inputShape = [p.inputs];
  const info: Record<string, string> = {
    task: p.task,
    inputs: String(p.inputs),
    preprocessing: full === model ? "none: standardise features as preprocess.json says" : "included (Standardize layer)",
    output: p.task === "classification" ? "logits, one per class" : "predicted values",
  };
  if (p.classNames) info.classes = JSON.stringify(p.classNames);
  const out = options.output ?? join(dir, DEFAULT_FILE[format]);
  let content: Uint8Array | string;
  if (format === "onnx") content = io.exportOnnx(full, { inputShape, metadata: info, docString: `nabla run ${dir}` });
  else if (format === "ts") content = io.exportTypeScript(full, { inputShape, header: [`nabla run ${dir}`, ...Object.entries(info).map(([k, v]) => `${k}: ${v}`)] });
  else content = io.toBytes(full, Object.fromEntries(Object.entries(info).map(([k, v]) => [`nabla.${k}`, v])));
  writeFileAtomic(out, content);
  if (!options.quiet) process.stderr.write(`nabla: wrote ${out} (${format}, ${typeof content === "string" ? content.length : content.byteLength} bytes)\n`);
  return out;
}

export function registerExport(prog: Command): void {
  prog
    .command("export")
    .description("export a run's model as ONNX, dependency-free TypeScript, or a safetensors file that io.load reads")
    .argument("<run>", "run folder written by nabla train")
    .option("--format <format>", `one of: ${EXPORT_FORMATS.join(", ")}`, "onnx")
    .option("--output <file>", "where to write (default: model.onnx, model.ts or model.export.safetensors in the run folder)")
    .option("--no-preprocess", "leave out the feature standardisation (the model then expects standardised inputs)")
    .option("--quiet", "print nothing")
    .action((run: string, opts: ExportOptions) => void exportCommand(run, opts));
}
