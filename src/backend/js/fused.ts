/** Reference versions of the fused kernels: the same loops the separate ops would run, in one pass. */
import type { Activation, AdamHyper } from "../backend.js";
import { matmul } from "./matmul.js";
import { unary } from "./unary.js";

export function linear(
  x: Float32Array, w: Float32Array, bias: Float32Array | null, out: Float32Array,
  rows: number, inF: number, outF: number, act: Activation,
): void {
  if (bias) for (let r = 0; r < rows; r++) out.set(bias, r * outF);
  matmul(x, w, out, 1, rows, outF, inF, false, true, 0, 0, bias !== null);
  if (act !== "none") unary(act, out, out);
}

export function activationGrad(act: Activation, g: Float32Array, y: Float32Array, out: Float32Array): void {
  const n = g.length;
  switch (act) {
    case "relu": for (let i = 0; i < n; i++) out[i] = y[i]! > 0 ? g[i]! : 0; return;
    case "tanh": for (let i = 0; i < n; i++) { const t = y[i]!; out[i] = g[i]! * (1 - t * t); } return;
    case "sigmoid": for (let i = 0; i < n; i++) { const s = y[i]!; out[i] = g[i]! * (s * (1 - s)); } return;
    case "none": out.set(g); return;
  }
}

export function crossEntropyGrad(logp: Float32Array, target: Int32Array, scale: Float32Array, rows: number, classes: number, out: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    const s = scale[r]!;
    const o = r * classes;
    for (let c = 0; c < classes; c++) out[o + c] = s * Math.exp(logp[o + c]!);
    if (s !== 0) out[o + target[r]!]! -= s;
  }
}

/** Adam in float64 arithmetic, rounding to float32 on every store (PyTorch computes in float32). */
export function adam(p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, vmax: Float32Array | null, h: AdamHyper): void {
  const { beta1, beta2, eps, stepSize, bc2Sqrt, l2, shrink, sign } = h;
  const vm = vmax ?? v;
  for (let i = 0, n = p.length; i < n; i++) {
    if (shrink !== 1) p[i] *= shrink;
    const gi = sign * g[i]! + l2 * p[i]!;
    m[i] = beta1 * m[i]! + (1 - beta1) * gi;
    v[i] = beta2 * v[i]! + (1 - beta2) * gi * gi;
    if (vmax && v[i]! > vm[i]!) vm[i] = v[i]!;
    p[i] -= (stepSize * m[i]!) / (Math.sqrt(vm[i]!) / bc2Sqrt + eps);
  }
}
