/** Backend suite, part 2: reductions, arg-reductions and softmax over the middle axis of [outer, size, inner]. */
import { describe, expect, it } from "vitest";
import type { Backend, ReduceOp } from "../backend.js";
import { expectArraysClose, randArray, reduceRef, rng } from "./reference.js";

/** [outer, size, inner] layouts: contiguous rows (inner 1), strided columns, size 1, a long row. */
const layouts: [number, number, number][] = [[1, 7, 1], [3, 5, 1], [2, 4, 3], [1, 6, 4], [4, 1, 2], [5, 3, 1], [1, 1, 1], [2, 257, 1]];

export function reduceSuite(backend: Backend): void {
  describe("reduce", () => {
    const r = rng(4);
    for (const op of ["sum", "max", "min", "prod"] as ReduceOp[]) {
      it(op, () => {
        for (const [outer, size, inner] of layouts) {
          const x = randArray(r, outer * size * inner, op === "prod" ? 0.5 : -2, op === "prod" ? 1.5 : 2);
          const out = new Float32Array(outer * inner);
          backend.reduce(op, x, outer, size, inner, out);
          expectArraysClose(out, reduceRef(op, x, outer, size, inner), 1e-5, 1e-5, `${op} [${outer},${size},${inner}]`);
        }
      });
    }
    it("max and min propagate NaN wherever it sits; sum and prod too", () => {
      for (const [outer, size, inner] of [[1, 5, 1], [2, 3, 2]] as const) {
        for (let pos = 0; pos < size; pos++) {
          const x = randArray(r, outer * size * inner);
          x[pos * inner] = NaN; // in the first output's reduction
          for (const op of ["sum", "max", "min", "prod"] as ReduceOp[]) {
            const out = new Float32Array(outer * inner);
            backend.reduce(op, x, outer, size, inner, out);
            expect(out[0], `${op} NaN at ${pos}`).toBeNaN();
            if (outer * inner > 1) expect(out[1], `${op} other output`).not.toBeNaN();
          }
        }
      }
    });
    it("sums many values accurately (float64 accumulation or better)", () => {
      const n = 100_000;
      const x = new Float32Array(n).fill(0.1);
      const out = new Float32Array(1);
      backend.reduce("sum", x, 1, n, 1, out);
      expect(Math.abs(out[0]! - n * Math.fround(0.1))).toBeLessThan(0.01);
    });
  });

  describe("argReduce", () => {
    it("gives the index of the extreme, the first on ties, and NaN as the extreme", () => {
      const r = rng(5);
      for (const [outer, size, inner] of layouts) {
        const x = randArray(r, outer * size * inner);
        for (const op of ["argmax", "argmin"] as const) {
          const out = new Float32Array(outer * inner);
          backend.argReduce(op, x, outer, size, inner, out);
          const values = reduceRef(op === "argmax" ? "max" : "min", x, outer, size, inner);
          const expected = values.map((v, q) => {
            const [o, i] = [Math.floor(q / inner), q % inner];
            for (let s = 0; s < size; s++) if (x[(o * size + s) * inner + i] === v) return s;
            return -1;
          });
          expect(Array.from(out), `${op} [${outer},${size},${inner}]`).toEqual(expected);
        }
      }
      const run = (op: "argmax" | "argmin", values: number[]): number => {
        const out = new Float32Array(1);
        backend.argReduce(op, Float32Array.from(values), 1, values.length, 1, out);
        return out[0]!;
      };
      expect(run("argmax", [1, 3, 3, 2])).toBe(1);
      expect(run("argmin", [2, 0, 5, 0])).toBe(1);
      expect(run("argmax", [1, NaN, 5, NaN])).toBe(1);
      expect(run("argmin", [NaN, -1])).toBe(0);
    });
  });

  describe("softmax", () => {
    const ref = (x: Float32Array, outer: number, size: number, inner: number, log: boolean): number[] => {
      const out = new Array<number>(x.length);
      for (let o = 0; o < outer; o++) {
        for (let i = 0; i < inner; i++) {
          const at = (s: number): number => (o * size + s) * inner + i;
          let m = -Infinity;
          for (let s = 0; s < size; s++) m = Math.max(m, x[at(s)]!);
          let z = 0;
          for (let s = 0; s < size; s++) z += Math.exp(x[at(s)]! - m);
          for (let s = 0; s < size; s++) out[at(s)] = log ? x[at(s)]! - m - Math.log(z) : Math.exp(x[at(s)]! - m) / z;
        }
      }
      return out;
    };
    for (const log of [false, true]) {
      it(log ? "log-softmax" : "softmax", () => {
        const r = rng(6);
        for (const [outer, size, inner] of layouts) {
          const x = randArray(r, outer * size * inner, -5, 5);
          const out = new Float32Array(x.length);
          backend.softmax(x, outer, size, inner, out, log);
          expectArraysClose(out, ref(x, outer, size, inner, log), 1e-5, 1e-6, `[${outer},${size},${inner}]`);
        }
      });
    }
    it("is stable for large values and gives 0 probability to -Infinity", () => {
      const x = new Float32Array([1000, 1001, -Infinity, 999]);
      const out = new Float32Array(4);
      backend.softmax(x, 1, 4, 1, out, false);
      expectArraysClose(out, ref(new Float32Array([1, 2, -Infinity, 0]), 1, 4, 1, false), 1e-6, 1e-7);
      expect(out[2]).toBe(0);
      backend.softmax(x, 1, 4, 1, out, true);
      expect(out[2]).toBe(-Infinity);
      expect(out[1]).toBeCloseTo(-Math.log(1 + Math.exp(-1) + Math.exp(-2)), 5);
    });
    it("propagates NaN within its slice only", () => {
      const x = new Float32Array([NaN, 1, 2, 3]);
      const out = new Float32Array(4);
      backend.softmax(x, 2, 2, 1, out, false);
      expect([out[0], out[1]]).toEqual([NaN, NaN]);
      expectArraysClose(out.subarray(2), ref(new Float32Array([2, 3]), 1, 2, 1, false));
    });
  });
}
