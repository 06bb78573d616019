/**
 * Example 4 — initialisation. Part 1: a 10-layer network fed unit-Gaussian data, with per-layer
 * activation statistics and histograms, for small random, large random, Xavier and He weights.
 * Part 2: all-zeros and constant weights keep hidden units identical (the symmetry problem).
 * Run: npx tsx examples/04-initialisation/initialisation.ts
 */
import { Generator, Tensor, data, evaluate, fit, manualSeed, nn, noGrad, optim, plot, randn } from "../../src/index.js";
import { isMain, lineChart, pct, table, writeOutput } from "../shared.js";

interface Scheme {
  name: string;
  activation: "tanh" | "relu";
  init: (w: Tensor, g: Generator) => void;
}

export const SCHEMES: Scheme[] = [
  { name: "tanh, small random N(0, 0.01²)", activation: "tanh", init: (w, g) => nn.init.normal(w, { std: 0.01, generator: g }) },
  { name: "tanh, large random N(0, 1)", activation: "tanh", init: (w, g) => nn.init.normal(w, { std: 1, generator: g }) },
  { name: "tanh, Xavier", activation: "tanh", init: (w, g) => nn.init.xavierNormal(w, { gain: nn.init.calculateGain("tanh"), generator: g }) },
  { name: "ReLU, Xavier", activation: "relu", init: (w, g) => nn.init.xavierNormal(w, { generator: g }) },
  { name: "ReLU, He (Kaiming)", activation: "relu", init: (w, g) => nn.init.kaimingNormal(w, { nonlinearity: "relu", generator: g }) },
];

export interface InitOptions {
  layers?: number;
  width?: number;
  rows?: number;
  /** Epochs of the symmetry experiment on digits. */
  epochs?: number;
}

/** Per-layer activation mean/std and input-gradient std of a deep stack of Linear + activation. */
function deepStats(s: Scheme, layers: number, width: number, rows: number) {
  const g = new Generator(0);
  const linears = Array.from({ length: layers }, () => new nn.Linear(width, width, { generator: g }));
  for (const l of linears) {
    s.init(l.weight, g);
    nn.init.zeros(l.bias!);
  }
  const x = randn([rows, width], { generator: new Generator(1) });
  let h = x;
  const acts: Tensor[] = [];
  for (const l of linears) {
    h = l.forward(h);
    h = s.activation === "tanh" ? h.tanh() : h.relu();
    h.retainGrad();
    acts.push(h);
  }
  h.square().mean().backward(); // a stand-in loss, to see how gradients flow back through the layers
  return acts.map((a, i) => ({
    layer: i + 1,
    mean: a.mean().item(),
    std: a.std().item(),
    saturated: s.activation === "tanh" ? a.abs().gt(0.99).mean().item() : a.eq(0).mean().item(),
    gradStd: linears[i]!.weight.grad!.std().item(),
    hist: plot.histogram(a.data, 40),
  }));
}

/** Trains a digits MLP whose weights all start at `value`, and measures how different its hidden units become. */
async function symmetry(value: number | "default", epochs: number) {
  manualSeed(0);
  const { x, y } = data.loadDigits();
  const xs = x.div(16);
  const model = nn.mlp([64, 32, 10], { activation: "tanh" });
  if (value !== "default") for (const p of model.parameters()) nn.init.constant(p, value);
  await fit(model, { loss: nn.F.crossEntropy, optimizer: new optim.SGD(model.parameters(), { lr: 0.1 }), train: [xs, y], epochs, batchSize: 32 });
  const w1 = (model.children()[0] as nn.Linear).weight; // [32, 64]: one row per hidden unit
  const spread = noGrad(() => w1.std(0).max().item()); // 0 when every hidden unit has the same weights
  return { init: value === "default" ? "PyTorch default (random)" : `all ${value}`, accuracy: evaluate(model, [xs, y], { metrics: ["accuracy"] }).accuracy!, hiddenUnitSpread: spread };
}

export async function run(options: InitOptions = {}) {
  const { layers = 10, width = 256, rows = 1000, epochs = 20 } = options;
  const deep = SCHEMES.map((s) => ({ scheme: s.name, layers: deepStats(s, layers, width, rows) }));
  const sym = [];
  for (const v of [0, 0.1, "default"] as const) sym.push(await symmetry(v, epochs));
  return { layers, width, rows, epochs, deep, symmetry: sym };
}

async function main(): Promise<void> {
  const r = await run();
  const last = (d: (typeof r.deep)[number]) => d.layers[d.layers.length - 1]!;
  const markdown = [
    `Part 1: ${r.layers} layers of ${r.width} units, ${r.rows} unit-Gaussian inputs, biases 0. "Saturated" is the share of |tanh| > 0.99, or of ReLU outputs that are exactly 0.`,
    "",
    table(
      ["weights", "std after layer 1", "std after layer 5", `std after layer ${r.layers}`, `saturated/dead at layer ${r.layers}`, "weight-grad std, layer 1", `weight-grad std, layer ${r.layers}`],
      r.deep.map((d) => [d.scheme, d.layers[0]!.std, d.layers[4]!.std, last(d).std, pct(last(d).saturated), d.layers[0]!.gradStd, last(d).gradStd]),
    ),
    "",
    `Part 2: MLP 64-32-10 (tanh) on the digits, SGD lr 0.1 for ${r.epochs} epochs, every weight and bias starting at the same value. "Spread" is the largest standard deviation across hidden units of a first-layer weight: 0 means all 32 hidden units are still copies of one another.`,
    "",
    table(["initial weights", "training accuracy", "spread between hidden units"], r.symmetry.map((s) => [s.init, pct(s.accuracy), s.hiddenUnitSpread])),
  ].join("\n");
  const stdRows = r.deep.flatMap((d) => d.layers.map((l) => ({ x: l.layer, series: d.scheme, y: l.std })));
  const plots: Record<string, plot.PlotSpec> = {
    "std-per-layer": lineChart(stdRows, { title: "Activation std per layer", x: "layer", y: "std of activations (log)", logY: true }),
  };
  r.deep.forEach((d, i) => {
    const picked = d.layers.filter((l) => [1, 2, 4, 7, r.layers].includes(l.layer));
    plots[`histograms-${i + 1}`] = plot.histogramPlot(picked.map((l) => ({ name: `layer ${l.layer}`, hist: l.hist })), { title: `Activations per layer: ${d.scheme}`, x: "activation" });
  });
  const results = { ...r, deep: r.deep.map((d) => ({ scheme: d.scheme, layers: d.layers.map(({ hist: _h, ...rest }) => rest) })) };
  await writeOutput(import.meta.url, { results, markdown, plots });
}

if (isMain(import.meta.url)) await main();
