import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Generator, arange, tensor } from "../index.js";
import { TensorDataset, kFold, trainValTestSplit } from "./index.js";

const sorted = (a: ArrayLike<number>): number[] => Array.from(a).sort((p, q) => p - q);
const count = (labels: number[], idx: Int32Array, c: number): number => Array.from(idx).filter((i) => labels[i] === c).length;

/** Labels 0..classes-1 with the given sizes, sorted by class like many data files. */
function blockLabels(sizes: number[]): number[] {
  return sizes.flatMap((s, c) => new Array<number>(s).fill(c));
}

describe("trainValTestSplit (indices)", () => {
  it("splits into disjoint, complete parts of the requested sizes", () => {
    const { train, val, test } = trainValTestSplit(100, { val: 0.15, test: 0.2, generator: new Generator(0) });
    expect([train.length, val.length, test.length]).toEqual([65, 15, 20]);
    expect(sorted([...train, ...val, ...test])).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it("accepts integer counts and shuffles reproducibly from the seed", () => {
    const a = trainValTestSplit(50, { val: 5, test: 10, generator: new Generator(7) });
    const b = trainValTestSplit(50, { val: 5, test: 10, generator: new Generator(7) });
    const c = trainValTestSplit(50, { val: 5, test: 10, generator: new Generator(8) });
    expect([a.val.length, a.test.length]).toEqual([5, 10]);
    expect(b).toEqual(a);
    expect(c.train).not.toEqual(a.train);
  });

  it("without shuffle, test takes the last rows", () => {
    const { train, val, test } = trainValTestSplit(10, { val: 0.2, test: 0.3, shuffle: false });
    expect(Array.from(train)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(val)).toEqual([5, 6]);
    expect(Array.from(test)).toEqual([7, 8, 9]);
  });

  it("stratified splits keep class proportions", () => {
    const labels = blockLabels([60, 30, 10]);
    const { train, val, test } = trainValTestSplit(100, { val: 0.2, test: 0.3, stratify: labels, generator: new Generator(1) });
    expect([0, 1, 2].map((c) => count(labels, val, c))).toEqual([12, 6, 2]);
    expect([0, 1, 2].map((c) => count(labels, test, c))).toEqual([18, 9, 3]);
    expect([0, 1, 2].map((c) => count(labels, train, c))).toEqual([30, 15, 5]);
    // the classes are mixed again, not left in blocks
    const trainLabels = Array.from(train, (i) => labels[i]);
    expect(trainLabels).not.toEqual(sorted(trainLabels));
  });

  it("stratify accepts a tensor or strings", () => {
    const names = blockLabels([6, 6]).map((c) => (c ? "b" : "a"));
    const s = trainValTestSplit(12, { test: 0.5, stratify: names, generator: new Generator(2) });
    expect(Array.from(s.test).filter((i) => names[i] === "a").length).toBe(3);
    const t = trainValTestSplit(12, { test: 0.5, stratify: tensor(blockLabels([6, 6])), generator: new Generator(2) });
    expect(t).toEqual(s);
  });

  it("rejects bad fractions, naming the option", () => {
    expect(() => trainValTestSplit(10, { val: -0.1 })).toThrow(/val must be a fraction in \[0, 1\) or an integer count ≥ 1, got -0.1/);
    expect(() => trainValTestSplit(10, { test: 1.5 })).toThrow(/test must be a fraction .* got 1.5/);
    expect(() => trainValTestSplit(10, { val: 0.5, test: 0.5 })).toThrow(/leave 0 of 10 rows for training/);
    expect(() => trainValTestSplit(10, { test: 11 })).toThrow(/test asks for 11 rows but there are only 10/);
    expect(() => trainValTestSplit(10, { test: 0.2, stratify: [0, 1] })).toThrow(/stratify has 2 labels, expected 10/);
  });
});

describe("trainValTestSplit (tensors and datasets)", () => {
  const x = arange(20).unsqueeze(1).mul(tensor([1, -1]));
  const y = arange(20).gt(9);

  it("splits tensors row-aligned and returns the indices", () => {
    const s = trainValTestSplit([x, y], { val: 0.25, test: 0.25, stratify: y, generator: new Generator(3) });
    expect(s.train[0]!.shape).toEqual([10, 2]);
    expect(s.val[1]!.shape).toEqual([5]);
    expect(Array.from(s.test[0]!.select(1, 0).data)).toEqual(Array.from(s.indices.test));
    expect(Array.from(s.test[1]!.data)).toEqual(Array.from(s.indices.test, (i) => (i > 9 ? 1 : 0)));
    const ones = Array.from(s.val[1]!.data).filter((v) => v === 1).length;
    expect([2, 3]).toContain(ones);
  });

  it("splits a TensorDataset into TensorDatasets", () => {
    const s = trainValTestSplit(new TensorDataset(x, y), { test: 0.1, generator: new Generator(4) });
    expect(s.train).toBeInstanceOf(TensorDataset);
    expect([s.train.length, s.val.length, s.test.length]).toEqual([18, 0, 2]);
    expect(Array.from(s.test.tensors[0]!.select(1, 0).data)).toEqual(Array.from(s.indices.test));
  });

  it("rejects tensors with different row counts", () => {
    expect(() => trainValTestSplit([x, arange(19)], { test: 0.1 })).toThrow(/trainValTestSplit: tensor 1 has 19 rows/);
  });
});

describe("kFold", () => {
  it("validates every row in exactly one fold and trains on the rest", () => {
    const folds = kFold(10, 3, { generator: new Generator(0) });
    expect(folds.map((f) => f.val.length)).toEqual([4, 3, 3]);
    expect(sorted(folds.flatMap((f) => Array.from(f.val)))).toEqual(Array.from({ length: 10 }, (_, i) => i));
    for (const f of folds) expect(sorted([...f.train, ...f.val])).toEqual(Array.from({ length: 10 }, (_, i) => i));
  });

  it("without shuffle, folds are contiguous like scikit-learn's KFold", () => {
    const folds = kFold(5, 2, { shuffle: false });
    expect(folds.map((f) => Array.from(f.val))).toEqual([[0, 1, 2], [3, 4]]);
    expect(Array.from(folds[1]!.train)).toEqual([0, 1, 2]);
  });

  it("stratified folds keep class proportions", () => {
    const labels = blockLabels([50, 30, 20]);
    const folds = kFold(100, 5, { stratify: labels, generator: new Generator(5) });
    for (const f of folds) expect([0, 1, 2].map((c) => count(labels, f.val, c))).toEqual([10, 6, 4]);
  });

  it("rejects a bad k", () => {
    expect(() => kFold(10, 1)).toThrow(/k must be an integer in \[2, n\] = \[2, 10\], got k=1/);
    expect(() => kFold(3, 4)).toThrow(/got k=4/);
    expect(() => kFold(10, 2.5)).toThrow(/got k=2.5/);
  });
});

describe("split properties", () => {
  const labelsArb = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 2, maxLength: 120 });

  it("trainValTestSplit: parts are disjoint, complete, sized by rounding, and stratified within ±1 per class", () => {
    fc.assert(
      fc.property(labelsArb, fc.double({ min: 0, max: 0.45, noNaN: true }), fc.double({ min: 0, max: 0.45, noNaN: true }), fc.boolean(), fc.integer(), (labels, val, test, strat, seed) => {
        const n = labels.length;
        const nVal = Math.round(val * n);
        const nTest = Math.round(test * n);
        fc.pre(n - nVal - nTest >= 1);
        const s = trainValTestSplit(n, { val, test, stratify: strat ? labels : undefined, generator: new Generator(seed) });
        expect([s.val.length, s.test.length, s.train.length]).toEqual([nVal, nTest, n - nVal - nTest]);
        expect(sorted([...s.train, ...s.val, ...s.test])).toEqual(Array.from({ length: n }, (_, i) => i));
        if (strat) {
          for (const c of new Set(labels)) {
            const size = labels.filter((l) => l === c).length;
            expect(Math.abs(count(labels, s.val, c) - (size * nVal) / n)).toBeLessThan(1);
            expect(Math.abs(count(labels, s.test, c) - (size * nTest) / n)).toBeLessThan(1);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("kFold: every row validated exactly once, folds within ±1 in size and (stratified) per class", () => {
    fc.assert(
      fc.property(labelsArb, fc.integer({ min: 2, max: 10 }), fc.boolean(), fc.boolean(), fc.integer(), (labels, k, strat, shuffle, seed) => {
        const n = labels.length;
        fc.pre(k <= n);
        const folds = kFold(n, k, { shuffle, stratify: strat ? labels : undefined, generator: new Generator(seed) });
        expect(folds.length).toBe(k);
        expect(sorted(folds.flatMap((f) => Array.from(f.val)))).toEqual(Array.from({ length: n }, (_, i) => i));
        for (const f of folds) {
          expect(f.train.length + f.val.length).toBe(n);
          expect(new Set([...f.train, ...f.val]).size).toBe(n);
          expect(Math.abs(f.val.length - n / k)).toBeLessThan(1);
          if (strat) {
            for (const c of new Set(labels)) {
              const size = labels.filter((l) => l === c).length;
              expect(Math.abs(count(labels, f.val, c) - size / k)).toBeLessThan(1);
            }
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
