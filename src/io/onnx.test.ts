/** ONNX export runs in onnxruntime-node and matches nabla to 1e-5; import reads it back; bad graphs are clear errors. */
import { describe, expect, it } from "vitest";
import * as ort from "onnxruntime-node";
import onnxProto from "onnx-proto";
import type { onnx as O } from "onnx-proto";
import { Generator, io, nn, noGrad, randn, tensor, type Tensor } from "../index.js";
import { everything } from "./test-utils/zoo.js";

const { onnx } = onnxProto;

async function runOrt(bytes: Uint8Array, x: Tensor): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes);
  const r = await session.run({ [session.inputNames[0]!]: new ort.Tensor("float32", x.data, x.shape as number[]) });
  return r[session.outputNames[0]!]!.data as Float32Array;
}

function expectClose(got: ArrayLike<number>, want: Tensor, what: string): void {
  expect(got.length, what).toBe(want.size);
  for (let i = 0; i < want.size; i++) {
    const w = want.data[i]!;
    expect(Math.abs(got[i]! - w), `${what}, value ${i}: ${got[i]} vs ${w}`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(w)));
  }
}

describe("ONNX export", () => {
  it("every supported layer runs in onnxruntime and matches nabla to 1e-5, for any batch size", async () => {
    const m = everything();
    const bytes = io.exportOnnx(m);
    for (const n of [1, 9]) {
      const x = randn([n, 6], { generator: new Generator(n) }).mul(4);
      expectClose(await runOrt(bytes, x), noGrad(() => m.forward(x)), `batch ${n}`);
    }
    const extreme = tensor([[-90, -30, -1e-3, 0, 1e-3, 30], [1e4, -1e4, 0.5, -0.5, 20, -20]]);
    expectClose(await runOrt(bytes, extreme), noGrad(() => m.forward(extreme)), "large inputs");
  });

  it("has opset 13, a named input and output with a dynamic batch dim, weights named by state-dict key, and metadata", async () => {
    const m = nn.mlp([3, 4, 2], { batchNorm: true });
    const bytes = io.exportOnnx(m, { inputName: "features", outputName: "logits", metadata: { classes: '["a","b"]' } });
    const model = onnx.ModelProto.decode(bytes);
    expect(model.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([["", 13]]);
    expect(model.producerName).toBe("nabla");
    const graph = model.graph as O.GraphProto;
    const dims = (v: O.IValueInfoProto) => v.type!.tensorType!.shape!.dim!.map((d: O.TensorShapeProto.IDimension) => d.dimParam || Number(d.dimValue));
    expect(graph.input.map((i) => [i.name, dims(i)])).toEqual([["features", ["batch", 3]]]);
    expect(graph.output.map((o) => [o.name, dims(o)])).toEqual([["logits", ["batch", 2]]]);
    expect(graph.initializer.map((t) => t.name)).toEqual(expect.arrayContaining(["0.weight", "0.bias", "1.running_mean", "3.weight"]));
    expect(graph.node.map((n) => n.opType)).toEqual(["Gemm", "BatchNormalization", "Relu", "Gemm"]);
    expect(model.metadataProps.map((p) => [p.key, p.value])).toEqual([["classes", '["a","b"]'], ["nabla.module", JSON.stringify(io.specOf(m))]]);
    const session = await ort.InferenceSession.create(bytes);
    expect([session.inputNames, session.outputNames]).toEqual([["features"], ["logits"]]);
    expect(Number(onnx.ModelProto.decode(io.exportOnnx(m, { opset: 17 })).opsetImport[0]!.version)).toBe(17);
  });

  it("handles [N, C, L] inputs: BatchNorm1d and PReLU per channel, Linear on the last dim (MatMul), Flatten of inner dims", async () => {
    const g = new Generator(8);
    const m = new nn.Sequential(
      new nn.BatchNorm1d(3), new nn.PReLU({ numParameters: 3 }), new nn.Linear(4, 5, { generator: g }), new nn.Softmax({ dim: 1 }),
      new nn.Flatten(), new nn.Linear(15, 6, { generator: g }), new nn.Flatten({ startDim: 0 }),
    );
    m.get(1).parameters()[0]!.data.set([0.1, 0.2, 0.3]);
    m.forward(randn([4, 3, 4], { generator: g }).mul(2));
    m.eval();
    const bytes = io.exportOnnx(m, { inputShape: [3, 4] });
    const x = randn([2, 3, 4], { generator: g }).mul(2);
    expectClose(await runOrt(bytes, x), noGrad(() => m.forward(x)), "rank 3");
    const back = io.importOnnx(bytes);
    expect(String(back)).toBe(String(m));
    expectClose(noGrad(() => back.forward(x)).data, noGrad(() => m.forward(x)), "imported");
  });

  it("names the layer and its path when it cannot export", () => {
    class Custom extends nn.Module {
      override forward(x: Tensor): Tensor { return x; }
    }
    expect(() => io.exportOnnx(new nn.Sequential(new nn.Linear(2, 2), new nn.Residual(new Custom())))).toThrow(/exportOnnx: no ONNX form for the Custom at "1\.fn" \(supported: .*Linear.*\)/);
    expect(() => io.exportOnnx(new nn.Sequential(new nn.Linear(2, 2), new nn.BatchNorm1d(2, { trackRunningStats: false })))).toThrow(/the BatchNorm1d at "1" has no running statistics/);
    expect(() => io.exportOnnx(new nn.ReLU())).toThrow(/pass inputShape/);
    expect(() => io.exportOnnx(new nn.Linear(2, 2), { inputShape: [3] })).toThrow(/the Linear at "\(root\)" does not take an input of shape \[batch, 3\]/);
    expect(() => io.exportOnnx(new nn.Linear(2, 2), { opset: 11 })).toThrow("exportOnnx: opset must be an integer from 13 to 21, got 11");
  });

  it("leaves the model's training flags as they were", () => {
    const m = nn.mlp([2, 3, 1], { dropout: 0.5 });
    io.exportOnnx(m);
    expect(m.modules().every((x) => x.training)).toBe(true);
  });
});

describe("ONNX import", () => {
  it("reads nabla's export back into the same layers with the same outputs", () => {
    const m = everything();
    const back = io.importOnnx(io.exportOnnx(m)) as nn.Sequential;
    expect(String(back)).toBe(String(m));
    const x = randn([7, 6], { generator: new Generator(2) }).mul(3);
    expectClose(noGrad(() => back.forward(x)).data, noGrad(() => m.forward(x)), "round trip");
  });

  it("keeps the module tree (and so the state-dict keys) of nabla's export, unless the graph no longer matches it", () => {
    const m = new nn.Sequential(nn.mlp([3, 4, 2], { batchNorm: true, activation: "leaky_relu" }), new nn.Residual(new nn.Sequential(new nn.Tanh())), new nn.Softmax());
    m.eval();
    const bytes = io.exportOnnx(m);
    const back = io.importOnnx(bytes);
    expect(String(back)).toBe(String(m));
    expect(Object.keys(back.stateDict())).toEqual(Object.keys(m.stateDict()));
    const x = randn([4, 3]);
    expectClose(noGrad(() => back.forward(x)).data, noGrad(() => m.forward(x)), "tree kept");
    // an edited graph (another slope) no longer matches the stored tree: the graph's structure stands
    const model = onnx.ModelProto.decode(bytes);
    model.graph!.node!.find((n) => n.opType === "LeakyRelu")!.attribute![0]!.f = 0.5;
    const edited = io.importOnnx(onnx.ModelProto.encode(model).finish());
    expect(edited.children().map((c) => c.constructor.name)).toEqual(["Linear", "BatchNorm1d", "LeakyReLU", "Linear", "Residual", "Softmax"]);
  });

  /** A one-node graph: input x [batch, 4] → op → output. */
  function graphWith(node: Record<string, unknown>, opset = 13): Uint8Array {
    const vi = (name: string) => ({ name, type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: "N" }, { dimValue: 4 }] } } } });
    const model = onnx.ModelProto.create({
      irVersion: 7, opsetImport: [{ domain: "", version: opset }],
      graph: { name: "g", node: [{ input: ["x"], output: ["y"], ...node }], input: [vi("x")], output: [vi("y")] },
    });
    return onnx.ModelProto.encode(model).finish();
  }

  it("an unsupported op is an error naming the op and the node", () => {
    expect(() => io.importOnnx(graphWith({ opType: "Conv", name: "conv_7" }), "net.onnx")).toThrow(/net\.onnx: unsupported op "Conv" at node "conv_7" \(nabla imports .*Gemm.*\)/);
    expect(() => io.importOnnx(graphWith({ opType: "Mul", name: "scale", input: ["x", "x"] }), "net.onnx")).toThrow('net.onnx: node "scale" (op Mul) does not form a layer or activation nabla knows');
    expect(() => io.importOnnx(graphWith({ opType: "Softmax", name: "sm", attribute: [{ name: "axis", type: 2, i: 1 }] }, 11), "old.onnx")).toThrow(/old\.onnx: node "sm": Softmax before opset 13 flattens its input to 2-D/);
    expect(() => io.importOnnx(graphWith({ opType: "LeakyRelu", name: "lr", domain: "com.microsoft" }), "ms.onnx")).toThrow(/uses op LeakyRelu of domain "com\.microsoft"/);
    expect(() => io.importOnnx(Uint8Array.of(0x0a, 0xff, 0xff), "junk.onnx")).toThrow(/junk\.onnx: not a valid ONNX model \(protobuf: /);
    const single = io.importOnnx(graphWith({ opType: "LeakyRelu", attribute: [{ name: "alpha", type: 1, f: 0.3 }] }));
    expect(single).toBeInstanceOf(nn.LeakyReLU);
    expect((single as nn.LeakyReLU).negativeSlope).toBe(0.3);
  });
});
