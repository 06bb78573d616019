/**
 * Checkpoint files: any tree of plain data and tensors (a training state) as one safetensors file. The
 * tensors are stored under their path in the tree ("model.0.weight", "optimizer.state.3.exp_avg") and the
 * rest of the tree is JSON in the metadata, with each tensor replaced by a reference to its key. Every
 * number round-trips exactly (NaN and ±Infinity included), so training resumes bit for bit.
 */
import { Tensor } from "../tensor/index.js";
import { decodeSafetensors, encodeSafetensors } from "./safetensors.js";

/** The metadata key holding the JSON tree. */
export const CHECKPOINT_KEY = "nabla.checkpoint";

/** What a checkpoint holds: numbers, strings, booleans, null, tensors, Float32Arrays, arrays and plain objects of these. */
export type CheckpointValue =
  | number | string | boolean | null | Tensor | Float32Array
  | CheckpointValue[] | { [key: string]: CheckpointValue | undefined };

/** Encodes a tree of plain data and tensors as checkpoint bytes (safetensors). */
export function encodeCheckpoint(tree: { [key: string]: CheckpointValue | undefined }): Uint8Array {
  const tensors: Record<string, Tensor> = {};
  const json = pack(tree, "", tensors);
  return encodeSafetensors(tensors, { format: "nabla.checkpoint", [CHECKPOINT_KEY]: JSON.stringify(json) });
}

/**
 * Decodes checkpoint bytes back into the tree (tensors as Tensors, Float32Arrays as Float32Arrays). Every
 * tensor must be referenced exactly once and every reference must exist, so a damaged file is an error.
 */
export function decodeCheckpoint(bytes: Uint8Array | ArrayBuffer, source = "checkpoint"): Record<string, CheckpointValue> {
  const { tensors, metadata } = decodeSafetensors(bytes, source);
  const text = metadata[CHECKPOINT_KEY];
  if (text === undefined) throw new Error(`${source}: not a nabla checkpoint (no "${CHECKPOINT_KEY}" metadata)`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SyntaxError(`${source}: the checkpoint metadata is not valid JSON (${(e as Error).message})`);
  }
  const used = new Set<string>();
  const tree = unpack(json, tensors, used, source, 0);
  const unused = Object.keys(tensors).filter((k) => !used.has(k));
  if (unused.length) throw new Error(`${source}: tensors ${unused.slice(0, 5).join(", ")} are not referenced by the checkpoint (the file is corrupt)`);
  if (tree === null || typeof tree !== "object" || Array.isArray(tree) || tree instanceof Tensor || tree instanceof Float32Array) {
    throw new TypeError(`${source}: the checkpoint is not an object`);
  }
  return tree as Record<string, CheckpointValue>;
}

type Json = number | string | boolean | null | Json[] | { [k: string]: Json };

function pack(v: unknown, path: string, tensors: Record<string, Tensor>): Json {
  if (v instanceof Tensor || v instanceof Float32Array) {
    let key = path || "tensor";
    for (let i = 1; key in tensors; i++) key = `${path}#${i}`;
    tensors[key] = v instanceof Tensor ? v : new Tensor(v, [v.length]);
    return { [v instanceof Tensor ? "$tensor" : "$f32"]: key };
  }
  if (typeof v === "number") return Number.isFinite(v) ? (Object.is(v, -0) ? { $number: "-0" } : v) : { $number: String(v) };
  if (v === null || typeof v === "string" || typeof v === "boolean") return v;
  if (Array.isArray(v)) return v.map((x, i) => (x === undefined ? null : pack(x, join(path, String(i)), tensors)));
  if (typeof v === "object" && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null)) {
    const out: Record<string, Json> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k.startsWith("$") ? `$${k}` : k] = pack(x, join(path, k), tensors);
    return out;
  }
  throw new TypeError(`encodeCheckpoint: cannot store ${describe(v)} at "${path}" (only numbers, strings, booleans, null, tensors, arrays and plain objects)`);
}

function unpack(v: unknown, tensors: Record<string, Tensor>, used: Set<string>, source: string, depth: number): CheckpointValue {
  if (depth > 64) throw new RangeError(`${source}: the checkpoint nests deeper than 64 levels`);
  if (v === null || typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (Array.isArray(v)) return v.map((x) => unpack(x, tensors, used, source, depth + 1));
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && (keys[0] === "$tensor" || keys[0] === "$f32")) {
    const key = o[keys[0]];
    if (typeof key !== "string" || !Object.prototype.hasOwnProperty.call(tensors, key)) throw new Error(`${source}: the checkpoint refers to a tensor ${JSON.stringify(key)} the file does not have`);
    if (used.has(key)) throw new Error(`${source}: tensor "${key}" is referenced twice (the file is corrupt)`);
    used.add(key);
    return keys[0] === "$tensor" ? tensors[key]! : tensors[key]!.data;
  }
  if (keys.length === 1 && keys[0] === "$number") {
    const n = { NaN, Infinity, "-Infinity": -Infinity, "-0": -0 }[String(o.$number)];
    if (n === undefined) throw new Error(`${source}: invalid special number ${JSON.stringify(o.$number)}`);
    return n;
  }
  const out: Record<string, CheckpointValue> = {};
  for (const k of keys) {
    if (k === "__proto__") throw new Error(`${source}: the key "__proto__" is not allowed in a checkpoint`);
    out[k.startsWith("$$") ? k.slice(1) : k] = unpack(o[k], tensors, used, source, depth + 1);
  }
  return out;
}

function join(path: string, k: string): string {
  return path ? `${path}.${k}` : k;
}

function describe(v: unknown): string {
  if (v === undefined) return "undefined";
  if (typeof v === "function") return "a function";
  if (typeof v === "bigint") return "a bigint";
  return `a ${(v as object).constructor?.name ?? typeof v}`;
}
