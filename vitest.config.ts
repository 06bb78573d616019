import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // the playground imports the package by name; its tests see the source entry, as its Vite build does
  resolve: { alias: [{ find: /^nabla$/, replacement: fileURLToPath(new URL("./src/index.ts", import.meta.url)) }] },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "examples/**/*.test.ts", "playground/**/*.test.ts"],
    testTimeout: 60_000,
    pool: "threads",
  },
});
