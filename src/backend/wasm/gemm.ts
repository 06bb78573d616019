/**
 * GEMM calls into the wasm kernels: operands in (resident ones in place), the product on one thread or
 * on all of them, the result out. Products whose operands would need more than a few slices of scratch
 * run in slices, which give bit-identical results: by batch entry, by rows of op(A) (each element of C is
 * computed alone), or, for a transposed A, by spans of k that are whole KC blocks (the kernel
 * accumulates C block by block in k anyway). So the module's memory, which never shrinks, stays small.
 */
import type { Heap } from "./heap.js";
import type { ThreadPool } from "./threads.js";
import type { KernelExports } from "./module.js";

/** Scratch floats one operand may take in one call (16 MiB). */
export const SLICE = 1 << 22;
/** The kernels' k block (KC in csrc/gemm.c): k-slices are whole blocks so that sums keep their order. */
const KC = 384;
/** GEMMs from this many multiply-adds up are split across threads (waking a worker costs ~10-50 µs). */
const MIN_THREADED_GEMM = 1 << 19;

export const FLAG_TRANS_A = 1, FLAG_TRANS_B = 2, FLAG_ACCUMULATE = 4;

/** Hooks around one product: fill C before it (a bias), transform C after it (an activation); rows of C given. */
export interface Epilogue {
  prefill?(pc: number, rows: number): void;
  post?(pc: number, rows: number): void;
}

export class Gemm {
  constructor(
    private readonly ex: KernelExports, private readonly heap: Heap, private readonly pool: ThreadPool,
    /** Scratch floats per operand per call (tests shrink it to exercise the slicing). */
    private readonly slice = SLICE,
  ) {}

  /** out (+)= op(A)·op(B) over a batch, as the Backend's matmul; false where it cannot slice (the caller then runs JS). */
  run(
    a: Float32Array, b: Float32Array, out: Float32Array, batch: number, m: number, n: number, k: number,
    flags: number, strideA: number, strideB: number, epi: Epilogue = {},
  ): boolean {
    const fits = (batch * m * k + (strideB ? batch : 1) * k * n + batch * m * n) <= 3 * this.slice;
    if (fits) {
      this.once(a, b, out, batch, m, n, k, flags, strideA, strideB, epi);
      return true;
    }
    if (batch > 1) {
      for (let t = 0; t < batch; t++) {
        const at = a.subarray(t * strideA, t * strideA + m * k);
        const bt = b.subarray(t * strideB, t * strideB + k * n);
        if (!this.run(at, bt, out.subarray(t * m * n, (t + 1) * m * n), 1, m, n, k, flags, 0, 0, epi)) return false;
      }
      return true;
    }
    if (!(flags & FLAG_TRANS_A)) {
      // rows of A and C: A[i0:i1, :] is contiguous
      const rows = Math.max(4, Math.floor(this.slice / Math.max(k, n)));
      for (let i0 = 0; i0 < m; i0 += rows) {
        const r = Math.min(rows, m - i0);
        this.once(a.subarray(i0 * k, (i0 + r) * k), b, out.subarray(i0 * n, (i0 + r) * n), 1, r, n, k, flags, 0, 0, epi);
      }
      return true;
    }
    if (!(flags & FLAG_TRANS_B) && !epi.prefill && !epi.post) {
      // spans of k: A is stored [k, m] and B [k, n], so A[k0:k1] and B[k0:k1] are contiguous
      const span = Math.max(KC, Math.floor(this.slice / Math.max(m, n) / KC) * KC);
      for (let k0 = 0; k0 < k; k0 += span) {
        const s = Math.min(span, k - k0);
        const f = k0 === 0 ? flags : flags | FLAG_ACCUMULATE;
        this.once(a.subarray(k0 * m, (k0 + s) * m), b.subarray(k0 * n, (k0 + s) * n), out, 1, m, n, s, f, 0, 0, epi);
      }
      return true;
    }
    return false;
  }

  private once(
    a: Float32Array, b: Float32Array, out: Float32Array, batch: number, m: number, n: number, k: number,
    flags: number, strideA: number, strideB: number, epi: Epilogue,
  ): void {
    const nth = this.pool.prepare(batch * m * n * k >= MIN_THREADED_GEMM);
    const heap = this.heap;
    heap.reset();
    const pa = heap.put(a);
    const pb = heap.put(b);
    const pc = flags & FLAG_ACCUMULATE && !epi.prefill ? heap.put(out) : heap.alloc(out.length);
    epi.prefill?.(pc, m);
    this.pool.gemm(pa, pb, pc, batch, m, n, k, flags, strideA, strideB, nth);
    epi.post?.(pc, m);
    heap.get(pc, out);
  }
}
