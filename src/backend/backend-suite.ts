/**
 * The conformance suite every backend must pass: each method of the Backend interface against plain
 * reference loops (broadcasting, transposed and batched GEMM with shared operands and accumulation,
 * NaN propagation, index kernels and their adjoints, fused kernels), on small operands and on large ones
 * that take a backend's fast paths. A backend's test file calls `backendSuite(backend)`.
 */
import { describe } from "vitest";
import type { Backend } from "./backend.js";
import { elementwiseSuite } from "./suite/elementwise.js";
import { reduceSuite } from "./suite/reduce.js";
import { layoutSuite } from "./suite/layout.js";
import { fusedSuite } from "./suite/fused.js";
import { largeSuite } from "./suite/large.js";

/** Registers a vitest `describe` block that checks every kernel of `backend`. */
export function backendSuite(backend: Backend): void {
  describe(`backend "${backend.name}"`, () => {
    elementwiseSuite(backend);
    reduceSuite(backend);
    layoutSuite(backend);
    fusedSuite(backend);
    largeSuite(backend);
  });
}
