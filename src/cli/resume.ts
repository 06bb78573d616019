/** `nabla train --resume RUN`: a run folder's settings, and the checkpoint written at every epoch end. */
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { train } from "../index.js";
import { checkpointFile } from "../io/node/files.js";
import { ConfigError, configFromJSON, type TrainConfig } from "./config.js";

/** The checkpoint's file name inside a run folder. */
export const CHECKPOINT_FILE = "checkpoint.safetensors";

/** The settings a run was trained with (its config.json), checked; the run must have a checkpoint. */
export function resumeSettings(run: string): Partial<TrainConfig> {
  const path = join(run, "config.json");
  if (!existsSync(path)) throw new ConfigError(`--resume ${run}: not a nabla run folder (no config.json)`);
  if (!existsSync(join(run, CHECKPOINT_FILE))) {
    throw new ConfigError(`--resume ${run}: the run has no ${CHECKPOINT_FILE} to resume from (it ended before its first epoch, or was written by a nabla without checkpoints)`);
  }
  let obj: unknown;
  try {
    obj = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new ConfigError(`${path}: invalid JSON (${(e as Error).message})`);
  }
  return configFromJSON(obj, path);
}

/** `out` and `name` that point at an existing run folder, so the resumed run writes into it. */
export function runLocation(run: string): { out: string; name: string; resume: string } {
  const abs = resolve(run);
  return { out: dirname(abs), name: basename(abs), resume: run };
}

/**
 * The callback that writes `dir/checkpoint.safetensors` atomically at every epoch end and, when the config
 * resumes, restores training from it first. It must come last among the callbacks.
 */
export function checkpointCallback(dir: string, config: TrainConfig, log: NodeJS.WritableStream | null): train.TrainingCheckpoint {
  const file = checkpointFile(join(dir, CHECKPOINT_FILE), { resume: config.resume !== null });
  return new train.TrainingCheckpoint({
    save: file.save,
    load: () => {
      const bytes = file.load();
      if (bytes && log) log.write(`nabla: resuming ${dir} from ${CHECKPOINT_FILE}\n`);
      return bytes;
    },
  });
}
