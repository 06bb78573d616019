/**
 * Example 7 — overfitting and its remedies: a large MLP on 10% of the digits memorises its training set;
 * L1 and L2 penalties, dropout, early stopping and noise added to the inputs are each applied to it alone.
 * Run: npx tsx examples/07-overfitting/overfitting.ts
 */
import { Generator, Tensor, data, evaluate, fit, manualSeed, nn, optim, plot, randn, train } from "../../src/index.js";
import { isMain, lineChart, pct, table, writeOutput } from "../shared.js";

/** Data augmentation by noise: in training mode adds N(0, σ²) to every input, a fresh draw each batch. */
export class GaussianNoise extends nn.Module {
  constructor(readonly sigma: number, readonly generator = new Generator(5)) {
    super();
  }
  override forward(x: Tensor): Tensor {
    return this.training ? x.add(randn(x.shape, { generator: this.generator }).mul(this.sigma)) : x;
  }
}

const weights = (m: nn.Module) => m.namedParameters().filter(([k]) => k.endsWith("weight")).map(([, p]) => p);

export interface OverfittingOptions {
  epochs?: number;
  hidden?: number;
}

export async function run(options: OverfittingOptions = {}) {
  const { epochs = 150, hidden = 256 } = options;
  const { x, y } = data.loadDigits();
  const split = data.trainValTestSplit([x.div(16), y], { val: 0.3, test: 0.6, stratify: y, generator: new Generator(0) });
  const trainXY = [split.train[0]!, split.train[1]!] as const;
  const valXY = [split.val[0]!, split.val[1]!] as const;
  const testXY = [split.test[0]!, split.test[1]!] as const;
  const ce = nn.F.crossEntropy;
  const variants: { name: string; build: () => nn.Module; loss?: (m: nn.Module) => (o: Tensor, t: Tensor) => Tensor; callbacks?: () => train.CallbackLike[] }[] = [
    { name: "no regularisation", build: () => nn.mlp([64, hidden, hidden, 10]) },
    { name: "L1 penalty, λ = 1e-4", build: () => nn.mlp([64, hidden, hidden, 10]), loss: (m) => (o, t) => ce(o, t).add(nn.utils.l1Penalty(weights(m)).mul(1e-4)) },
    { name: "L2 penalty, λ = 1e-3", build: () => nn.mlp([64, hidden, hidden, 10]), loss: (m) => (o, t) => ce(o, t).add(nn.utils.l2Penalty(weights(m)).mul(1e-3 / 2)) },
    { name: "dropout p = 0.5", build: () => nn.mlp([64, hidden, hidden, 10], { dropout: 0.5 }) },
    { name: "early stopping (patience 10)", build: () => nn.mlp([64, hidden, hidden, 10]), callbacks: () => [new train.EarlyStopping({ monitor: "val_loss", patience: 10, restoreBestWeights: true })] },
    { name: "input noise σ = 0.3", build: () => new nn.Sequential(new GaussianNoise(0.3), nn.mlp([64, hidden, hidden, 10])) },
  ];
  const out = [];
  for (const v of variants) {
    manualSeed(0);
    const model = v.build();
    const h = await fit(model, {
      loss: v.loss ? v.loss(model) : ce, optimizer: new optim.Adam(model.parameters(), { lr: 1e-3 }), train: trainXY, validation: valXY,
      epochs, batchSize: 32, metrics: ["accuracy"], callbacks: v.callbacks?.() ?? [],
    });
    const acc = (d: readonly [Tensor, Tensor]) => evaluate(model, d, { metrics: ["accuracy"] }).accuracy!;
    out.push({ variant: v.name, epochsRun: h.epoch.length, trainAccuracy: acc(trainXY), testAccuracy: acc(testXY), trainLoss: h.history.loss!, valLoss: h.history.val_loss!, history: h.toJSON() });
  }
  return { epochs, hidden, trainRows: trainXY[0].shape[0]!, valRows: valXY[0].shape[0]!, testRows: testXY[0].shape[0]!, variants: out };
}

async function main(): Promise<void> {
  const r = await run();
  const markdown = [
    `Digits: ${r.trainRows} training rows (10%), ${r.valRows} validation, ${r.testRows} test; MLP 64-${r.hidden}-${r.hidden}-10, Adam lr 1e-3, batch 32, up to ${r.epochs} epochs.`,
    "",
    table(["variant", "epochs run", "train accuracy", "test accuracy", "gap", "lowest val loss", "final val loss"],
      r.variants.map((v) => [v.variant, v.epochsRun, pct(v.trainAccuracy), pct(v.testAccuracy), pct(v.trainAccuracy - v.testAccuracy), Math.min(...v.valLoss), v.valLoss.at(-1)!])),
  ].join("\n");
  const valRows = r.variants.flatMap((v) => v.valLoss.map((y, i) => ({ x: i + 1, series: v.variant, y })));
  const plots: Record<string, plot.PlotSpec> = {
    "baseline-curves": plot.trainingCurve(r.variants[0]!.history, "loss", { title: "No regularisation: training vs validation loss", logScale: true }),
    "val-loss": lineChart(valRows, { title: "Validation loss per epoch", x: "epoch", y: "validation loss", logY: true }),
  };
  const results = { ...r, variants: r.variants.map(({ history: _h, ...v }) => v) };
  await writeOutput(import.meta.url, { results, markdown, plots });
}

if (isMain(import.meta.url)) await main();
