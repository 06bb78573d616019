/** The native backend (where the addon is built: Debian's gcc and libopenblas-dev) passes the conformance suite. */
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { backendSuite } from "./backend-suite.js";
import { loadNativeBackend } from "./native/load.js";
import { loadKernels } from "./wasm/module.js";
import { createWasmBackend } from "./wasm/index.js";

const native = loadNativeBackend();
const kernels = loadKernels();

if (native) backendSuite(native);

// as the registry builds it: with the wasm backend's SIMD exp/tanh/sigmoid
if (native && kernels) describe("with wasm for exp, tanh and sigmoid", () => backendSuite(loadNativeBackend(createWasmBackend(kernels))!));

describe.skipIf(native !== null)("native backend", () => {
  it("is absent here, so the suite was skipped (build it with node scripts/build-native.mjs)", () => {
    expect(native).toBeNull();
  });
});

// The addon's thread pool is process-wide: JS threads calling it at once (vitest's workers, a user's
// worker_threads) must neither deadlock nor mix up their tasks.
describe.skipIf(native === null)("native thread pool", () => {
  it("serves several JS threads at once, while the thread count changes, with correct results", async () => {
    const path = new URL("../../build/nabla_native.node", import.meta.url).pathname;
    expect(existsSync(path)).toBe(true);
    const source = `
      const { parentPort, workerData } = require("node:worker_threads");
      const m = require(workerData.path);
      const [M, N, K] = [96, 300, 200];
      const a = new Float32Array(M * K).map((_, i) => (i % 7) - 3), b = new Float32Array(K * N).map((_, i) => (i % 5) - 2);
      const ref = new Float32Array(M * N);
      m.gemm(a, b, ref, 1, M, N, K, 0, 0, 0);
      let bad = 0;
      for (let i = 0; i < 300; i++) {
        if (i % 50 === 0) m.setNumThreads(1 + (i / 50) % 3);
        const c = new Float32Array(M * N);
        m.gemm(a, b, c, 1, M, N, K, 0, 0, 0);
        for (let j = 0; j < c.length; j += 97) if (c[j] !== ref[j]) bad++;
      }
      parentPort.postMessage(bad);`;
    const runs = Array.from({ length: 3 }, () => new Promise<number>((resolve, reject) => {
      const w = new Worker(source, { eval: true, workerData: { path } });
      w.once("message", resolve);
      w.once("error", reject);
    }));
    expect(await Promise.all(runs)).toEqual([0, 0, 0]);
    native!.setNumThreads!(2);
  }, 60_000);
});
