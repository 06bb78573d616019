/**
 * Resident arrays: Float32Arrays that live in the kernels' own memory, for long-lived data that every step
 * reads (parameters, optimiser state), so that kernels use them in place instead of copying them in and
 * out. They are ordinary garbage-collected arrays to their users: a FinalizationRegistry returns a block
 * to the free list once its array is collected. Only with a shared memory (a growing unshared memory
 * would detach the arrays) and up to a cap, beyond which plain arrays are handed out.
 */
import type { Heap } from "./heap.js";

/** Resident bytes at most; long-lived data beyond it is copied per call like any other array. */
const CAP_BYTES = 1 << 30;

export class ResidentArrays {
  /** Free blocks as [offset, bytes], sorted by offset and coalesced. */
  private free: [number, number][] = [];
  private inUse = 0;
  private readonly registry = new FinalizationRegistry<[number, number]>(([offset, bytes]) => this.release(offset, bytes));

  constructor(private readonly heap: Heap, private readonly shared: boolean) {}

  /** A zero-filled array of n floats in the kernels' memory (a plain one where that is not possible). */
  alloc(n: number): Float32Array {
    const bytes = (n * 4 + 63) & ~63;
    if (!this.shared || n === 0 || this.inUse + bytes > CAP_BYTES) return new Float32Array(n);
    let offset = -1;
    const i = this.free.findIndex(([, size]) => size >= bytes);
    if (i >= 0) {
      const [at, size] = this.free[i]!;
      offset = at;
      if (size === bytes) this.free.splice(i, 1);
      else this.free[i] = [at + bytes, size - bytes];
    } else {
      offset = this.heap.fixed(bytes);
    }
    this.inUse += bytes;
    const view = new Float32Array(this.heap.f32.buffer, offset, n);
    view.fill(0);
    this.registry.register(view, [offset, bytes]);
    return view;
  }

  /** Bytes held by live resident arrays. */
  get bytes(): number {
    return this.inUse;
  }

  private release(offset: number, bytes: number): void {
    this.inUse -= bytes;
    let i = 0;
    while (i < this.free.length && this.free[i]![0] < offset) i++;
    this.free.splice(i, 0, [offset, bytes]);
    // merge with the neighbours where they touch
    if (i + 1 < this.free.length && offset + bytes === this.free[i + 1]![0]) {
      this.free[i]![1] += this.free[i + 1]![1];
      this.free.splice(i + 1, 1);
    }
    if (i > 0 && this.free[i - 1]![0] + this.free[i - 1]![1] === offset) {
      this.free[i - 1]![1] += this.free[i]![1];
      this.free.splice(i, 1);
    }
  }
}
