/** Builds the playground into dist/playground (shipped with the package, served by `nabla playground`). */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/** The headers that make the page cross-origin isolated (SharedArrayBuffer, wasm threads), as the CLI server sends. */
export const isolationHeaders = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export default defineConfig({
  root: here("."),
  // relative asset URLs, so the build works under any path
  base: "./",
  // the playground sees exactly nabla's browser-safe public entry, never a deep import
  resolve: { alias: [{ find: /^nabla$/, replacement: here("../src/index.ts") }] },
  build: { outDir: here("../dist/playground"), emptyOutDir: true, target: "es2022", reportCompressedSize: false },
  worker: { format: "es" },
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
});
