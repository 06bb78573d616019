/** io's entry point is browser-safe: nothing it reaches imports Node modules or the Node-only file helpers. */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

function reachable(entry: string): { files: string[]; external: string[] } {
  const seen = new Set<string>();
  const external = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of readFileSync(file, "utf8").matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gm)) {
      const spec = m[1]!;
      if (spec.startsWith(".")) visit(resolve(dirname(file), spec.replace(/\.js$/, ".ts")));
      else external.add(spec);
    }
  };
  visit(entry);
  return { files: [...seen], external: [...external] };
}

describe("io is browser-safe", () => {
  it("nothing reachable from src/io/index.ts imports node: modules or src/io/node", () => {
    const { files, external } = reachable(fileURLToPath(new URL("./index.ts", import.meta.url)));
    expect(files.some((f) => f.endsWith("onnx/export.ts"))).toBe(true);
    expect(files.filter((f) => f.includes("/io/node/"))).toEqual([]);
    expect(external.filter((s) => s.startsWith("node:") || ["fs", "path", "os", "child_process"].includes(s))).toEqual([]);
    expect(external.filter((s) => !s.startsWith("node:")).sort()).toEqual(["onnx-proto"]);
  });
});
