/** Module: registration order, PyTorch state-dict keys, load checks, modes, freezing, and the containers. */
import { describe, expect, it } from "vitest";
import { randn, tensor, Generator, Tensor } from "../tensor/index.js";
import * as nn from "./index.js";
import { expectClose, fromJson, loadFixture, type JsonTensor } from "./test-utils/fixtures.js";

interface MlpFixture { sizes: number[]; keys: string[]; state: Record<string, JsonTensor>; x: JsonTensor; y: JsonTensor }
const { mlp: torchMlp } = loadFixture<{ mlp: MlpFixture }>("layers.json");

/** A small custom module: a parameter, a child, a buffer, registered by assignment. */
class Scaled extends nn.Module {
  scale = new nn.Parameter(tensor([2]));
  inner = new nn.Linear(3, 2, { generator: new Generator(1) });
  constructor() {
    super();
    this.registerBuffer("calls", tensor(0));
  }
  override forward(x: Tensor): Tensor {
    this.getBuffer("calls")!.data[0]! += 1;
    return this.inner.forward(x).mul(this.scale);
  }
}

describe("registration", () => {
  it("finds parameters, buffers and children in assignment order, own ones first", () => {
    const m = new Scaled();
    expect(m.namedParameters().map(([k]) => k)).toEqual(["scale", "inner.weight", "inner.bias"]);
    expect(m.namedBuffers().map(([k]) => k)).toEqual(["calls"]);
    expect(m.namedChildren().map(([k]) => k)).toEqual(["inner"]);
    expect(m.modules()).toEqual([m, m.inner]);
    expect(Object.keys(m.stateDict())).toEqual(["scale", "calls", "inner.weight", "inner.bias"]);
    expect(m.buffers()).toHaveLength(1);
  });

  it("lists a shared parameter once", () => {
    const lin = new nn.Linear(2, 2);
    const seq = new nn.Sequential(lin, new nn.ReLU(), lin);
    expect(seq.parameters()).toHaveLength(2);
  });

  it("registers explicitly too, and refuses names that would shadow methods", () => {
    const seq = new nn.Sequential();
    seq.registerParameter("w", new nn.Parameter(tensor([1, 2])));
    seq.registerModule("head", new nn.Linear(2, 1));
    expect(seq.namedParameters().map(([k]) => k)).toEqual(["w", "head.weight", "head.bias"]);
    expect(() => seq.registerModule("forward", new nn.ReLU())).toThrow(/would shadow/);
    expect(() => seq.registerParameter("x", tensor([1]) as nn.Parameter)).toThrow(/must be a Parameter/);
    expect(() => seq.registerBuffer("a.b", tensor([1]))).toThrow(/without "."/);
  });

  it("Parameter is a leaf that requires grad", () => {
    const p = new nn.Parameter(randn([2, 3]));
    expect(p).toBeInstanceOf(Tensor);
    expect(p.requiresGrad).toBe(true);
    expect(p.isLeaf).toBe(true);
    expect(p.shape).toEqual([2, 3]);
  });

  it("apply visits every module, children first", () => {
    const seq = nn.mlp([2, 3, 1]);
    const seen: string[] = [];
    seq.apply((m) => seen.push(m.constructor.name));
    expect(seen).toEqual(["Linear", "ReLU", "Linear", "Sequential"]);
  });

  it("prints like PyTorch", () => {
    expect(String(nn.mlp([2, 3, 1], { dropout: 0.5 }))).toBe(
      "Sequential(\n  (0): Linear(2, 3, bias=true)\n  (1): ReLU()\n  (2): Dropout(p=0.5)\n  (3): Linear(3, 1, bias=true)\n)",
    );
  });
});

describe("state dict", () => {
  it("has PyTorch's exact keys for an mlp, and loading torch's values reproduces its eval output", () => {
    const net = nn.mlp(torchMlp.sizes, { batchNorm: true, dropout: 0.2 });
    expect(Object.keys(net.stateDict())).toEqual(torchMlp.keys);
    net.loadStateDict(Object.fromEntries(Object.entries(torchMlp.state).map(([k, t]) => [k, fromJson(t)])));
    net.eval();
    expectClose(net.forward(fromJson(torchMlp.x)), torchMlp.y, "mlp output", 1e-5, 1e-5);
  });

  it("round trip gives bit-identical outputs", () => {
    const g = new Generator(11);
    const a = nn.mlp([5, 8, 3], { batchNorm: true, generator: g });
    a.forward(randn([6, 5], { generator: g }));
    const b = nn.mlp([5, 8, 3], { batchNorm: true, generator: new Generator(99) });
    b.loadStateDict(a.stateDict());
    const x = randn([4, 5], { generator: g });
    expect(Array.from(b.eval().forward(x).data)).toEqual(Array.from(a.eval().forward(x).data));
  });

  it("copies into the existing tensors, so references (optimisers) stay valid", () => {
    const a = new nn.Linear(2, 2);
    const w = a.weight;
    a.loadStateDict(new nn.Linear(2, 2).stateDict());
    expect(a.weight).toBe(w);
  });

  it("names the key and both shapes on a wrong shape, and copies nothing", () => {
    const net = nn.mlp([4, 3, 2]);
    const before = Array.from(net.parameters()[0]!.data);
    const sd = nn.mlp([4, 3, 2]).stateDict();
    sd["2.weight"] = randn([5, 3]);
    expect(() => net.loadStateDict(sd)).toThrow("2.weight: expected shape [2,3], got [5,3]");
    expect(() => net.loadStateDict(sd, { strict: false })).toThrow(/2.weight: expected shape \[2,3\], got \[5,3\]/);
    expect(Array.from(net.parameters()[0]!.data)).toEqual(before);
  });

  it("strict loading names missing and unexpected keys; strict: false reports them", () => {
    const net = nn.mlp([4, 3, 2]);
    const sd = nn.mlp([4, 3, 2]).stateDict();
    delete sd["0.bias"];
    sd["extra"] = tensor([1]);
    expect(() => net.loadStateDict(sd)).toThrow(/missing key\(s\): 0\.bias.*unexpected key\(s\): extra/);
    const res = net.loadStateDict(sd, { strict: false });
    expect(res).toEqual({ missingKeys: ["0.bias"], unexpectedKeys: ["extra"] });
    expect(Array.from(net.get(0).stateDict()["weight"]!.data)).toEqual(Array.from(sd["0.weight"]!.data));
  });
});

describe("modes, gradients and freezing", () => {
  it("train()/eval() set training on every descendant", () => {
    const net = nn.mlp([2, 4, 1], { batchNorm: true, dropout: 0.1 });
    expect(net.modules().every((m) => m.training)).toBe(true);
    expect(net.eval()).toBe(net);
    expect(net.modules().every((m) => !m.training)).toBe(true);
    net.train();
    expect(net.get(1).training).toBe(true);
  });

  it("zeroGrad sets every gradient to null", () => {
    const net = nn.mlp([2, 3, 1]);
    net.forward(randn([4, 2])).sum().backward();
    expect(net.parameters().every((p) => p.grad !== null)).toBe(true);
    net.zeroGrad();
    expect(net.parameters().every((p) => p.grad === null)).toBe(true);
  });

  it("requiresGrad(false) on the body leaves its weights unchanged after a step while the head trains", () => {
    const g = new Generator(2);
    const body = nn.mlp([3, 8, 8], { generator: g });
    const head = new nn.Linear(8, 1, { generator: g });
    const model = new nn.Sequential(body, new nn.ReLU(), head);
    body.requiresGrad(false);
    const bodyBefore = body.parameters().map((p) => Array.from(p.data));
    const headBefore = head.parameters().map((p) => Array.from(p.data));
    const x = randn([16, 3], { generator: g });
    const y = randn([16, 1], { generator: g });
    for (let step = 0; step < 3; step++) {
      model.zeroGrad();
      nn.F.mseLoss(model.forward(x), y).backward();
      for (const p of model.parameters()) {
        if (!p.requiresGrad || !p.grad) continue;
        for (let i = 0; i < p.size; i++) p.data[i]! -= 0.1 * p.grad.data[i]!;
      }
    }
    expect(body.parameters().map((p) => Array.from(p.data))).toEqual(bodyBefore);
    expect(body.parameters().every((p) => p.grad === null)).toBe(true);
    expect(head.parameters().map((p) => Array.from(p.data))).not.toEqual(headBefore);
    body.requiresGrad(true);
    expect(model.parameters().every((p) => p.requiresGrad)).toBe(true);
  });
});

describe("containers", () => {
  it("Sequential chains, indexes, appends and iterates", () => {
    const seq = new nn.Sequential(new nn.Linear(2, 3), new nn.ReLU());
    seq.append(new nn.Linear(3, 1));
    expect(seq.length).toBe(3);
    expect(seq.get(-1)).toBeInstanceOf(nn.Linear);
    expect([...seq].map((m) => m.constructor.name)).toEqual(["Linear", "ReLU", "Linear"]);
    expect(seq.forward(randn([5, 2])).shape).toEqual([5, 1]);
    expect(() => seq.get(3)).toThrow(/index 3 is out of range for 3 modules/);
    expect(() => new nn.Sequential({} as nn.Module)).toThrow(/argument 0 is not a Module/);
  });

  it("Flatten keeps the batch dim by default; Identity passes through", () => {
    const x = randn([2, 3, 4]);
    expect(new nn.Flatten().forward(x).shape).toEqual([2, 12]);
    expect(new nn.Flatten({ startDim: 0 }).forward(x).shape).toEqual([24]);
    expect(new nn.Identity().forward(x)).toBe(x);
  });

  it("Residual adds the input to its body's output, and its gradient includes the skip path", () => {
    const body = new nn.Linear(3, 3, { generator: new Generator(3) });
    const res = new nn.Residual(body);
    expect(Object.keys(res.stateDict())).toEqual(["fn.weight", "fn.bias"]);
    const x = randn([2, 3], { requiresGrad: true });
    const y = res.forward(x);
    expect(Array.from(y.data)).toEqual(Array.from(x.add(body.forward(x)).data));
    y.sum().backward();
    const wsum = [0, 1, 2].map((j) => 1 + [0, 1, 2].reduce((s, i) => s + body.weight.data[i * 3 + j]!, 0));
    x.grad!.data.slice(0, 3).forEach((g, j) => expect(g).toBeCloseTo(wsum[j]!, 5));
    expect(() => new nn.Residual(new nn.Linear(3, 2)).forward(randn([1, 3]))).toThrow(/maps shape \[1,3\] to \[1,2\]/);
  });
});
