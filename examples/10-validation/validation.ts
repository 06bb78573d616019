/**
 * Example 10 — train/validation/test splits and k-fold cross-validation on the iris data: how much a
 * single hold-out estimate moves with the split, how much less a 5-fold estimate does, and model
 * selection by cross-validation with the test set touched once at the end.
 * Run: npx tsx examples/10-validation/validation.ts
 */
import { Generator, Tensor, data, evaluate, fit, manualSeed, nn, optim, plot, tune } from "../../src/index.js";
import { fmt, isMain, pct, table, writeOutput } from "../shared.js";

export interface ValidationOptions {
  epochs?: number;
  /** Random hold-out splits to draw (default 20). */
  splits?: number;
  /** Repetitions of 5-fold cross-validation with different fold assignments (default 5). */
  repeats?: number;
  hiddenSizes?: number[];
}

/** Trains an MLP 4-h-3 on `train` and returns its accuracy on `val`. */
async function score(hidden: number, trainXY: [Tensor, Tensor], valXY: [Tensor, Tensor], epochs: number, seed = 0): Promise<number> {
  manualSeed(seed);
  const model = nn.mlp([4, hidden, 3]);
  await fit(model, { loss: nn.F.crossEntropy, optimizer: new optim.Adam(model.parameters(), { lr: 0.01 }), train: trainXY, epochs, batchSize: 16, seed });
  return evaluate(model, valXY, { metrics: ["accuracy"] }).accuracy!;
}

export async function run(options: ValidationOptions = {}) {
  const { epochs = 60, splits = 20, repeats = 5, hiddenSizes = [1, 4, 16] } = options;
  const iris = data.loadIris();
  // Standardise with statistics of the development rows only, then set the test rows aside.
  const outer = data.trainValTestSplit([iris.x, iris.y], { test: 0.2, stratify: iris.y, generator: new Generator(0) });
  const scaler = new data.StandardScaler().fit(outer.train[0]!);
  const dev: [Tensor, Tensor] = [scaler.transform(outer.train[0]!), outer.train[1]!];
  const test: [Tensor, Tensor] = [scaler.transform(outer.test[0]!), outer.test[1]!];
  const hidden = 8;

  const holdout: number[] = [];
  for (let s = 0; s < splits; s++) {
    const sp = data.trainValTestSplit(dev, { val: 0.25, generator: new Generator(100 + s) });
    holdout.push(await score(hidden, [sp.train[0]!, sp.train[1]!], [sp.val[0]!, sp.val[1]!], epochs));
  }
  const cv: { mean: number; std: number; scores: number[] }[] = [];
  for (let s = 0; s < repeats; s++) {
    cv.push(await tune.crossValidate(dev[0], dev[1], (tr, va) => score(hidden, tr, va, epochs), { k: 5, stratify: true, generator: new Generator(200 + s) }));
  }
  const selection = [];
  for (const h of hiddenSizes) {
    const r = await tune.crossValidate(dev[0], dev[1], (tr, va) => score(h, tr, va, epochs), { k: 5, stratify: true, generator: new Generator(300) });
    selection.push({ hidden: h, mean: r.mean, std: r.std });
  }
  const chosen = selection.reduce((a, b) => (b.mean > a.mean ? b : a));
  const testAccuracy = await score(chosen.hidden, dev, test, epochs);
  return {
    epochs, hidden, devRows: dev[0].shape[0]!, testRows: test[0].shape[0]!,
    holdout: { scores: holdout, mean: tune.mean(holdout), std: tune.std(holdout), min: Math.min(...holdout), max: Math.max(...holdout) },
    cv: { means: cv.map((c) => c.mean), foldStds: cv.map((c) => c.std), spread: tune.std(cv.map((c) => c.mean)), min: Math.min(...cv.map((c) => c.mean)), max: Math.max(...cv.map((c) => c.mean)) },
    selection, chosen: chosen.hidden, testAccuracy,
  };
}

async function main(): Promise<void> {
  const r = await run();
  const markdown = [
    `Iris: ${r.devRows} development rows and ${r.testRows} test rows (stratified, standardised with development statistics only). Model: MLP 4-${r.hidden}-3, Adam lr 0.01, ${r.epochs} epochs.`,
    "",
    table(["estimate of validation accuracy", "runs", "mean", "std between runs", "min", "max"], [
      ["one random 75/25 hold-out split", r.holdout.scores.length, pct(r.holdout.mean), pct(r.holdout.std), pct(r.holdout.min), pct(r.holdout.max)],
      ["5-fold cross-validation (mean of 5 folds)", r.cv.means.length, pct(tune.mean(r.cv.means)), pct(r.cv.spread), pct(r.cv.min), pct(r.cv.max)],
    ]),
    "",
    "Model selection by 5-fold cross-validation (hidden width), then one evaluation on the test rows:",
    "",
    table(["hidden units", "CV accuracy", "std over folds"], r.selection.map((s) => [s.hidden, pct(s.mean), pct(s.std)])),
    "",
    `Chosen: ${r.chosen} hidden units, retrained on all development rows: **test accuracy ${pct(r.testAccuracy)}** (${fmt(Math.round(r.testAccuracy * r.testRows))} of ${r.testRows}).`,
  ].join("\n");
  const points = [
    ...r.holdout.scores.map((v) => ({ method: "single hold-out split", accuracy: v })),
    ...r.cv.means.map((v) => ({ method: "5-fold CV mean", accuracy: v })),
  ];
  const spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "Validation-accuracy estimates of the same model", width: 360, height: 240,
    data: { values: points },
    mark: { type: "tick", thickness: 2, size: 40 },
    encoding: { x: { field: "method", type: "nominal", title: null, axis: { labelAngle: 0 } }, y: { field: "accuracy", type: "quantitative", scale: { zero: false }, title: "estimated accuracy" }, color: { field: "method", type: "nominal", legend: null } },
    config: { font: "DejaVu Sans, Verdana, sans-serif", background: "white" },
  } as unknown as plot.PlotSpec;
  await writeOutput(import.meta.url, { results: r, markdown, plots: { estimates: spec } });
}

if (isMain(import.meta.url)) await main();
