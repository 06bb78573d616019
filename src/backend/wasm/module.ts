/**
 * Loading the WebAssembly kernels: feature detection (SIMD, relaxed SIMD, shared memory), compiling the
 * embedded module, and instantiating it over one WebAssembly.Memory. No file system, no fetch: the bytes
 * are in binary.generated.ts, so this runs unchanged in Node and in browsers.
 */
import { RELAXED_WASM, SIMD_WASM } from "./binary.generated.js";

/** The kernels' exports (pointers are byte offsets into the memory). */
export interface KernelExports {
  readonly __heap_base: WebAssembly.Global;
  readonly __stack_pointer: WebAssembly.Global;
  gemm_work_floats(): number;
  gemm(a: number, b: number, c: number, batch: number, m: number, n: number, k: number, flags: number,
    strideA: number, strideB: number, work: number, tid: number, nth: number): void;
  unary(op: number, x: number, out: number, n: number, a: number, b: number): void;
  binary(op: number, a: number, b: number, out: number, n: number, nb: number, swap: number): void;
  reduce(op: number, x: number, outer: number, size: number, inner: number, out: number, work: number): void;
  softmax_rows(x: number, rows: number, n: number, out: number, log: number): void;
  activate(act: number, y: number, n: number): void;
  fill_rows(y: number, bias: number, rows: number, cols: number): void;
  activation_grad(act: number, g: number, y: number, out: number, n: number): void;
  adam(p: number, g: number, m: number, v: number, vmax: number, n: number, beta1: number, beta2: number,
    oneMinusBeta1: number, oneMinusBeta2: number, eps: number,
    stepSize: number, bc2Sqrt: number, l2: number, shrink: number, sign: number): void;
}

export interface LoadedKernels {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  exports: KernelExports;
  /** Whether the module uses f32x4.relaxed_madd. */
  relaxed: boolean;
  /** Whether the memory is shared (so worker threads can run kernels on it). */
  shared: boolean;
}

const PAGE = 65536;

function decode(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** Node 20 has relaxed SIMD behind a V8 flag; set it (before compiling) where the runtime allows. */
function enableRelaxedSimdInNode(): void {
  const proc = (globalThis as { process?: { versions?: { node?: string }; getBuiltinModule?: (id: string) => unknown } }).process;
  if (!proc?.versions?.node || typeof proc.getBuiltinModule !== "function") return;
  try {
    const v8 = proc.getBuiltinModule("node:v8") as { setFlagsFromString(flags: string): void } | undefined;
    v8?.setFlagsFromString("--experimental-wasm-relaxed-simd");
  } catch {
    // flag unknown to this V8: relaxed SIMD is either on by default or absent, and validate() tells which
  }
}

/**
 * The module's memory import with its `shared` flag cleared, for pages that are not cross-origin isolated
 * (no SharedArrayBuffer): the limits byte 0x03 (shared, min and max) becomes 0x01. Only the import
 * section is touched; atomics on unshared memory are valid, so the rest of the module is unchanged.
 */
function unshareMemoryImport(bytes: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const out = bytes.slice();
  let p = 8;
  const leb = (): number => {
    let v = 0;
    let shift = 0;
    for (;;) {
      const b = out[p++]!;
      v |= (b & 0x7f) << shift;
      if (b < 0x80) return v >>> 0;
      shift += 7;
    }
  };
  while (p < out.length) {
    const id = out[p++]!;
    const size = leb();
    const end = p + size;
    if (id === 2) {
      const count = leb();
      for (let i = 0; i < count; i++) {
        const moduleName = leb();
        p += moduleName;
        const fieldName = leb();
        p += fieldName;
        const kind = out[p++]!;
        if (kind === 2) {
          if (out[p] === 0x03) out[p] = 0x01;
          return out;
        }
        throw new Error("wasm: unexpected import kind in the kernels module");
      }
    }
    p = end;
  }
  return out;
}

function sharedMemoryAvailable(): boolean {
  if (typeof SharedArrayBuffer === "undefined") return false;
  try {
    new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    return true;
  } catch {
    return false;
  }
}

/** Whether this runtime can run the kernels at all (WebAssembly with SIMD). */
export function wasmSimdSupported(): boolean {
  return typeof WebAssembly === "object" && typeof WebAssembly.validate === "function" && WebAssembly.validate(decode(SIMD_WASM));
}

/**
 * Compiles and instantiates the kernels synchronously (relaxed SIMD where valid, else plain SIMD), over a
 * shared memory where SharedArrayBuffer exists. Returns null where WebAssembly SIMD is missing, and
 * throws where the runtime forbids synchronous compilation (the caller then compiles asynchronously).
 */
export function loadKernels(): LoadedKernels | null {
  if (typeof WebAssembly !== "object") return null;
  enableRelaxedSimdInNode();
  const relaxedBytes = decode(RELAXED_WASM);
  const relaxed = WebAssembly.validate(relaxedBytes);
  let bytes = relaxed ? relaxedBytes : decode(SIMD_WASM);
  if (!relaxed && !WebAssembly.validate(bytes)) return null;
  const shared = sharedMemoryAvailable();
  if (!shared) bytes = unshareMemoryImport(bytes);
  const module = new WebAssembly.Module(bytes);
  return instantiate(module, relaxed, shared);
}

/** The asynchronous twin of loadKernels, for browsers' main threads. */
export async function loadKernelsAsync(): Promise<LoadedKernels | null> {
  if (typeof WebAssembly !== "object") return null;
  const relaxedBytes = decode(RELAXED_WASM);
  const relaxed = WebAssembly.validate(relaxedBytes);
  let bytes = relaxed ? relaxedBytes : decode(SIMD_WASM);
  if (!relaxed && !WebAssembly.validate(bytes)) return null;
  const shared = sharedMemoryAvailable();
  if (!shared) bytes = unshareMemoryImport(bytes);
  const module = await WebAssembly.compile(bytes);
  return instantiate(module, relaxed, shared);
}

function instantiate(module: WebAssembly.Module, relaxed: boolean, shared: boolean): LoadedKernels {
  // 4 MiB to start (the stack and one thread's GEMM work area); grows on demand up to 4 GiB.
  const initial = 64;
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial, maximum: 65536, shared });
  } catch {
    memory = new WebAssembly.Memory({ initial, maximum: 16384, shared }); // 32-bit hosts: 1 GiB of address space
  }
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  return { module, memory, exports: instance.exports as unknown as KernelExports, relaxed, shared };
}

export { PAGE };
