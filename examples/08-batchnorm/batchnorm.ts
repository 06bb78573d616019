/**
 * Example 8 — batch normalisation on vs off: the same deep MLP on Fashion-MNIST with and without
 * BatchNorm1d after each hidden Linear, at a small, a medium and a large learning rate.
 * Run: npx tsx examples/08-batchnorm/batchnorm.ts
 */
import { data, fit, manualSeed, nn, optim, plot } from "../../src/index.js";
import { loadFashionMnist } from "../../src/node.js";
import { head, isMain, lineChart, pct, table, writeOutput } from "../shared.js";

export interface BatchNormOptions {
  rows?: number;
  testRows?: number;
  epochs?: number;
  lrs?: number[];
  hidden?: number[];
  dataset?: "fashion-mnist" | "digits";
}

export async function run(options: BatchNormOptions = {}) {
  const { rows = 10000, testRows = 5000, epochs = 5, lrs = [0.01, 0.1, 1], hidden = [256, 256, 256], dataset = "fashion-mnist" } = options;
  const load = (split: "train" | "test") => {
    if (dataset === "digits") {
      // the first 1200 digits to train, the rest to test (fast runs for the tests)
      const d = data.loadDigits();
      const [s, n] = split === "train" ? [0, Math.min(rows, 1200)] : [1200, Math.min(testRows, 597)];
      return [d.x.div(16).narrow(0, s, n), d.y.narrow(0, s, n)];
    }
    const d = loadFashionMnist({ split });
    return head(split === "train" ? rows : testRows, d.x, d.y);
  };
  const [x, y] = load("train");
  const [tx, ty] = load("test");
  const runs = [];
  for (const lr of lrs) {
    for (const batchNorm of [false, true]) {
      manualSeed(0);
      const model = nn.mlp([x!.shape[1]!, ...hidden, 10], { batchNorm });
      const h = await fit(model, {
        loss: nn.F.crossEntropy, optimizer: new optim.SGD(model.parameters(), { lr }), train: [x!, y!], validation: [tx!, ty!],
        epochs, batchSize: 64, metrics: ["accuracy"], terminateOnNaN: false,
      });
      runs.push({ lr, batchNorm, trainLoss: h.history.loss!, testAccuracy: h.history.val_accuracy!, secondsPerEpoch: h.timing.trainTime / epochs });
    }
  }
  return { rows, testRows, epochs, hidden, runs };
}

async function main(): Promise<void> {
  const r = await run();
  const label = (x: { lr: number; batchNorm: boolean }) => `${x.batchNorm ? "BatchNorm" : "no BN"}, lr ${x.lr}`;
  const markdown = [
    `Fashion-MNIST: MLP 784-${r.hidden.join("-")}-10 (PyTorch's default init), ${r.rows} training and ${r.testRows} test images, plain SGD, batch 64, ${r.epochs} epochs.`,
    "",
    table(["lr", "batch norm", "test accuracy after 1 epoch", `after ${r.epochs} epochs`, `training loss after ${r.epochs}`],
      r.runs.map((x) => [x.lr, x.batchNorm ? "yes" : "no", pct(x.testAccuracy[0]!), pct(x.testAccuracy.at(-1)!), x.trainLoss.at(-1)!])),
  ].join("\n");
  const rows = r.runs.flatMap((x) => x.testAccuracy.map((a, i) => ({ x: i + 1, series: label(x), y: a })));
  const plots: Record<string, plot.PlotSpec> = { "test-accuracy": lineChart(rows, { title: "Test accuracy per epoch", x: "epoch", y: "test accuracy" }) };
  await writeOutput(import.meta.url, { results: r, markdown, plots });
}

if (isMain(import.meta.url)) await main();
