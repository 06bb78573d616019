import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { captureOutput, lastJson, nabla } from "../experiments/test-utils/cli.js";

const c = captureOutput();
const dir = mkdtempSync(join(tmpdir(), "nabla-lrfind-"));

describe("nabla lr-find", () => {
  it("runs the range test on the configured model and data, suggests a rate and writes its plot", async () => {
    expect(await nabla(c, "lr-find", "--data", "digits", "--optimizer", "sgd", "--layers", "32", "--iters", "120", "--out", dir, "--name", "lf", "--json"), c.err).toBe(0);
    const r = lastJson(c);
    expect(r.method).toBe("steepest");
    expect(r.suggestion).toBeGreaterThan(1e-3);
    expect(r.suggestion).toBeLessThan(5);
    expect(r.diverged).toBe(true);
    const saved = JSON.parse(readFileSync(join(dir, "lf", "lr-find.json"), "utf8"));
    expect(saved.lrs).toHaveLength(r.iterations);
    expect(saved.config.optimizer).toBe("sgd");
    expect(readFileSync(join(dir, "lf", "plots", "lr-find.svg"), "utf8")).toMatch(/suggested \d\.\de-?\d/);
    expect(existsSync(join(dir, "lf", "plots", "lr-find.png"))).toBe(true);

    expect(await nabla(c, "lr-find", "--data", "circle", "--iters", "30", "--out", dir, "--name", "lf2", "--quiet", "--no-png"), c.err).toBe(0);
    expect(c.out).toMatch(/suggested learning rate: \d\.\d\de[-+]\d+ \(.*\)\n.*\nplot: .*lr-find\.svg\ntrain with it: nabla train --optimizer adam --lr /);
    expect(await nabla(c, "lr-find", "--start-lr", "1", "--end-lr", "0.1")).toBe(2);
    expect(c.err).toMatch(/--end-lr 0\.1 must be larger than --start-lr 1/);
  });
});
