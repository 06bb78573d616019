/**
 * Example 13 — transfer learning by freezing layers: a body pretrained on five Fashion-MNIST classes is
 * reused for the other five with few labelled images — frozen body + new head, first layer frozen,
 * fine-tuning everything, and training from scratch — for two ways of splitting the classes.
 * Run: npx tsx examples/13-transfer/transfer.ts
 */
import { Tensor, evaluate, fit, manualSeed, nn, optim, plot, tensor } from "../../src/index.js";
import { loadFashionMnist, type MnistData } from "../../src/node.js";
import { isMain, lineChart, pct, table, writeOutput } from "../shared.js";

/** Up to `limit` rows from row `from` on whose label is in `set`, relabelled by position in the set. */
function classes(x: Tensor, y: Tensor, set: readonly number[], limit = Infinity, from = 0): [Tensor, Tensor] {
  const idx: number[] = [];
  const labels: number[] = [];
  for (let i = from; i < y.size && idx.length < limit; i++) {
    const k = set.indexOf(y.data[i]!);
    if (k >= 0) {
      idx.push(i);
      labels.push(k);
    }
  }
  return [x.indexSelect(0, idx), tensor(labels)];
}

const body = () => new nn.Sequential(new nn.Linear(784, 256), new nn.ReLU(), new nn.Linear(256, 128), new nn.ReLU());

export const METHODS = ["from scratch", "frozen body + new head", "first layer frozen", "fine-tune all (body lr ÷ 10)"] as const;

/** Which classes the body is pretrained on and which it is transferred to. */
export const SPLITS: { name: string; source: number[]; target: number[] }[] = [
  { name: "clothes (0–4) → shoes, bags, shirts (5–9)", source: [0, 1, 2, 3, 4], target: [5, 6, 7, 8, 9] },
  { name: "even classes → odd classes", source: [0, 2, 4, 6, 8], target: [1, 3, 5, 7, 9] },
];

export interface TransferOptions {
  pretrainRows?: number;
  pretrainEpochs?: number;
  /** Labelled target images per run (default 25, 100, 400, 1600). */
  sizes?: number[];
  /** Parameter updates per target run (so small sets are not under-trained; default 400). */
  steps?: number;
  testRows?: number;
  splits?: number;
}

async function transfer(split: (typeof SPLITS)[number], o: Required<TransferOptions>, tr: MnistData, te: MnistData) {
  manualSeed(0);
  const pretrained = body();
  const source = new nn.Sequential(pretrained, new nn.Linear(128, split.source.length));
  const src = classes(tr.x, tr.y, split.source, o.pretrainRows);
  await fit(source, { loss: nn.F.crossEntropy, optimizer: new optim.Adam(source.parameters(), { lr: 1e-3 }), train: src, epochs: o.pretrainEpochs, batchSize: 64 });
  const sourceAccuracy = evaluate(source, classes(te.x, te.y, split.source, o.testRows), { metrics: ["accuracy"] }).accuracy!;
  const snapshot = pretrained.stateDict();
  const targetTest = classes(te.x, te.y, split.target, o.testRows);
  const targetPool = classes(tr.x, tr.y, split.target, Math.max(...o.sizes), 30000); // rows 30000 on: the body never saw them
  const results = [];
  for (const n of o.sizes) {
    const data: [Tensor, Tensor] = [targetPool[0].narrow(0, 0, n), targetPool[1].narrow(0, 0, n)];
    const batchSize = Math.min(32, n);
    const epochs = Math.max(1, Math.round(o.steps / Math.ceil(n / batchSize)));
    const row: Record<string, number> = { size: n };
    for (const method of METHODS) {
      manualSeed(1);
      const b = body();
      if (method !== "from scratch") b.loadStateDict(snapshot);
      const head = new nn.Linear(128, split.target.length);
      const model = new nn.Sequential(b, head);
      if (method === "frozen body + new head") b.requiresGrad(false);
      if (method === "first layer frozen") b.get(0).requiresGrad(false);
      const trainable = model.parameters().filter((p) => p.requiresGrad);
      const opt = method === "fine-tune all (body lr ÷ 10)"
        ? new optim.Adam([{ params: b.parameters(), lr: 1e-4 }, { params: head.parameters() }], { lr: 1e-3 })
        : new optim.Adam(trainable, { lr: 1e-3 });
      await fit(model, { loss: nn.F.crossEntropy, optimizer: opt, train: data, epochs, batchSize, seed: 1 });
      row[method] = evaluate(model, targetTest, { metrics: ["accuracy"] }).accuracy!;
      row[`${method} trainable`] = trainable.reduce((sum, p) => sum + p.size, 0);
    }
    results.push(row);
  }
  return { split: split.name, pretrainRows: src[0].shape[0]!, sourceAccuracy, testRows: targetTest[0].shape[0]!, results };
}

export async function run(options: TransferOptions = {}) {
  const o: Required<TransferOptions> = { pretrainRows: 15000, pretrainEpochs: 3, sizes: [25, 100, 400, 1600], steps: 400, testRows: 5000, splits: SPLITS.length, ...options };
  const tr = loadFashionMnist();
  const te = loadFashionMnist({ split: "test" });
  const splits = [];
  for (const split of SPLITS.slice(0, o.splits)) splits.push(await transfer(split, o, tr, te));
  return { ...o, methods: [...METHODS], splits };
}

async function main(): Promise<void> {
  const r = await run();
  const markdown = [
    `For each split of Fashion-MNIST's ten classes: MLP 784-256-128-5 pretrained on ${r.pretrainRows} images of the source classes for ${r.pretrainEpochs} epochs; then the target classes, trained on n labelled images (from training rows the body never saw) for about ${r.steps} Adam steps (lr 1e-3); accuracy on up to ${r.testRows} test images of the target classes.`,
    "",
    ...r.splits.flatMap((sp) => [
      `**${sp.split}** (source test accuracy ${pct(sp.sourceAccuracy)})`,
      "",
      table(["labelled target images", ...r.methods], sp.results.map((row) => [row.size!, ...r.methods.map((m) => pct(row[m]!))])),
      "",
    ]),
    `Trainable parameters: ${r.methods.map((m) => `${m}: ${r.splits[0]!.results[0]![`${m} trainable`]}`).join("; ")}.`,
  ].join("\n");
  const plots: Record<string, plot.PlotSpec> = {};
  r.splits.forEach((sp, i) => {
    const rows = sp.results.flatMap((row) => r.methods.map((m) => ({ x: row.size!, series: m, y: row[m]! })));
    plots[`accuracy-${i + 1}`] = lineChart(rows, { title: `${sp.split}: target test accuracy`, x: "labelled target images (log)", y: "test accuracy", logX: true });
  });
  await writeOutput(import.meta.url, { results: r, markdown, plots });
}

if (isMain(import.meta.url)) await main();
