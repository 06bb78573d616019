/**
 * The helpers a generated inference file contains, as source text: each is emitted only when a layer
 * needs it. They use float32 storage and float64 arithmetic, as nabla's JS backend does, and nabla's own
 * erf, so the generated function agrees with the model to float32 rounding.
 */

/** Helper name → source. `V` is a value: flat float32 data and its shape. */
export const RUNTIME: Record<string, string> = {
  types: `type V = { d: Float32Array; s: number[] };`,
  weights: `function f32(b64: string): Float32Array {
  const abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const clean = b64.replace(/=+$/, "");
  const bytes = new Uint8Array((clean.length * 3) >> 2);
  let acc = 0, bits = 0, j = 0;
  for (let i = 0; i < clean.length; i++) {
    acc = (acc << 6) | abc.indexOf(clean[i]!);
    bits += 6;
    if (bits >= 8) { bits -= 8; bytes[j++] = (acc >> bits) & 255; }
  }
  const view = new DataView(bytes.buffer);
  const out = new Float32Array(bytes.length >> 2);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(4 * i, true);
  return out;
}`,
  map: `function map(x: V, f: (v: number) => number): V {
  const d = new Float32Array(x.d.length);
  for (let i = 0; i < d.length; i++) d[i] = f(x.d[i]!);
  return { d, s: x.s };
}`,
  linear: `function linear(x: V, w: Float32Array, b: Float32Array | null, inF: number, outF: number): V {
  const rows = x.d.length / inF;
  const d = new Float32Array(rows * outF);
  for (let r = 0; r < rows; r++) {
    for (let o = 0; o < outF; o++) {
      let acc = 0;
      for (let k = 0; k < inF; k++) acc += x.d[r * inF + k]! * w[o * inF + k]!;
      d[r * outF + o] = b ? acc + b[o]! : acc;
    }
  }
  return { d, s: [...x.s.slice(0, -1), outF] };
}`,
  channels: `function perChannel(x: V, c: number, f: (v: number, ch: number) => number): V {
  const inner = x.s.slice(2).reduce((a, b) => a * b, 1);
  const d = new Float32Array(x.d.length);
  for (let i = 0; i < d.length; i++) d[i] = f(x.d[i]!, Math.floor(i / inner) % c);
  return { d, s: x.s };
}`,
  batchNorm: `function batchNorm(x: V, mean: Float32Array, variance: Float32Array, w: Float32Array | null, b: Float32Array | null, eps: number): V {
  return perChannel(x, mean.length, (v, c) => {
    let y = Math.fround(Math.fround(v - mean[c]!) * Math.fround(1 / Math.sqrt(Math.fround(variance[c]! + eps))));
    if (w) y = Math.fround(y * w[c]!);
    return b ? y + b[c]! : y;
  });
}`,
  prelu: `function prelu(x: V, a: Float32Array): V {
  return perChannel(x, a.length === 1 ? 1 : a.length, (v, c) => (v > 0 ? v : a[a.length === 1 ? 0 : c]! * v));
}`,
  add: `function add(a: V, b: V): V {
  const d = new Float32Array(a.d.length);
  for (let i = 0; i < d.length; i++) d[i] = a.d[i]! + b.d[i]!;
  return { d, s: a.s };
}`,
  standardize: `function standardize(x: V, mean: Float32Array, scale: Float32Array): V {
  const n = mean.length;
  const d = new Float32Array(x.d.length);
  for (let i = 0; i < d.length; i++) d[i] = Math.fround(x.d[i]! - mean[i % n]!) / scale[i % n]!;
  return { d, s: x.s };
}`,
  flatten: `function flatten(x: V, start: number, end: number): V {
  const r = x.s.length;
  const s0 = start < 0 ? start + r : start, e0 = end < 0 ? end + r : end;
  return { d: x.d, s: [...x.s.slice(0, s0), x.s.slice(s0, e0 + 1).reduce((a, b) => a * b, 1), ...x.s.slice(e0 + 1)] };
}`,
  softmax: `function softmax(x: V, dim: number, log: boolean): V {
  const r = x.s.length, k = dim < 0 ? dim + r : dim;
  const size = x.s[k]!, inner = x.s.slice(k + 1).reduce((a, b) => a * b, 1), outer = x.d.length / (size * inner);
  const d = new Float32Array(x.d.length);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const at = (j: number): number => (o * size + j) * inner + i;
      let max = -Infinity;
      for (let j = 0; j < size; j++) max = Math.max(max, x.d[at(j)]!);
      let sum = 0;
      for (let j = 0; j < size; j++) sum += Math.exp(x.d[at(j)]! - max);
      for (let j = 0; j < size; j++) d[at(j)] = log ? x.d[at(j)]! - max - Math.log(sum) : Math.exp(x.d[at(j)]! - max) / sum;
    }
  }
  return { d, s: x.s };
}`,
  sigmoid: `function sigmoid(v: number): number {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}`,
  softplus: `function softplus(v: number, beta: number, threshold: number): number {
  const bx = beta * v;
  return bx > threshold ? v : (Math.max(bx, 0) + Math.log1p(Math.exp(-Math.abs(bx)))) / beta;
}`,
  erfc: `function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 +
    t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}`,
};

/** Helpers that other helpers call. */
export const RUNTIME_DEPENDS: Record<string, string[]> = {
  batchNorm: ["channels"],
  prelu: ["channels"],
};
