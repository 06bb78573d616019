/** The native backend (where the addon is built: Debian's gcc and libopenblas-dev) passes the conformance suite. */
import { describe, expect, it } from "vitest";
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
