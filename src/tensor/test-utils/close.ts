/** Test helpers: elementwise closeness with NaN/Infinity handling, and reading JSON tensors. */
import { expect } from "vitest";
import { Tensor, tensor } from "../index.js";

/** A number in fixture JSON: finite, or { float: "inf" | "-inf" | "nan" }. */
export type JsonNum = number | { float: "inf" | "-inf" | "nan" };
export interface JsonTensor {
  shape: number[];
  data: JsonNum[];
  grad?: boolean;
}

export function jsonNum(v: JsonNum): number {
  if (typeof v === "number") return v;
  return v.float === "nan" ? NaN : v.float === "inf" ? Infinity : -Infinity;
}

/** A tensor from fixture JSON (float32; index and mask tensors become float values). */
export function fromJson(t: JsonTensor): Tensor {
  return tensor(Float32Array.from(t.data, jsonNum), { shape: t.shape, requiresGrad: t.grad ?? false });
}

/** |a − e| ≤ atol + rtol·|e|, with NaN matching NaN and infinities matching exactly. */
export function isClose(a: number, e: number, rtol: number, atol: number): boolean {
  if (Number.isNaN(e)) return Number.isNaN(a);
  if (!Number.isFinite(e)) return a === e;
  return Math.abs(a - e) <= atol + rtol * Math.abs(e);
}

/** Asserts shape equality and elementwise closeness, reporting the first differing element. */
export function expectClose(
  actual: Tensor, expected: { shape: readonly number[]; data: ArrayLike<JsonNum> },
  rtol = 1e-5, atol = 1e-6, label = "",
): void {
  expect(actual.shape, `${label} shape`).toEqual(expected.shape);
  for (let i = 0; i < actual.size; i++) {
    const a = actual.data[i]!;
    const e = jsonNum(expected.data[i]!);
    if (!isClose(a, e, rtol, atol)) {
      expect.fail(`${label} element ${i}: got ${a}, expected ${e} (rtol ${rtol}, atol ${atol})`);
    }
  }
}

/** Asserts a tensor's values equal the nested array (after float32 rounding) within a tolerance. */
export function expectValues(actual: Tensor, expected: number[] | number, atol = 1e-6): void {
  const e = tensor(expected);
  expectClose(actual, { shape: e.shape, data: e.data }, 0, atol);
}
