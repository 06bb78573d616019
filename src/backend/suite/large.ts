/**
 * Backend suite, part 5: the same kernels on operands large enough to take the fast paths (SIMD loops,
 * blocked GEMM across several cache blocks, BLAS), which small operands may bypass.
 */
import { describe, expect, it } from "vitest";
import type { Backend, BinaryOp, ReduceOp, UnaryOp } from "../backend.js";
import { jsBackend } from "../js/index.js";
import { expectArraysClose, matmulRef, randArray, reduceRef, rng } from "./reference.js";

const SPECIAL = [0, -0, 0.5, -0.5, 2.5, -2.5, 1e-30, -1e-30, 50, -50, 100, -100, 1e-40, Infinity, -Infinity, NaN];

export function largeSuite(backend: Backend): void {
  describe("large operands", () => {
    const r = rng(12);
    const unaryOps: [UnaryOp, number?, number?, boolean?][] = [
      ["neg"], ["abs"], ["square"], ["sqrt", 0, 0, true], ["rsqrt", 0, 0, true], ["reciprocal"], ["relu"], ["exp"], ["log", 0, 0, true],
      ["tanh"], ["sigmoid"], ["silu"], ["addScalar", 0.75], ["mulScalar", -1.5], ["clamp", -0.5, 1.25], ["leakyRelu", 0.1],
      ["heaviside"], ["floor"], ["ceil"], ["round"], ["sign"], ["isNan"], ["isFinite"], ["gelu"], ["softplus", 1, 20],
    ];
    it("unary ops on 1,000+ values agree with the JS backend (specials included)", () => {
      for (const [op, a, b, pos] of unaryOps) {
        const x = randArray(r, 1037, pos ? 0.01 : -12, 12);
        x.set(SPECIAL.map((v) => (pos && v < 0 ? -v : v)), 500);
        const out = new Float32Array(x.length);
        const ref = new Float32Array(x.length);
        backend.unary(op, x, out, a, b);
        jsBackend.unary(op, x, ref, a, b);
        expectArraysClose(out, ref, 4e-6, 1e-30, op);
      }
    });
    it("binary ops: same shape, a broadcast row, a broadcast scalar, on either side", () => {
      const ops: BinaryOp[] = ["add", "sub", "mul", "div", "maximum", "minimum", "eq", "ne", "lt", "le", "gt", "ge", "pow"];
      const cases: [number[], number[], number[]][] = [
        [[37, 29], [37, 29], [37, 29]], [[37, 29], [29], [37, 29]], [[29], [37, 29], [37, 29]],
        [[600], [], [600]], [[], [600], [600]], [[5, 7, 40], [7, 40], [5, 7, 40]], [[40, 30], [40, 1], [40, 30]],
      ];
      for (const op of ops) {
        for (const [sa, sb, so] of cases) {
          const n = so.reduce((p, d) => p * d, 1);
          const a = randArray(r, sa.reduce((p, d) => p * d, 1), op === "pow" ? 0.1 : -2, 2);
          const b = randArray(r, sb.reduce((p, d) => p * d, 1));
          if (a.length > 3 && b.length > 3) { a[1] = b[1]!; a[2] = NaN; b[3] = NaN; }
          const out = new Float32Array(n);
          const ref = new Float32Array(n);
          backend.binary(op, a, sa, b, sb, out, so);
          jsBackend.binary(op, a, sa, b, sb, ref, so);
          expectArraysClose(out, ref, 2e-6, 1e-30, `${op} ${JSON.stringify(sa)} ${JSON.stringify(sb)}`);
        }
      }
    });
    it("reductions over long rows and wide strided slabs", () => {
      const layouts: [number, number, number][] = [[3, 700, 1], [1, 100_003, 1], [4, 300, 7], [2, 130, 64], [1, 2000, 3]];
      for (const op of ["sum", "max", "min"] as ReduceOp[]) {
        for (const [outer, size, inner] of layouts) {
          const x = randArray(r, outer * size * inner);
          const out = new Float32Array(outer * inner);
          backend.reduce(op, x, outer, size, inner, out);
          expectArraysClose(out, reduceRef(op, x, outer, size, inner), 1e-5, 1e-4, `${op} [${outer},${size},${inner}]`);
          x[inner * 5] = NaN;
          backend.reduce(op, x, outer, size, inner, out);
          expect(out[0], `${op} NaN`).toBeNaN();
        }
      }
    });
    it("softmax and log-softmax over many rows", () => {
      for (const log of [false, true]) {
        const [rows, n] = [50, 37];
        const x = randArray(r, rows * n, -20, 20);
        x[3] = -Infinity;
        const out = new Float32Array(x.length);
        const ref = new Float32Array(x.length);
        backend.softmax(x, rows, n, 1, out, log);
        jsBackend.softmax(x, rows, n, 1, ref, log);
        expectArraysClose(out, ref, 1e-5, 1e-6, log ? "log-softmax" : "softmax");
      }
    });
    it("GEMM across cache blocks, edge tiles, batches and every flag", () => {
      const dims: [number, number, number, number][] = [
        [1, 37, 70, 45], [3, 20, 33, 17], [1, 70, 800, 90], [1, 9, 20, 1100], [2, 130, 5, 66], [1, 600, 40, 3],
      ];
      for (const [batch, m, k, n] of dims) {
        for (const transA of [false, true]) {
          for (const transB of [false, true]) {
            const accumulate = (m + k + (transA ? 1 : 0)) % 2 === 0;
            const shared = batch > 1 && transB;
            const strideB = shared ? 0 : k * n;
            const a = randArray(r, batch * m * k);
            const b = randArray(r, (shared ? 1 : batch) * k * n);
            const init = randArray(r, batch * m * n);
            const out = init.slice();
            backend.matmul(a, b, out, batch, m, n, k, transA, transB, m * k, strideB, accumulate);
            const expected = matmulRef(a, b, init, batch, m, n, k, transA, transB, m * k, strideB, accumulate);
            expectArraysClose(out, expected, 1e-4, 1e-4, `[${batch},${m},${k},${n}] ${transA}/${transB} acc ${accumulate}`);
          }
        }
      }
    });
    it("GEMM and linear on network-sized operands: several k blocks, power-of-two strides, any thread count, same bits", () => {
      // k = 900 spans three of the native kernel's k blocks; k = 1024 and m = 256 (transposed A) put rows a multiple
      // of 1 KiB apart, where the kernel copies A panels first; 1e6+ multiply-adds split across threads
      const dims: [number, number, number, boolean, boolean][] = [
        [300, 900, 70, false, true], [64, 1024, 96, false, false], [256, 128, 300, true, false], [45, 512, 1000, true, true],
      ];
      for (const [m, k, n, transA, transB] of dims) {
        const a = randArray(r, m * k);
        const b = randArray(r, k * n);
        const init = randArray(r, m * n);
        const results: Float32Array[] = [];
        for (const threads of [1, 2, 3]) {
          backend.setNumThreads?.(threads);
          const out = init.slice();
          backend.matmul(a, b, out, 1, m, n, k, transA, transB, 0, 0, true);
          results.push(out);
        }
        backend.setNumThreads?.(2);
        const expected = matmulRef(a, b, init, 1, m, n, k, transA, transB, 0, 0, true);
        expectArraysClose(results[0]!, expected, 1e-4, 1e-4, `[${m},${k},${n}] ${transA}/${transB}`);
        expect(results[1], "2 threads").toEqual(results[0]);
        expect(results[2], "3 threads").toEqual(results[0]);
      }
      const [rows, inF, outF] = [200, 600, 130];
      const x = randArray(r, rows * inF);
      x[inF * 7 + 3] = NaN; // row 7 is NaN throughout, through ReLU too
      const w = randArray(r, outF * inF);
      const bias = randArray(r, outF);
      for (const act of ["none", "relu"] as const) {
        const out = new Float32Array(rows * outF).fill(NaN);
        backend.linear(x, w, bias, out, rows, inF, outF, act);
        const prod = matmulRef(x, w, new Float32Array(rows * outF), 1, rows, outF, inF, false, true, 0, 0, false);
        const expected = prod.map((v, q) => (act === "relu" ? (v + bias[q % outF]! <= 0 ? 0 : v + bias[q % outF]!) : v + bias[q % outF]!));
        expectArraysClose(out, expected, 1e-4, 1e-4, `linear ${act}`);
        expect(Number.isNaN(out[7 * outF + 5]!), `NaN row after ${act}`).toBe(true);
      }
    });
  });
}
