/**
 * Example 12 — ensembles: five MLPs that differ only in their random seed, and the average of their
 * predicted probabilities (`tune.ensemble`), on Fashion-MNIST.
 * Run: npx tsx examples/12-ensembles/ensembles.ts
 */
import { data, evaluate, fit, manualSeed, nn, optim, plot, tune } from "../../src/index.js";
import { loadFashionMnist } from "../../src/node.js";
import { head, isMain, lineChart, pct, table, writeOutput } from "../shared.js";

export interface EnsembleOptions {
  members?: number;
  rows?: number;
  testRows?: number;
  epochs?: number;
  dataset?: "fashion-mnist" | "digits";
}

export async function run(options: EnsembleOptions = {}) {
  const { members = 5, rows = 10000, testRows = 5000, epochs = 5, dataset = "fashion-mnist" } = options;
  let x, y, tx, ty;
  if (dataset === "digits") {
    const d = data.loadDigits();
    const sp = data.trainValTestSplit([d.x.div(16), d.y], { test: 0.3, stratify: d.y });
    [x, y, tx, ty] = [...sp.train, ...sp.test];
  } else {
    const tr = loadFashionMnist();
    const te = loadFashionMnist({ split: "test" });
    [x, y] = head(rows, tr.x, tr.y);
    [tx, ty] = head(testRows, te.x, te.y);
  }
  const models: nn.Module[] = [];
  const single = [];
  for (let k = 0; k < members; k++) {
    manualSeed(k);
    const m = nn.mlp([x!.shape[1]!, 128, 10]);
    await fit(m, { loss: nn.F.crossEntropy, optimizer: new optim.Adam(m.parameters(), { lr: 1e-3 }), train: [x!, y!], epochs, batchSize: 64, seed: k });
    models.push(m);
    single.push(evaluate(m, [tx!, ty!], { metrics: ["accuracy"] }).accuracy!);
  }
  const bySize = [];
  for (let n = 1; n <= members; n++) {
    const e = tune.ensemble(models.slice(0, n));
    const logLoss = evaluate(e, [tx!, ty!], { loss: (p, t) => nn.F.nllLoss(p.clamp(1e-7, 1).log(), t) }).loss!;
    bySize.push({ members: n, accuracy: evaluate(e, [tx!, ty!], { metrics: ["accuracy"] }).accuracy!, logLoss });
  }
  return { members, rows: x!.shape[0]!, testRows: tx!.shape[0]!, epochs, single, bySize, bestSingle: Math.max(...single), meanSingle: tune.mean(single) };
}

/** A difference of accuracies in percentage points, with its direction. */
const points = (d: number): string => `${Math.abs(100 * d).toFixed(1)} percentage points ${d >= 0 ? "above" : "below"}`;

async function main(): Promise<void> {
  const r = await run();
  const last = r.bySize.at(-1)!;
  const markdown = [
    `Fashion-MNIST: ${r.members} MLPs 784-128-10, Adam lr 1e-3, ${r.epochs} epochs on ${r.rows} images, differing only in the seed (initial weights and batch order); ${r.testRows} test images.`,
    "",
    table(["model", "test accuracy"], [...r.single.map((a, i) => [`member ${i + 1}`, pct(a)]), ["mean of the members", pct(r.meanSingle)], [`ensemble of all ${r.members}`, pct(last.accuracy)]]),
    "",
    table(["members averaged", "test accuracy", "test log-loss"], r.bySize.map((b) => [b.members, pct(b.accuracy), b.logLoss])),
    "",
    `The ensemble of ${r.members} is ${points(last.accuracy - r.bestSingle)} the best single member and ${points(last.accuracy - r.meanSingle)} the average member.`,
  ].join("\n");
  const rows = [
    ...r.bySize.map((b) => ({ x: b.members, series: "ensemble of the first n", y: b.accuracy })),
    ...r.single.map((a, i) => ({ x: i + 1, series: "member n alone", y: a })),
  ];
  await writeOutput(import.meta.url, { results: r, markdown, plots: { accuracy: lineChart(rows, { title: "Test accuracy: single members vs their average", x: "n", y: "test accuracy" }) } });
}

if (isMain(import.meta.url)) await main();
