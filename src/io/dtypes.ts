/**
 * Reading other dtypes into float32, nabla's only dtype: F16 and BF16 convert exactly, F64 rounds (and
 * refuses values beyond float32's range), integers and BOOL convert when the value is exactly
 * representable in float32 (|v| ≤ 2²⁴ always is). Anything else is refused with the reason.
 */

/** Bytes per element of every dtype the safetensors format defines. */
export const DTYPE_BYTES: Readonly<Record<string, number>> = {
  F64: 8, F32: 4, F16: 2, BF16: 2, F8_E4M3: 1, F8_E5M2: 1,
  I64: 8, I32: 4, I16: 2, I8: 1, U64: 8, U32: 4, U16: 2, U8: 1, BOOL: 1,
};

/** The dtypes nabla reads (the float8 formats are defined by the format but not converted). */
export const READABLE_DTYPES = ["F32", "F64", "F16", "BF16", "I64", "I32", "I16", "I8", "U64", "U32", "U16", "U8", "BOOL"] as const;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Converts `count` little-endian values of `dtype` starting at byte `at` of `bytes` to float32.
 * `what` names the tensor in errors.
 */
export function toFloat32(dtype: string, bytes: Uint8Array, at: number, count: number, what: string): Float32Array {
  if (dtype === "F32") {
    const copy = new Uint8Array(bytes.subarray(at, at + 4 * count)); // a copy, aligned (Buffer's slice would be a view)
    if (LITTLE_ENDIAN) return new Float32Array(copy.buffer);
  }
  if (!(READABLE_DTYPES as readonly string[]).includes(dtype)) {
    const why = dtype in DTYPE_BYTES ? "float8 has no agreed conversion here" : "the safetensors format does not define it";
    throw new TypeError(`${what}: dtype ${dtype} cannot be read (${why}); nabla tensors are float32 and it reads ${READABLE_DTYPES.join(", ")}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, count * DTYPE_BYTES[dtype]!);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const v = read(dtype, view, i);
    const f = Math.fround(typeof v === "bigint" ? Number(v) : v);
    if (dtype === "F64") {
      if (!Number.isFinite(f) && Number.isFinite(v as number)) {
        throw new RangeError(`${what}: F64 value ${v} at index ${i} is outside float32's range (±3.4e38); nabla tensors are float32`);
      }
    } else if (dtype !== "F32" && dtype !== "F16" && dtype !== "BF16") {
      if (typeof v === "bigint" ? BigInt(f) !== v : f !== v) {
        throw new RangeError(`${what}: ${dtype} value ${v} at index ${i} is not exactly representable in float32 (integers up to 2^24 are); nabla tensors are float32`);
      }
      if (dtype === "BOOL" && v !== 0 && v !== 1) throw new RangeError(`${what}: BOOL byte ${v} at index ${i} is neither 0 nor 1`);
    }
    out[i] = f;
  }
  return out;
}

function read(dtype: string, view: DataView, i: number): number | bigint {
  switch (dtype) {
    case "F32": return view.getFloat32(4 * i, true);
    case "F64": return view.getFloat64(8 * i, true);
    case "F16": return half(view.getUint16(2 * i, true));
    case "BF16": return bfloat16(view.getUint16(2 * i, true));
    case "I64": return view.getBigInt64(8 * i, true);
    case "U64": return view.getBigUint64(8 * i, true);
    case "I32": return view.getInt32(4 * i, true);
    case "U32": return view.getUint32(4 * i, true);
    case "I16": return view.getInt16(2 * i, true);
    case "U16": return view.getUint16(2 * i, true);
    case "I8": return view.getInt8(i);
    default: return view.getUint8(i); // U8, BOOL
  }
}

/** IEEE half precision → number (exact). */
export function half(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * f * 2 ** -24;
  if (e === 31) return f ? NaN : s * Infinity;
  return s * (1 + f / 1024) * 2 ** (e - 15);
}

const bf = new DataView(new ArrayBuffer(4));

/** bfloat16 (the top half of a float32) → number (exact). */
export function bfloat16(h: number): number {
  bf.setUint32(0, h << 16);
  return bf.getFloat32(0);
}

/** Writes float32 values little-endian into `out` at byte `at`. */
export function writeFloat32(values: Float32Array, out: Uint8Array, at: number): void {
  if (LITTLE_ENDIAN) {
    out.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), at);
    return;
  }
  const view = new DataView(out.buffer, out.byteOffset + at, values.byteLength);
  for (let i = 0; i < values.length; i++) view.setFloat32(4 * i, values[i]!, true);
}
