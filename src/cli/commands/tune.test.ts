import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { captureOutput, lastJson, nabla } from "../experiments/test-utils/cli.js";

const c = captureOutput();
const dir = mkdtempSync(join(tmpdir(), "nabla-tune-"));

describe("nabla tune", () => {
  it("random search with log-uniform rates, successive halving and 3-fold CV in workers; best.json reruns with train --config", async () => {
    const code = await nabla(c, "tune", "--data", "iris", "--layers", "16", "--epochs", "8", "--out", dir, "--name", "search",
      "--space", "lr=1e-3:1e-1:log", "--space", "activation=relu,tanh", "--trials", "4", "--halving", "--min-epochs", "2", "--eta", "2", "--folds", "3", "--workers", "2", "--json");
    expect(code, c.err).toBe(0);
    const r = lastJson(c);
    expect(r.metric).toBe("val_accuracy");
    const t = JSON.parse(readFileSync(join(dir, "search", "tune.json"), "utf8"));
    // rungs: 4 candidates × 2 epochs, the best 2 × 4 epochs, the best 1 × 8 epochs
    expect(t.halving.rungs.map((g: { budget: number; ids: number[] }) => [g.budget, g.ids.length])).toEqual([[2, 4], [4, 2], [8, 1]]);
    expect(t.trials).toHaveLength(7);
    expect(t.trials.every((x: { foldScores: number[] }) => x.foldScores.length === 3)).toBe(true);
    for (const x of t.trials) expect(x.values.lr).toBeGreaterThanOrEqual(1e-3), expect(x.values.lr).toBeLessThanOrEqual(1e-1);
    const final = t.trials.find((x: { rung: number }) => x.rung === 2);
    expect(r.best.id).toBe(final.id);
    expect(c.err).toMatch(/successive halving from 2 to 8 epochs.*3-fold cross-validation; 21 trainings on 2 worker\(s\)/);
    expect(c.err).toMatch(/\[21\/21\] #\d+ lr=[\d.]+ activation=\w+ fold \d\/3: val_accuracy/);
    for (const f of ["best.json", "tune.csv", "plots/scores.svg", "plots/scores-lr.svg", "plots/curves.svg", "plots/scores.png"]) expect(existsSync(join(dir, "search", f)), f).toBe(true);
    expect(readFileSync(join(dir, "search", "tune.csv"), "utf8").split("\n")[0]).toBe("trial,rung,epochs,lr,activation,val_accuracy,std");

    const best = JSON.parse(readFileSync(join(dir, "search", "best.json"), "utf8"));
    expect(best).toMatchObject({ data: "iris", layers: [16], epochs: 8, lr: final.values.lr, activation: final.values.activation });
    expect(best).not.toHaveProperty("out");
    expect(await nabla(c, "train", "--config", join(dir, "search", "best.json"), "--out", dir, "--name", "rerun", "--json", "--quiet", "--no-plots"), c.err).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "rerun", "config.json"), "utf8"))).toMatchObject({ lr: final.values.lr, activation: final.values.activation, epochs: 8 });
  });

  it("grid search in this thread, scored on the validation split; a range gives evenly spaced grid points", async () => {
    expect(await nabla(c, "tune", "--data", "circle", "--layers", "8", "--epochs", "3", "--out", dir, "--name", "grid", "--space", "lr=1e-3:1e-1:log:3",
      "--search", "grid", "--workers", "0", "--quiet", "--no-png"), c.err).toBe(0);
    expect(c.out).toMatch(/best: #\d lr=[\d.]+: val_accuracy \d\.\d{4}\nbest config: .*best\.json\nrerun it with: nabla train --config/);
    const t = JSON.parse(readFileSync(join(dir, "grid", "tune.json"), "utf8"));
    expect(t.trials.map((x: { values: { lr: number } }) => x.values.lr)).toEqual([0.001, 0.01, 0.1]);
  });

  it("explains bad search settings", async () => {
    expect(await nabla(c, "tune", "--data", "iris", "--space", "lr=1e-3:1e-1:log", "--folds", "1")).toBe(2);
    expect(c.err).toMatch(/--folds: expected 0 \(off\) or at least 2 folds/);
    expect(await nabla(c, "tune", "--data", "iris", "--space", "lr=0:1:log")).toBe(2);
    expect(c.err).toMatch(/logUniform\(0, 1\)/);
    expect(await nabla(c, "tune", "--data", "iris", "--val", "0", "--space", "activation=relu,tanh")).toBe(2);
    expect(c.err).toMatch(/set --val > 0 or use --folds k/);
  });
});
