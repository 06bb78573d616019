/**
 * Example 13 — transfer learning by freezing layers: a body pretrained on Fashion-MNIST's first five
 * classes (clothes and shoes: T-shirt, trouser, pullover, dress, coat) is reused for the other five
 * (sandal, shirt, sneaker, bag, ankle boot) with few labelled images: frozen body + new head, fine-tuning
 * everything, and training from scratch.
 * Run: npx tsx examples/13-transfer/transfer.ts
 */
import { Generator, Tensor, evaluate, fit, manualSeed, nn, optim, plot } from "../../src/index.js";
import { loadFashionMnist } from "../../src/node.js";
import { isMain, lineChart, pct, table, writeOutput } from "../shared.js";

/** Up to `limit` rows from row `from` on whose label is in [lo, hi), with the labels shifted to start at 0. */
function classes(x: Tensor, y: Tensor, lo: number, hi: number, limit = Infinity, from = 0): [Tensor, Tensor] {
  const idx: number[] = [];
  for (let i = from; i < y.size && idx.length < limit; i++) if (y.data[i]! >= lo && y.data[i]! < hi) idx.push(i);
  return [x.indexSelect(0, idx), y.indexSelect(0, idx).sub(lo)];
}

const body = () => new nn.Sequential(new nn.Linear(784, 256), new nn.ReLU(), new nn.Linear(256, 128), new nn.ReLU());

export interface TransferOptions {
  pretrainRows?: number;
  pretrainEpochs?: number;
  /** Labelled target images per run (default 25, 100, 400, 1600). */
  sizes?: number[];
  /** Parameter updates per target run (so small sets are not under-trained; default 400). */
  steps?: number;
  testRows?: number;
}

export async function run(options: TransferOptions = {}) {
  const { pretrainRows = 15000, pretrainEpochs = 3, sizes = [25, 100, 400, 1600], steps = 400, testRows = 5000 } = options;
  const tr = loadFashionMnist();
  const te = loadFashionMnist({ split: "test" });
  manualSeed(0);
  const pretrained = body();
  const source = new nn.Sequential(pretrained, new nn.Linear(128, 5));
  const src = classes(tr.x, tr.y, 0, 5, pretrainRows);
  await fit(source, { loss: nn.F.crossEntropy, optimizer: new optim.Adam(source.parameters(), { lr: 1e-3 }), train: src, epochs: pretrainEpochs, batchSize: 64 });
  const sourceAccuracy = evaluate(source, classes(te.x, te.y, 0, 5, testRows), { metrics: ["accuracy"] }).accuracy!;
  const snapshot = pretrained.stateDict();
  const targetTest = classes(te.x, te.y, 5, 10, testRows);
  const targetPool = classes(tr.x, tr.y, 5, 10, Math.max(...sizes), 30000); // rows 30000 on: the body never saw them
  const methods = ["from scratch", "frozen body + new head", "fine-tune all (lr ÷ 10 for the body)"] as const;
  const results = [];
  for (const n of sizes) {
    const data: [Tensor, Tensor] = [targetPool[0].narrow(0, 0, n), targetPool[1].narrow(0, 0, n)];
    const batchSize = Math.min(32, n);
    const epochs = Math.max(1, Math.round(steps / Math.ceil(n / batchSize)));
    const row: Record<string, number> = { size: n };
    for (const method of methods) {
      manualSeed(1);
      const b = body();
      if (method !== "from scratch") b.loadStateDict(snapshot);
      const head = new nn.Linear(128, 5);
      const model = new nn.Sequential(b, head);
      let opt: optim.Optimizer;
      if (method === "frozen body + new head") {
        b.requiresGrad(false);
        opt = new optim.Adam(head.parameters(), { lr: 1e-3 });
      } else if (method === "from scratch") {
        opt = new optim.Adam(model.parameters(), { lr: 1e-3 });
      } else {
        opt = new optim.Adam([{ params: b.parameters(), lr: 1e-4 }, { params: head.parameters() }], { lr: 1e-3 });
      }
      await fit(model, { loss: nn.F.crossEntropy, optimizer: opt, train: data, epochs, batchSize, seed: 1 });
      row[method] = evaluate(model, targetTest, { metrics: ["accuracy"] }).accuracy!;
      row[`${method} trainable`] = model.parameters().filter((p) => p.requiresGrad).reduce((s, p) => s + p.size, 0);
    }
    results.push(row);
  }
  return { pretrainRows: src[0].shape[0]!, pretrainEpochs, sourceAccuracy, steps, testRows: targetTest[0].shape[0]!, methods: [...methods], results };
}

async function main(): Promise<void> {
  const r = await run();
  const markdown = [
    `Pretraining: MLP 784-256-128-5 on ${r.pretrainRows} images of classes 0–4 for ${r.pretrainEpochs} epochs (test accuracy on classes 0–4: ${pct(r.sourceAccuracy)}).`,
    `Target: classes 5–9, trained on n labelled images (taken from training rows the body never saw) for about ${r.steps} Adam steps; accuracy on ${r.testRows} test images of classes 5–9.`,
    "",
    table(["labelled target images", ...r.methods], r.results.map((row) => [row.size!, ...r.methods.map((m) => pct(row[m]!))])),
    "",
    `Trainable parameters: ${r.methods.map((m) => `${m}: ${r.results[0]![`${m} trainable`]}`).join("; ")}.`,
  ].join("\n");
  const rows = r.results.flatMap((row) => r.methods.map((m) => ({ x: row.size!, series: m, y: row[m]! })));
  await writeOutput(import.meta.url, { results: r, markdown, plots: { accuracy: lineChart(rows, { title: "Target-task test accuracy vs labelled images", x: "labelled target images (log)", y: "test accuracy", logX: true }) } });
}

if (isMain(import.meta.url)) await main();
