import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** Tests that must hold on every backend: PyTorch parity (tensor, nn, optim) and flat memory. */
const perBackend = [
  "src/tensor/parity.test.ts", "src/tensor/memory.test.ts", "src/tensor/gradcheck.test.ts",
  "src/nn/activations.test.ts", "src/nn/functional/losses.test.ts", "src/nn/layers/*.test.ts", "src/nn/utils/utils.test.ts",
  "src/nn/mlp.test.ts", "src/optim/*.parity.test.ts", "src/optim/lr-scheduler/*.parity.test.ts", "src/backend/determinism.test.ts",
];
/** The default project runs on the automatic choice (native where built, else wasm); these pin the others. */
const backends = ["js", "wasm", ...(existsSync(new URL("./build/nabla_native.node", import.meta.url)) ? ["native"] : [])];

export default defineConfig({
  // the playground imports the package by name; its tests see the source entry, as its Vite build does
  resolve: { alias: [{ find: /^nabla$/, replacement: fileURLToPath(new URL("./src/index.ts", import.meta.url)) }] },
  test: {
    testTimeout: 60_000,
    pool: "threads",
    projects: [
      {
        extends: true,
        test: { name: "default", include: ["src/**/*.test.ts", "test/**/*.test.ts", "examples/**/*.test.ts", "playground/**/*.test.ts"] },
      },
      ...backends.map((b) => ({
        extends: true,
        test: { name: b, include: perBackend, setupFiles: [`src/backend/test-setup/${b}.ts`] },
      })),
    ],
  },
});
