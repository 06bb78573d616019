import { describe, expect, it } from "vitest";
import { Generator } from "../index.js";
import { loadDigits, loadIris, playground, twoMoons, type Dataset2D } from "./index.js";

const counts = (y: { data: Float32Array }): Record<number, number> => {
  const c: Record<number, number> = {};
  for (const v of y.data) c[v] = (c[v] ?? 0) + 1;
  return c;
};
const row = (d: Dataset2D, i: number): [number, number] => [d.x.data[2 * i]!, d.x.data[2 * i + 1]!];

describe("TensorFlow Playground generators", () => {
  const classifiers = { circle: playground.circle, xor: playground.xor, gaussian: playground.gaussian, spiral: playground.spiral };
  const regressors = { regressPlane: playground.regressPlane, regressGaussian: playground.regressGaussian };

  for (const [name, make] of Object.entries(classifiers)) {
    it(`${name}: [N, 2] points, 0/1 labels, reproducible from the seed`, () => {
      const a = make({ numSamples: 200, noise: 0.2, generator: new Generator(3) });
      expect(a.x.shape).toEqual([200, 2]);
      expect(a.y.shape).toEqual([200]);
      expect(a.y.data.every((v) => v === 0 || v === 1)).toBe(true);
      expect(a.x.data.every(Number.isFinite)).toBe(true);
      const b = make({ numSamples: 200, noise: 0.2, generator: new Generator(3) });
      expect(Array.from(b.x.data)).toEqual(Array.from(a.x.data));
      expect(Array.from(b.y.data)).toEqual(Array.from(a.y.data));
      const c = make({ numSamples: 200, noise: 0.2, generator: new Generator(4) });
      expect(Array.from(c.x.data)).not.toEqual(Array.from(a.x.data));
      expect(make({ numSamples: 7 }).x.shape).toEqual([7, 2]);
    });
  }

  for (const [name, make] of Object.entries(regressors)) {
    it(`${name}: [N, 2] points with real targets, reproducible`, () => {
      const a = make({ numSamples: 300, generator: new Generator(5) });
      expect(a.x.shape).toEqual([300, 2]);
      expect(a.y.shape).toEqual([300]);
      expect(a.y.data.every((v) => v >= -1.2 && v <= 1.2)).toBe(true);
      expect(Array.from(make({ numSamples: 300, generator: new Generator(5) }).y.data)).toEqual(Array.from(a.y.data));
    });
  }

  it("circle without noise: class 1 exactly inside radius 2.5, class 0 in the ring 3.5..5", () => {
    const d = playground.circle({ numSamples: 400, generator: new Generator(0) });
    expect(counts(d.y)).toEqual({ 0: 200, 1: 200 });
    for (let i = 0; i < 400; i++) {
      const r = Math.hypot(...row(d, i));
      if (d.y.data[i] === 1) expect(r).toBeLessThan(2.5 + 1e-5);
      else expect(r).toBeGreaterThan(3.5 - 1e-5);
      expect(r).toBeLessThanOrEqual(5 + 1e-5);
    }
  });

  it("circle with noise mislabels some points near the edge, without moving them", () => {
    const d = playground.circle({ numSamples: 1000, noise: 0.5, generator: new Generator(1) });
    let flipped = 0;
    for (let i = 0; i < 1000; i++) if ((Math.hypot(...row(d, i)) < 2.5 ? 1 : 0) !== d.y.data[i]) flipped++;
    expect(flipped).toBeGreaterThan(50);
    expect(Math.max(...Array.from({ length: 1000 }, (_, i) => Math.hypot(...row(d, i))))).toBeLessThanOrEqual(5 + 1e-5);
  });

  it("xor without noise: label 1 iff x·y ≥ 0, points kept 0.3 away from the axes", () => {
    const d = playground.xor({ numSamples: 500, generator: new Generator(2) });
    for (let i = 0; i < 500; i++) {
      const [x, y] = row(d, i);
      expect(d.y.data[i]).toBe(x * y >= 0 ? 1 : 0);
      expect(Math.min(Math.abs(x), Math.abs(y))).toBeGreaterThanOrEqual(0.3 - 1e-6);
    }
  });

  it("gaussian: class means near (2, 2) and (−2, −2); noise widens them", () => {
    const d = playground.gaussian({ numSamples: 2000, generator: new Generator(3) });
    const mean = (label: number, axis: number): number => {
      let s = 0;
      let n = 0;
      for (let i = 0; i < 2000; i++) if (d.y.data[i] === label) { s += d.x.data[2 * i + axis]!; n++; }
      return s / n;
    };
    expect(mean(1, 0)).toBeCloseTo(2, 0);
    expect(mean(0, 1)).toBeCloseTo(-2, 0);
    const spread = (g: Dataset2D): number => Math.sqrt(Array.from({ length: 1000 }, (_, i) => (g.x.data[2 * i]! - 2) ** 2).reduce((a, b) => a + b) / 1000);
    expect(spread(d)).toBeCloseTo(Math.sqrt(0.5), 1);
    expect(spread(playground.gaussian({ numSamples: 2000, noise: 0.5, generator: new Generator(3) }))).toBeCloseTo(2, 0);
  });

  it("spiral without noise follows r = 5 i / (N/2)", () => {
    const d = playground.spiral({ numSamples: 100, generator: new Generator(4) });
    expect(row(d, 0)).toEqual([0, 0]);
    expect(Math.hypot(...row(d, 10))).toBeCloseTo(1, 5);
    expect(Math.hypot(...row(d, 60))).toBeCloseTo(1, 5);
    expect(counts(d.y)).toEqual({ 0: 50, 1: 50 });
  });

  it("regressPlane without noise: target (x + y) / 10; regressGaussian peaks at the bumps", () => {
    const p = playground.regressPlane({ numSamples: 100, generator: new Generator(5) });
    for (let i = 0; i < 100; i++) expect(p.y.data[i]).toBeCloseTo((row(p, i)[0] + row(p, i)[1]) / 10, 5);
    const g = playground.regressGaussian({ numSamples: 2000, generator: new Generator(6) });
    for (let i = 0; i < 2000; i++) {
      const [x, y] = row(g, i);
      if (Math.hypot(x - 4, y - 2.5) < 0.2) expect(g.y.data[i]).toBeGreaterThan(0.85);
      if (Math.hypot(x, y - 2.5) < 0.2) expect(g.y.data[i]).toBeLessThan(-0.85);
    }
  });

  it("rejects bad options, naming the generator", () => {
    expect(() => playground.circle({ numSamples: 0 })).toThrow(/playground.circle: numSamples must be a positive integer, got 0/);
    expect(() => playground.xor({ noise: -1 })).toThrow(/playground.xor: noise must be ≥ 0/);
  });
});

describe("twoMoons", () => {
  it("without noise: points on the two half circles, classes 50/50, shuffled", () => {
    const d = twoMoons({ numSamples: 100, generator: new Generator(0) });
    expect(d.x.shape).toEqual([100, 2]);
    expect(counts(d.y)).toEqual({ 0: 50, 1: 50 });
    for (let i = 0; i < 100; i++) {
      const [x, y] = row(d, i);
      const r = d.y.data[i] === 0 ? Math.hypot(x, y) : Math.hypot(x - 1, y - 0.5);
      expect(r).toBeCloseTo(1, 5);
    }
    expect(Array.from(d.y.data.slice(0, 50))).not.toEqual(new Array(50).fill(0));
  });

  it("unshuffled: outer moon first, starting at (1, 0); the inner moon ends at (0, 0.5)", () => {
    const d = twoMoons({ numSamples: 9, shuffle: false });
    expect(Array.from(d.y.data)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 1]);
    expect(row(d, 0)).toEqual([1, 0]);
    expect(row(d, 4)).toEqual([0, 0.5]);
    expect(row(d, 8)[0]).toBeCloseTo(2, 6);
  });

  it("noise adds Gaussian jitter of that std; seeds reproduce", () => {
    const clean = twoMoons({ numSamples: 1000, generator: new Generator(1) });
    const noisy = twoMoons({ numSamples: 1000, noise: 0.1, generator: new Generator(1) });
    const diff = Array.from(noisy.x.data, (v, i) => v - clean.x.data[i]!);
    const std = Math.sqrt(diff.reduce((a, b) => a + b * b, 0) / diff.length);
    expect(std).toBeCloseTo(0.1, 2);
    expect(Array.from(twoMoons({ numSamples: 1000, noise: 0.1, generator: new Generator(1) }).x.data)).toEqual(Array.from(noisy.x.data));
  });
});

describe("shipped scikit-learn datasets", () => {
  it("loadDigits: 1797 × 64 pixel counts 0..16, class counts as in scikit-learn", () => {
    const d = loadDigits();
    expect(d.x.shape).toEqual([1797, 64]);
    expect(d.y.shape).toEqual([1797]);
    expect(counts(d.y)).toEqual({ 0: 178, 1: 182, 2: 177, 3: 183, 4: 181, 5: 182, 6: 181, 7: 179, 8: 174, 9: 180 });
    expect(Array.from(d.x.data.slice(0, 16))).toEqual([0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0]);
    expect(d.y.data[0]).toBe(0);
    expect(Array.from(d.x.data.slice(1796 * 64, 1796 * 64 + 16))).toEqual([0, 0, 10, 14, 8, 1, 0, 0, 0, 2, 16, 14, 6, 1, 0, 0]);
    expect(d.y.data[1796]).toBe(8);
    expect(d.x.data.reduce((a, b) => a + b, 0)).toBe(561718);
    expect(Math.max(...d.x.data)).toBe(16);
    expect(d.classNames).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
  });

  it("loadDigits returns fresh tensors each call", () => {
    const a = loadDigits();
    a.x.data[0] = 99;
    expect(loadDigits().x.data[0]).toBe(0);
  });

  it("loadIris: 150 × 4, 50 per class, names", () => {
    const d = loadIris();
    expect(d.x.shape).toEqual([150, 4]);
    expect(counts(d.y)).toEqual({ 0: 50, 1: 50, 2: 50 });
    expect(Array.from(d.x.data.slice(0, 4))).toEqual([5.1, 3.5, 1.4, 0.2].map(Math.fround));
    expect(Array.from(d.x.data.slice(596))).toEqual([5.9, 3.0, 5.1, 1.8].map(Math.fround));
    const colSums = [0, 1, 2, 3].map((j) => Array.from({ length: 150 }, (_, i) => d.x.data[4 * i + j]!).reduce((a, b) => a + b));
    [876.5, 458.6, 563.7, 179.9].forEach((s, j) => expect(colSums[j]).toBeCloseTo(s, 3));
    expect(d.classNames).toEqual(["setosa", "versicolor", "virginica"]);
    expect(d.featureNames).toEqual(["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"]);
  });
});
