/** Node-only file readers: CSV and IDX (gzipped or not) from disk. Exported from "nabla/node". */
import { readFileSync } from "node:fs";
import { gunzipSync, constants } from "node:zlib";
import { Tensor } from "../../tensor/index.js";
import { parseCsv, type CsvData, type ParseCsvOptions } from "../formats/csv.js";
import { decodeIdx, type IdxArray } from "../formats/idx.js";

function readBytes(path: string, op: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === "ENOENT" ? "no such file" : err.code === "EISDIR" ? "it is a directory" : err.message;
    throw new Error(`${op}: cannot read ${path}: ${why}`);
  }
}

/** Reads a CSV file (UTF-8) with parseCsv; errors name the file, line and column. */
export function readCsv(path: string, options: Omit<ParseCsvOptions, "source"> = {}): CsvData {
  return parseCsv(readBytes(path, "readCsv").toString("utf8"), { ...options, source: `readCsv: ${path}` });
}

/**
 * Reads an IDX file in its own element type, gunzipping it first when it starts with the gzip
 * magic bytes 1f 8b. A truncated file is an error naming the file and the bytes expected vs found.
 */
export function readIdxArray(path: string): IdxArray {
  let bytes: Uint8Array = readBytes(path, "readIdx");
  let source = path;
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    const compressed = bytes.length;
    try {
      // Z_SYNC_FLUSH returns what a cut-off stream holds, so truncation is reported in IDX terms below.
      bytes = gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH });
    } catch (e) {
      throw new Error(`readIdx: ${path} is gzipped but cannot be unzipped (${(e as Error).message}; ${compressed} bytes on disk)`);
    }
    source = `${path} (after gunzip)`;
  }
  try {
    return decodeIdx(bytes, { source });
  } catch (e) {
    throw new RangeError(`readIdx: ${(e as Error).message}`);
  }
}

/** Reads an IDX file (gzipped or not) as a float32 Tensor of the file's shape. */
export function readIdx(path: string): Tensor {
  const { shape, data } = readIdxArray(path);
  return new Tensor(data instanceof Float32Array ? data : Float32Array.from(data), shape);
}
