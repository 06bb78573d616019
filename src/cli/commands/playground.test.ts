/** The `nabla playground` server: loopback binding, only files inside the build folder, isolation headers, MIME types. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { program } from "../main.js";
import { resolveRequestPath, startPlaygroundServer, type PlaygroundServer } from "./playground.js";

/** A raw GET (or other method) that sends the path exactly as written, without URL normalisation. */
function get(url: string, path: string, method = "GET"): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const u = new URL(url);
  return new Promise((ok, fail) => {
    const req = request({ host: u.hostname, port: u.port, path, method }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", fail);
    req.end();
  });
}

let tmp: string;
let site: string;
let srv: PlaygroundServer;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "nabla-playground-"));
  site = join(tmp, "site");
  mkdirSync(join(site, "assets"), { recursive: true });
  writeFileSync(join(site, "index.html"), "<!doctype html><title>p</title>");
  writeFileSync(join(site, "assets", "app.js"), "export {};");
  writeFileSync(join(site, "assets", "style.css"), "body{}");
  writeFileSync(join(site, "assets", "k.wasm"), "\0asm");
  writeFileSync(join(tmp, "secret.txt"), "SECRET");
  srv = await startPlaygroundServer({ dir: site, port: 0 });
});

afterAll(async () => {
  await srv?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe("nabla playground server", () => {
  test("binds 127.0.0.1 by default", () => {
    const addr = srv.server.address();
    expect(typeof addr === "object" && addr?.address).toBe("127.0.0.1");
    expect(srv.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  test("serves the page and assets with their MIME types and the cross-origin isolation headers", async () => {
    const cases: [string, string][] = [
      ["/", "text/html; charset=utf-8"],
      ["/index.html", "text/html; charset=utf-8"],
      ["/assets/app.js", "text/javascript; charset=utf-8"],
      ["/assets/style.css", "text/css; charset=utf-8"],
      ["/assets/k.wasm", "application/wasm"],
      ["/index.html?view=race#x", "text/html; charset=utf-8"],
    ];
    for (const [path, type] of cases) {
      const r = await get(srv.url, path);
      expect(r.status, path).toBe(200);
      expect(r.headers["content-type"], path).toBe(type);
      expect(r.headers["cross-origin-opener-policy"], path).toBe("same-origin");
      expect(r.headers["cross-origin-embedder-policy"], path).toBe("require-corp");
    }
    expect((await get(srv.url, "/")).body).toContain("<title>p</title>");
  });

  test("404 for traversal, plain or encoded, and for missing files; nothing outside the folder leaks", async () => {
    const attacks = [
      "/../secret.txt", "/assets/../../secret.txt", "/..%2fsecret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/%2e%2e%2fsecret.txt",
      "/assets/%2e%2e/%2e%2e/secret.txt", "/.%2e/secret.txt", "/%252e%252e/secret.txt", "/..\\secret.txt", "/%5c..%5csecret.txt",
      "/assets%2fapp.js", "/index.html%00.js", "/./index.html", "/nope.html", "/assets/", "/assets",
    ];
    for (const path of attacks) {
      const r = await get(srv.url, path);
      expect(r.status, path).toBe(404);
      expect(r.body, path).not.toContain("SECRET");
      expect(r.headers["cross-origin-embedder-policy"], path).toBe("require-corp");
    }
  });

  test("only GET and HEAD", async () => {
    expect((await get(srv.url, "/", "POST")).status).toBe(405);
    const head = await get(srv.url, "/assets/app.js", "HEAD");
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
    expect(head.headers["content-length"]).toBe("10");
  });

  test("resolveRequestPath keeps every path inside the root", () => {
    expect(resolveRequestPath(site, "/assets/app.js")).toBe(join(site, "assets", "app.js"));
    expect(resolveRequestPath(site, "/")).toBe(join(site, "index.html"));
    for (const p of ["/../x", "/a/../../x", "/%2e%2e/x", "x", "/%zz", "/a/%2F/b"]) expect(resolveRequestPath(site, p), p).toBeNull();
  });

  test("refuses to start without a build, naming the folder and the command", async () => {
    await expect(startPlaygroundServer({ dir: join(tmp, "missing"), port: 0 })).rejects.toThrow(/no built playground in .*missing.*build:playground/);
  });

  test("is a command of the nabla CLI with --host and --port", () => {
    const cmd = program().commands.find((c) => c.name() === "playground");
    expect(cmd).toBeDefined();
    const flags = cmd!.options.map((o) => o.long);
    expect(flags).toEqual(expect.arrayContaining(["--host", "--port", "--dir"]));
    expect(cmd!.options.find((o) => o.long === "--host")!.defaultValue).toBe("127.0.0.1");
  });
});
