/**
 * The WebAssembly SIMD backend. Operands are copied into the module's memory, run through the C kernels
 * in csrc/ and copied back; the copies are O(size) against GEMM's O(size^1.5) work, and they keep tensors
 * plain garbage-collected Float32Arrays. Below a size where the call and copies cost more than they
 * save, and for kernels without a SIMD version (pow, prod, argmax, the index kernels, ...), it runs the
 * JS backend's loops, so both backends agree on every method by construction or by the shared suite.
 */
import type { Activation, AdamHyper, Backend, BinaryOp, ReduceOp, UnaryOp } from "../backend.js";
import { jsBackend as js } from "../js/index.js";
import { isSuffix } from "../js/binary.js";
import { ACTIVATION_CODES, BINARY_CODES, REDUCE_CODES, TRANSCENDENTAL, UNARY_CODES } from "../codes.js";
import { Heap } from "./heap.js";
import { ThreadPool } from "./threads.js";
import { ResidentArrays } from "./resident.js";
import type { LoadedKernels } from "./module.js";

/** Cheap elementwise work below this many values stays in JS (a wasm call with its copies costs about as much). */
const MIN_ELEMENTWISE = 512;
/** exp, tanh, ... go to wasm from this many values (Math.tanh costs ~20 ns a value, the SIMD loop ~1). */
const MIN_TRANSCENDENTAL = 8;
/** GEMMs below this many multiply-adds stay in JS; above, even a 10×8×8 product is ~3× faster in wasm. */
const MIN_GEMM = 64;
/** GEMMs from this many multiply-adds up are split across threads (waking a worker costs ~10-50 µs). */
const MIN_THREADED_GEMM = 1 << 19;

const FLAG_TRANS_A = 1, FLAG_TRANS_B = 2, FLAG_ACCUMULATE = 4;

/** Builds the backend over loaded kernels. */
export function createWasmBackend(kernels: LoadedKernels): Backend & {
  readonly kernels: LoadedKernels; readonly pool: ThreadPool; readonly resident: ResidentArrays;
} {
  const ex = kernels.exports;
  const heap = new Heap(kernels.memory, ex.__heap_base.value as number);
  const pool = new ThreadPool(kernels, heap);
  const resident = new ResidentArrays(heap, kernels.shared);

  function gemm(
    a: Float32Array, b: Float32Array, out: Float32Array, batch: number, m: number, n: number, k: number,
    flags: number, strideA: number, strideB: number, prefill?: (pc: number) => void, post?: (pc: number) => void,
  ): void {
    const nth = pool.prepare(batch * m * n * k >= MIN_THREADED_GEMM);
    heap.reset();
    const pa = heap.put(a);
    const pb = heap.put(b);
    const pc = flags & FLAG_ACCUMULATE && !prefill ? heap.put(out) : heap.alloc(out.length);
    prefill?.(pc);
    pool.gemm(pa, pb, pc, batch, m, n, k, flags, strideA, strideB, nth);
    post?.(pc);
    heap.get(pc, out);
  }

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
      heap.reset();
      const px = heap.put(x);
      const po = heap.alloc(x.length);
      ex.unary(code, px, po, x.length, a ?? 0, b ?? 0);
      heap.get(po, out);
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
      if (small.length === 0) return;
      heap.reset();
      const pa = heap.put(big);
      const pb = heap.put(small);
      const po = heap.alloc(n);
      ex.binary(code, pa, pb, po, n, small.length, swap);
      heap.get(po, out);
    },

    reduce(op: ReduceOp, x: Float32Array, outer: number, size: number, inner: number, out: Float32Array): void {
      const code = REDUCE_CODES[op];
      if (code === undefined || x.length < MIN_ELEMENTWISE || size === 0) return js.reduce(op, x, outer, size, inner, out);
      heap.reset();
      const px = heap.put(x);
      const po = heap.alloc(out.length);
      const work = heap.alloc(inner * 2); // float64 accumulators for strided sums
      ex.reduce(code, px, outer, size, inner, po, work);
      heap.get(po, out);
    },

    argReduce: js.argReduce,

    matmul(a, b, out, batch, m, n, k, transA, transB, strideA, strideB, accumulate = false): void {
      if (batch * m * n * k < MIN_GEMM) return js.matmul(a, b, out, batch, m, n, k, transA, transB, strideA, strideB, accumulate);
      const flags = (transA ? FLAG_TRANS_A : 0) | (transB ? FLAG_TRANS_B : 0) | (accumulate ? FLAG_ACCUMULATE : 0);
      gemm(a, b, out, batch, m, n, k, flags, strideA, strideB);
    },

    permute: js.permute,

    softmax(x: Float32Array, outer: number, size: number, inner: number, out: Float32Array, log: boolean): void {
      if (inner !== 1 || x.length < MIN_ELEMENTWISE || size === 0) return js.softmax(x, outer, size, inner, out, log);
      heap.reset();
      const px = heap.put(x);
      const po = heap.alloc(x.length);
      ex.softmax_rows(px, outer, size, po, log ? 1 : 0);
      heap.get(po, out);
    },

    where: js.where,
    indexSelect: js.indexSelect,
    indexAdd: js.indexAdd,
    gather: js.gather,
    scatterAdd: js.scatterAdd,

    linear(x, w, bias, out, rows, inF, outF, act: Activation): void {
      if (rows * inF * outF < MIN_GEMM && !(act === "tanh" || act === "sigmoid")) return js.linear(x, w, bias, out, rows, inF, outF, act);
      const flags = FLAG_TRANS_B | (bias ? FLAG_ACCUMULATE : 0);
      const fill = bias ? (pc: number) => ex.fill_rows(pc, heap.put(bias), rows, outF) : undefined;
      const activate = act !== "none" ? (pc: number) => ex.activate(ACTIVATION_CODES[act], pc, rows * outF) : undefined;
      gemm(x, w, out, 1, rows, outF, inF, flags, 0, 0, fill, activate);
    },

    activationGrad(act: Activation, g: Float32Array, y: Float32Array, out: Float32Array): void {
      if (g.length < MIN_ELEMENTWISE || act === "none") return js.activationGrad(act, g, y, out);
      heap.reset();
      const pg = heap.put(g);
      const py = heap.put(y);
      const po = heap.alloc(g.length);
      ex.activation_grad(ACTIVATION_CODES[act], pg, py, po, g.length);
      heap.get(po, out);
    },

    crossEntropyGrad: js.crossEntropyGrad,

    adam(p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, vmax: Float32Array | null, h: AdamHyper): void {
      if (p.length < MIN_ELEMENTWISE) return js.adam(p, g, m, v, vmax, h);
      heap.reset();
      const pp = heap.put(p), pg = heap.put(g), pm = heap.put(m), pv = heap.put(v);
      const pvm = vmax ? heap.put(vmax) : 0;
      ex.adam(pp, pg, pm, pv, pvm, p.length, h.beta1, h.beta2, 1 - h.beta1, 1 - h.beta2, h.eps, h.stepSize, h.bc2Sqrt, h.l2, h.shrink, h.sign);
      heap.get(pp, p);
      heap.get(pm, m);
      heap.get(pv, v);
      if (vmax) heap.get(pvm, vmax);
    },

    setNumThreads(n: number): void {
      pool.setThreads(n);
    },
  };
}
