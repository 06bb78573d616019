/** Run folders: everything a training run produced, written atomically, and read back for evaluate/predict. */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { writeFileAtomic } from "../node.js";
import { join } from "node:path";
import { decodeSafetensors, encodeSafetensors } from "../io/index.js";
import type { Tensor } from "../index.js";
import type { Architecture } from "./build.js";
import type { TrainConfig } from "./config.js";

export { writeFileAtomic };

/** What preprocessing the model expects: the training split's scaler, the classes and the task. */
export interface Preprocess {
  scaler: { mean: number[]; scale: number[] } | null;
  inputs: number;
  numClasses: number;
  classNames?: string[];
  task: "classification" | "regression";
}

export interface RunFiles {
  dir: string;
  config: TrainConfig;
  architecture: Architecture;
  preprocess: Preprocess;
  state: Record<string, Tensor>;
}

export function createRunDir(out: string, name: string): string {
  const dir = join(out, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function writeJSON(dir: string, file: string, value: unknown): void {
  writeFileAtomic(join(dir, file), JSON.stringify(value, null, 2) + "\n");
}

export function writeModel(dir: string, state: Record<string, Tensor>, architecture: Architecture): void {
  writeJSON(dir, "model.json", architecture);
  writeFileAtomic(join(dir, "model.safetensors"), encodeSafetensors(state, { format: "nabla", architecture: JSON.stringify(architecture) }));
}

function readJSON<T>(dir: string, file: string): T {
  const path = join(dir, file);
  if (!existsSync(path)) throw new Error(`${dir}: not a nabla run folder (missing ${file}); pass the folder printed by "nabla train"`);
  try {
    return JSON.parse(readFileSync(path, "utf8")) as T;
  } catch (e) {
    throw new Error(`${path}: invalid JSON (${(e as Error).message})`);
  }
}

/** Reads a run folder written by `nabla train`. */
export function readRun(dir: string): RunFiles {
  if (!existsSync(dir)) throw new Error(`run folder ${dir} does not exist`);
  const config = readJSON<TrainConfig>(dir, "config.json");
  const architecture = readJSON<Architecture>(dir, "model.json");
  const preprocess = readJSON<Preprocess>(dir, "preprocess.json");
  const weightsPath = join(dir, "model.safetensors");
  if (!existsSync(weightsPath)) throw new Error(`${dir}: missing model.safetensors`);
  const { tensors } = decodeSafetensors(new Uint8Array(readFileSync(weightsPath)), weightsPath);
  return { dir, config, architecture, preprocess, state: tensors };
}
