/**
 * A saved model is one safetensors file: the state dict under PyTorch's keys (so PyTorch and Hugging Face
 * tools read the weights as they are) and the architecture as JSON in the metadata, so `load` rebuilds the
 * model with nothing else. Browser-safe: bytes, ArrayBuffer and Blob; files are in "nabla/node".
 */
import type { Module } from "../nn/index.js";
import * as nn from "../nn/index.js";
import { decodeSafetensors, encodeSafetensors } from "./safetensors.js";
import { buildModule, specOf, type ModuleSpec } from "./registry.js";
import { namingSource } from "./source-errors.js";

/** The metadata key holding the architecture: `{ format: "nabla.module", version: 1, module: ModuleSpec }`. */
export const ARCHITECTURE_KEY = "nabla.module";

/** The bytes of a model file: its state dict as F32 tensors, its architecture in the metadata. */
export function toBytes(model: Module, metadata: Record<string, string> = {}): Uint8Array {
  const architecture = JSON.stringify({ format: "nabla.module", version: 1, module: specOf(model) });
  return encodeSafetensors(model.stateDict(), { format: "pt", ...metadata, [ARCHITECTURE_KEY]: architecture });
}

/**
 * Rebuilds a model from the bytes `toBytes` wrote (or from a `nabla train` run's model.safetensors), in
 * eval mode. Shapes are checked before anything is allocated and the weights load strictly: a file that
 * does not fit is an error, never a partially loaded model. `source` names the file in errors.
 */
export function fromBytes(bytes: Uint8Array | ArrayBuffer, source = "model data"): Module {
  return namingSource(source, () => read(bytes, source));
}

function read(bytes: Uint8Array | ArrayBuffer, source: string): Module {
  const { tensors, metadata } = decodeSafetensors(bytes, source);
  const spec = architectureOf(metadata, source);
  const model = buildModule(spec, { weights: tensors, source });
  try {
    model.loadStateDict(tensors);
  } catch (e) {
    throw new Error(`${source}: the weights do not fit the architecture: ${(e as Error).message}`);
  }
  return model.eval();
}

function architectureOf(metadata: Record<string, string>, source: string): ModuleSpec {
  const text = metadata[ARCHITECTURE_KEY] ?? metadata.architecture;
  if (text === undefined) {
    throw new Error(`${source}: no architecture in the metadata ("${ARCHITECTURE_KEY}"); for bare weights (e.g. from PyTorch) build the model and call model.loadStateDict(io.decodeSafetensors(bytes).tensors)`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new SyntaxError(`${source}: the architecture metadata is not valid JSON (${(e as Error).message})`);
  }
  const p = parsed as { format?: unknown; version?: unknown; module?: unknown; type?: unknown };
  if (p && p.format === "nabla.module") {
    if (p.version !== 1) throw new Error(`${source}: architecture format version ${JSON.stringify(p.version)} is not supported (this nabla reads version 1)`);
    return p.module as ModuleSpec;
  }
  if (p && p.type === "mlp") return mlpSpec(parsed as Record<string, unknown>, source);
  throw new Error(`${source}: the architecture metadata is neither a nabla module tree nor a "nabla train" MLP`);
}

/** The module tree of a `nabla train` run's { type: "mlp", sizes, activation, batchNorm, dropout }, laid out as nn.mlp lays it. */
function mlpSpec(arch: Record<string, unknown>, source: string): ModuleSpec {
  const { sizes, activation = "relu", batchNorm = false, dropout = 0 } = arch;
  if (!Array.isArray(sizes) || sizes.length < 2 || !sizes.every((s) => Number.isSafeInteger(s) && s > 0)) {
    throw new TypeError(`${source}: the MLP architecture's sizes must be a list of at least 2 positive integers, got ${JSON.stringify(sizes)}`);
  }
  if (typeof activation !== "string" || typeof batchNorm !== "boolean" || typeof dropout !== "number") {
    throw new TypeError(`${source}: the MLP architecture has an invalid activation, batchNorm or dropout`);
  }
  const act = specOf(nn.activation(activation));
  const layers: ModuleSpec[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    layers.push({ type: "Linear", config: { inFeatures: sizes[i], outFeatures: sizes[i + 1], bias: true } });
    if (i + 2 === sizes.length) break;
    if (batchNorm) layers.push({ type: "BatchNorm1d", config: { numFeatures: sizes[i + 1] } });
    layers.push(act);
    if (dropout > 0) layers.push({ type: "Dropout", config: { p: dropout } });
  }
  return { type: "Sequential", children: Object.fromEntries(layers.map((l, i) => [String(i), l])) };
}

/** Saves a model for the browser: an ArrayBuffer (the default), a Blob to download, or a Uint8Array. */
export function save(model: Module, as?: "arraybuffer"): ArrayBuffer;
export function save(model: Module, as: "blob"): Blob;
export function save(model: Module, as: "uint8array"): Uint8Array;
export function save(model: Module, as: "arraybuffer" | "blob" | "uint8array" = "arraybuffer"): ArrayBuffer | Blob | Uint8Array {
  const bytes = toBytes(model);
  if (as === "uint8array") return bytes;
  if (as === "blob") return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: "application/octet-stream" });
  if (as === "arraybuffer") return bytes.buffer as ArrayBuffer;
  throw new TypeError(`save: unknown target ${JSON.stringify(as)} (expected "arraybuffer", "blob" or "uint8array"; files are saved by save() from "nabla/node")`);
}

/** Loads a model saved by `save`: from an ArrayBuffer, a typed array, a Blob or a fetch Response. */
export async function load(source: ArrayBuffer | ArrayBufferView | Blob | Response, name = "model data"): Promise<Module> {
  return fromBytes(await bytesOf(source, "load"), name);
}

/** The bytes of a browser-side source. */
export async function bytesOf(source: ArrayBuffer | ArrayBufferView | Blob | Response, what: string): Promise<Uint8Array> {
  if (source instanceof Uint8Array) return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  if (typeof Blob !== "undefined" && source instanceof Blob) return new Uint8Array(await source.arrayBuffer());
  if (typeof Response !== "undefined" && source instanceof Response) return new Uint8Array(await source.arrayBuffer());
  throw new TypeError(`${what}: expected an ArrayBuffer, a typed array, a Blob or a Response, got ${Object.prototype.toString.call(source)}`);
}
