/** The benchmark's workloads, shared by every engine (sizes as in issue 6). */

export const W1 = { layers: [784, 256, 128, 10], batch: 128, lr: 1e-3, batches: 8 } as const;
export const W2 = { layers: [2, 8, 8, 1], batch: 10, lr: 0.1, batches: 8 } as const;
export const W3 = { n: 2048 } as const;
export const W4 = { rows: 1000 } as const;

export type WorkloadName = "W1" | "W2" | "W3" | "W4";

export const UNITS: Record<WorkloadName | "W5", string> = {
  W1: "samples/s", W2: "steps/s", W3: "GFLOP/s", W4: "rows/s", W5: "s",
};

export const DESCRIPTIONS: Record<WorkloadName | "W5", string> = {
  W1: "train MLP 784-256-128-10, ReLU, softmax CE, Adam, batch 128",
  W2: "train MLP 2-8-8-1, tanh, MSE, SGD, batch 10",
  W3: "float32 GEMM n = 2048",
  W4: "forward pass of W1's network, 1000 rows",
  W5: "nabla train --data fashion-mnist --layers 128 --epochs 5 --batch-size 64 --lr 2e-3 --schedule cosine",
};

/** Deterministic pseudo-random floats in [-1, 1) (mulberry32), so every engine sees the same data. */
export function data(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) / 2147483648 - 1;
  }
  return out;
}

/** Class labels 0..classes-1 for `n` rows. */
export function labels(n: number, classes: number, seed: number): Int32Array {
  const u = data(n, seed);
  return Int32Array.from(u, (v) => Math.min(classes - 1, Math.floor(((v + 1) / 2) * classes)));
}
