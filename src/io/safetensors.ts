/**
 * The safetensors format (PyTorch's and Hugging Face's): an 8-byte little-endian header length N, N bytes
 * of JSON naming each tensor's dtype, shape and byte range [begin, end) in the data that follows, and an
 * optional "__metadata__" object of strings. Readers check everything before building a tensor, so a bad
 * file is an error naming the problem, never a partial load.
 */
import { Tensor } from "../tensor/index.js";
import { DTYPE_BYTES, toFloat32, writeFloat32 } from "./dtypes.js";

/** A decoded safetensors file: its tensors by name and its string metadata. */
export interface SafetensorsFile {
  tensors: Record<string, Tensor>;
  metadata: Record<string, string>;
}

/** The format's own limit on the header, so a corrupt length cannot make a reader allocate gigabytes. */
export const MAX_HEADER_BYTES = 100_000_000;

const utf8 = new TextEncoder();

/** Encodes named float32 tensors (stored as F32) and string metadata as safetensors bytes. */
export function encodeSafetensors(tensors: Record<string, Tensor>, metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  const metaKeys = Object.keys(metadata);
  if (metaKeys.length) {
    for (const k of metaKeys) {
      if (typeof metadata[k] !== "string") throw new TypeError(`encodeSafetensors: metadata "${k}" must be a string, got ${typeof metadata[k]}`);
    }
    header.__metadata__ = metadata;
  }
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    if (name === "" || name === "__metadata__" || name === "__proto__") throw new RangeError(`encodeSafetensors: invalid tensor name ${JSON.stringify(name)}`);
    if (!(t instanceof Tensor)) throw new TypeError(`encodeSafetensors: "${name}" is not a Tensor`);
    const bytes = t.size * 4;
    header[name] = { dtype: "F32", shape: [...t.shape], data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let head = utf8.encode(JSON.stringify(header));
  const pad = (8 - (head.length % 8)) % 8; // the data starts 8-byte aligned, padded with spaces as the reference writer does
  if (pad) head = utf8.encode(JSON.stringify(header) + " ".repeat(pad));
  const out = new Uint8Array(8 + head.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  let pos = 8 + head.length;
  for (const t of Object.values(tensors)) {
    writeFloat32(t.data, out, pos);
    pos += t.size * 4;
  }
  return out;
}

interface Entry {
  name: string;
  dtype: string;
  shape: number[];
  begin: number;
  end: number;
}

/**
 * Decodes safetensors bytes into float32 tensors; F64, F16, BF16, integer and BOOL tensors are converted
 * (see dtypes.ts for what is refused and why). `source` names the file in errors. The header must be
 * valid UTF-8 JSON, every entry well formed, and the tensors must tile the data exactly (no overlap, no
 * hole, nothing past the end), as the reference implementation requires.
 */
export function decodeSafetensors(input: Uint8Array | ArrayBuffer, source = "safetensors data"): SafetensorsFile {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const { entries, metadata, dataStart } = parseHeader(bytes, source);
  const tensors: Record<string, Tensor> = {};
  for (const e of entries) {
    const count = e.shape.reduce((a, b) => a * b, 1);
    tensors[e.name] = new Tensor(toFloat32(e.dtype, bytes, dataStart + e.begin, count, `${source}: tensor "${e.name}"`), e.shape);
  }
  return { tensors, metadata };
}

/** The header of a safetensors file, checked: its entries sorted by offset, its metadata, where the data starts. */
export function parseHeader(bytes: Uint8Array, source = "safetensors data"): { entries: Entry[]; metadata: Record<string, string>; dataStart: number } {
  if (bytes.length < 8) throw new RangeError(`${source}: truncated: ${bytes.length} bytes, expected at least 8 for the header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const big = view.getBigUint64(0, true);
  if (big > BigInt(bytes.length - 8)) {
    throw new RangeError(`${source}: truncated or corrupt: the header claims ${big} bytes but only ${bytes.length - 8} follow the length field`);
  }
  const n = Number(big);
  if (n > MAX_HEADER_BYTES) throw new RangeError(`${source}: the header claims ${n} bytes, more than the format's limit of ${MAX_HEADER_BYTES}`);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, 8 + n)));
  } catch (e) {
    throw new SyntaxError(`${source}: the header is not valid UTF-8 JSON (${(e as Error).message})`);
  }
  if (!isObject(header)) throw new SyntaxError(`${source}: the header is not a JSON object`);
  const dataStart = 8 + n;
  const dataLength = bytes.length - dataStart;
  const entries: Entry[] = [];
  let metadata: Record<string, string> = {};
  for (const [name, raw] of Object.entries(header)) {
    const where = `${source}: tensor "${name}"`;
    if (name === "__metadata__") {
      if (!isObject(raw) || !Object.values(raw).every((v) => typeof v === "string")) {
        throw new TypeError(`${source}: "__metadata__" must be an object of strings, got ${JSON.stringify(raw)?.slice(0, 80)}`);
      }
      metadata = { ...(raw as Record<string, string>) };
      continue;
    }
    if (name === "__proto__") throw new TypeError(`${source}: the tensor name "__proto__" is not allowed`);
    if (!isObject(raw)) throw new TypeError(`${where}: expected { dtype, shape, data_offsets }, got ${JSON.stringify(raw)?.slice(0, 80)}`);
    const { dtype, shape, data_offsets: offs } = raw as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof dtype !== "string" || !(dtype in DTYPE_BYTES)) {
      throw new TypeError(`${where}: unknown dtype ${JSON.stringify(dtype)} (the format defines ${Object.keys(DTYPE_BYTES).join(", ")})`);
    }
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      throw new TypeError(`${where}: invalid shape ${JSON.stringify(shape)} (expected a list of non-negative integers)`);
    }
    if (!Array.isArray(offs) || offs.length !== 2 || !offs.every((o) => Number.isSafeInteger(o) && o >= 0) || offs[0] > offs[1]) {
      throw new TypeError(`${where}: invalid data_offsets ${JSON.stringify(offs)} (expected [begin, end] with 0 <= begin <= end)`);
    }
    const [begin, end] = offs as [number, number];
    if (end > dataLength) throw new RangeError(`${where}: truncated: it ends at byte ${end} of the data but only ${dataLength} bytes are present`);
    let needed = DTYPE_BYTES[dtype]!;
    for (const d of shape as number[]) needed = Math.min(needed * d, Number.MAX_SAFE_INTEGER);
    if (end - begin !== needed) {
      throw new RangeError(`${where}: shape [${(shape as number[]).join(",")}] of ${dtype} needs ${needed} bytes but its data_offsets span ${end - begin}`);
    }
    entries.push({ name, dtype, shape: shape as number[], begin, end });
  }
  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let covered = 0;
  for (const e of entries) {
    if (e.begin < covered) throw new RangeError(`${source}: tensor "${e.name}" (bytes ${e.begin}..${e.end}) overlaps another tensor's data`);
    if (e.begin > covered) throw new RangeError(`${source}: bytes ${covered}..${e.begin} of the data belong to no tensor (the file is corrupt)`);
    covered = e.end;
  }
  if (covered !== dataLength) throw new RangeError(`${source}: ${dataLength - covered} bytes after the last tensor belong to no tensor (the file is corrupt or has trailing data)`);
  return { entries, metadata, dataStart };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
