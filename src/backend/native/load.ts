/**
 * Loads the optional native addon (build/nabla_native.node, built at install by scripts/build-native.mjs).
 * Node only, and never an error: anywhere it is missing, stale or fails to load, this returns null and
 * another backend runs. Before loading it points OpenBLAS at its AVX-512 kernels on CPUs that have them,
 * unless OPENBLAS_CORETYPE is already set (Debian's OpenBLAS 0.3.21 otherwise runs its AVX2 kernels on
 * AVX-512 CPUs it does not recognise, such as AMD Zen 4 and 5, at half the speed).
 */
import type { Backend } from "../backend.js";
import { createNativeBackend, type NativeAddon } from "./index.js";

/** The exports version this JS expects (ADDON_VERSION in csrc/addon.c). */
const ADDON_VERSION = 1;

type NodeProcess = {
  versions?: { node?: string };
  platform?: string;
  env: Record<string, string | undefined>;
  getBuiltinModule?: (id: string) => unknown;
};

/** Whether /proc/cpuinfo lists the AVX-512 subsets OpenBLAS's SkylakeX kernels use. */
function hasAvx512(proc: NodeProcess): boolean {
  if (proc.platform !== "linux") return false;
  try {
    const fs = proc.getBuiltinModule!("node:fs") as { readFileSync(p: string, enc: string): string };
    const flags = fs.readFileSync("/proc/cpuinfo", "utf8").match(/^flags\s*:(.*)$/m)?.[1]?.split(/\s+/) ?? [];
    return ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"].every((f) => flags.includes(f));
  } catch {
    return false;
  }
}

/** The native backend, handing exp/tanh/sigmoid to `wasm` where given (see index.ts). */
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
    if (proc.env.OPENBLAS_CORETYPE === undefined && hasAvx512(proc)) proc.env.OPENBLAS_CORETYPE = "SkylakeX";
    const addon = require(path) as NativeAddon;
    if (typeof addon.version !== "function" || addon.version() !== ADDON_VERSION) return null;
    return createNativeBackend(addon, wasm);
  } catch {
    return null;
  }
}
