/**
 * Example 5 — optimisers: SGD, momentum, Nesterov, Adagrad, RMSprop and Adam on two 2-D surfaces (an
 * elongated bowl and Rosenbrock's valley), each at its best learning rate from a grid, then on Fashion-MNIST.
 * Run: npx tsx examples/05-optimisers/optimisers.ts
 */
import { Tensor, fit, manualSeed, nn, optim, plot, tensor } from "../../src/index.js";
import { loadFashionMnist } from "../../src/node.js";
import { fmt, head, isMain, lineChart, pct, table, writeOutput } from "../shared.js";

type Make = (params: Tensor[], lr: number) => optim.Optimizer;

export const OPTIMISERS: { name: string; make: Make; lr: number }[] = [
  { name: "SGD", make: (p, lr) => new optim.SGD(p, { lr }), lr: 0.1 },
  { name: "SGD + momentum 0.9", make: (p, lr) => new optim.SGD(p, { lr, momentum: 0.9 }), lr: 0.05 },
  { name: "Nesterov 0.9", make: (p, lr) => new optim.SGD(p, { lr, momentum: 0.9, nesterov: true }), lr: 0.05 },
  { name: "Adagrad", make: (p, lr) => new optim.Adagrad(p, { lr }), lr: 0.05 },
  { name: "RMSprop", make: (p, lr) => new optim.RMSprop(p, { lr }), lr: 0.001 },
  { name: "Adam", make: (p, lr) => new optim.Adam(p, { lr }), lr: 0.001 },
];

interface Surface {
  name: string;
  f: (x: Tensor, y: Tensor) => Tensor;
  start: [number, number];
  minimum: [number, number];
  box: [number, number, number, number];
}

export const SURFACES: Surface[] = [
  { name: "elongated bowl x²/20 + y²", f: (x, y) => x.square().div(20).add(y.square()), start: [-7, 2], minimum: [0, 0], box: [-8, 2, -3, 3] },
  { name: "Rosenbrock (1 − x)² + 100(y − x²)²", f: (x, y) => x.neg().add(1).square().add(y.sub(x.square()).square().mul(100)), start: [-1.2, 1], minimum: [1, 1], box: [-1.6, 1.6, -0.6, 1.8] },
];

/** The value below which a surface counts as solved, for the steps-to-solve column. */
const TARGET = 1e-3;

/** `steps` steps of one optimiser from the surface's start; the path and the final value. */
function descend(s: Surface, make: Make, lr: number, steps: number): { path: [number, number][]; final: number; stepsTo: number | null } {
  const p = tensor(s.start, { requiresGrad: true });
  const opt = make([p], lr);
  const path: [number, number][] = [[p.data[0]!, p.data[1]!]];
  let stepsTo: number | null = null;
  for (let i = 0; i < steps; i++) {
    const loss = s.f(p.get(0), p.get(1));
    if (stepsTo === null && loss.item() < TARGET) stepsTo = i;
    opt.zeroGrad();
    loss.backward();
    opt.step();
    path.push([p.data[0]!, p.data[1]!]);
  }
  const final = s.f(p.get(0), p.get(1)).item();
  if (stepsTo === null && final < TARGET) stepsTo = steps;
  return { path, final: Number.isFinite(final) ? final : Infinity, stepsTo };
}

/** The surface as a grid of log-values, under the optimisers' paths. */
function surfacePlot(s: Surface, paths: { name: string; path: [number, number][] }[]): plot.PlotSpec {
  const [x0, x1, y0, y1] = s.box;
  const n = 50;
  const cells = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = x0 + ((j + 0.5) * (x1 - x0)) / n;
      const y = y0 + ((i + 0.5) * (y1 - y0)) / n;
      const v = s.f(tensor(x), tensor(y)).item();
      cells.push({ x: x - (x1 - x0) / n / 2, x2: x + (x1 - x0) / n / 2, y: y - (y1 - y0) / n / 2, y2: y + (y1 - y0) / n / 2, v: Math.log10(v + 1e-3) });
    }
  }
  const points = paths.flatMap((p) => p.path.filter(([x, y]) => x >= x0 && x <= x1 && y >= y0 && y <= y1).map(([x, y], i) => ({ px: x, py: y, step: i, optimiser: p.name })));
  const sx = { domain: [x0, x1], nice: false, zero: false };
  const sy = { domain: [y0, y1], nice: false, zero: false };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: s.name, width: 420, height: 320, config: { font: "DejaVu Sans, Verdana, sans-serif", background: "white", legend: { labelLimit: 320 } },
    layer: [
      { data: { values: cells }, mark: "rect", encoding: { x: { field: "x", type: "quantitative", scale: sx, title: "x" }, x2: { field: "x2" }, y: { field: "y", type: "quantitative", scale: sy, title: "y" }, y2: { field: "y2" }, color: { field: "v", type: "quantitative", scale: { scheme: "greys" }, title: "log₁₀ f" } } },
      { data: { values: points }, mark: { type: "line", strokeWidth: 1.6 }, encoding: { x: { field: "px", type: "quantitative", scale: sx }, y: { field: "py", type: "quantitative", scale: sy }, order: { field: "step" }, color: { field: "optimiser", type: "nominal", sort: null, scale: { scheme: "category10" } } } },
    ],
  } as unknown as plot.PlotSpec;
}

export interface OptimiserOptions {
  steps?: number;
  lrGrid?: number[];
  rows?: number;
  epochs?: number;
}

export async function run(options: OptimiserOptions = {}) {
  const { steps = 500, lrGrid = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3], rows = 10000, epochs = 5 } = options;
  const surfaces = SURFACES.map((s) => {
    const runs = OPTIMISERS.map((o) => {
      const tries = lrGrid.map((lr) => ({ lr, ...descend(s, o.make, lr, steps) }));
      const best = tries.reduce((a, b) => (b.final < a.final ? b : a));
      return { optimiser: o.name, bestLr: best.lr, final: best.final, stepsTo: best.stepsTo, path: best.path };
    });
    return { surface: s.name, runs, plot: surfacePlot(s, runs.map((r) => ({ name: `${r.optimiser} (lr ${r.bestLr})`, path: r.path }))) };
  });
  const fm = loadFashionMnist();
  const [x, y] = head(rows, fm.x, fm.y);
  const test = loadFashionMnist({ split: "test" });
  const [tx, ty] = head(Math.min(rows, 5000), test.x, test.y);
  const mnist = [];
  for (const o of OPTIMISERS) {
    manualSeed(0);
    const model = nn.mlp([784, 128, 10]);
    const batchLoss: number[] = [];
    const h = await fit(model, {
      loss: nn.F.crossEntropy, optimizer: o.make(model.parameters(), o.lr), train: [x!, y!], validation: [tx!, ty!], epochs, batchSize: 64,
      metrics: ["accuracy"], callbacks: [{ onBatchEnd: (_b: number, logs: Record<string, number>) => void batchLoss.push(logs.loss!) }],
    });
    const smooth = Array.from({ length: Math.floor(batchLoss.length / 20) }, (_, i) => batchLoss.slice(20 * i, 20 * i + 20).reduce((a, b) => a + b, 0) / 20);
    mnist.push({ optimiser: o.name, lr: o.lr, trainLoss: h.last("loss")!, testAccuracy: h.last("val_accuracy")!, smoothedLoss: smooth });
  }
  return { steps, lrGrid, rows, epochs, surfaces, mnist };
}

async function main(): Promise<void> {
  const r = await run();
  const markdown = [
    `2-D surfaces: ${r.steps} steps from the same start; each optimiser's learning rate is the best of {${r.lrGrid.join(", ")}} (lowest final value). "Steps to 1e-3": the first step at which f < 0.001.`,
    "",
    ...r.surfaces.flatMap((s) => [
      `**${s.surface}**`,
      "",
      table(["optimiser", "best lr", "final f", "steps to 1e-3"], s.runs.map((x) => [x.optimiser, x.bestLr, fmt(x.final), x.stepsTo ?? `not in ${r.steps}`])),
      "",
    ]),
    "",
    `Fashion-MNIST: MLP 784-128-10, ${r.rows} training images, ${r.epochs} epochs, batch 64, each optimiser at a conventional rate for it (not tuned); accuracy on ${Math.min(r.rows, 5000)} test images.`,
    "",
    table(["optimiser", "lr", "final training loss", "test accuracy"], r.mnist.map((m) => [m.optimiser, m.lr, m.trainLoss, pct(m.testAccuracy)])),
  ].join("\n");
  const rows = r.mnist.flatMap((m) => m.smoothedLoss.map((v, i) => ({ x: 20 * (i + 1), series: `${m.optimiser} (lr ${m.lr})`, y: v })));
  const plots: Record<string, plot.PlotSpec> = {};
  r.surfaces.forEach((s, i) => (plots[`surface-${i + 1}`] = s.plot));
  plots["fashion-mnist-loss"] = lineChart(rows, { title: "Fashion-MNIST training loss (mean of 20 batches)", x: "SGD steps", y: "cross-entropy", logY: true });
  const results = { ...r, surfaces: r.surfaces.map(({ plot: _p, runs, ...s }) => ({ ...s, runs: runs.map(({ path, ...x }) => ({ ...x, end: path.at(-1) })) })) };
  await writeOutput(import.meta.url, { results, markdown, plots });
}

if (isMain(import.meta.url)) await main();
