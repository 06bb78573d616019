/** Atomic writes: a write that dies half way leaves the previous file whole and no temporary file behind. */
import { describe, expect, it, vi } from "vitest";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const disk = vi.hoisted(() => ({ failAfterBytes: Infinity, chunks: 0 }));

vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  // short writes of at most 64 bytes, and a "disk full" once failAfterBytes have been written
  const writeSync = (fd: number, buf: Uint8Array, off = 0, len = buf.length - off): number => {
    const n = Math.min(len, 64);
    if (disk.failAfterBytes < n) throw new Error("ENOSPC: no space left on device");
    disk.failAfterBytes -= n;
    disk.chunks++;
    return fs.writeSync(fd, buf, off, n);
  };
  return { ...fs, writeSync, default: { ...fs, writeSync } };
});

const { writeFileAtomic, checkpointFile } = await import("./files.js");

describe("writeFileAtomic", () => {
  it("writes through short writes, and a crash mid-write leaves the previous file whole", () => {
    const dir = mkdtempSync(join(tmpdir(), "nabla-atomic-"));
    const path = join(dir, "checkpoint.safetensors");
    const first = new Uint8Array(1000).fill(1);
    writeFileAtomic(path, first);
    expect(disk.chunks).toBeGreaterThan(10);
    expect(readFileSync(path)).toEqual(Buffer.from(first));
    disk.failAfterBytes = 300;
    expect(() => checkpointFile(path).save(new Uint8Array(2000).fill(2))).toThrow("ENOSPC");
    expect(readFileSync(path)).toEqual(Buffer.from(first));
    expect(readdirSync(dir)).toEqual(["checkpoint.safetensors"]);
    disk.failAfterBytes = Infinity;
    writeFileAtomic(path, "second");
    expect(readFileSync(path, "utf8")).toBe("second");
  });
});
