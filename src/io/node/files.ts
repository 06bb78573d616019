/**
 * Node-only: models and checkpoints as files. Every write is atomic (a temporary file beside the target,
 * fsync, rename, fsync of the folder), so a crash mid-write leaves the previous file whole.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import type { Module } from "../../nn/index.js";
import { fromBytes, toBytes, bytesOf } from "../model-file.js";

/** Writes `content` to `path` atomically: temporary file, fsync, rename over the target, fsync of the folder. */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const buf = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  let fd = openSync(tmp, "w");
  try {
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, path);
  try {
    fd = openSync(dirname(path), "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // some file systems cannot fsync a folder; the rename itself is still atomic
  }
}

/** Saves a model (architecture and weights, one safetensors file) to `path` atomically. */
export async function save(model: Module, path: string): Promise<void> {
  if (typeof path !== "string") throw new TypeError(`save: expected a file path, got ${typeof path} (for bytes use io.toBytes or save(model, "arraybuffer") from "nabla")`);
  writeFileAtomic(path, toBytes(model));
}

/** Loads a model saved by `save`: from a file path, or from bytes, a Blob or a Response as in the browser. */
export async function load(source: string | ArrayBuffer | ArrayBufferView | Blob | Response): Promise<Module> {
  if (typeof source === "string") return fromBytes(readBytes(source, "load"), source);
  return fromBytes(await bytesOf(source, "load"));
}

function readBytes(path: string, what: string): Uint8Array {
  if (!existsSync(path)) throw new Error(`${what}: ${path} does not exist`);
  return new Uint8Array(readFileSync(path));
}

/**
 * A checkpoint kept in one file, for `new train.TrainingCheckpoint(checkpointFile(path))`: saved atomically
 * at each epoch end, and resumed from when `resume` is true and the file exists.
 */
export function checkpointFile(path: string, options: { resume?: boolean } = {}): { save: (bytes: Uint8Array) => void; load: () => Uint8Array | null } {
  return {
    save: (bytes) => writeFileAtomic(path, bytes),
    load: () => (options.resume ?? true) && existsSync(path) ? readBytes(path, "checkpointFile") : null,
  };
}
