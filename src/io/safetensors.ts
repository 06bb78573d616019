/**
 * The safetensors format (PyTorch's and Hugging Face's): an 8-byte little-endian header length, a JSON
 * header naming each tensor's dtype, shape and byte range, then the raw little-endian data.
 */
import { Tensor } from "../tensor/index.js";

export interface SafetensorsFile {
  tensors: Record<string, Tensor>;
  metadata: Record<string, string>;
}

const DTYPE_BYTES: Record<string, number> = { F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1, BOOL: 1 };

/** Encodes named float32 tensors (and string metadata) as safetensors bytes. */
export function encodeSafetensors(tensors: Record<string, Tensor>, metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length) header.__metadata__ = metadata;
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    const bytes = t.size * 4;
    header[name] = { dtype: "F32", shape: [...t.shape], data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = JSON.stringify(header);
  while ((8 + new TextEncoder().encode(json).length) % 8 !== 0) json += " ";
  const head = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + head.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  let pos = 8 + head.length;
  for (const t of Object.values(tensors)) {
    const dv = new DataView(out.buffer, pos, t.size * 4);
    for (let i = 0; i < t.size; i++) dv.setFloat32(i * 4, t.data[i]!, true);
    pos += t.size * 4;
  }
  return out;
}

/**
 * Decodes safetensors bytes into float32 tensors; F64, F16, BF16 and integer tensors are converted to
 * float32. `source` names the file in errors. Truncated or inconsistent files are errors, never partial loads.
 */
export function decodeSafetensors(bytes: Uint8Array, source = "safetensors data"): SafetensorsFile {
  if (bytes.length < 8) throw new RangeError(`${source}: truncated: ${bytes.length} bytes, expected at least 8 for the header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(view.getBigUint64(0, true));
  if (n > bytes.length - 8) throw new RangeError(`${source}: header claims ${n} bytes but only ${bytes.length - 8} follow the length field`);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, 8 + n)));
  } catch (e) {
    throw new SyntaxError(`${source}: the header is not valid UTF-8 JSON (${(e as Error).message})`);
  }
  if (!header || typeof header !== "object" || Array.isArray(header)) throw new SyntaxError(`${source}: the header is not a JSON object`);
  const dataStart = 8 + n;
  const dataLength = bytes.length - dataStart;
  const tensors: Record<string, Tensor> = {};
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header)) {
    if (name === "__metadata__") {
      metadata = entry as Record<string, string>;
      continue;
    }
    const e = entry as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    const width = typeof e.dtype === "string" ? DTYPE_BYTES[e.dtype] : undefined;
    if (width === undefined) throw new TypeError(`${source}: tensor "${name}" has unsupported dtype ${JSON.stringify(e.dtype)} (expected one of ${Object.keys(DTYPE_BYTES).join(", ")})`);
    if (!Array.isArray(e.shape) || !e.shape.every((d) => Number.isInteger(d) && d >= 0)) throw new TypeError(`${source}: tensor "${name}" has an invalid shape ${JSON.stringify(e.shape)}`);
    const offs = e.data_offsets;
    if (!Array.isArray(offs) || offs.length !== 2 || !offs.every((o) => Number.isInteger(o) && o >= 0) || offs[0] > offs[1]) {
      throw new TypeError(`${source}: tensor "${name}" has invalid data_offsets ${JSON.stringify(offs)}`);
    }
    const count = (e.shape as number[]).reduce((a, b) => a * b, 1);
    const [begin, end] = offs as [number, number];
    if (end - begin !== count * width) {
      throw new RangeError(`${source}: tensor "${name}" of shape [${(e.shape as number[]).join(",")}] ${e.dtype} needs ${count * width} bytes, its offsets span ${end - begin}`);
    }
    if (end > dataLength) throw new RangeError(`${source}: truncated: tensor "${name}" ends at byte ${end} of the data but only ${dataLength} bytes are present`);
    tensors[name] = new Tensor(readAs(e.dtype as string, view, dataStart + begin, count), e.shape as number[]);
  }
  return { tensors, metadata };
}

function readAs(dtype: string, view: DataView, at: number, count: number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    switch (dtype) {
      case "F32": out[i] = view.getFloat32(at + 4 * i, true); break;
      case "F64": out[i] = view.getFloat64(at + 8 * i, true); break;
      case "F16": out[i] = half(view.getUint16(at + 2 * i, true)); break;
      case "BF16": { const b = new DataView(new ArrayBuffer(4)); b.setUint16(0, view.getUint16(at + 2 * i, true), false); b.setUint16(2, 0); out[i] = b.getFloat32(0, false); break; }
      case "I64": out[i] = Number(view.getBigInt64(at + 8 * i, true)); break;
      case "I32": out[i] = view.getInt32(at + 4 * i, true); break;
      case "I16": out[i] = view.getInt16(at + 2 * i, true); break;
      case "I8": out[i] = view.getInt8(at + i); break;
      default: out[i] = view.getUint8(at + i);
    }
  }
  return out;
}

function half(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * f * 2 ** -24;
  if (e === 31) return f ? NaN : s * Infinity;
  return s * (1 + f / 1024) * 2 ** (e - 15);
}
