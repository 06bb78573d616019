/** Backend suite, part 3: batched GEMM with every flag, permute, and the index kernels with their adjoints. */
import { describe, expect, it } from "vitest";
import type { Backend } from "../backend.js";
import { expectArraysClose, matmulRef, randArray, rng, sizeOf, unravel } from "./reference.js";

export function layoutSuite(backend: Backend): void {
  describe("matmul", () => {
    const r = rng(7);
    const dims: [number, number, number, number][] = [
      [1, 3, 4, 5], [2, 3, 4, 5], [3, 1, 6, 2], [2, 5, 1, 3], [1, 4, 4, 1], [1, 17, 33, 9], [2, 8, 16, 64], [1, 2, 3, 0],
    ];
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        it(`transA ${transA}, transB ${transB}, with batch strides, shared operands and accumulation`, () => {
          for (const [batch, m, k, n] of dims) {
            for (const [sharedA, sharedB] of [[false, false], [true, false], [false, true]]) {
              for (const accumulate of [false, true]) {
                const strideA = sharedA ? 0 : m * k;
                const strideB = sharedB ? 0 : k * n;
                const a = randArray(r, (sharedA ? 1 : batch) * m * k);
                const b = randArray(r, (sharedB ? 1 : batch) * k * n);
                const init = randArray(r, batch * m * n);
                const out = init.slice();
                backend.matmul(a, b, out, batch, m, n, k, transA, transB, strideA, strideB, accumulate);
                const expected = matmulRef(a, b, init, batch, m, n, k, transA, transB, strideA, strideB, accumulate);
                expectArraysClose(out, expected, 1e-5, 1e-5, `[${batch},${m},${k},${n}] shared ${sharedA}/${sharedB} acc ${accumulate}`);
              }
            }
          }
        });
      }
    }
    it("k = 0 gives zeros (or leaves out unchanged when accumulating)", () => {
      const out = new Float32Array([5, 6]);
      backend.matmul(new Float32Array(0), new Float32Array(0), out, 1, 1, 2, 0, false, false, 0, 0, true);
      expect(Array.from(out)).toEqual([5, 6]);
      backend.matmul(new Float32Array(0), new Float32Array(0), out, 1, 1, 2, 0, false, false, 0, 0);
      expect(Array.from(out)).toEqual([0, 0]);
    });
    it("propagates NaN and Infinity along the rows and columns they touch", () => {
      for (const [transA, transB] of [[false, false], [true, false], [false, true], [true, true]]) {
        const a = new Float32Array([NaN, 1, 2, 3]); // A[0][0] = NaN (transposed or not, it sits at index 0)
        const b = new Float32Array([1, 2, 3, 4]);
        const out = new Float32Array(4);
        backend.matmul(a, b, out, 1, 2, 2, 2, transA, transB, 0, 0);
        expect([out[0], out[1]], `row 0, flags ${transA}/${transB}`).toEqual([NaN, NaN]);
        expect(Number.isNaN(out[2]!) || Number.isNaN(out[3]!), "row 1").toBe(false);
      }
      const out = new Float32Array(1);
      backend.matmul(new Float32Array([Infinity, 1]), new Float32Array([0, 1]), out, 1, 1, 1, 2, false, false, 0, 0);
      expect(out[0]).toBeNaN(); // ∞·0 = NaN, as IEEE and BLAS give
    });
  });

  describe("permute", () => {
    it("moves axes as the reference index mapping does, for ranks 0 to 5", () => {
      const r = rng(8);
      const cases: [number[], number[]][] = [
        [[], []], [[5], [0]], [[2, 3], [1, 0]], [[2, 3, 4], [2, 0, 1]], [[2, 3, 4], [0, 2, 1]], [[2, 1, 3, 2], [3, 1, 0, 2]],
        [[2, 3, 2, 2, 3], [4, 2, 0, 3, 1]], [[3, 0, 2], [2, 1, 0]],
      ];
      for (const [shape, perm] of cases) {
        const x = randArray(r, sizeOf(shape));
        const outShape = perm.map((p) => shape[p]!);
        const out = new Float32Array(x.length);
        backend.permute(x, shape, perm, out);
        const strides = shape.map((_, d) => sizeOf(shape.slice(d + 1)));
        const expected = Array.from(out, (_, q) => {
          const idx = unravel(q, outShape);
          return x[idx.reduce((off, v, i) => off + v * strides[perm[i]!]!, 0)]!;
        });
        expectArraysClose(out, expected, 0, 0, `permute ${JSON.stringify(shape)} by ${JSON.stringify(perm)}`);
      }
    });
  });

  describe("index kernels", () => {
    const r = rng(9);
    const layouts: [number, number, number][] = [[1, 5, 1], [2, 4, 3], [3, 3, 1], [1, 6, 4]];
    it("indexSelect picks slices; indexAdd adds them back into out, summing repeats", () => {
      for (const [outer, size, inner] of layouts) {
        const index = Int32Array.from([size - 1, 0, size - 1, 1 % size]);
        const x = randArray(r, outer * size * inner);
        const out = new Float32Array(outer * index.length * inner);
        backend.indexSelect(x, outer, size, inner, index, out);
        const at = (o: number, s: number, i: number, n: number): number => (o * n + s) * inner + i;
        const expected = Array.from(out, (_, p) => {
          const [o, j, i] = unravel(p, [outer, index.length, inner]) as [number, number, number];
          return x[at(o, index[j]!, i, size)]!;
        });
        expectArraysClose(out, expected, 0, 0, "indexSelect");
        const base = randArray(r, x.length);
        const acc = base.slice();
        backend.indexAdd(out, outer, size, inner, index, acc);
        const expectedAcc = Array.from(base);
        out.forEach((g, p) => {
          const [o, j, i] = unravel(p, [outer, index.length, inner]) as [number, number, number];
          expectedAcc[at(o, index[j]!, i, size)]! += g;
        });
        expectArraysClose(acc, expectedAcc, 1e-6, 1e-6, "indexAdd");
      }
    });
    it("gather picks per-position indices; scatterAdd adds back into out, summing repeats", () => {
      for (const [outer, size, inner] of layouts) {
        const count = 3;
        const index = Int32Array.from({ length: outer * count * inner }, () => Math.floor(r() * size));
        const x = randArray(r, outer * size * inner);
        const out = new Float32Array(index.length);
        backend.gather(x, outer, size, inner, index, count, out);
        const src = (p: number): number => {
          const [o, , i] = unravel(p, [outer, count, inner]) as [number, number, number];
          return (o * size + index[p]!) * inner + i;
        };
        expectArraysClose(out, Array.from(out, (_, p) => x[src(p)]!), 0, 0, "gather");
        const base = randArray(r, x.length);
        const acc = base.slice();
        backend.scatterAdd(out, outer, size, inner, index, count, acc);
        const expectedAcc = Array.from(base);
        out.forEach((g, p) => (expectedAcc[src(p)]! += g));
        expectArraysClose(acc, expectedAcc, 1e-6, 1e-6, "scatterAdd");
      }
    });
  });
}
