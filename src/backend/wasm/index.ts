/**
 * The WebAssembly SIMD backend. Operands are copied into the module's memory, run through the C kernels
 * in csrc/ and copied back; the copies are O(size) against GEMM's O(size^1.5) work, and they keep tensors
 * plain garbage-collected Float32Arrays. Below a size where the call and copies cost more than they
 * save, and for kernels without a SIMD version (pow, prod, argmax, the index kernels, ...), it runs the
 * JS backend's loops, so both backends agree on every method by construction or by the shared suite.
 * Large operands run in slices of at most SLICE values, so that scratch (and the module's memory, which
 * never shrinks) stays small.
 */
import type { Activation, AdamHyper, Backend, BinaryOp, ReduceOp, UnaryOp } from "../backend.js";
import { jsBackend as js } from "../js/index.js";
import { isSuffix } from "../js/binary.js";
import { ACTIVATION_CODES, BINARY_CODES, REDUCE_CODES, TRANSCENDENTAL, UNARY_CODES } from "../codes.js";
import { Heap } from "./heap.js";
import { ThreadPool } from "./threads.js";
import { ResidentArrays } from "./resident.js";
import type { LoadedKernels } from "./module.js";
import { FLAG_ACCUMULATE, FLAG_TRANS_A, FLAG_TRANS_B, Gemm, SLICE, type Epilogue } from "./gemm.js";

/** Cheap elementwise work below this many values stays in JS (a wasm call with its copies costs about as much). */
const MIN_ELEMENTWISE = 512;
/** exp, tanh, ... go to wasm from this many values (Math.tanh costs ~20 ns a value, the SIMD loop ~1). */
const MIN_TRANSCENDENTAL = 8;
/** GEMMs below this many multiply-adds stay in JS; above, even a 10×8×8 product is ~3× faster in wasm. */
const MIN_GEMM = 64;

export interface WasmBackendOptions {
  /** Scratch floats per operand per call before work runs in slices (default SLICE, 16 MiB; tests shrink it). */
  slice?: number;
}

/** Builds the backend over loaded kernels. */
export function createWasmBackend(kernels: LoadedKernels, options: WasmBackendOptions = {}): Backend & {
  readonly kernels: LoadedKernels; readonly pool: ThreadPool; readonly resident: ResidentArrays;
} {
  const slice = options.slice ?? SLICE;
  /** Runs fn over [0, n) in slices of whole units of at most `slice` values (one slice when n is small). */
  const slices = (n: number, unit: number, fn: (start: number, len: number) => void): void => {
    if (n <= slice) return fn(0, n);
    const step = Math.max(unit, Math.floor(slice / unit) * unit);
    for (let s = 0; s < n; s += step) fn(s, Math.min(step, n - s));
  };
  const ex = kernels.exports;
  const heap = new Heap(kernels.memory, ex.__heap_base.value as number);
  const pool = new ThreadPool(kernels, heap);
  const resident = new ResidentArrays(heap, kernels.shared);
  const gemm = new Gemm(ex, heap, pool, slice);
  const part = (x: Float32Array, s: number, len: number): Float32Array => (len === x.length ? x : x.subarray(s, s + len));

  return {
    name: "wasm",
    kernels,
    pool,
    resident,

    allocPersistent(n: number): Float32Array {
      return resident.alloc(n);
    },

    unary(op: UnaryOp, x: Float32Array, out: Float32Array, a?: number, b?: number): void {
      const code = UNARY_CODES[op];
      if (code === undefined || x.length < (TRANSCENDENTAL.has(op) ? MIN_TRANSCENDENTAL : MIN_ELEMENTWISE)) return js.unary(op, x, out, a, b);
      slices(x.length, 1, (s, len) => {
        heap.reset();
        const px = heap.put(part(x, s, len));
        const po = heap.alloc(len);
        ex.unary(code, px, po, len, a ?? 0, b ?? 0);
        heap.get(po, part(out, s, len));
      });
    },

    binary(op: BinaryOp, a: Float32Array, aShape: readonly number[], b: Float32Array, bShape: readonly number[], out: Float32Array, outShape: readonly number[]): void {
      const code = BINARY_CODES[op];
      const n = out.length;
      if (code === undefined || n < MIN_ELEMENTWISE) return js.binary(op, a, aShape, b, bShape, out, outShape);
      // the full-size operand first; the other repeats along the leading dims (nb = n: same shape, 1: a scalar)
      let big = a, small = b, swap = 0;
      if (a.length === n && (b.length === n || isSuffix(bShape, outShape))) { /* as is */ }
      else if (b.length === n && isSuffix(aShape, outShape)) { big = b; small = a; swap = 1; }
      else return js.binary(op, a, aShape, b, bShape, out, outShape);
      const nb = small.length;
      if (nb === 0) return;
      slices(n, nb === n ? 1 : nb, (s, len) => {
        heap.reset();
        const pa = heap.put(part(big, s, len));
        const pb = heap.put(nb === n ? part(small, s, len) : small);
        const po = heap.alloc(len);
        ex.binary(code, pa, pb, po, len, nb === n ? len : nb, swap);
        heap.get(po, part(out, s, len));
      });
    },

    reduce(op: ReduceOp, x: Float32Array, outer: number, size: number, inner: number, out: Float32Array): void {
      const code = REDUCE_CODES[op];
      const slab = size * inner;
      if (code === undefined || x.length < MIN_ELEMENTWISE || size === 0 || slab > slice) return js.reduce(op, x, outer, size, inner, out);
      slices(x.length, slab, (s, len) => {
        const o = len / slab;
        heap.reset();
        const px = heap.put(part(x, s, len));
        const po = heap.alloc(o * inner);
        const work = heap.alloc(inner * 2); // float64 accumulators for strided sums
        ex.reduce(code, px, o, size, inner, po, work);
        heap.get(po, part(out, (s / slab) * inner, o * inner));
      });
    },

    argReduce: js.argReduce,

    matmul(a, b, out, batch, m, n, k, transA, transB, strideA, strideB, accumulate = false): void {
      const flags = (transA ? FLAG_TRANS_A : 0) | (transB ? FLAG_TRANS_B : 0) | (accumulate ? FLAG_ACCUMULATE : 0);
      if (batch * m * n * k < MIN_GEMM || !gemm.run(a, b, out, batch, m, n, k, flags, strideA, strideB)) {
        js.matmul(a, b, out, batch, m, n, k, transA, transB, strideA, strideB, accumulate);
      }
    },

    permute: js.permute,

    softmax(x: Float32Array, outer: number, size: number, inner: number, out: Float32Array, log: boolean): void {
      if (inner !== 1 || x.length < MIN_ELEMENTWISE || size === 0 || size > slice) return js.softmax(x, outer, size, inner, out, log);
      slices(x.length, size, (s, len) => {
        heap.reset();
        const px = heap.put(part(x, s, len));
        const po = heap.alloc(len);
        ex.softmax_rows(px, len / size, size, po, log ? 1 : 0);
        heap.get(po, part(out, s, len));
      });
    },

    where: js.where,
    indexSelect: js.indexSelect,
    indexAdd: js.indexAdd,
    gather: js.gather,
    scatterAdd: js.scatterAdd,

    linear(x, w, bias, out, rows, inF, outF, act: Activation): void {
      if (rows * inF * outF < MIN_GEMM && !(act === "tanh" || act === "sigmoid")) return js.linear(x, w, bias, out, rows, inF, outF, act);
      const flags = FLAG_TRANS_B | (bias ? FLAG_ACCUMULATE : 0);
      const epi: Epilogue = {
        prefill: bias ? (pc, r) => ex.fill_rows(pc, heap.put(bias), r, outF) : undefined,
        post: act !== "none" ? (pc, r) => ex.activate(ACTIVATION_CODES[act], pc, r * outF) : undefined,
      };
      if (!gemm.run(x, w, out, 1, rows, outF, inF, flags, 0, 0, epi)) js.linear(x, w, bias, out, rows, inF, outF, act);
    },

    activationGrad(act: Activation, g: Float32Array, y: Float32Array, out: Float32Array): void {
      if (g.length < MIN_ELEMENTWISE || act === "none") return js.activationGrad(act, g, y, out);
      slices(g.length, 1, (s, len) => {
        heap.reset();
        const pg = heap.put(part(g, s, len));
        const py = heap.put(part(y, s, len));
        const po = heap.alloc(len);
        ex.activation_grad(ACTIVATION_CODES[act], pg, py, po, len);
        heap.get(po, part(out, s, len));
      });
    },

    crossEntropyGrad: js.crossEntropyGrad,

    adam(p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, vmax: Float32Array | null, h: AdamHyper): void {
      if (p.length < MIN_ELEMENTWISE) return js.adam(p, g, m, v, vmax, h);
      slices(p.length, 1, (s, len) => {
        heap.reset();
        const [ps, ms, vs] = [part(p, s, len), part(m, s, len), part(v, s, len)];
        const vms = vmax ? part(vmax, s, len) : null;
        const pp = heap.put(ps), pg = heap.put(part(g, s, len)), pm = heap.put(ms), pv = heap.put(vs);
        const pvm = vms ? heap.put(vms) : 0;
        ex.adam(pp, pg, pm, pv, pvm, len, h.beta1, h.beta2, 1 - h.beta1, 1 - h.beta2, h.eps, h.stepSize, h.bc2Sqrt, h.l2, h.shrink, h.sign);
        heap.get(pp, ps);
        heap.get(pm, ms);
        heap.get(pv, vs);
        if (vms) heap.get(pvm, vms);
      });
    },

    setNumThreads(n: number): void {
      pool.setThreads(n);
    },
  };
}
