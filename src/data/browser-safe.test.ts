import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Every module reachable by static imports from `entry`, with the bare (non-relative) specifiers it imports. */
function reachable(entry: string): { files: string[]; external: string[] } {
  const seen = new Set<string>();
  const external = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const src = readFileSync(file, "utf8");
    for (const m of src.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gm)) {
      const spec = m[1]!;
      if (spec.startsWith(".")) visit(resolve(dirname(file), spec.replace(/\.js$/, ".ts")));
      else external.add(spec);
    }
  };
  visit(entry);
  return { files: [...seen], external: [...external] };
}

describe("data is browser-safe", () => {
  it("nothing reachable from src/data/index.ts imports node: modules or the Node-only readers", () => {
    const { files, external } = reachable(fileURLToPath(new URL("./index.ts", import.meta.url)));
    expect(files.length).toBeGreaterThan(10);
    expect(files.filter((f) => f.includes("/data/node/"))).toEqual([]);
    expect(external.filter((s) => s.startsWith("node:") || ["fs", "path", "zlib", "os"].includes(s))).toEqual([]);
  });
});
