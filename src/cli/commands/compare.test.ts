import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { captureOutput, lastJson, nabla } from "../experiments/test-utils/cli.js";

const c = captureOutput();
const dir = mkdtempSync(join(tmpdir(), "nabla-compare-"));
const base = ["--data", "xor", "--epochs", "6", "--layers", "8", "--out", dir, "--json"];

describe("nabla compare", () => {
  it("trains a grid × seeds in worker threads: mean ± std table, CSV, overlaid curves; workers give the same numbers as one thread", async () => {
    expect(await nabla(c, "compare", ...base, "--name", "w2", "--grid", "activation=relu,tanh", "--grid", "batch-norm=false,true", "--seeds", "2", "--workers", "2"), c.err).toBe(0);
    const r = lastJson(c);
    expect(r.groups.map((g: { label: string }) => g.label)).toEqual([
      "activation=relu batchNorm=false", "activation=relu batchNorm=true", "activation=tanh batchNorm=false", "activation=tanh batchNorm=true",
    ]);
    const g0 = r.groups[0];
    expect(g0.summary.test_accuracy.mean).toBeGreaterThan(0);
    expect(g0.summary.test_accuracy.std).toBeGreaterThanOrEqual(0);
    expect(g0.summary.trainTime.mean).toBeGreaterThan(0);
    expect(c.err).toMatch(/4 configurations × 2 seed\(s\) = 8 runs on xor, 2 worker\(s\)/);
    expect(c.err).toMatch(/\[8\/8\] .*ETA/);
    const out = join(dir, "w2");
    expect(readFileSync(join(out, "compare.txt"), "utf8")).toMatch(/activation=relu batchNorm=true\s+\d\.\d{4} ± \d\.\d{4}/);
    expect(readFileSync(join(out, "compare.csv"), "utf8").split("\n")[0]).toBe("configuration,test_accuracy_mean,test_accuracy_std,test_loss_mean,test_loss_std,trainTime_mean,trainTime_std,testTime_mean,testTime_std");
    for (const f of ["compare.json", "plots.json", "plots/curves-val_loss.svg", "plots/curves-val_loss.png", "plots/curves-val_accuracy.svg"]) expect(existsSync(join(out, f)), f).toBe(true);
    const svg = readFileSync(join(out, "plots/curves-val_loss.svg"), "utf8");
    expect(svg).toContain("activation=tanh batchNorm=true");
    expect(svg).toContain("mark-area"); // the ± std band

    expect(await nabla(c, "compare", ...base, "--name", "w0", "--grid", "activation=relu,tanh", "--grid", "batch-norm=false,true", "--seeds", "2", "--workers", "0", "--quiet"), c.err).toBe(0);
    const same = lastJson(c);
    expect(same.groups.map((g: { summary: { test_loss: unknown } }) => g.summary.test_loss)).toEqual(r.groups.map((g: { summary: { test_loss: unknown } }) => g.summary.test_loss));
  });

  it("grid values are validated like train flags; layers alternatives use |", async () => {
    expect(await nabla(c, "compare", ...base, "--grid", "activaton=relu")).toBe(2);
    expect(c.err).toMatch(/--grid: unknown setting "activaton" \(expected one of data, label, layers, activation/);
    expect(await nabla(c, "compare", ...base, "--grid", "activation=relu,swish")).toBe(2);
    expect(c.err).toMatch(/invalid value "swish".*expected one of relu/);
    expect(await nabla(c, "compare", ...base)).toBe(2);
    expect(c.err).toMatch(/at least one --grid/);
    expect(await nabla(c, "compare", ...base, "--name", "layers", "--grid", "layers=4|8,8", "--workers", "0", "--quiet", "--no-png"), c.err).toBe(0);
    expect(lastJson(c).groups.map((g: { values: unknown }) => g.values)).toEqual([{ layers: [4] }, { layers: [8, 8] }]);
    expect(existsSync(join(dir, "layers", "plots", "curves-loss.png"))).toBe(false);
  });
});
