/**
 * PyTorch interop from committed fixtures (scripts/fixtures/interop.py): a torch state_dict loads into the
 * same nabla architecture and gives torch's outputs; nabla's file loads into torch (done at fixture time)
 * and gives nabla's outputs; torch.onnx exports import into nabla modules.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { io, nn, noGrad, tensor, type Tensor } from "../index.js";

const read = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url)));
const fx = JSON.parse(readFileSync(new URL("./__fixtures__/interop.json", import.meta.url), "utf8"));
const nablaFx = JSON.parse(readFileSync(new URL("./__fixtures__/nabla_mlp.json", import.meta.url), "utf8"));
const t = (j: { shape: number[]; data: number[] }): Tensor => tensor(j.data).reshape(j.shape);

function expectClose(got: Tensor, want: { shape: number[]; data: number[] }, tol = 1e-5): void {
  expect([...got.shape]).toEqual(want.shape);
  want.data.forEach((v, i) => expect(Math.abs(got.data[i]! - v), `value ${i}: ${got.data[i]} vs ${v}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(v))));
}

/** The architecture of the fixture, in nabla: torch's nn.Sequential(Linear, BatchNorm1d, ReLU, Linear, GELU, Dropout, Linear). */
const mlp = (): nn.Sequential => new nn.Sequential(
  new nn.Linear(5, 8), new nn.BatchNorm1d(8), new nn.ReLU(), new nn.Linear(8, 8), new nn.GELU(), new nn.Dropout({ p: 0.1 }), new nn.Linear(8, 3),
);

describe("PyTorch interop", () => {
  it("a PyTorch state_dict saved as safetensors loads into the same nabla architecture and gives the same outputs", () => {
    const model = mlp();
    expect(Object.keys(model.stateDict())).toEqual(fx.mlp.keys);
    model.loadStateDict(io.decodeSafetensors(read("torch_mlp.safetensors"), "torch_mlp.safetensors").tensors);
    model.eval();
    expectClose(noGrad(() => model.forward(t(fx.mlp.x))), fx.mlp.y);
  });

  it("nabla's weights load into PyTorch: torch's outputs on them (computed at fixture time) match nabla's", () => {
    const bytes = read("nabla_mlp.safetensors");
    const model = io.fromBytes(bytes, "nabla_mlp.safetensors");
    // the file torch read is byte for byte what nabla writes for this model today
    expect(io.toBytes(model)).toEqual(bytes);
    expect(fx.nabla_in_torch.keys.sort()).toEqual(Object.keys(model.stateDict()).sort());
    const y = noGrad(() => model.forward(t(nablaFx.x)));
    expectClose(y, fx.nabla_in_torch.y);
    expectClose(y, nablaFx.y);
  });

  it("imports ONNX files written by torch.onnx.export: an MLP with BatchNorm1d, and most activations with Flatten and a residual block", () => {
    const m = io.importOnnx(read("torch_mlp.onnx"), "torch_mlp.onnx");
    expect(m.children().map((c) => c.constructor.name)).toEqual(["Linear", "BatchNorm1d", "ReLU", "Linear", "GELU", "Linear"]);
    expectClose(noGrad(() => m.forward(t(fx.mlp.x))), fx.mlp.y);
    const a = io.importOnnx(read("torch_act.onnx"), "torch_act.onnx") as nn.Sequential;
    expect(a.children().map((c) => c.constructor.name)).toEqual([
      "Flatten", "Linear", "SiLU", "Linear", "Mish", "LeakyReLU", "ELU", "Softplus", "Residual", "Hardtanh", "Sigmoid", "SELU", "PReLU",
      "LogSigmoid", "GELU", "Linear", "LogSoftmax",
    ]);
    expect((a.get(5) as nn.LeakyReLU).negativeSlope).toBe(0.2);
    expect((a.get(9) as nn.Hardtanh).maxVal).toBe(2);
    expectClose(noGrad(() => a.forward(t(fx.act.x))), fx.act.y);
  });
});
