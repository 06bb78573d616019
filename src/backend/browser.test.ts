/**
 * In Chromium (where installed, as in CI): the WebAssembly backend is the default, with and without
 * cross-origin isolation, and with isolation it runs GEMMs on Web Workers, giving the same results as
 * on one thread. The library's TypeScript is served by Vite's dev server, as the playground serves it.
 */
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { ViteDevServer } from "vite";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

const PAGE = `<!doctype html><script type="module">
import { backendReady, backend, getBackend, setNumThreads } from "/src/backend/registry.ts";
import { randn } from "/src/tensor/index.ts";
await backendReady();
const a = randn([300, 300]);
setNumThreads(1);
const one = a.matmul(a).data.slice();
setNumThreads(2);
a.matmul(a); // starts the workers; a page never blocks on them, so this one may run on one thread
for (let i = 0; i < 100 && (backend().pool?.running ?? 0) < 1; i++) await new Promise((r) => setTimeout(r, 20));
const two = a.matmul(a).data.slice();
const same = one.every((v, i) => v === two[i]);
document.title = JSON.stringify({ backend: getBackend(), isolated: self.crossOriginIsolated, workers: backend().pool?.running ?? 0, same });
</script>`;

describe.skipIf(!existsSync(CHROMIUM))("wasm backend in Chromium", () => {
  let browser: Browser;
  let servers: ViteDevServer[] = [];
  const urls: Record<"plain" | "isolated", string> = { plain: "", isolated: "" };

  beforeAll(async () => {
    const { createServer } = await import("vite");
    const { chromium } = await import("playwright-core");
    for (const mode of ["plain", "isolated"] as const) {
      const headers = mode === "isolated" ? { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" } : {};
      const server = await createServer({
        root: new URL("../..", import.meta.url).pathname, configFile: false, logLevel: "silent",
        server: { port: 0, host: "127.0.0.1", headers }, optimizeDeps: { noDiscovery: true, include: [] },
        plugins: [{
          name: "backend-page",
          configureServer(s) {
            s.middlewares.use("/backend-test.html", (_req, res) => {
              for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
              res.setHeader("content-type", "text/html");
              res.end(PAGE);
            });
          },
        }],
      });
      await server.listen();
      servers.push(server);
      urls[mode] = `${server.resolvedUrls!.local[0]}backend-test.html`;
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all(servers.map((s) => s.close()));
    servers = [];
  });

  async function run(url: string): Promise<{ backend: string; isolated: boolean; workers: number; same: boolean }> {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => document.title.startsWith("{"), null, { timeout: 30_000 });
    const result = JSON.parse(await page.title());
    await page.close();
    return result;
  }

  it("without cross-origin isolation: wasm on one thread", async () => {
    expect(await run(urls.plain)).toEqual({ backend: "wasm", isolated: false, workers: 0, same: true });
  }, 60_000);

  it("with cross-origin isolation: wasm on Web Workers, same results", async () => {
    expect(await run(urls.isolated)).toEqual({ backend: "wasm", isolated: true, workers: 1, same: true });
  }, 60_000);
});
