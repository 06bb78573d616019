/** Test helpers for nn: reading the PyTorch fixtures and comparing tensors with them. */
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { Tensor, tensor } from "../../tensor/index.js";

/** A tensor in fixture JSON; non-finite values are the strings "nan", "inf", "-inf". */
export interface JsonTensor {
  shape: number[];
  data: (number | string)[];
}

const num = (v: number | string): number => (typeof v === "number" ? v : Number(v.replace("inf", "Infinity")));

/** Parses src/nn/__fixtures__/<name>. */
export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), "utf8")) as T;
}

/** A float32 tensor from fixture JSON. */
export function fromJson(t: JsonTensor, requiresGrad = false): Tensor {
  return tensor(Float32Array.from(t.data, num), { shape: t.shape, requiresGrad });
}

/** Asserts equal shapes and |a − e| ≤ atol + rtol·|e| elementwise (NaN matches NaN), naming the first mismatch. */
export function expectClose(actual: Tensor | null | undefined, expected: JsonTensor, label: string, rtol = 1e-5, atol = 1e-6): void {
  expect(actual, `${label}: missing`).toBeTruthy();
  const a = actual!;
  expect(a.shape, `${label}: shape`).toEqual(expected.shape);
  for (let i = 0; i < a.size; i++) {
    const got = a.data[i]!;
    const want = num(expected.data[i]!);
    const ok = Number.isNaN(want) ? Number.isNaN(got) : !Number.isFinite(want) ? got === want : Math.abs(got - want) <= atol + rtol * Math.abs(want);
    if (!ok) expect.fail(`${label}: element ${i} is ${got}, PyTorch gives ${want} (rtol ${rtol}, atol ${atol})`);
  }
}
