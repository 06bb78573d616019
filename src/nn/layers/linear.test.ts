/** Linear against PyTorch 1.13 (forward, backward, state-dict keys), its default init, errors, and gradcheck. */
import { describe, expect, it } from "vitest";
import { gradcheck, randn, Generator } from "../../tensor/index.js";
import * as nn from "../index.js";
import { expectClose, fromJson, loadFixture, type JsonTensor } from "../test-utils/fixtures.js";

interface LinearCase {
  in: number; out: number; bias: boolean;
  state: Record<string, JsonTensor>;
  x: JsonTensor; y: JsonTensor; v: JsonTensor; gx: JsonTensor; gweight: JsonTensor; gbias?: JsonTensor;
}
const { linear } = loadFixture<{ linear: LinearCase[] }>("layers.json");

describe("Linear matches PyTorch", () => {
  for (const c of linear) {
    it(`Linear(${c.in}, ${c.out}, bias ${c.bias}) on input [${c.x.shape}]`, () => {
      const lin = new nn.Linear(c.in, c.out, { bias: c.bias });
      expect(Object.keys(lin.stateDict())).toEqual(Object.keys(c.state));
      lin.loadStateDict(Object.fromEntries(Object.entries(c.state).map(([k, t]) => [k, fromJson(t)])));
      const x = fromJson(c.x, true);
      const y = lin.forward(x);
      expectClose(y, c.y, "y", 1e-5, 1e-6);
      y.mul(fromJson(c.v)).sum().backward();
      expectClose(x.grad, c.gx, "grad x", 1e-5, 1e-6);
      expectClose(lin.weight.grad, c.gweight, "grad weight", 1e-5, 1e-6);
      if (c.gbias) expectClose(lin.bias!.grad, c.gbias, "grad bias", 1e-5, 1e-6);
    });
  }
});

describe("Linear", () => {
  it("has weight [out, in] drawn from U(-1/√in, 1/√in), and so does its bias", () => {
    const lin = new nn.Linear(400, 300, { generator: new Generator(1) });
    expect(lin.weight.shape).toEqual([300, 400]);
    expect(lin.bias!.shape).toEqual([300]);
    const bound = 1 / Math.sqrt(400);
    for (const t of [lin.weight, lin.bias!]) {
      let max = 0;
      let ss = 0;
      for (const v of t.data) { max = Math.max(max, Math.abs(v)); ss += v * v; }
      expect(max).toBeLessThanOrEqual(bound);
      expect(max).toBeGreaterThan(0.95 * bound);
      if (t === lin.weight) expect(ss / t.size).toBeCloseTo((bound * bound) / 3, 5);
    }
  });

  it("is reproducible from a seeded generator", () => {
    const a = new nn.Linear(5, 4, { generator: new Generator(9) });
    const b = new nn.Linear(5, 4, { generator: new Generator(9) });
    expect(Array.from(a.weight.data)).toEqual(Array.from(b.weight.data));
    expect(Array.from(a.bias!.data)).toEqual(Array.from(b.bias!.data));
  });

  it("names itself and the widths when the input is too narrow", () => {
    const lin = new nn.Linear(784, 256);
    expect(() => lin.forward(randn([32, 783]))).toThrow("Linear(784, 256): input has 783 features, expected 784");
    expect(() => new nn.Linear(-1, 3)).toThrow(/Linear: inFeatures must be a non-negative integer, got -1/);
  });

  it("without bias registers only its weight", () => {
    const lin = new nn.Linear(3, 2, { bias: false });
    expect(lin.bias).toBeNull();
    expect(lin.namedParameters().map(([k]) => k)).toEqual(["weight"]);
    expect(String(lin)).toBe("Linear(3, 2, bias=false)");
  });

  it("passes gradcheck for input, weight and bias", () => {
    const g = new Generator(4);
    const lin = new nn.Linear(4, 3, { generator: g });
    const x = randn([2, 4], { generator: g, requiresGrad: true });
    expect(gradcheck((xi) => lin.forward(xi), [x, lin.weight, lin.bias!])).toBe(true);
  });
});
