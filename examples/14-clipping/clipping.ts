/**
 * Example 14 — gradient clipping on an exploding network: a deep ReLU MLP whose weights start 1.3× as
 * large as He initialisation, trained with SGD with and without `nn.utils.clipGradNorm`.
 * Run: npx tsx examples/14-clipping/clipping.ts
 */
import { Generator, data, manualSeed, nn, noGrad, optim, plot } from "../../src/index.js";
import { fmt, isMain, lineChart, table, writeOutput } from "../shared.js";

export interface ClippingOptions {
  steps?: number;
  depth?: number;
  /** Factor applied to He-initialised weights (default 1.3: each layer amplifies its input about 1.3×, 9 layers about 10×). */
  scale?: number;
  lr?: number;
  maxNorms?: (number | null)[];
}

export function run(options: ClippingOptions = {}) {
  const { steps = 300, depth = 8, scale = 1.3, lr = 0.05, maxNorms = [null, 5, 1] } = options;
  const d = data.playground.regressPlane({ numSamples: 256, noise: 0.1, generator: new Generator(0) });
  const x = d.x.div(5);
  const y = d.y.unsqueeze(1);
  const loader = new data.DataLoader(new data.TensorDataset(x, y), { batchSize: 32, shuffle: true, generator: new Generator(1) });
  const runs = maxNorms.map((maxNorm) => {
    manualSeed(0);
    const model = nn.mlp([2, ...Array<number>(depth).fill(64), 1], { init: "kaiming" });
    noGrad(() => { for (const p of model.parameters()) p.data.set(p.mul(scale).data); });
    const opt = new optim.SGD(model.parameters(), { lr });
    const losses: number[] = [];
    const norms: number[] = [];
    let step = 0;
    let diverged: number | null = null;
    while (step < steps && diverged === null) {
      for (const [xb, yb] of loader) {
        const loss = nn.F.mseLoss(model.forward(xb!), yb!);
        opt.zeroGrad();
        loss.backward();
        // clipGradNorm returns the norm before clipping; maxNorm = ∞ only measures it
        norms.push(nn.utils.clipGradNorm(model.parameters(), maxNorm ?? Infinity));
        opt.step();
        losses.push(loss.item());
        if (!Number.isFinite(loss.item()) || !model.parameters().every((p) => p.data.every(Number.isFinite))) {
          diverged = step;
          break;
        }
        if (++step >= steps) break;
      }
    }
    const fullLoss = noGrad(() => nn.F.mseLoss(model.forward(x), y).item());
    return { maxNorm, losses, norms, diverged, finalLoss: fullLoss, firstNorm: norms[0]!, largestNorm: Math.max(...norms.filter(Number.isFinite)) };
  });
  return { steps, depth, scale, lr, runs, baseline: tensorVariance(y) };
}

/** The loss of always predicting the mean: what a model must beat to have learnt anything. */
function tensorVariance(y: ReturnType<typeof data.playground.regressPlane>["y"]): number {
  return y.var(undefined, false, 0).item();
}

async function main(): Promise<void> {
  const r = run();
  const label = (m: number | null) => (m === null ? "no clipping" : `clipGradNorm(maxNorm ${m})`);
  const markdown = [
    `Regression on the Playground's plane data (256 points): MLP 2-${Array(r.depth).fill(64).join("-")}-1 (ReLU), He-initialised weights ×${r.scale}, SGD lr ${r.lr}, batch 32, ${r.steps} steps. Predicting the mean gives MSE ${fmt(r.baseline)}.`,
    "",
    table(["run", "gradient norm at step 1", "largest gradient norm", "diverged at step", "final MSE"],
      r.runs.map((x) => [label(x.maxNorm), x.firstNorm, x.largestNorm, x.diverged === null ? "—" : x.diverged + 1, x.finalLoss])),
  ].join("\n");
  const rows = (f: "losses" | "norms") => r.runs.flatMap((x) => x[f].map((v, i) => ({ x: i + 1, series: label(x.maxNorm), y: Number.isFinite(v) && v > 0 ? v : null })));
  await writeOutput(import.meta.url, {
    results: { ...r, runs: r.runs.map((x) => ({ ...x, losses: x.losses.filter((_, i) => i % 5 === 0), norms: x.norms.filter((_, i) => i % 5 === 0) })) },
    markdown,
    plots: {
      "grad-norm": lineChart(rows("norms"), { title: "Gradient norm before clipping, per step", x: "step", y: "‖g‖ (log)", logY: true }),
      loss: lineChart(rows("losses"), { title: "Training loss (MSE) per step", x: "step", y: "MSE (log)", logY: true }),
    },
  });
}

if (isMain(import.meta.url)) await main();
