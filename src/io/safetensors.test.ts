/** safetensors: the byte layout, PyTorch's files and dtypes, and a clear error for every kind of bad file. */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { io, tensor } from "../index.js";

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url)));
const interop = JSON.parse(readFileSync(new URL("./__fixtures__/interop.json", import.meta.url), "utf8"));

/** A file from a header object and raw data, as another writer might produce it. */
function file(header: unknown, data: Uint8Array = new Uint8Array(0), claimed?: number): Uint8Array {
  const head = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + head.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(claimed ?? head.length), true);
  out.set(head, 8);
  out.set(data, 8 + head.length);
  return out;
}

const f32 = (...v: number[]): Uint8Array => new Uint8Array(Float32Array.from(v).buffer);

describe("safetensors", () => {
  it("lays out an 8-byte length, a space-padded JSON header and the F32 data, and reads it back", () => {
    const bytes = io.encodeSafetensors({ "0.weight": tensor([[1, 2], [3, 4]]), b: tensor([0.5]) }, { format: "pt" });
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect((8 + n) % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
    expect(header).toEqual({
      __metadata__: { format: "pt" },
      "0.weight": { dtype: "F32", shape: [2, 2], data_offsets: [0, 16] },
      b: { dtype: "F32", shape: [1], data_offsets: [16, 20] },
    });
    expect(Array.from(new Float32Array(bytes.slice(8 + n).buffer))).toEqual([1, 2, 3, 4, 0.5]);
    const back = io.decodeSafetensors(bytes);
    expect(back.metadata).toEqual({ format: "pt" });
    expect(back.tensors["0.weight"]!.toArray()).toEqual([[1, 2], [3, 4]]);
    expect(io.decodeSafetensors(bytes.buffer as ArrayBuffer).tensors.b!.shape).toEqual([1]);
  });

  it("reads PyTorch's state_dict file, num_batches_tracked as int64 included", () => {
    const { tensors } = io.decodeSafetensors(fixture("torch_mlp.safetensors"));
    expect(Object.keys(tensors).sort()).toEqual([...interop.mlp.keys].sort());
    expect(tensors["1.num_batches_tracked"]!.item()).toBe(5);
    expect(tensors["0.weight"]!.shape).toEqual([8, 5]);
  });

  it("converts F64, F16, BF16, integers and BOOL written by PyTorch to float32", () => {
    const { tensors } = io.decodeSafetensors(fixture("torch_dtypes.safetensors"));
    for (const [k, want] of Object.entries(interop.dtypes as Record<string, { shape: number[]; data: number[] }>)) {
      expect(tensors[k]!.shape, k).toEqual(want.shape);
      expect(Array.from(tensors[k]!.data), k).toEqual(want.data.map((v) => Math.fround(v)));
    }
  });

  it("refuses dtypes it cannot convert exactly, and says why", () => {
    const one = (dtype: string, data: Uint8Array, shape = [1]) => () => io.decodeSafetensors(file({ t: { dtype, shape, data_offsets: [0, data.length] } }, data), "w.safetensors");
    expect(one("F8_E4M3", new Uint8Array(1))).toThrow(/w\.safetensors: tensor "t": dtype F8_E4M3 cannot be read \(float8 has no agreed conversion here\)/);
    expect(one("Q4", new Uint8Array(1))).toThrow(/tensor "t": unknown dtype "Q4" \(the format defines F64, F32/);
    expect(one("F64", new Uint8Array(Float64Array.of(1e39).buffer))).toThrow(/F64 value 1e\+39 at index 0 is outside float32's range/);
    expect(one("I64", new Uint8Array(BigInt64Array.of(16777217n).buffer))).toThrow(/I64 value 16777217 at index 0 is not exactly representable in float32/);
    expect(one("BOOL", Uint8Array.of(2))).toThrow(/BOOL byte 2 at index 0 is neither 0 nor 1/);
    expect(one("F64", new Uint8Array(Float64Array.of(0.1).buffer))().tensors.t!.data[0]).toBe(Math.fround(0.1));
  });

  it("explains truncated files and headers that claim more bytes than exist", () => {
    const good = io.encodeSafetensors({ w: tensor([1, 2, 3]) });
    expect(() => io.decodeSafetensors(good.subarray(0, 5), "m.safetensors")).toThrow("m.safetensors: truncated: 5 bytes, expected at least 8 for the header length");
    expect(() => io.decodeSafetensors(good.subarray(0, 20), "m.safetensors")).toThrow(/m\.safetensors: truncated or corrupt: the header claims \d+ bytes but only 12 follow/);
    expect(() => io.decodeSafetensors(good.subarray(0, good.length - 4), "m.safetensors")).toThrow(/m\.safetensors: tensor "w": truncated: it ends at byte 12 of the data but only 8 bytes are present/);
    expect(() => io.decodeSafetensors(file({}, new Uint8Array(0), 2 ** 40))).toThrow(/the header claims 1099511627776 bytes but only/);
  });

  it("rejects malformed headers and data that is not tiled exactly by the tensors", () => {
    const bad = (header: unknown, data: Uint8Array = new Uint8Array(0)) => () => io.decodeSafetensors(file(header, data), "x");
    expect(() => io.decodeSafetensors(Uint8Array.of(2, 0, 0, 0, 0, 0, 0, 0, 0x7b, 0xff), "x")).toThrow(/x: the header is not valid UTF-8 JSON/);
    expect(bad([1, 2])).toThrow("x: the header is not a JSON object");
    expect(bad({ t: { dtype: "F32", shape: [-1], data_offsets: [0, 4] } }, f32(1))).toThrow(/invalid shape \[-1\]/);
    expect(bad({ t: { dtype: "F32", shape: [2], data_offsets: [0, 4] } }, f32(1))).toThrow(/shape \[2\] of F32 needs 8 bytes but its data_offsets span 4/);
    expect(bad({ t: { dtype: "F32", shape: [1], data_offsets: [4, 0] } }, f32(1))).toThrow(/invalid data_offsets \[4,0\]/);
    expect(bad({ a: { dtype: "F32", shape: [2], data_offsets: [0, 8] }, b: { dtype: "F32", shape: [1], data_offsets: [4, 8] } }, f32(1, 2))).toThrow(/tensor "b" \(bytes 4\.\.8\) overlaps another tensor's data/);
    expect(bad({ a: { dtype: "F32", shape: [1], data_offsets: [4, 8] } }, f32(1, 2))).toThrow("x: bytes 0..4 of the data belong to no tensor (the file is corrupt)");
    expect(bad({ a: { dtype: "F32", shape: [1], data_offsets: [0, 4] } }, f32(1, 2))).toThrow("x: 4 bytes after the last tensor belong to no tensor (the file is corrupt or has trailing data)");
    expect(bad({ __metadata__: { n: 1 } })).toThrow(/"__metadata__" must be an object of strings/);
    expect(bad(JSON.parse('{"__proto__": {"dtype": "F32", "shape": [0], "data_offsets": [0, 0]}}'))).toThrow(/the tensor name "__proto__" is not allowed/);
    expect(bad({ t: "F32" })).toThrow(/tensor "t": expected \{ dtype, shape, data_offsets \}/);
  });

  it("encodes only float32 tensors with valid names and string metadata", () => {
    expect(() => io.encodeSafetensors({ "": tensor([1]) })).toThrow('encodeSafetensors: invalid tensor name ""');
    expect(() => io.encodeSafetensors({ a: [1] as never })).toThrow('encodeSafetensors: "a" is not a Tensor');
    expect(() => io.encodeSafetensors({}, { n: 3 as never })).toThrow('encodeSafetensors: metadata "n" must be a string, got number');
    expect(io.decodeSafetensors(io.encodeSafetensors({})).tensors).toEqual({});
  });
});
