/** The native backend (where the addon is built: Debian's gcc and libopenblas-dev) passes the conformance suite. */
import { describe, expect, it } from "vitest";
import { backendSuite } from "./backend-suite.js";
import { loadNativeBackend } from "./native/load.js";

const native = loadNativeBackend();

if (native) backendSuite(native);

describe.skipIf(native !== null)("native backend", () => {
  it("is absent here, so the suite was skipped (build it with node scripts/build-native.mjs)", () => {
    expect(native).toBeNull();
  });
});
