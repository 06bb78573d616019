#!/usr/bin/env node
// Builds nabla's optional native backend (N-API + OpenBLAS, opened at run time) into build/nabla_native.node.
// Runs at `npm install`. It never fails the install: without a C compiler, Node's headers or OpenBLAS
// (Debian: apt-get install -y gcc libopenblas-dev) it prints why and exits 0, and nabla uses its
// WebAssembly backend instead. Plain `cc` is enough: no node-gyp, no downloads.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src/backend/native/csrc");
const outDir = join(root, "build");
const out = join(outDir, "nabla_native.node");
const tmp = join(outDir, "nabla_native.tmp.node"); // built here first: a failed build keeps the last good one

function skip(reason) {
  console.log(`nabla: native backend not built (${reason}); the WebAssembly backend will be used.`);
  process.exit(0);
}

try {
  if (process.env.NABLA_SKIP_NATIVE) skip("NABLA_SKIP_NATIVE is set");
  if (process.platform === "win32") skip("Windows builds are not supported yet");
  if (!existsSync(src)) skip(`no C sources at ${src}`);
  const headers = [
    process.env.npm_config_nodedir && join(process.env.npm_config_nodedir, "include/node"),
    join(dirname(process.execPath), "../include/node"),
    "/usr/include/node",
    "/usr/local/include/node",
  ].find((d) => d && existsSync(join(d, "node_api.h")));
  if (!headers) skip("Node's C headers (node_api.h) were not found");
  const cc = process.env.CC || "cc";
  const sources = readdirSync(src).filter((f) => f.endsWith(".c")).map((f) => join(src, f));
  const args = ["-O3", "-fno-math-errno", "-fPIC", "-shared", "-std=gnu11", "-w", `-I${headers}`, ...sources, "-o", tmp, "-lm", "-lpthread", "-ldl"];
  if (process.platform === "darwin") args.push("-undefined", "dynamic_lookup", "-L/opt/homebrew/opt/openblas/lib", "-L/usr/local/opt/openblas/lib");
  mkdirSync(outDir, { recursive: true });
  try {
    execFileSync(cc, args, { stdio: ["ignore", "ignore", "pipe"], timeout: 120_000 });
  } catch (e) {
    const msg = String(e.stderr ?? e.message ?? e).trim().split("\n").slice(-2).join(" ");
    rmSync(tmp, { force: true });
    skip(`${cc} failed: ${msg || "no compiler"} (is libopenblas-dev installed?)`);
  }
  // OpenBLAS is opened at run time: check that it opens here, so that a build without it is not kept
  const check = `const m = require(${JSON.stringify(tmp)}); if (m.version() < 1) process.exit(1); console.log(m.blasCore());`;
  let core;
  try {
    core = execFileSync(process.execPath, ["-e", check], { encoding: "utf8", timeout: 60_000, stdio: ["ignore", "pipe", "pipe"] }).trim();
  } catch (e) {
    rmSync(tmp, { force: true });
    skip(`the addon does not load: ${String(e.stderr ?? e.message).trim().split("\n").slice(-1)[0]} (is libopenblas-dev installed?)`);
  }
  renameSync(tmp, out);
  console.log(`nabla: built the native backend (${out}; OpenBLAS kernels: ${core}).`);
} catch (e) {
  skip(String(e?.message ?? e));
}
