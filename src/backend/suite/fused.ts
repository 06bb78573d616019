/** Backend suite, part 4: the fused kernels (linear layer, activation gradients, cross-entropy gradient, Adam). */
import { describe, expect, it } from "vitest";
import type { Activation, AdamHyper, Backend } from "../backend.js";
import { expectArraysClose, matmulRef, randArray, rng } from "./reference.js";

const acts: Record<Activation, (z: number) => number> = {
  none: (z) => z, relu: (z) => Math.max(z, 0), tanh: Math.tanh, sigmoid: (z) => 1 / (1 + Math.exp(-z)),
};
const actGrads: Record<Activation, (y: number) => number> = {
  none: () => 1, relu: (y) => (y > 0 ? 1 : 0), tanh: (y) => 1 - y * y, sigmoid: (y) => y * (1 - y),
};

/** Adam in float64 from the formula in backend.ts. */
function adamRef(p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, vmax: Float32Array | null, h: AdamHyper) {
  const P = Array.from(p), M = Array.from(m), V = Array.from(v), VM = vmax ? Array.from(vmax) : null;
  for (let i = 0; i < P.length; i++) {
    P[i] = P[i]! * h.shrink;
    const gi = h.sign * g[i]! + h.l2 * P[i]!;
    M[i] = h.beta1 * M[i]! + (1 - h.beta1) * gi;
    V[i] = h.beta2 * V[i]! + (1 - h.beta2) * gi * gi;
    let vm = V[i]!;
    if (VM) vm = VM[i] = Math.max(VM[i]!, V[i]!);
    P[i] = P[i]! - (h.stepSize * M[i]!) / (Math.sqrt(vm) / h.bc2Sqrt + h.eps);
  }
  return { P, M, V, VM };
}

export function fusedSuite(backend: Backend): void {
  describe("fused kernels", () => {
    const r = rng(11);
    // small shapes run the reference loops in some backends, large ones their SIMD or BLAS code
    const shapes: [number, number, number][] = [[3, 4, 5], [10, 2, 8], [64, 33, 17], [128, 200, 70], [7, 1, 1]];
    for (const act of Object.keys(acts) as Activation[]) {
      it(`linear with ${act}, with and without bias`, () => {
        for (const [rows, inF, outF] of shapes) {
          for (const withBias of [true, false]) {
            const x = randArray(r, rows * inF);
            const w = randArray(r, outF * inF);
            const bias = withBias ? randArray(r, outF) : null;
            const out = new Float32Array(rows * outF).fill(NaN); // must be overwritten
            backend.linear(x, w, bias, out, rows, inF, outF, act);
            const prod = matmulRef(x, w, new Float32Array(rows * outF), 1, rows, outF, inF, false, true, 0, 0, false);
            const expected = prod.map((v, q) => acts[act](v + (bias ? bias[q % outF]! : 0)));
            // float32 accumulation over inF terms of size ~1 (the JS backend accumulates in float64)
            expectArraysClose(out, expected, 1e-5, 1e-5 + 1e-6 * inF, `linear ${act} [${rows},${inF},${outF}] bias ${withBias}`);
          }
        }
      });
      it(`activationGrad of ${act}`, () => {
        for (const n of [5, 1000, 4099]) {
          const z = randArray(r, n, -3, 3);
          z[0] = 0; // relu's kink: gradient 0 there, as PyTorch
          const y = Float32Array.from(z, acts[act]);
          const g = randArray(r, n);
          const out = new Float32Array(n);
          backend.activationGrad(act, g, y, out);
          expectArraysClose(out, Array.from(g, (gv, i) => gv * actGrads[act](y[i]!)), 1e-6, 1e-7, `${act} n=${n}`);
        }
      });
    }
    it("crossEntropyGrad is scale·(softmax − one-hot), zero on rows with scale 0", () => {
      for (const [rows, classes] of [[4, 3], [128, 10], [3, 700]] as const) {
        const x = randArray(r, rows * classes, -4, 4);
        const logp = new Float32Array(x.length);
        for (let i = 0; i < rows; i++) {
          const row = Array.from(x.subarray(i * classes, (i + 1) * classes));
          const m = Math.max(...row);
          const lse = m + Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0));
          row.forEach((v, c) => (logp[i * classes + c] = v - lse));
        }
        const target = Int32Array.from({ length: rows }, () => Math.floor(r() * classes));
        const scale = randArray(r, rows);
        scale[rows - 1] = 0;
        const out = new Float32Array(x.length);
        backend.crossEntropyGrad(logp, target, scale, rows, classes, out);
        const expected = Array.from(out, (_, q) => {
          const [i, c] = [Math.floor(q / classes), q % classes];
          return scale[i]! * (Math.exp(logp[q]!) - (c === target[i] ? 1 : 0));
        });
        expectArraysClose(out, expected, 1e-5, 1e-7, `[${rows},${classes}]`);
      }
    });
    for (const amsgrad of [false, true]) {
      it(`adam${amsgrad ? " (AMSGrad)" : ""} with L2 and decoupled decay`, () => {
        for (const n of [7, 1000, 4101]) {
          for (const h of [
            { beta1: 0.9, beta2: 0.999, eps: 1e-8, stepSize: 1e-3 / (1 - 0.9 ** 3), bc2Sqrt: Math.sqrt(1 - 0.999 ** 3), l2: 0.01, shrink: 1, sign: 1 },
            { beta1: 0.8, beta2: 0.99, eps: 1e-6, stepSize: 0.02, bc2Sqrt: 0.3, l2: 0, shrink: 1 - 0.02 * 0.1, sign: -1 },
          ]) {
            const p = randArray(r, n), g = randArray(r, n), m = randArray(r, n, -0.1, 0.1), v = randArray(r, n, 0, 0.05);
            const vmax = amsgrad ? randArray(r, n, 0, 0.05) : null;
            const ref = adamRef(p, g, m, v, vmax, h);
            backend.adam(p, g, m, v, vmax, h);
            expectArraysClose(p, ref.P, 1e-5, 1e-6, `p n=${n}`);
            expectArraysClose(m, ref.M, 1e-5, 1e-7, `m n=${n}`);
            expectArraysClose(v, ref.V, 1e-5, 1e-8, `v n=${n}`);
            if (vmax) expectArraysClose(vmax, ref.VM!, 1e-5, 1e-8, `vmax n=${n}`);
          }
        }
      });
    }
    it("arrays from allocPersistent work as operands, in-place state and outputs", () => {
      const alloc = (n: number): Float32Array => backend.allocPersistent?.(n) ?? new Float32Array(n);
      const [rows, inF, outF] = [64, 120, 40];
      const x = randArray(r, rows * inF);
      const w = alloc(outF * inF);
      w.set(randArray(r, outF * inF));
      const bias = alloc(outF);
      bias.set(randArray(r, outF));
      expect(Array.from(alloc(5))).toEqual([0, 0, 0, 0, 0]);
      const out = alloc(rows * outF);
      backend.linear(x, w, bias, out, rows, inF, outF, "relu");
      const ref = new Float32Array(rows * outF);
      backend.linear(x, w.slice(), bias.slice(), ref, rows, inF, outF, "relu");
      expect(out).toEqual(ref);
      const acc = alloc(outF * inF);
      acc.set(w);
      backend.matmul(ref, x, acc, 1, outF, inF, rows, true, false, 0, 0, true); // acc += refᵀ·x in place
      const accRef = w.slice();
      backend.matmul(ref, x, accRef, 1, outF, inF, rows, true, false, 0, 0, true);
      expect(acc).toEqual(accRef);
      const h = { beta1: 0.9, beta2: 0.999, eps: 1e-8, stepSize: 1e-3, bc2Sqrt: 0.05, l2: 0, shrink: 1, sign: 1 };
      const [p, m, v] = [alloc(w.length), alloc(w.length), alloc(w.length)];
      p.set(w);
      const [p2, m2, v2] = [w.slice(), new Float32Array(w.length), new Float32Array(w.length)];
      const g = randArray(r, w.length);
      for (let step = 0; step < 3; step++) {
        backend.adam(p, g, m, v, null, h);
        backend.adam(p2, g, m2, v2, null, h);
      }
      expect([p, m, v]).toEqual([p2, m2, v2]);
    });
    it("linear with zero rows or zero inputs", () => {
      const out = new Float32Array(6).fill(NaN);
      backend.linear(new Float32Array(0), new Float32Array(0), Float32Array.from([1, 2, 3]), out, 2, 0, 3, "none");
      expect(Array.from(out)).toEqual([1, 2, 3, 1, 2, 3]);
      backend.linear(new Float32Array(0), new Float32Array(12), null, new Float32Array(0), 0, 4, 3, "relu");
    });
  });
}
