import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { captureOutput, lastJson, nabla } from "./test-utils/cli.js";

const c = captureOutput();
const dir = mkdtempSync(join(tmpdir(), "nabla-extras-"));

describe("nabla train: plots and --diagnose", () => {
  it("a run folder gets its curves, confusion matrix and, for 2-D data, the decision boundary; --diagnose prints and saves diagnostics", async () => {
    expect(await nabla(c, "train", "--data", "circle", "--layers", "8,8", "--activation", "tanh", "--epochs", "4", "--out", dir, "--name", "circle", "--json", "--quiet", "--diagnose"), c.err).toBe(0);
    const run = join(dir, "circle");
    const plots = readdirSync(join(run, "plots")).sort();
    for (const p of ["loss", "accuracy", "lr", "confusion", "decision-boundary", "diagnostics-activations", "diagnostics-gradients", "diagnostics-gradNorm", "diagnostics-updateRatio"]) {
      expect(plots, p).toContain(`${p}.svg`);
      expect(plots, p).toContain(`${p}.png`);
    }
    const confusion = JSON.parse(readFileSync(join(run, "confusion.json"), "utf8"));
    expect(confusion.split).toBe("test");
    expect(confusion.counts.flat().reduce((a: number, b: number) => a + b, 0)).toBe(100); // 20% of 500 rows
    expect(lastJson(c).test.accuracy).toBeGreaterThan(0);
    const d = JSON.parse(readFileSync(join(run, "diagnostics.json"), "utf8"));
    expect(d.layers.map((l: { name: string }) => l.name)).toEqual(["0 Linear", "1 Tanh", "2 Linear", "3 Tanh", "4 Linear"]);
    expect(d.epochs).toHaveLength(4);
    expect(d.epochs[3].layers["1 Tanh"].saturatedFraction).toBeGreaterThanOrEqual(0);
    expect(c.err).toMatch(/diagnostics, epoch 4:\n\s+layer\s+act mean\s+act std\s+dead\s+saturated\s+grad norm\s+update\/weight\n\s+0 Linear/);
    expect(Object.keys(JSON.parse(readFileSync(join(run, "plots.json"), "utf8")))).toContain("decision-boundary");
  });

  it("--no-plots skips the images; a diverging run is diagnosed (learning rate too high) before the error", async () => {
    expect(await nabla(c, "train", "--data", "digits", "--layers", "16", "--epochs", "1", "--out", dir, "--name", "noplots", "--quiet", "--no-plots"), c.err).toBe(0);
    expect(existsSync(join(dir, "noplots", "plots"))).toBe(false);
    expect(existsSync(join(dir, "noplots", "history.json"))).toBe(true);

    const code = await nabla(c, "train", "--data", "regression-plane", "--layers", "16", "--activation", "linear", "--optimizer", "sgd", "--lr", "5", "--momentum", "0",
      "--epochs", "5", "--out", dir, "--name", "diverge", "--quiet", "--diagnose");
    expect(code).toBe(1);
    expect(c.err).toMatch(/warning \(epoch \d\): .*learning rate is probably too high\n  try: lower the learning rate/);
    const d = JSON.parse(readFileSync(join(dir, "diverge", "diagnostics.json"), "utf8"));
    expect(d.warnings.map((w: { kind: string }) => w.kind)).toContain("lr-too-high");
  });
});
