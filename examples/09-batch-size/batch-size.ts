/**
 * Example 9 — mini-batch size and the three modes of gradient descent: batch (all rows per step),
 * mini-batch (32) and stochastic (1 row per step), compared per epoch, per update and per second.
 * Run: npx tsx examples/09-batch-size/batch-size.ts
 */
import { Generator, data, evaluate, fit, manualSeed, nn, optim, plot } from "../../src/index.js";
import { fmt, isMain, lineChart, pct, table, writeOutput } from "../shared.js";

export interface BatchSizeOptions {
  epochs?: number;
  lrs?: number[];
  /** Training rows (default: all 80% of the digits). */
  rows?: number;
}

export async function run(options: BatchSizeOptions = {}) {
  const { epochs = 20, lrs = [0.01, 0.03, 0.1, 0.3, 1, 3] } = options;
  const { x, y } = data.loadDigits();
  const split = data.trainValTestSplit([x.div(16), y], { test: 0.2, stratify: y, generator: new Generator(0) });
  const n = Math.min(options.rows ?? Infinity, split.train[0]!.shape[0]!);
  const trainXY = [split.train[0]!.narrow(0, 0, n), split.train[1]!.narrow(0, 0, n)] as const;
  const testXY = [split.test[0]!, split.test[1]!] as const;
  const modes = [
    { mode: "batch", batchSize: n },
    { mode: "mini-batch", batchSize: 32 },
    { mode: "stochastic", batchSize: 1 },
  ];
  const out = [];
  for (const m of modes) {
    const tries: { lr: number; loss: number[]; seconds: number[]; test: number }[] = [];
    for (const lr of lrs) {
      manualSeed(0);
      const model = nn.mlp([64, 64, 10]);
      const h = await fit(model, { loss: nn.F.crossEntropy, optimizer: new optim.SGD(model.parameters(), { lr }), train: trainXY, epochs, batchSize: m.batchSize, terminateOnNaN: false });
      // the loss over the whole training set after each epoch (fit logs the mean over the epoch's batches)
      tries.push({ lr, loss: h.history.loss!, seconds: h.history.trainTime!, test: evaluate(model, testXY, { metrics: ["accuracy"] }).accuracy! });
    }
    const score = (t: (typeof tries)[number]) => (Number.isFinite(t.loss.at(-1)!) ? t.loss.at(-1)! : Infinity);
    const best = tries.reduce((a, b) => (score(b) < score(a) ? b : a));
    const updatesPerEpoch = Math.ceil(n / m.batchSize);
    out.push({ ...m, bestLr: best.lr, updatesPerEpoch, loss: best.loss, secondsPerEpoch: best.seconds.reduce((a, b) => a + b, 0) / epochs, testAccuracy: best.test, byLr: tries.map((t) => ({ lr: t.lr, finalLoss: t.loss.at(-1)! })) });
  }
  return { epochs, rows: n, lrs, modes: out };
}

async function main(): Promise<void> {
  const r = await run();
  const markdown = [
    `Digits, ${r.rows} training rows, MLP 64-64-10, plain SGD for ${r.epochs} epochs; each mode at its best rate from {${r.lrs.join(", ")}} (lowest final training loss).`,
    "",
    table(["mode", "batch size", "best lr", "updates per epoch", "training loss after 1 epoch", `after ${r.epochs}`, "seconds per epoch", "test accuracy"],
      r.modes.map((m) => [m.mode, m.batchSize, m.bestLr, m.updatesPerEpoch, m.loss[0]!, m.loss.at(-1)!, fmt(m.secondsPerEpoch, 3), pct(m.testAccuracy)])),
  ].join("\n");
  const label = (m: (typeof r.modes)[number]) => `${m.mode} (${m.batchSize}), lr ${m.bestLr}`;
  const perEpoch = r.modes.flatMap((m) => m.loss.map((v, i) => ({ x: i + 1, series: label(m), y: v })));
  const perUpdate = r.modes.flatMap((m) => m.loss.map((v, i) => ({ x: (i + 1) * m.updatesPerEpoch, series: label(m), y: v })));
  const perSecond = r.modes.flatMap((m) => m.loss.map((v, i) => ({ x: (i + 1) * m.secondsPerEpoch, series: label(m), y: v })));
  const plots: Record<string, plot.PlotSpec> = {
    "loss-per-epoch": lineChart(perEpoch, { title: "Training loss per epoch", x: "epoch", y: "training loss", logY: true }),
    "loss-per-update": lineChart(perUpdate, { title: "Training loss per parameter update", x: "updates (log)", y: "training loss", logY: true, logX: true }),
    "loss-per-second": lineChart(perSecond, { title: "Training loss per second of training", x: "seconds", y: "training loss", logY: true }),
  };
  await writeOutput(import.meta.url, { results: r, markdown, plots });
}

if (isMain(import.meta.url)) await main();
