/**
 * The backend registry: which backend runs every kernel now, the thread count, and the automatic choice
 * at start-up: the native addon where it loads (Node with a built addon), else WebAssembly SIMD where the
 * runtime has it (Node >= 20, current browsers), else plain JS.
 */
import type { Backend } from "./backend.js";
import { jsBackend } from "./js/index.js";
import { loadKernels, loadKernelsAsync } from "./wasm/module.js";
import { createWasmBackend } from "./wasm/index.js";
import { availableCores } from "./wasm/threads.js";
import { loadNativeBackend } from "./native/load.js";

const backends = new Map<string, Backend>([["js", jsBackend]]);
let current: Backend = jsBackend;
/** Set once the user picks a backend: a backend that finishes loading later does not take over then. */
let pinned = false;
let threads = Math.min(availableCores(), 8);
let pending: Promise<void> = Promise.resolve();

/** The backend that runs every kernel now. */
export function backend(): Backend {
  return current;
}

/** Makes a registered backend ("js", "wasm" or "native") the one all ops use. */
export function setBackend(name: string): void {
  const b = backends.get(name);
  if (!b) throw new RangeError(`setBackend: unknown backend "${name}" (available: ${[...backends.keys()].join(", ")})`);
  current = b;
  pinned = true;
}

/** The name of the current backend. */
export function getBackend(): string {
  return current.name;
}

/** Registers a backend under its name so that setBackend can select it. */
export function registerBackend(b: Backend): void {
  backends.set(b.name, b);
  b.setNumThreads?.(threads);
}

/** Names of the registered backends. */
export function listBackends(): string[] {
  return [...backends.keys()];
}

/**
 * Sets how many threads kernels may use (the calling thread included), for every backend that has
 * threads: worker threads for "wasm", the addon's thread pool for "native". Results do not depend on it.
 */
export function setNumThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`setNumThreads: expected a positive integer, got ${n}`);
  threads = n;
  for (const b of backends.values()) b.setNumThreads?.(n);
}

/** The thread count kernels may use (default: the available cores, at most 8). */
export function getNumThreads(): number {
  return threads;
}

/**
 * Resolves once every backend that loads asynchronously has loaded. Only a browser's main thread needs
 * it, where WebAssembly must compile asynchronously: until then ops run on the JS backend.
 */
export function backendReady(): Promise<void> {
  return pending;
}

function choose(b: Backend): void {
  if (!pinned && (current === jsBackend || (current.name === "wasm" && b.name === "native"))) current = b;
}

function startUp(): void {
  try {
    const kernels = loadKernels();
    if (kernels) {
      const wasm = createWasmBackend(kernels);
      registerBackend(wasm);
      choose(wasm);
    }
  } catch {
    // Synchronous compilation refused (a browser's main thread): compile in the background.
    pending = loadKernelsAsync().then(
      (kernels) => {
        if (!kernels) return;
        const wasm = createWasmBackend(kernels);
        registerBackend(wasm);
        choose(wasm);
      },
      () => undefined, // no WebAssembly backend: the JS backend stays
    );
  }
  const native = loadNativeBackend(backends.get("wasm") ?? null);
  if (native) {
    registerBackend(native);
    choose(native);
  }
}

startUp();
