/** nabla train --resume (5 + 5 = 10 bit for bit through the CLI) and nabla export (ONNX, TypeScript, safetensors). */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as ort from "onnxruntime-node";
import { main } from "./main.js";
import { data, io, noGrad, tensor, type Tensor } from "../index.js";
import { load } from "../node.js";
import { loadRunModel } from "./commands/evaluate.js";
import { applyScaler } from "./prepare.js";

let err = "";
beforeEach(() => {
  err = "";
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
});
afterEach(() => vi.restoreAllMocks());

const dir = mkdtempSync(join(tmpdir(), "nabla-persist-"));
const flags = ["--layers", "24", "--batch-norm", "--dropout", "0.2", "--schedule", "plateau", "--seed", "3", "--out", dir, "--quiet"];
const file = (run: string, f: string): Buffer => readFileSync(join(dir, run, f));

describe("nabla train --resume", () => {
  it("5 epochs, then --resume to 10, writes the same weights, bit for bit, as 10 straight epochs", async () => {
    expect(await main(["train", ...flags, "--epochs", "10", "--name", "straight"]), err).toBe(0);
    expect(await main(["train", ...flags, "--epochs", "5", "--name", "split"]), err).toBe(0);
    expect(existsSync(join(dir, "split", "checkpoint.safetensors"))).toBe(true);
    expect(await main(["train", "--resume", join(dir, "split"), "--epochs", "10", "--quiet"]), err).toBe(0);
    const a = JSON.parse(file("straight", "history.json").toString());
    const b = JSON.parse(file("split", "history.json").toString());
    expect(b.epoch).toEqual(a.epoch);
    expect(b.history.loss).toEqual(a.history.loss);
    expect(b.history.val_accuracy).toEqual(a.history.val_accuracy);
    expect(file("split", "model.safetensors").equals(file("straight", "model.safetensors"))).toBe(true);
    expect(JSON.parse(file("split", "config.json").toString())).toMatchObject({ epochs: 10, resume: join(dir, "split") });
    expect(readdirSync(join(dir, "split")).some((f) => f.includes(".tmp-"))).toBe(false);
  });

  it("explains a folder that cannot be resumed", async () => {
    expect(await main(["train", "--resume", join(dir, "nope")])).toBe(2);
    expect(err).toMatch(/--resume .*nope: not a nabla run folder \(no config\.json\)/);
  });
});

describe("nabla export", () => {
  const run = join(dir, "straight");
  const raw = (): Tensor => data.loadDigits().x.narrow(0, 0, 12);
  const expected = (): Tensor => {
    const { model, run: r } = loadRunModel(run);
    return noGrad(() => model.forward(applyScaler(raw(), r.preprocess)));
  };
  const close = (got: ArrayLike<number>, want: Tensor): void => {
    expect(got.length).toBe(want.size);
    for (let i = 0; i < want.size; i++) expect(Math.abs(got[i]! - want.data[i]!), `value ${i}`).toBeLessThan(1e-5 * Math.max(1, Math.abs(want.data[i]!)));
  };

  it("--format onnx runs in onnxruntime on raw features and matches nabla's outputs", async () => {
    expect(await main(["export", run, "--format", "onnx", "--quiet"]), err).toBe(0);
    const session = await ort.InferenceSession.create(join(run, "model.onnx"));
    expect(session.inputNames).toEqual(["input"]);
    const x = raw();
    const r = await session.run({ input: new ort.Tensor("float32", x.data, x.shape as number[]) });
    close(r.output!.data as Float32Array, expected());
  });

  it("--format ts writes a dependency-free module whose predict() matches", async () => {
    const out = join(dir, "digits.ts");
    expect(await main(["export", run, "--format", "ts", "--output", out, "--quiet"]), err).toBe(0);
    const src = readFileSync(out, "utf8");
    expect(src).not.toMatch(/^\s*import /m);
    const mod = (await import(out)) as { predict(x: ArrayLike<number>): Float32Array; inputShape: number[]; outputShape: number[] };
    expect([mod.inputShape, mod.outputShape]).toEqual([[64], [10]]);
    close(mod.predict(raw().data), expected());
  });

  it("--format safetensors writes a file io.load rebuilds, scaler included; --no-preprocess leaves it out", async () => {
    expect(await main(["export", run, "--format", "safetensors", "--quiet"]), err).toBe(0);
    const m = await load(join(run, "model.export.safetensors"));
    close(noGrad(() => m.forward(raw())).data, expected());
    const bare = join(dir, "bare.safetensors");
    expect(await main(["export", run, "--format", "safetensors", "--no-preprocess", "--output", bare, "--quiet"]), err).toBe(0);
    const { run: r } = loadRunModel(run);
    close(noGrad(() => io.fromBytes(readFileSync(bare)).forward(applyScaler(raw(), r.preprocess))).data, expected());
    expect(await main(["export", run, "--format", "pickle"])).toBe(2);
    expect(err).toMatch(/--format: invalid value "pickle" \(expected one of onnx, ts, safetensors\)/);
    void tensor;
  });
});
