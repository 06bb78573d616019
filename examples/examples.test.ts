/**
 * Every example runs here in a small, fast version (its `run(options)` with fewer rows, steps and
 * epochs), so none rots; the full versions' committed outputs are checked to be present and filled in.
 * Assertions are about what each example computes, never about timings.
 */
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const here = fileURLToPath(new URL(".", import.meta.url));
const dirs = readdirSync(here, { withFileTypes: true }).filter((d) => d.isDirectory() && /^\d\d-/.test(d.name)).map((d) => d.name).sort();
const finite = (v: number) => Number.isFinite(v);

describe("examples: committed outputs", () => {
  it("there are 14 examples, numbered 01–14", () => {
    expect(dirs.map((d) => d.slice(0, 2))).toEqual(Array.from({ length: 14 }, (_, i) => String(i + 1).padStart(2, "0")));
  });
  for (const d of dirs) {
    it(`${d}: a README with a filled results section, results.json and its plots`, () => {
      const readme = readFileSync(join(here, d, "README.md"), "utf8");
      const section = /<!-- results -->([\s\S]*)<!-- \/results -->/.exec(readme)?.[1] ?? "";
      expect(section.trim().length, `${d}/README.md: run the example to fill its results section`).toBeGreaterThan(50);
      expect(existsSync(join(here, d, "results.json"))).toBe(true);
      const images = [...section.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]!);
      expect(images.length, `${d}: at least one plot`).toBeGreaterThan(0);
      for (const img of images) expect(existsSync(join(here, d, img)), `${d}/${img}`).toBe(true);
    });
  }
});

describe("examples: fast runs", () => {
  it("01 backprop: hand-written gradients equal autodiff's", async () => {
    const { run } = await import("./01-backprop/backprop.js");
    const r = run({ steps: 20, samples: 100 });
    for (const w of r.worked) expect(w.maxAbsDiff).toBeLessThan(1e-6);
    expect(r.network.worstGradDiff).toBeLessThan(1e-5);
    expect(r.curves.hand).toHaveLength(20);
  });

  it("02 xor: three models, a linear one cannot fit XOR", async () => {
    const { run, withProduct } = await import("./02-xor/xor.js");
    const r = await run({ samples: 200, epochs: 20 });
    expect(r.results).toHaveLength(3);
    expect(r.results[0]!.trainAccuracy).toBeLessThan(0.8);
    const { tensor } = await import("../src/index.js");
    expect(withProduct(tensor([[2, -3]])).toArray()).toEqual([[2, -3, -6]]);
  });

  it("03 activations: steps-to-target for each activation", async () => {
    const { run } = await import("./03-activations/activations.js");
    const r = run({ dataset: "digits", rows: 400, hidden: [16, 16], epochs: 1, lrs: [0.1], target: 0.6, evalEvery: 3, evalRows: 200, seeds: [1] });
    expect(r.runs.map((a) => a.activation)).toEqual(["sigmoid", "tanh", "relu", "leaky_relu", "elu"]);
    for (const a of r.runs) expect(a.curve.error.every((e) => e >= 0 && e <= 1)).toBe(true);
    expect(r.tanhOverRelu === null || r.tanhOverRelu > 0).toBe(true);
  });

  it("04 initialisation: small weights vanish, equal weights stay symmetric", async () => {
    const { run } = await import("./04-initialisation/initialisation.js");
    const r = await run({ layers: 5, width: 32, rows: 100, epochs: 2 });
    const lastStd = (i: number) => r.deep[i]!.layers.at(-1)!.std;
    expect(lastStd(0)).toBeLessThan(0.01 * lastStd(2)); // N(0, 0.01²) vs Xavier, tanh
    expect(r.symmetry[0]!.hiddenUnitSpread).toBe(0);
    expect(r.symmetry[1]!.hiddenUnitSpread).toBe(0);
    expect(r.symmetry[2]!.hiddenUnitSpread).toBeGreaterThan(0);
  });

  it("05 optimisers: paths on both surfaces and a Fashion-MNIST run each", async () => {
    const { run, OPTIMISERS } = await import("./05-optimisers/optimisers.js");
    const r = await run({ steps: 15, lrGrid: [0.01, 0.1], rows: 300, epochs: 1 });
    for (const s of r.surfaces) expect(s.runs).toHaveLength(OPTIMISERS.length);
    expect(r.mnist.every((m) => finite(m.trainLoss))).toBe(true);
  });

  it("06 learning rate: a sweep and five schedules", async () => {
    const { run } = await import("./06-learning-rate/learning-rate.js");
    const r = await run({ epochs: 2, lrs: [0.03, 30] });
    expect(r.sweep).toHaveLength(2);
    expect(r.schedules).toHaveLength(5);
    const step = r.schedules.find((s) => s.schedule.startsWith("StepLR"))!;
    expect(step.lr[0]).toBeCloseTo(r.scheduleLr, 6);
  });

  it("07 overfitting: six variants", async () => {
    const { run, GaussianNoise } = await import("./07-overfitting/overfitting.js");
    const r = await run({ epochs: 2, hidden: 16 });
    expect(r.variants.map((v) => v.variant)).toHaveLength(6);
    const { ones } = await import("../src/index.js");
    const noise = new GaussianNoise(0.5);
    expect(noise.eval().forward(ones(3)).toArray()).toEqual([1, 1, 1]);
  });

  it("08 batch norm: with and without", async () => {
    const { run } = await import("./08-batchnorm/batchnorm.js");
    const r = await run({ dataset: "digits", rows: 300, testRows: 200, epochs: 1, lrs: [0.1], hidden: [16] });
    expect(r.runs.map((x) => x.batchNorm)).toEqual([false, true]);
  });

  it("09 batch size: batch, mini-batch and stochastic", async () => {
    const { run } = await import("./09-batch-size/batch-size.js");
    const r = await run({ epochs: 1, lrs: [0.1], rows: 100 });
    expect(r.modes.map((m) => m.updatesPerEpoch)).toEqual([1, 4, 100]);
  });

  it("10 validation: hold-out and cross-validation estimates", async () => {
    const { run } = await import("./10-validation/validation.js");
    const r = await run({ epochs: 3, splits: 2, repeats: 1, hiddenSizes: [4] });
    expect(r.holdout.scores).toHaveLength(2);
    expect(r.cv.means).toHaveLength(1);
    expect(r.testAccuracy).toBeGreaterThanOrEqual(0);
  });

  it("11 search: grid vs random with the same budget", async () => {
    const { run } = await import("./11-search/search.js");
    const r = await run({ trials: 4, repeats: 2, epochs: 1, lrMax: [1] });
    expect(r.spaces[0]!.grid).toHaveLength(4);
    expect(r.spaces[0]!.gridDistinctLrs).toBe(2);
    expect(r.spaces[0]!.randomDistinctLrs).toBe(4);
  });

  it("12 ensembles: members and their average", async () => {
    const { run } = await import("./12-ensembles/ensembles.js");
    const r = await run({ dataset: "digits", members: 2, epochs: 2 });
    expect(r.single).toHaveLength(2);
    expect(r.bySize.map((b) => b.members)).toEqual([1, 2]);
    expect(r.bySize[0]!.accuracy).toBeCloseTo(r.single[0]!, 6);
  });

  it("13 transfer: scratch, frozen and fine-tuned", async () => {
    const { run } = await import("./13-transfer/transfer.js");
    const r = await run({ pretrainRows: 300, pretrainEpochs: 1, sizes: [20], steps: 5, testRows: 200, splits: 1 });
    const row = r.splits[0]!.results[0]!;
    expect(row["frozen body + new head trainable"]).toBe(128 * 5 + 5);
    expect(row["first layer frozen trainable"]).toBe(256 * 128 + 128 + 128 * 5 + 5);
  });

  it("14 clipping: one run per clipping setting, with the gradient norm of every step", async () => {
    const { run } = await import("./14-clipping/clipping.js");
    const r = run({ steps: 10, depth: 3 });
    expect(r.runs).toHaveLength(3);
    for (const x of r.runs) expect(x.norms.length).toBeGreaterThan(0);
  });
});
