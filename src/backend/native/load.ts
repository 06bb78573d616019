/**
 * Loads the optional native addon (build/nabla_native.node, built at install by scripts/build-native.mjs).
 * Node only, and never an error: anywhere it is missing, stale or fails to load (no OpenBLAS), this
 * returns null and another backend runs. The addon opens OpenBLAS itself, choosing its AVX-512 kernels
 * on CPUs that have them and its single-threaded path (see csrc/gemm.c).
 */
import type { Backend } from "../backend.js";
import { createNativeBackend, type NativeAddon } from "./index.js";

/** The exports version this JS expects (ADDON_VERSION in csrc/addon.c). */
const ADDON_VERSION = 2;

type NodeProcess = { versions?: { node?: string }; getBuiltinModule?: (id: string) => unknown };

export function loadNativeBackend(wasm: Backend | null = null): Backend | null {
  const proc = (globalThis as { process?: NodeProcess }).process;
  if (!proc?.versions?.node || typeof proc.getBuiltinModule !== "function") return null;
  try {
    const { createRequire } = proc.getBuiltinModule("node:module") as { createRequire(url: string): (id: string) => unknown };
    const require = createRequire(import.meta.url);
    const fs = proc.getBuiltinModule("node:fs") as { existsSync(p: string): boolean };
    // the package root's build/: three levels above src/backend/native/ and dist/backend/native/, more for
    // copies compiled elsewhere (the benchmark's build/bench/src/backend/native/)
    const path = [3, 4, 5].map((up) => new URL(`${"../".repeat(up)}build/nabla_native.node`, import.meta.url).pathname).find((p) => fs.existsSync(p));
    if (path === undefined) return null;
    const addon = require(path) as NativeAddon;
    if (typeof addon.version !== "function" || addon.version() !== ADDON_VERSION) return null;
    return createNativeBackend(addon, wasm);
  } catch {
    return null;
  }
}
