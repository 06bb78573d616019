import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "./main.js";

let out = "";
let err = "";
beforeEach(() => {
  out = "";
  err = "";
  vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
});
afterEach(() => vi.restoreAllMocks());

const dir = mkdtempSync(join(tmpdir(), "nabla-cli-"));

describe("nabla train", () => {
  it("with no data flags trains on the shipped digits to >= 95% test accuracy and writes a run folder", async () => {
    const code = await main(["train", "--out", dir, "--name", "digits", "--json"]);
    expect(code, err).toBe(0);
    const summary = JSON.parse(out.trim().split("\n").pop()!);
    expect(summary.test.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(summary.run).toBe(join(dir, "digits"));
    expect(err).toMatch(/epoch 20\/20/);
    for (const f of ["config.json", "history.json", "history.csv", "model.json", "model.safetensors", "preprocess.json", "summary.json", "summary.txt"]) {
      expect(existsSync(join(dir, "digits", f)), f).toBe(true);
    }
    expect(readFileSync(join(dir, "digits", "history.csv"), "utf8").split("\n")[0]).toMatch(/^epoch,loss,accuracy,val_loss,val_accuracy,lr/);
    expect(readdirSync(join(dir, "digits")).some((f) => f.includes(".tmp-"))).toBe(false);
  });

  it("evaluate reproduces the run's test accuracy and predict writes one row per input", async () => {
    const summary = JSON.parse(readFileSync(join(dir, "digits", "summary.json"), "utf8"));
    expect(await main(["evaluate", join(dir, "digits"), "--json"]), err).toBe(0);
    const ev = JSON.parse(out.trim());
    expect(ev.accuracy).toBe(summary.test.accuracy);
    const csv = join(dir, "rows.csv");
    writeFileSync(csv, ["a".repeat(1), ...Array.from({ length: 63 }, (_, i) => `f${i}`)].join(",") + "\n" + Array(64).fill("0").join(",") + "\n" + Array(64).fill("8").join(",") + "\n");
    out = "";
    expect(await main(["predict", join(dir, "digits"), csv]), err).toBe(0);
    const lines = out.trim().split("\n");
    expect(lines[0]).toBe("prediction,p_0,p_1,p_2,p_3,p_4,p_5,p_6,p_7,p_8,p_9");
    expect(lines).toHaveLength(3);
  });

  it("takes a JSON config file, with flags overriding it, and runs other datasets and options", async () => {
    const cfg = join(dir, "cfg.json");
    writeFileSync(cfg, JSON.stringify({ data: "circle", layers: [8, 8], activation: "tanh", epochs: 3, optimizer: "sgd", lr: 0.1 }));
    expect(await main(["train", cfg, "--epochs", "40", "--out", dir, "--name", "circle", "--json", "--quiet", "--schedule", "cosine", "--batch-norm", "--early-stopping", "10"]), err).toBe(0);
    const s = JSON.parse(out.trim());
    const config = JSON.parse(readFileSync(join(dir, "circle", "config.json"), "utf8"));
    expect(config).toMatchObject({ data: "circle", layers: [8, 8], activation: "tanh", epochs: 40, optimizer: "sgd", schedule: "cosine", batchNorm: true });
    expect(s.test.accuracy).toBeGreaterThan(0.9);
  });

  it("regression data trains with MSE and reports R²", async () => {
    expect(await main(["train", "--data", "regression-plane", "--epochs", "30", "--out", dir, "--name", "plane", "--json", "--quiet"]), err).toBe(0);
    const s = JSON.parse(out.trim());
    expect(s.test.r2).toBeGreaterThan(0.9);
  });

  it("bad flags, values and config fields are clear errors listing the valid choices", async () => {
    expect(await main(["train", "--optimizer", "adamm"])).not.toBe(0);
    expect(err).toMatch(/adamm.*expected one of sgd, momentum, nesterov/);
    err = "";
    expect(await main(["train", "--bogus"])).not.toBe(0);
    expect(err).toMatch(/unknown option '--bogus'/);
    err = "";
    expect(await main(["train", "--epochs", "0"])).not.toBe(0);
    expect(err).toMatch(/epochs.*expected a value >= 1/);
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ epochs: 3, learningRate: 0.1 }));
    err = "";
    expect(await main(["train", bad])).toBe(2);
    expect(err).toMatch(/unknown field "learningRate" \(valid fields: data, label, layers/);
    writeFileSync(bad, JSON.stringify({ activation: "swish" }));
    err = "";
    expect(await main(["train", bad])).toBe(2);
    expect(err).toMatch(/"activation".*expected one of relu/);
    err = "";
    expect(await main(["train", "--data", "nope"])).not.toBe(0);
    expect(err).toMatch(/unknown dataset "nope"/);
    err = "";
    expect(await main(["evaluate", join(dir, "missing-run")])).not.toBe(0);
    expect(err).toMatch(/missing-run does not exist/);
  });

  it("--help describes every command and setting", async () => {
    await main(["train", "--help"]);
    for (const f of ["--data", "--layers", "--activation", "--optimizer", "--lr", "--epochs", "--batch-size", "--dropout", "--batch-norm", "--init", "--loss", "--weight-decay", "--schedule", "--early-stopping", "--json"]) {
      expect(out, f).toContain(f);
    }
    out = "";
    await main(["--help"]);
    expect(out).toMatch(/train.*\n.*evaluate.*\n.*predict/s);
  });
});
