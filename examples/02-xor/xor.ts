/**
 * Example 2 — XOR: logistic regression cannot separate it, a 2-layer MLP can, and so can logistic
 * regression given the product feature x₁·x₂ (a hand-made hidden unit).
 * Run: npx tsx examples/02-xor/xor.ts
 */
import { Generator, Tensor, cat, data, evaluate, fit, manualSeed, nn, optim, plot } from "../../src/index.js";
import { isMain, pct, table, writeOutput } from "../shared.js";

/** [x₁, x₂] → [x₁, x₂, x₁·x₂]. */
export const withProduct = (x: Tensor): Tensor => cat([x, x.narrow(1, 0, 1).mul(x.narrow(1, 1, 1))], 1);

export interface XorOptions {
  samples?: number;
  epochs?: number;
}

/** Trains the three models on the Playground's XOR data and returns their train and test accuracy. */
export async function run(options: XorOptions = {}) {
  const { samples = 500, epochs = 100 } = options;
  manualSeed(0);
  const d = data.playground.xor({ numSamples: samples, noise: 0, generator: new Generator(2) });
  const x = d.x.div(5); // the Playground's coordinates are in [−5, 5]
  const { train, test } = data.trainValTestSplit([x, d.y], { test: 0.3, generator: new Generator(3) });
  const models: { name: string; model: nn.Module; features?: (x: Tensor) => Tensor }[] = [
    { name: "logistic regression on (x₁, x₂)", model: nn.mlp([2, 2]) },
    { name: "2-layer MLP, 8 tanh units", model: nn.mlp([2, 8, 2], { activation: "tanh" }) },
    { name: "logistic regression on (x₁, x₂, x₁·x₂)", model: nn.mlp([3, 2]), features: withProduct },
  ];
  const results = [];
  const plots: Record<string, plot.PlotSpec> = {};
  for (const [i, m] of models.entries()) {
    const f = m.features ?? ((t: Tensor) => t);
    const trainXY: [Tensor, Tensor] = [f(train[0]!), train[1]!];
    const testXY: [Tensor, Tensor] = [f(test[0]!), test[1]!];
    await fit(m.model, { loss: nn.F.crossEntropy, optimizer: new optim.Adam(m.model.parameters(), { lr: 0.05 }), train: trainXY, epochs, batchSize: 32 });
    const tr = evaluate(m.model, trainXY, { metrics: ["accuracy"] }).accuracy!;
    const te = evaluate(m.model, testXY, { metrics: ["accuracy"] }).accuracy!;
    results.push({ model: m.name, trainAccuracy: tr, testAccuracy: te, parameters: m.model.parameters().reduce((n, p) => n + p.size, 0) });
    plots[`boundary-${i + 1}`] = plot.decisionBoundary(m.model, test[0]!, test[1]!, { transform: m.features, title: m.name, resolution: 60 });
  }
  return { samples, epochs, results, plots };
}

async function main(): Promise<void> {
  const r = await run();
  const markdown = [
    `XOR data: ${r.samples} points of the TensorFlow Playground's XOR set (label = sign(x₁·x₂)), 70/30 train/test split, Adam (lr 0.05) for ${r.epochs} epochs.`,
    "",
    table(["model", "parameters", "train accuracy", "test accuracy"], r.results.map((m) => [m.model, m.parameters, pct(m.trainAccuracy), pct(m.testAccuracy)])),
  ].join("\n");
  await writeOutput(import.meta.url, { results: { samples: r.samples, epochs: r.epochs, results: r.results }, markdown, plots: r.plots });
}

if (isMain(import.meta.url)) await main();
