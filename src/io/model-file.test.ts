/** save/load: every layer round-trips bit for bit; custom modules register; bad architectures are clear errors. */
import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Generator, defaultGenerator, io, nn, noGrad, randn, save, load, type Tensor } from "../index.js";
import * as node from "../node.js";

/** Every built-in layer, nested, with trained-looking BatchNorm statistics. */
function zoo(): nn.Module {
  const g = new Generator(11);
  const m = new nn.Sequential(
    new io.Standardize([0.5, -1, 2, 0], [2, 1, 0.5, 3]),
    new nn.Linear(4, 6, { generator: g }), new nn.BatchNorm1d(6, { momentum: null, eps: 1e-3 }), new nn.ReLU(),
    new nn.Residual(new nn.Sequential(new nn.Linear(6, 6, { generator: g }), new nn.GELU({ approximate: "tanh" }))),
    new nn.Dropout({ p: 0.25 }), new nn.LeakyReLU({ negativeSlope: 0.05 }), new nn.PReLU({ numParameters: 6, init: 0.1 }), new nn.ELU({ alpha: 0.5 }),
    new nn.SELU(), new nn.GELU(), new nn.SiLU(), new nn.Mish(), new nn.Sigmoid(), new nn.Tanh(), new nn.LogSigmoid(),
    new nn.Softplus({ beta: 2, threshold: 10 }), new nn.Hardtanh({ minVal: -2, maxVal: 2 }), new nn.Identity(),
    new nn.Sequential(new nn.Linear(6, 3, { bias: false, generator: g }), new nn.BatchNorm1d(3, { affine: false })), new nn.Flatten(), new nn.Softmax({ dim: 1 }), new nn.LogSoftmax(),
  );
  for (let i = 0; i < 3; i++) m.forward(randn([8, 4], { generator: g }));
  return m.eval();
}

const values = (t: Tensor): number[] => Array.from(t.data);

class Scaled extends nn.Module {
  constructor(readonly width: number, readonly factor: number) {
    super();
    this.inner = new nn.Linear(width, width, { generator: new Generator(1) });
  }
  inner: nn.Linear;
  override forward(x: Tensor): Tensor {
    return this.inner.forward(x).mul(this.factor);
  }
}

class Twice extends nn.Module {
  body: nn.Module = new nn.Identity();
  override forward(x: Tensor): Tensor {
    return this.body.forward(this.body.forward(x));
  }
}

describe("save and load", () => {
  it("round-trip every built-in layer: same tree, same state dict, bit-identical outputs, in eval mode", async () => {
    const m = zoo();
    const x = randn([5, 4], { generator: new Generator(3) }).mul(2);
    const want = values(noGrad(() => m.forward(x)));
    for (const saved of [save(m), save(m, "blob"), save(m, "uint8array")]) {
      const back = await load(saved);
      expect(String(back)).toBe(String(m));
      expect(back.training).toBe(false);
      expect(Object.keys(back.stateDict())).toEqual(Object.keys(m.stateDict()));
      expect(values(noGrad(() => back.forward(x)))).toEqual(want);
    }
    expect(save(m, "blob").type).toBe("application/octet-stream");
    expect(() => save(m, "file" as never)).toThrow(/save: unknown target "file"/);
  });

  it("the file is a plain safetensors state dict with the architecture as JSON metadata", () => {
    const m = nn.mlp([3, 4, 2], { batchNorm: true });
    const { tensors, metadata } = io.decodeSafetensors(io.toBytes(m));
    expect(Object.keys(tensors)).toEqual(Object.keys(m.stateDict()));
    expect(metadata.format).toBe("pt");
    expect(JSON.parse(metadata[io.ARCHITECTURE_KEY]!)).toEqual({ format: "nabla.module", version: 1, module: io.specOf(m) });
    expect(io.specOf(m).children!["0"]).toEqual({ type: "Linear", config: { inFeatures: 3, outFeatures: 4, bias: true } });
  });

  it("custom modules register a name (with their config and how to build them) and load back", async () => {
    io.registerModule("Scaled", Scaled, { config: (m) => ({ width: m.width, factor: m.factor }), create: (c) => new Scaled(c.width as number, c.factor as number) });
    io.registerModule("Twice", Twice);
    const twice = new Twice();
    twice.body = new nn.Sequential(new Scaled(3, 0.5), new nn.Tanh());
    const m = new nn.Sequential(new Scaled(3, 2), twice);
    m.get(0).parameters()[0]!.data.fill(0.25);
    const back = await load(save(m));
    expect(back).toBeInstanceOf(nn.Sequential);
    expect((back as nn.Sequential).get(0)).toBeInstanceOf(Scaled);
    expect(((back as nn.Sequential).get(0) as Scaled).factor).toBe(2);
    const x = randn([2, 3]);
    expect(values(back.forward(x))).toEqual(values(m.eval().forward(x)));
    expect(io.registeredModules()).toContain("Scaled");
    expect(() => io.registerModule("Scaled", Twice)).toThrow('registerModule: the name "Scaled" is already taken by another class (Scaled)');
  });

  it("unregistered and unknown modules are errors that say how to fix them", () => {
    class Mystery extends nn.Module {
      override forward(x: Tensor): Tensor { return x; }
    }
    expect(() => save(new nn.Sequential(new nn.ReLU(), new nn.Residual(new Mystery())))).toThrow(
      'specOf: the module at "1.fn" is a Mystery, which is not registered; call io.registerModule("Mystery", Mystery, { config, create }) so it can be saved and loaded',
    );
    const bytes = io.encodeSafetensors({}, { [io.ARCHITECTURE_KEY]: JSON.stringify({ format: "nabla.module", version: 1, module: { type: "Conv9d" } }) });
    expect(() => io.fromBytes(bytes, "m.safetensors")).toThrow(/m\.safetensors: module "\(root\)": unknown module type "Conv9d" \(registered: .*BatchNorm1d.*\); register custom modules with io.registerModule before loading/);
    expect(() => io.fromBytes(io.encodeSafetensors({ w: randn([2]) }), "bare.safetensors")).toThrow(/bare\.safetensors: no architecture in the metadata \("nabla\.module"\); for bare weights .* model\.loadStateDict/);
  });

  it("checks the shapes a config implies against the weights before allocating anything", () => {
    const spec = { format: "nabla.module", version: 1, module: { type: "Sequential", children: { 0: { type: "Linear", config: { inFeatures: 100000, outFeatures: 100000 } } } } };
    const bytes = io.encodeSafetensors({ "0.weight": randn([3, 2]), "0.bias": randn([3]) }, { [io.ARCHITECTURE_KEY]: JSON.stringify(spec) });
    expect(() => io.fromBytes(bytes, "f")).toThrow('f: module "0" (Linear): "0.weight" has shape [3,2] in the weights but the architecture implies [100000,100000]');
    const noStats = io.toBytes(new nn.Sequential(new nn.BatchNorm1d(2, { trackRunningStats: false })));
    const withStats = JSON.stringify({ format: "nabla.module", version: 1, module: { type: "Sequential", children: { 0: { type: "BatchNorm1d", config: { numFeatures: 2 } } } } });
    const tampered = io.encodeSafetensors(io.decodeSafetensors(noStats).tensors, { [io.ARCHITECTURE_KEY]: withStats });
    expect(() => io.fromBytes(tampered, "f")).toThrow('f: module "0" (BatchNorm1d): the weights have no "0.running_mean" (expected shape [2])');
    const badConfig = io.encodeSafetensors({}, { [io.ARCHITECTURE_KEY]: JSON.stringify({ format: "nabla.module", version: 1, module: { type: "Dropout", config: { p: "half" } } }) });
    expect(() => io.fromBytes(badConfig, "f")).toThrow('f: module "(root)": cannot build Dropout from config {"p":"half"}: config "p" must be a number, got "half"');
  });

  it("loads the MLP of a nabla train run folder (its model.safetensors) too", () => {
    const m = nn.mlp([4, 5, 3], { batchNorm: true, activation: "tanh", dropout: 0.1 });
    const arch = { type: "mlp", sizes: [4, 5, 3], activation: "tanh", batchNorm: true, dropout: 0.1, task: "classification" };
    const back = io.fromBytes(io.encodeSafetensors(m.stateDict(), { format: "nabla", architecture: JSON.stringify(arch) }));
    expect(String(back)).toBe(String(m));
  });

  it("loading does not draw from the global random generator", () => {
    const bytes = io.toBytes(zoo());
    const before = defaultGenerator.getState();
    io.fromBytes(bytes);
    expect(defaultGenerator.getState()).toEqual(before);
  });

  it("in Node, saves to a file atomically and loads it back", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nabla-io-"));
    const m = zoo();
    const path = join(dir, "model.safetensors");
    await node.save(m, path);
    await node.save(m, path);
    expect(readdirSync(dir)).toEqual(["model.safetensors"]);
    const back = await node.load(path);
    const x = randn([3, 4]);
    expect(values(back.forward(x))).toEqual(values(m.forward(x)));
    await expect(node.load(join(dir, "missing.safetensors"))).rejects.toThrow(/load: .*missing\.safetensors does not exist/);
    expect(existsSync(path)).toBe(true);
  });
});
