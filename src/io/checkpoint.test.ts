/** Checkpoint files: any tree of plain data and tensors round-trips exactly; damaged ones are errors. */
import { describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { io, tensor, Tensor } from "../index.js";
import { checkpointFile } from "../node.js";

describe("checkpoint files", () => {
  it("round-trip numbers exactly (NaN, ±Infinity, -0 included), strings, booleans, null, nested trees and tensors", () => {
    const tree = {
      epoch: 3, lr: 0.1 + 0.2, best: Infinity, worst: -Infinity, nan: NaN, zero: -0, name: "adam", on: true, none: null, gone: undefined,
      model: { "0.weight": tensor([[1, 2], [3, 4]]), "0.bias": tensor([Math.fround(0.1)]) },
      optimizer: { state: { 0: { step: 7, exp_avg: tensor([1e-30, -2]) } }, param_groups: [{ params: [0], betas: [0.9, 0.999] }] },
      raw: Float32Array.of(1.5, 2.5),
      $tricky: { $tensor: "not a reference", $$: 1 },
    };
    const back = io.decodeCheckpoint(io.encodeCheckpoint(tree));
    const { gone: _, ...expected } = tree;
    expect(back).toEqual(expected);
    expect(Object.is(back.zero, -0)).toBe(true);
    expect((back.model as Record<string, Tensor>)["0.weight"]).toBeInstanceOf(Tensor);
    expect(back.raw).toBeInstanceOf(Float32Array);
    const { tensors } = io.decodeSafetensors(io.encodeCheckpoint(tree));
    expect(Object.keys(tensors).sort()).toEqual(["model.0.bias", "model.0.weight", "optimizer.state.0.exp_avg", "raw"]);
  });

  it("refuses values it cannot store, naming where they are", () => {
    expect(() => io.encodeCheckpoint({ a: { b: new Map() as never } })).toThrow('encodeCheckpoint: cannot store a Map at "a.b"');
    expect(() => io.encodeCheckpoint({ f: (() => 1) as never })).toThrow('encodeCheckpoint: cannot store a function at "f"');
  });

  it("a damaged or foreign file is an error, never a partial tree", () => {
    const bytes = io.encodeCheckpoint({ w: tensor([1, 2]), v: tensor([3]) });
    const { tensors, metadata } = io.decodeSafetensors(bytes);
    const tree = JSON.parse(metadata[io.CHECKPOINT_KEY]!);
    const rewrite = (t: unknown, ts: Record<string, Tensor> = tensors) => io.encodeSafetensors(ts, { [io.CHECKPOINT_KEY]: JSON.stringify(t) });
    expect(() => io.decodeCheckpoint(rewrite({ ...tree, w: { $tensor: "nope" } }), "c")).toThrow('c: the checkpoint refers to a tensor "nope" the file does not have');
    expect(() => io.decodeCheckpoint(rewrite({ w: tree.w }), "c")).toThrow("c: tensors v are not referenced by the checkpoint (the file is corrupt)");
    expect(() => io.decodeCheckpoint(rewrite({ ...tree, x: tree.w }), "c")).toThrow('c: tensor "w" is referenced twice');
    expect(() => io.decodeCheckpoint(rewrite([1], {}), "c")).toThrow("c: the checkpoint is not an object");
    expect(() => io.decodeCheckpoint(io.toBytes(new io.Standardize([1], [1])), "model.safetensors")).toThrow(/model\.safetensors: not a nabla checkpoint/);
    expect(() => io.decodeCheckpoint(io.encodeSafetensors({}), "model.safetensors")).toThrow('model.safetensors: not a nabla checkpoint (no "nabla.checkpoint" metadata)');
    expect(() => io.decodeCheckpoint(bytes.subarray(0, bytes.length - 1), "c")).toThrow(/c: tensor "v": truncated/);
  });

  it("checkpointFile writes atomically and reads back only when resuming", () => {
    const dir = mkdtempSync(join(tmpdir(), "nabla-ckpt-"));
    const path = join(dir, "checkpoint.safetensors");
    const file = checkpointFile(path);
    expect(file.load()).toBeNull();
    file.save(io.encodeCheckpoint({ epoch: 1 }));
    file.save(io.encodeCheckpoint({ epoch: 2 }));
    expect(readdirSync(dir)).toEqual(["checkpoint.safetensors"]);
    expect(io.decodeCheckpoint(file.load()!).epoch).toBe(2);
    expect(checkpointFile(path, { resume: false }).load()).toBeNull();
  });
});
