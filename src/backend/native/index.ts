/**
 * The native backend: GEMM on nabla's own AVX-512 kernel or OpenBLAS, split across the addon's thread
 * pool; elementwise kernels in C compiled for the CPU's vector width. Float32Arrays are passed in place
 * (no copies). Calls on small operands, where crossing into C costs more than it saves (~0.2 µs a call),
 * and kernels without a C version run the JS backend; exp, tanh and sigmoid run the WebAssembly backend's
 * SIMD polynomials where it is loaded (about 3× faster than glibc's scalar functions, copies included).
 */
import type { Activation, AdamHyper, Backend, BinaryOp, ReduceOp, UnaryOp } from "../backend.js";
import { jsBackend as js } from "../js/index.js";
import { isSuffix } from "../js/binary.js";
import { ACTIVATION_CODES, BINARY_CODES, REDUCE_CODES, TRANSCENDENTAL, UNARY_CODES } from "../codes.js";

/** The addon's exports (csrc/addon.c). */
export interface NativeAddon {
  version(): number;
  blasCore(): string;
  setNumThreads(n: number): void;
  gemm(a: Float32Array, b: Float32Array, c: Float32Array, batch: number, m: number, n: number, k: number, flags: number, strideA: number, strideB: number): void;
  linear(x: Float32Array, w: Float32Array, bias: Float32Array | null, out: Float32Array, rows: number, inF: number, outF: number, act: number): void;
  unary(op: number, x: Float32Array, out: Float32Array, a: number, b: number): void;
  binary(op: number, a: Float32Array, b: Float32Array, out: Float32Array, swap: number): void;
  reduce(op: number, x: Float32Array, outer: number, size: number, inner: number, out: Float32Array): void;
  softmaxRows(x: Float32Array, rows: number, n: number, out: Float32Array, log: number): void;
  activationGrad(act: number, g: Float32Array, y: Float32Array, out: Float32Array): void;
  adam(p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, vmax: Float32Array | null, h: Float64Array): void;
}

/** Cheap elementwise work below this many values stays in JS (an N-API call costs ~0.1-0.3 µs). */
const MIN_ELEMENTWISE = 256;
/** exp, tanh, ... go to C from this many values (Math.tanh costs ~20 ns a value). */
const MIN_TRANSCENDENTAL = 16;
/**
 * GEMMs below this many multiply-adds go to the wasm backend where it is loaded (its call costs ~0.1 µs, an
 * N-API call with ten arguments ~0.5 µs), else to JS below 64; the addon runs small products as plain
 * loops and the rest on OpenBLAS.
 */
const MIN_GEMM_WITH_WASM = 16384;
const MIN_GEMM = 64;

export function createNativeBackend(addon: NativeAddon, wasm: Backend | null = null): Backend & { readonly blasCore: string } {
  const hyper = new Float64Array(10);
  /** Where a small product goes: wasm when loaded, else JS. */
  const small = wasm ?? js;
  const minGemm = wasm ? MIN_GEMM_WITH_WASM : MIN_GEMM;
  return {
    name: "native",
    blasCore: addon.blasCore(),

    unary(op: UnaryOp, x: Float32Array, out: Float32Array, a?: number, b?: number): void {
      const code = UNARY_CODES[op];
      if (wasm && TRANSCENDENTAL.has(op)) return wasm.unary(op, x, out, a, b);
      if (code === undefined || x.length < (TRANSCENDENTAL.has(op) ? MIN_TRANSCENDENTAL : MIN_ELEMENTWISE)) return js.unary(op, x, out, a, b);
      addon.unary(code, x, out, a ?? 0, b ?? 0);
    },

    binary(op: BinaryOp, a: Float32Array, aShape: readonly number[], b: Float32Array, bShape: readonly number[], out: Float32Array, outShape: readonly number[]): void {
      const code = BINARY_CODES[op];
      const n = out.length;
      if (code === undefined || n < MIN_ELEMENTWISE) return js.binary(op, a, aShape, b, bShape, out, outShape);
      if (a.length === n && (b.length === n || isSuffix(bShape, outShape))) {
        if (b.length > 0) addon.binary(code, a, b, out, 0);
      } else if (b.length === n && isSuffix(aShape, outShape)) {
        if (a.length > 0) addon.binary(code, b, a, out, 1);
      } else js.binary(op, a, aShape, b, bShape, out, outShape);
    },

    reduce(op: ReduceOp, x: Float32Array, outer: number, size: number, inner: number, out: Float32Array): void {
      const code = REDUCE_CODES[op];
      if (code === undefined || x.length < MIN_ELEMENTWISE || size === 0) return js.reduce(op, x, outer, size, inner, out);
      addon.reduce(code, x, outer, size, inner, out);
    },

    argReduce: js.argReduce,

    matmul(a, b, out, batch, m, n, k, transA, transB, strideA, strideB, accumulate = false): void {
      if (batch * m * n * k < minGemm) return small.matmul(a, b, out, batch, m, n, k, transA, transB, strideA, strideB, accumulate);
      addon.gemm(a, b, out, batch, m, n, k, (transA ? 1 : 0) | (transB ? 2 : 0) | (accumulate ? 4 : 0), strideA, strideB);
    },

    permute: js.permute,

    softmax(x: Float32Array, outer: number, size: number, inner: number, out: Float32Array, log: boolean): void {
      if (inner !== 1 || x.length < MIN_ELEMENTWISE || size === 0) return js.softmax(x, outer, size, inner, out, log);
      addon.softmaxRows(x, outer, size, out, log ? 1 : 0);
    },

    where: js.where,
    indexSelect: js.indexSelect,
    indexAdd: js.indexAdd,
    gather: js.gather,
    scatterAdd: js.scatterAdd,

    linear(x, w, bias, out, rows, inF, outF, act: Activation): void {
      const smooth = act === "tanh" || act === "sigmoid";
      if (rows * inF * outF < minGemm && (wasm || !smooth)) return small.linear(x, w, bias, out, rows, inF, outF, act);
      if (smooth && wasm) {
        addon.linear(x, w, bias, out, rows, inF, outF, ACTIVATION_CODES.none);
        return wasm.unary(act, out, out);
      }
      addon.linear(x, w, bias, out, rows, inF, outF, ACTIVATION_CODES[act]);
    },

    activationGrad(act: Activation, g: Float32Array, y: Float32Array, out: Float32Array): void {
      if (g.length < MIN_ELEMENTWISE) return js.activationGrad(act, g, y, out);
      addon.activationGrad(ACTIVATION_CODES[act], g, y, out);
    },

    crossEntropyGrad: js.crossEntropyGrad,

    adam(p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, vmax: Float32Array | null, h: AdamHyper): void {
      if (p.length < MIN_ELEMENTWISE) return js.adam(p, g, m, v, vmax, h);
      hyper[0] = h.beta1; hyper[1] = h.beta2; hyper[2] = 1 - h.beta1; hyper[3] = 1 - h.beta2; hyper[4] = h.eps;
      hyper[5] = h.stepSize; hyper[6] = h.bc2Sqrt; hyper[7] = h.l2; hyper[8] = h.shrink; hyper[9] = h.sign;
      addon.adam(p, g, m, v, vmax, hyper);
    },

    setNumThreads(n: number): void {
      addon.setNumThreads(n);
    },
  };
}
