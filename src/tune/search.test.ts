import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Generator, data, nn, optim, tune, type Tensor } from "../index.js";
import { fit, evaluate } from "../train/index.js";

describe("search spaces", () => {
  it("gridSearch is the Cartesian product, last dimension fastest; ranges give evenly spaced (log-spaced) points", () => {
    const g = tune.gridSearch({ activation: ["relu", "tanh"], init: ["default", "kaiming", "xavier"] });
    expect(g).toHaveLength(6);
    expect(g[0]).toEqual({ activation: "relu", init: "default" });
    expect(g[1]).toEqual({ activation: "relu", init: "kaiming" });
    expect(g[5]).toEqual({ activation: "tanh", init: "xavier" });
    const lr = tune.gridSearch({ lr: tune.logUniform(1e-4, 1e-1, 4) }).map((c) => c.lr as number);
    expect(lr).toEqual([1e-4, 1e-3, 1e-2, 1e-1]);
    expect(tune.gridSearch({ width: tune.intUniform(10, 20, 3) }).map((c) => c.width)).toEqual([10, 15, 20]);
    expect(() => tune.gridSearch({ a: [] })).toThrow(/"a" needs at least one value/);
    expect(() => tune.logUniform(0, 1)).toThrow(/logUniform\(0, 1\).*> 0/);
  });

  it("randomSearch draws rates log-uniformly: each decade gets about the same share", () => {
    const samples = tune.randomSearch({ lr: tune.logUniform(1e-5, 1e-1), act: ["relu", "tanh"] }, 4000, { generator: new Generator(1) });
    const decades = [0, 0, 0, 0];
    for (const s of samples) decades[Math.floor(Math.log10(s.lr as number) + 5)]!++;
    for (const d of decades) expect(d / 4000).toBeGreaterThan(0.22);
    expect(samples.filter((s) => s.act === "relu").length / 4000).toBeCloseTo(0.5, 1);
    expect(tune.randomSearch({ lr: tune.logUniform(1e-3, 1) }, 5, { generator: new Generator(2) }))
      .toEqual(tune.randomSearch({ lr: tune.logUniform(1e-3, 1) }, 5, { generator: new Generator(2) }));
  });

  it("every sampled value lies in its range (property)", () => {
    fc.assert(fc.property(fc.double({ min: 1e-6, max: 1, noNaN: true }), fc.double({ min: 1.01, max: 1e3, noNaN: true }), fc.integer({ min: 0, max: 1000 }), (lo, f, seed) => {
      const hi = lo * f;
      const [s] = tune.randomSearch({ a: tune.logUniform(lo, hi), b: tune.uniform(-lo, hi), c: tune.intUniform(1, 7) }, 1, { generator: new Generator(seed) });
      return (s!.a as number) >= lo * (1 - 1e-12) && (s!.a as number) <= hi * (1 + 1e-12) && (s!.b as number) >= -lo && (s!.b as number) <= hi
        && Number.isInteger(s!.c) && (s!.c as number) >= 1 && (s!.c as number) <= 7;
    }), { numRuns: 200 });
  });
});

describe("successive halving", () => {
  it("keeps the best 1/η per rung, multiplies the budget by η and returns the best at the full budget", async () => {
    const quality = [0.1, 0.9, 0.5, 0.7, 0.3, 0.8, 0.2, 0.6, 0.4];
    const calls: [number, number][] = [];
    const r = await tune.successiveHalving(quality, async (q, budget, id) => {
      calls.push([id, budget]);
      return q * (1 - 1 / (budget + 1));
    }, { minBudget: 1, maxBudget: 9, eta: 3, concurrency: 3 });
    expect(r.rungs).toEqual([{ budget: 1, ids: [0, 1, 2, 3, 4, 5, 6, 7, 8] }, { budget: 3, ids: [1, 5, 3] }, { budget: 9, ids: [1] }]);
    expect(r.best.id).toBe(1);
    expect(r.best.budget).toBe(9);
    expect(calls).toHaveLength(9 + 3 + 1);
    const cost = calls.reduce((a, [, b]) => a + b, 0);
    expect(cost).toBeLessThan(9 * 9 / 2); // far less than training everything fully
  });

  it("min mode ranks low losses first and NaN last", async () => {
    const r = await tune.successiveHalving([3, NaN, 1, 2], async (v) => v, { minBudget: 2, maxBudget: 4, eta: 2, mode: "min" });
    expect(r.rungs[1]!.ids).toEqual([2, 3]);
    expect(r.best.config).toBe(1);
    await expect(tune.successiveHalving([1], async () => 0, { minBudget: 0, maxBudget: 1 })).rejects.toThrow(/0 < minBudget <= maxBudget/);
  });

  it("runTrials keeps at most `concurrency` calls in flight and returns results in task order", async () => {
    let running = 0;
    let peak = 0;
    const out = await tune.runTrials([5, 1, 4, 2, 3], async (ms) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((res) => setTimeout(res, ms));
      running--;
      return ms * 10;
    }, { concurrency: 2 });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
    await expect(tune.runTrials([1, 2], async (v) => { if (v === 2) throw new Error("boom"); return v; })).rejects.toThrow("boom");
  });
});

describe("cross-validation and the lr range test", () => {
  it("crossValidate trains on k-1 folds and validates on the held-out one; the folds cover every row", async () => {
    const d = data.loadIris();
    let validated = 0;
    const r = await tune.crossValidate(d.x, d.y, async (trainPair: [Tensor, Tensor], val: [Tensor, Tensor]) => {
      expect(trainPair[0].shape[0]! + val[0].shape[0]!).toBe(150);
      const m = nn.mlp([4, 16, 3], { generator: new Generator(0) });
      await fit(m, { loss: nn.F.crossEntropy, optimizer: new optim.Adam(m.parameters(), { lr: 0.02 }), train: trainPair, epochs: 30 });
      validated += val[0].shape[0]!;
      return evaluate(m, val, { metrics: ["accuracy"] }).accuracy!;
    }, { k: 5, stratify: true, generator: new Generator(3) });
    expect(r.scores).toHaveLength(5);
    expect(validated).toBe(150);
    expect(r.mean).toBeGreaterThan(0.85);
    expect(r.std).toBeGreaterThanOrEqual(0);
    expect(tune.formatMeanStd([0.9, 1.0], 2)).toBe("0.95 ± 0.07");
  });

  it("lrFind sweeps the rate exponentially, stops at divergence, suggests a rate on the descent and restores the weights", async () => {
    const d = data.loadDigits();
    const x = d.x.narrow(0, 0, 512).div(16);
    const y = d.y.narrow(0, 0, 512);
    const m = nn.mlp([64, 32, 10], { generator: new Generator(1) });
    const before = m.parameters().map((p) => p.data.slice());
    const opt = new optim.SGD(m.parameters(), { lr: 0.05, momentum: 0.9 });
    const r = await tune.lrFind(m, { loss: nn.F.crossEntropy, optimizer: opt, train: [x, y], startLr: 1e-5, endLr: 100, numIters: 150 });
    expect(r.lrs[0]).toBeCloseTo(1e-5, 12);
    for (let i = 1; i < r.lrs.length; i++) expect(r.lrs[i]! / r.lrs[i - 1]!).toBeCloseTo((1e7) ** (1 / 149), 6);
    expect(r.diverged).toBe(true);
    expect(r.lrs.length).toBeLessThan(150);
    expect(r.method).toBe("steepest");
    expect(r.suggestion!).toBeGreaterThan(1e-3);
    expect(r.suggestion!).toBeLessThan(3);
    expect(r.minOver10!).toBeGreaterThan(0);
    m.parameters().forEach((p, i) => expect(p.data).toEqual(before[i]));
    expect(opt.paramGroups[0]!.lr).toBe(0.05);
    expect(opt.state.size).toBe(0);
  });

  it("suggestLr falls back to min/10 when the curve has no clear descent", () => {
    const lrs = [1e-4, 1e-3, 1e-2, 1e-1];
    expect(tune.suggestLr(lrs, [2, 1, 3, 9])).toMatchObject({ method: "minOver10", suggestion: 1e-4 });
    expect(tune.suggestLr(lrs, [NaN, NaN, NaN, NaN]).method).toBe("none");
  });
});
