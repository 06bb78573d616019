/**
 * IDX, the format of MNIST and Fashion-MNIST (browser-safe, uncompressed bytes only): a 4-byte
 * magic 0x00 0x00 TYPE RANK, RANK big-endian uint32 sizes, then the values, big-endian, row-major.
 */
import { Tensor } from "../../tensor/index.js";

/** The element types an IDX file can hold (type codes 0x08, 0x09, 0x0b, 0x0c, 0x0d, 0x0e). */
export type IdxDtype = "uint8" | "int8" | "int16" | "int32" | "float32" | "float64";

/** Decoded IDX contents: the element type, the shape, and the values in their own type. */
export interface IdxArray {
  dtype: IdxDtype;
  shape: number[];
  data: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
}

const TYPES: Record<number, { dtype: IdxDtype; bytes: number }> = {
  0x08: { dtype: "uint8", bytes: 1 },
  0x09: { dtype: "int8", bytes: 1 },
  0x0b: { dtype: "int16", bytes: 2 },
  0x0c: { dtype: "int32", bytes: 4 },
  0x0d: { dtype: "float32", bytes: 4 },
  0x0e: { dtype: "float64", bytes: 8 },
};

/** Options of `decodeIdx` and `parseIdx`: the name of the input in error messages. */
export interface ParseIdxOptions {
  /** What to call the input in error messages (readIdx passes the file path). */
  source?: string;
}

/** Decodes IDX bytes to a typed array of the file's element type (no conversion; uint8 and int8 data are views of `bytes`). */
export function decodeIdx(bytes: Uint8Array, options: ParseIdxOptions = {}): IdxArray {
  const where = options.source ? `IDX file ${options.source}` : "IDX data";
  if (bytes.length < 4) throw new RangeError(`${where} is truncated: expected at least a 4-byte header, found ${bytes.length} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = TYPES[bytes[2]!];
  const rank = bytes[3]!;
  if (bytes[0] !== 0 || bytes[1] !== 0 || !type) {
    const magic = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, "0")).join(" ");
    throw new RangeError(
      `${where} is not IDX: magic bytes ${magic}, expected 00 00 TYPE RANK with TYPE one of 08, 09, 0b, 0c, 0d, 0e (gzipped? readIdx in "nabla/node" unzips)`,
    );
  }
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) {
    throw new RangeError(`${where} is truncated: the header of a rank-${rank} array needs ${headerBytes} bytes, found ${bytes.length}`);
  }
  const shape = Array.from({ length: rank }, (_, d) => view.getUint32(4 + 4 * d, false));
  const count = shape.reduce((a, b) => a * b, 1);
  const expected = headerBytes + count * type.bytes;
  const desc = `${shape.join("×") || "scalar"} ${type.dtype}`;
  if (bytes.length < expected) {
    throw new RangeError(`${where} is truncated: its header says ${desc} (${expected} bytes in all), found ${bytes.length} bytes`);
  }
  if (bytes.length > expected) {
    throw new RangeError(`${where} has ${bytes.length - expected} bytes after the data: its header says ${desc} (${expected} bytes), found ${bytes.length}`);
  }
  const off = headerBytes;
  switch (type.dtype) {
    case "uint8": return { dtype: "uint8", shape, data: bytes.subarray(off, expected) };
    case "int8": return { dtype: "int8", shape, data: new Int8Array(bytes.buffer, bytes.byteOffset + off, count) };
    case "int16": return { dtype: "int16", shape, data: Int16Array.from({ length: count }, (_, i) => view.getInt16(off + 2 * i, false)) };
    case "int32": return { dtype: "int32", shape, data: Int32Array.from({ length: count }, (_, i) => view.getInt32(off + 4 * i, false)) };
    case "float32": return { dtype: "float32", shape, data: Float32Array.from({ length: count }, (_, i) => view.getFloat32(off + 4 * i, false)) };
    case "float64": return { dtype: "float64", shape, data: Float64Array.from({ length: count }, (_, i) => view.getFloat64(off + 8 * i, false)) };
  }
}

/** Parses IDX bytes to a float32 Tensor of the file's shape (int32 and float64 values are rounded to float32). */
export function parseIdx(bytes: Uint8Array, options: ParseIdxOptions = {}): Tensor {
  const { shape, data } = decodeIdx(bytes, options);
  return new Tensor(data instanceof Float32Array ? data : Float32Array.from(data), shape);
}
