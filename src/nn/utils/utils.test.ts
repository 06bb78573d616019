/** Gradient clipping against PyTorch 1.13, and the weight penalties. */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { Tensor, tensor } from "../../tensor/index.js";
import { SGD } from "../../optim/index.js";
import { clipGradNorm, clipGradValue, l1Penalty, l2Penalty } from "./index.js";

interface ClipFixture {
  shapes: number[][];
  grads: number[][];
  cases: Array<{ kind: "norm" | "value"; maxNorm?: number; normType?: number | "Infinity"; clipValue?: number; total?: number; grads: number[][] }>;
}
const fx = JSON.parse(readFileSync(new URL("../../optim/__fixtures__/clip.json", import.meta.url), "utf8")) as ClipFixture;

function params(): Tensor[] {
  return fx.shapes.map((shape, i) => {
    const p = tensor(new Array(fx.grads[i]!.length).fill(0), { shape, requiresGrad: true });
    p.grad = tensor(fx.grads[i]!, { shape });
    return p;
  });
}

describe("clipGradNorm and clipGradValue match PyTorch", () => {
  for (const c of fx.cases) {
    const label = c.kind === "norm" ? `clipGradNorm(maxNorm ${c.maxNorm}, normType ${c.normType})` : `clipGradValue(${c.clipValue})`;
    it(label, () => {
      const ps = params();
      if (c.kind === "norm") {
        const total = clipGradNorm(ps, c.maxNorm!, c.normType === "Infinity" ? Infinity : c.normType);
        expect(total).toBeCloseTo(c.total!, 5);
      } else {
        clipGradValue(ps, c.clipValue!);
      }
      ps.forEach((p, i) => p.grad!.data.forEach((g, j) => expect(g).toBeCloseTo(c.grads[i]![j]!, 6)));
    });
  }
});

describe("clipping details", () => {
  it("returns the norm as a number, skips params without grads, and leaves small grads alone", () => {
    const a = tensor([0, 0], { requiresGrad: true });
    const b = tensor([0], { requiresGrad: true });
    a.grad = tensor([3, 4]);
    expect(clipGradNorm([a, b], 10)).toBe(5);
    expect(Array.from(a.grad.data)).toEqual([3, 4]);
    expect(clipGradNorm(b, 1)).toBe(0);
  });

  it("scales by maxNorm / (total + 1e-6)", () => {
    const a = tensor([0, 0], { requiresGrad: true });
    a.grad = tensor([3, 4]);
    clipGradNorm(a, 1);
    expect(a.grad.data[0]).toBeCloseTo((3 * 1) / (5 + 1e-6), 7);
  });

  it("throws on a non-finite norm only when asked", () => {
    const a = tensor([0, 0], { requiresGrad: true });
    a.grad = tensor([Infinity, 1]);
    expect(() => clipGradNorm(a, 1, 2, { errorIfNonfinite: true })).toThrow(
      "clipGradNorm: the total norm of order 2 of the gradients is Infinity, so they cannot be clipped; pass errorIfNonfinite: false to scale by it anyway",
    );
    expect(clipGradNorm(a, 1)).toBe(Infinity);
  });

  it("rejects bad arguments", () => {
    expect(() => clipGradNorm([], -1)).toThrow("clipGradNorm: invalid maxNorm: -1 (expected maxNorm >= 0)");
    expect(() => clipGradNorm([], 1, 0)).toThrow("clipGradNorm: invalid normType: 0 (expected a number > 0, or Infinity)");
    expect(() => clipGradValue([], -0.5)).toThrow("clipGradValue: invalid clipValue: -0.5 (expected clipValue >= 0)");
  });
});

describe("weight penalties", () => {
  it("l1Penalty = Σ|w| and l2Penalty = Σw², differentiable", () => {
    const w = tensor([[1, -2], [3, 0]], { requiresGrad: true });
    const b = tensor([-0.5], { requiresGrad: true });
    expect(l1Penalty([w, b]).item()).toBe(6.5);
    const l2 = l2Penalty([w, b]);
    expect(l2.item()).toBe(14.25);
    l2.backward();
    expect(Array.from(w.grad!.data)).toEqual([2, -4, 6, 0]);
    expect(Array.from(b.grad!.data)).toEqual([-1]);
    expect(l1Penalty([]).item()).toBe(0);
  });

  it("(λ/2)·l2Penalty gives the same step as SGD's weightDecay λ", () => {
    const lambda = 0.1;
    const loss = (w: Tensor) => w.mul(tensor([1, 2, 3])).sum();
    const a = tensor([1, -1, 2], { requiresGrad: true });
    const b = tensor([1, -1, 2], { requiresGrad: true });
    const withDecay = new SGD([a], { lr: 0.5, weightDecay: lambda });
    const withPenalty = new SGD([b], { lr: 0.5 });
    for (let i = 0; i < 5; i++) {
      withDecay.zeroGrad();
      loss(a).backward();
      withDecay.step();
      withPenalty.zeroGrad();
      loss(b).add(l2Penalty([b]).mul(lambda / 2)).backward();
      withPenalty.step();
    }
    Array.from(a.data).forEach((v, i) => expect(b.data[i]).toBeCloseTo(v, 6));
  });
});
