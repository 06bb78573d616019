/**
 * Where op results get their Float32Arrays. Allocating a typed array of more than 64 bytes costs V8 an
 * off-heap allocation and GC bookkeeping (~0.5 µs, more than a small op's arithmetic), so small results
 * are carved out of shared 32 KiB slabs instead, as Node does for small Buffers: a slab is freed by the
 * garbage collector once no array in it is alive. A small tensor's `data.buffer` may therefore be shared:
 * use `data.slice()` before transferring it to a worker.
 */

import { backend } from "../backend/registry.js";

const SLAB_BYTES = 32 * 1024;
/** Arrays up to this size come from slabs (larger ones cost little extra as their own allocation). */
const MAX_POOLED_BYTES = 4096;
/** Arrays up to this size are allocated on V8's heap anyway, which is cheap. */
const MAX_ON_HEAP_BYTES = 64;

let slab = new ArrayBuffer(SLAB_BYTES);
let offset = 0;

/** A zero-filled Float32Array of n values for an op's result (from a slab when small). */
export function allocFloat32(n: number): Float32Array {
  const bytes = n * 4;
  if (bytes <= MAX_ON_HEAP_BYTES || bytes > MAX_POOLED_BYTES) return new Float32Array(n);
  if (offset + bytes > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    offset = 0;
  }
  const out = new Float32Array(slab, offset, n);
  offset += (bytes + 15) & ~15; // 16-byte aligned, as SIMD copies like
  return out;
}

type BufferCtor = { allocUnsafeSlow(size: number): Uint8Array };
/** Node's Buffer where there is one: it can allocate without zero-filling. */
const nodeBuffer = (globalThis as { Buffer?: BufferCtor }).Buffer;

/**
 * A Float32Array of n values whose contents are unspecified, for an op's result that its kernel writes in
 * full (a product, an elementwise result). Large ones skip the zero-fill (a pass over the memory, ~5% of a
 * training step of an MLP) where Node's Buffer can allocate without it; elsewhere this is allocFloat32.
 */
export function allocFloat32ForKernel(n: number): Float32Array {
  const bytes = n * 4;
  if (bytes <= MAX_POOLED_BYTES || !nodeBuffer) return allocFloat32(n);
  return new Float32Array(nodeBuffer.allocUnsafeSlow(bytes).buffer, 0, n);
}

/** A copy of `x` in fresh storage. */
export function copyFloat32(x: Float32Array): Float32Array {
  const out = allocFloat32(x.length);
  out.set(x);
  return out;
}

/**
 * A zero-filled Float32Array for long-lived data read every step (parameters, optimiser state): the
 * current backend may place it where its kernels use it without copies (see Backend.allocPersistent).
 */
export function allocPersistent(n: number): Float32Array {
  return backend().allocPersistent?.(n) ?? new Float32Array(n);
}
