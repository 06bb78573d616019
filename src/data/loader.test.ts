import { describe, expect, it } from "vitest";
import { Generator, arange, tensor, type Tensor } from "../index.js";
import { DataLoader, Subset, TensorDataset, type Dataset } from "./index.js";

const rowsOf = (t: Tensor): number[] => Array.from(t.data);

function epochRows(loader: DataLoader): number[] {
  const seen: number[] = [];
  for (const [x] of loader) seen.push(...rowsOf(x!.select(1, 0)));
  return seen;
}

// x row i is [i, 10 i]; y row i is i % 3.
const n = 10;
const x = arange(n).unsqueeze(1).mul(tensor([1, 10]));
const y = arange(n).sub(arange(n).div(3).floor().mul(3));

describe("TensorDataset", () => {
  it("returns row i of every tensor", () => {
    const ds = new TensorDataset(x, y);
    expect(ds.length).toBe(10);
    const [xi, yi] = ds.get(4);
    expect(xi!.shape).toEqual([2]);
    expect(rowsOf(xi!)).toEqual([4, 40]);
    expect(yi!.item()).toBe(1);
    expect(rowsOf(ds.get(-1)[0]!)).toEqual([9, 90]);
  });

  it("rejects tensors of different lengths, naming both shapes", () => {
    expect(() => new TensorDataset(x, arange(9))).toThrow(/tensor 1 has 9 rows \(shape \[9\]\), expected 10 like tensor 0 \(shape \[10, 2\]\)/);
    expect(() => new TensorDataset()).toThrow(/at least one tensor/);
    expect(() => new TensorDataset(x).get(10)).toThrow(/index 10 is out of range for a dataset of 10 rows/);
  });

  it("subset and Subset pick rows by index", () => {
    const ds = new TensorDataset(x, y);
    expect(rowsOf(ds.subset([3, 1]).tensors[0]!)).toEqual([3, 30, 1, 10]);
    const sub = new Subset(ds, [7, 2]);
    expect(sub.length).toBe(2);
    expect(rowsOf(sub.get(0)[0]!)).toEqual([7, 70]);
    expect(() => new Subset(ds, [10])).toThrow(/index 10 at position 0 is out of range/);
  });
});

describe("DataLoader", () => {
  it("yields ceil(N/B) batches in order, the last one short", () => {
    const loader = new DataLoader(new TensorDataset(x, y), { batchSize: 4 });
    expect(loader.length).toBe(3);
    const batches = [...loader];
    expect(batches.map(([bx]) => bx!.shape)).toEqual([[4, 2], [4, 2], [2, 2]]);
    expect(batches.map(([, by]) => by!.shape)).toEqual([[4], [4], [2]]);
    expect(epochRows(loader)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(rowsOf(batches[2]![1]!)).toEqual([2, 0]);
  });

  it("dropLast drops the short batch", () => {
    const loader = new DataLoader(new TensorDataset(x, y), { batchSize: 4, dropLast: true });
    expect(loader.length).toBe(2);
    expect([...loader].map(([bx]) => bx!.shape[0])).toEqual([4, 4]);
    expect(new DataLoader(new TensorDataset(x), { batchSize: 11, dropLast: true }).length).toBe(0);
    expect([...new DataLoader(new TensorDataset(x), { batchSize: 11, dropLast: true })]).toEqual([]);
  });

  it("batch, mini-batch and stochastic modes are batch sizes", () => {
    const ds = new TensorDataset(x, y);
    expect([...new DataLoader(ds, { batchSize: n })].map(([b]) => b!.shape[0])).toEqual([10]);
    expect([...new DataLoader(ds, { batchSize: 3 })].map(([b]) => b!.shape[0])).toEqual([3, 3, 3, 1]);
    const sgd = [...new DataLoader(ds)];
    expect(sgd.length).toBe(10);
    expect(sgd[0]![0]!.shape).toEqual([1, 2]);
  });

  it("shuffles: every row once per epoch, a new order each epoch, the same sequence for the same seed", () => {
    const ds = new TensorDataset(arange(100).unsqueeze(1));
    const a = new DataLoader(ds, { batchSize: 7, shuffle: true, generator: new Generator(42) });
    const b = new DataLoader(ds, { batchSize: 7, shuffle: true, generator: new Generator(42) });
    const a1 = epochRows(a);
    const a2 = epochRows(a);
    expect([...a1].sort((p, q) => p - q)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect([...a2].sort((p, q) => p - q)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(a1).not.toEqual(a2);
    expect(a1).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(epochRows(b)).toEqual(a1);
    expect(epochRows(b)).toEqual(a2);
    const c = new DataLoader(ds, { batchSize: 7, shuffle: true, generator: new Generator(43) });
    expect(epochRows(c)).not.toEqual(a1);
  });

  it("keeps x and y rows aligned when shuffling", () => {
    const loader = new DataLoader(new TensorDataset(x, y), { batchSize: 3, shuffle: true, generator: new Generator(1) });
    for (const [bx, by] of loader) {
      const xs = rowsOf(bx!.select(1, 0));
      expect(rowsOf(by!)).toEqual(xs.map((i) => i % 3));
      expect(rowsOf(bx!.select(1, 1))).toEqual(xs.map((i) => 10 * i));
    }
  });

  it("stacks rows of a dataset without getBatch", () => {
    const squares: Dataset = { length: 5, get: (i) => [tensor([i, i * i]), tensor(i % 2)] };
    const [bx, by] = [...new DataLoader(squares, { batchSize: 5 })][0]!;
    expect(bx!.shape).toEqual([5, 2]);
    expect(rowsOf(bx!)).toEqual([0, 0, 1, 1, 2, 4, 3, 9, 4, 16]);
    expect(rowsOf(by!)).toEqual([0, 1, 0, 1, 0]);
  });

  it("rejects a bad batchSize", () => {
    const ds = new TensorDataset(x);
    expect(() => new DataLoader(ds, { batchSize: 0 })).toThrow(/batchSize must be a positive integer, got 0/);
    expect(() => new DataLoader(ds, { batchSize: 2.5 })).toThrow(/got 2.5/);
  });
});
