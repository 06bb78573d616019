/**
 * The kernels' view of memory. Tensors stay ordinary garbage-collected Float32Arrays in JS; a kernel call
 * copies its operands into a scratch area of the WebAssembly memory, runs, and copies its result out.
 * Arrays that already live in this memory (parameters and optimiser state, see resident.ts) are used in
 * place. Long-lived regions (thread stacks, GEMM work areas, resident arrays) sit below the scratch area,
 * which restarts at every call, so nothing is freed by hand and the user disposes nothing.
 */
import { PAGE } from "./module.js";

export class Heap {
  private f32view: Float32Array;
  private i32view: Int32Array;
  /** End of the long-lived regions; the scratch area starts here. */
  private fixedTop: number;
  private top: number;
  /** Every buffer object the memory has had (a shared memory gets a new one each time it grows; a few dozen at most). */
  private readonly buffers: ArrayBufferLike[] = [];

  constructor(readonly memory: WebAssembly.Memory, heapBase: number) {
    this.fixedTop = align(heapBase);
    this.top = this.fixedTop;
    this.f32view = new Float32Array(memory.buffer);
    this.i32view = new Int32Array(memory.buffer);
    this.buffers.push(memory.buffer);
  }

  /** Whether `x` is a view of this memory (kernels then read and write it in place). */
  holds(x: Float32Array): boolean {
    const b = x.buffer;
    for (let i = this.buffers.length - 1; i >= 0; i--) if (this.buffers[i] === b) return true;
    return false;
  }

  /** The whole memory as float32 (only this class grows the memory, and it refreshes the views when it does). */
  get f32(): Float32Array {
    return this.f32view;
  }

  /** The whole memory as int32. */
  get i32(): Int32Array {
    return this.i32view;
  }

  /**
   * Reserves `bytes` for the life of the backend (64-byte aligned, not zeroed); returns the byte offset.
   * It discards the current scratch, so a kernel call takes long-lived memory before its operands.
   */
  fixed(bytes: number): number {
    const p = this.fixedTop;
    this.fixedTop = align(p + bytes);
    this.ensure(this.fixedTop);
    this.top = this.fixedTop;
    return p;
  }

  /** Starts a kernel call: the scratch area is empty again. */
  reset(): void {
    this.top = this.fixedTop;
  }

  /** Reserves `floats` float32 values of scratch (64-byte aligned) for the current call; returns the byte offset. */
  alloc(floats: number): number {
    const p = this.top;
    this.top = align(p + floats * 4);
    this.ensure(this.top);
    return p;
  }

  /** The byte offset of `x` in this memory: itself when it lives here, else a copy in fresh scratch. */
  put(x: Float32Array): number {
    if (this.holds(x)) return x.byteOffset;
    const n = x.length;
    const p = this.alloc(n);
    if (n > 32) this.f32view.set(x, p >> 2);
    else for (let i = 0, q = p >> 2, f = this.f32view; i < n; i++) f[q + i] = x[i]!; // cheaper than set() when tiny
    return p;
  }

  /** Copies the floats at byte offset `p` into `out` (nothing to do when the kernel wrote `out` in place). */
  get(p: number, out: Float32Array): void {
    const n = out.length;
    if (n === 0 || (p === out.byteOffset && this.holds(out))) return;
    if (n > 32) out.set(this.f32view.subarray(p >> 2, (p >> 2) + n));
    else for (let i = 0, q = p >> 2, f = this.f32view; i < n; i++) out[i] = f[q + i]!;
  }

  private ensure(bytes: number): void {
    const have = this.f32view.byteLength;
    if (bytes <= have) return;
    // grow at least by half again, so that a run of slightly larger calls does not grow page by page
    const want = Math.max(Math.ceil((bytes - have) / PAGE), Math.ceil(have / PAGE / 2));
    try {
      this.memory.grow(want);
    } catch {
      this.memory.grow(Math.ceil((bytes - have) / PAGE)); // throws RangeError when the address space is full
    }
    this.f32view = new Float32Array(this.memory.buffer);
    this.i32view = new Int32Array(this.memory.buffer);
    this.buffers.push(this.memory.buffer);
  }

  /** Bytes in use now (long-lived regions and the current call's scratch). */
  get used(): number {
    return this.top;
  }
}

function align(p: number): number {
  return (p + 63) & ~63;
}
