import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "./main.js";

// Debian's dataset-fashion-mnist (installed by .ci/run). Locally without it the test is skipped; in CI it must run.
const present = existsSync("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz");

afterEach(() => vi.restoreAllMocks());

describe.skipIf(!present && !process.env.CI)("nabla train on Fashion-MNIST", () => {
  it("an MLP reaches >= 88% test accuracy on the 10000 test images", async () => {
    let out = "";
    vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
    const dir = mkdtempSync(join(tmpdir(), "nabla-fashion-"));
    const code = await main([
      "train", "--data", "fashion-mnist", "--layers", "128", "--epochs", "5", "--batch-size", "64", "--val", "0.05",
      "--lr", "2e-3", "--schedule", "cosine", "--out", dir, "--name", "fashion", "--json", "--quiet",
    ]);
    expect(code).toBe(0);
    const summary = JSON.parse(out.trim().split("\n").pop()!);
    expect(summary.test.accuracy).toBeGreaterThanOrEqual(0.88);
  }, 300_000);
});
