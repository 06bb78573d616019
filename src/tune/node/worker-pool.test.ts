import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { WorkerPool, builtModuleUrl } from "../../node.js";

const dir = mkdtempSync(join(tmpdir(), "nabla-pool-"));
const task = join(dir, "task.mjs");
writeFileSync(task, `
import { threadId } from "node:worker_threads";
export async function square(x, progress) {
  progress({ half: x });
  await new Promise((r) => setTimeout(r, 30));
  return { value: x * x, threadId };
}
export function fail(x) { throw new RangeError("bad " + x); }
`);

describe("WorkerPool", () => {
  it("runs tasks in parallel worker threads, relays progress, and returns results in order", async () => {
    const pool = new WorkerPool(2);
    const progress: unknown[] = [];
    try {
      const out = await Promise.all([1, 2, 3, 4].map((x) => pool.run<{ value: number; threadId: number }>(pathToFileURL(task), "square", x, (p) => progress.push(p))));
      expect(out.map((o) => o.value)).toEqual([1, 4, 9, 16]);
      expect(new Set(out.map((o) => o.threadId)).size).toBe(2);
      expect(progress).toHaveLength(4);
      await expect(pool.run(task, "fail", 7)).rejects.toThrow(/bad 7/);
      await expect(pool.run(task, "missing", 1)).rejects.toThrow(/exports no function "missing"/);
      expect((await pool.run<{ value: number }>(task, "square", 5)).value).toBe(25);
    } finally {
      await pool.close();
    }
    await expect(pool.run(task, "square", 1)).rejects.toThrow(/closed/);
  });

  it("maps a source module to its build and explains a missing build", () => {
    expect(builtModuleUrl(pathToFileURL(task)).href).toBe(pathToFileURL(task).href);
    expect(() => builtModuleUrl(pathToFileURL(join(dir, "src", "nothing.ts")))).toThrow(/run `npm run build` first/);
    expect(() => new WorkerPool(0)).toThrow(/positive integer, got 0/);
  });
});
