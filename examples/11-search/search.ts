/**
 * Example 11 — random vs grid search (Bergstra & Bengio 2012): with the same budget of 9 trials over a
 * learning rate that matters and a dropout rate that matters little, a 3×3 grid tries only 3 learning
 * rates while random search tries 9.
 * Run: npx tsx examples/11-search/search.ts
 */
import { Generator, Tensor, data, evaluate, fit, manualSeed, nn, optim, plot, tune } from "../../src/index.js";
import { fmt, isMain, pct, table, writeOutput } from "../shared.js";

export interface SearchOptions {
  /** Trials per search (a square, for the grid; default 9). */
  trials?: number;
  /** Independent random searches to repeat (default 10). */
  repeats?: number;
  epochs?: number;
}

export const SPACE: tune.SearchSpace = { lr: tune.logUniform(1e-4, 1), dropout: tune.uniform(0, 0.5) };

export async function run(options: SearchOptions = {}) {
  const { trials = 9, repeats = 10, epochs = 5 } = options;
  const { x, y } = data.loadDigits();
  const split = data.trainValTestSplit([x.div(16), y], { val: 0.3, stratify: y, generator: new Generator(0) });
  const trainXY: [Tensor, Tensor] = [split.train[0]!, split.train[1]!];
  const valXY: [Tensor, Tensor] = [split.val[0]!, split.val[1]!];
  const cache = new Map<string, number>();
  const objective = async (c: Record<string, unknown>): Promise<number> => {
    const key = JSON.stringify(c);
    if (cache.has(key)) return cache.get(key)!;
    manualSeed(0);
    const model = nn.mlp([64, 64, 10], { dropout: c.dropout as number });
    await fit(model, { loss: nn.F.crossEntropy, optimizer: new optim.SGD(model.parameters(), { lr: c.lr as number }), train: trainXY, epochs, batchSize: 32, terminateOnNaN: false });
    const acc = evaluate(model, valXY, { metrics: ["accuracy"] }).accuracy!;
    const v = Number.isFinite(acc) ? acc : 0;
    cache.set(key, v);
    return v;
  };
  const side = Math.round(Math.sqrt(trials));
  const gridSpace = { lr: tune.logUniform(1e-4, 1, side), dropout: tune.uniform(0, 0.5, side) };
  const grid: { lr: number; dropout: number; accuracy: number }[] = [];
  for (const c of tune.gridSearch(gridSpace)) grid.push({ ...(c as { lr: number; dropout: number }), accuracy: await objective(c) });
  const randoms: { lr: number; dropout: number; accuracy: number }[][] = [];
  for (let rep = 0; rep < repeats; rep++) {
    const tried: { lr: number; dropout: number; accuracy: number }[] = [];
    for (const c of tune.randomSearch(SPACE, side * side, { generator: new Generator(1000 + rep) })) tried.push({ ...(c as { lr: number; dropout: number }), accuracy: await objective(c) });
    randoms.push(tried);
  }
  const best = (t: { accuracy: number }[]) => Math.max(...t.map((v) => v.accuracy));
  const distinct = (t: { lr: number }[]) => new Set(t.map((v) => v.lr.toPrecision(6))).size;
  const randomBests = randoms.map(best);
  return {
    trials: side * side, repeats, epochs, grid, randoms,
    summary: {
      gridBest: best(grid), gridDistinctLrs: distinct(grid),
      randomBestMean: tune.mean(randomBests), randomBestMin: Math.min(...randomBests), randomBestMax: Math.max(...randomBests),
      randomBeatsGrid: randomBests.filter((b) => b > best(grid)).length, randomTies: randomBests.filter((b) => b === best(grid)).length, randomDistinctLrs: distinct(randoms[0]!),
    },
  };
}

async function main(): Promise<void> {
  const r = await run();
  const s = r.summary;
  const markdown = [
    `Digits (70/30 train/validation), MLP 64-64-10 with dropout, plain SGD, ${r.epochs} epochs per trial. Space: lr log-uniform in [1e-4, 1], dropout uniform in [0, 0.5]; ${r.trials} trials per search.`,
    "",
    table(["search", "learning rates tried", "best validation accuracy"], [
      [`grid ${Math.sqrt(r.trials)}×${Math.sqrt(r.trials)}`, s.gridDistinctLrs, pct(s.gridBest)],
      [`random (${r.repeats} independent searches)`, s.randomDistinctLrs, `${pct(s.randomBestMean)} on average (min ${pct(s.randomBestMin)}, max ${pct(s.randomBestMax)})`],
    ]),
    "",
    `Random search found a better configuration than the grid in ${s.randomBeatsGrid} of ${r.repeats} searches${s.randomTies ? ` (tied in ${s.randomTies})` : ""}.`,
    "",
    "The grid's trials:",
    "",
    table(["lr", "dropout", "validation accuracy"], r.grid.map((g) => [fmt(g.lr), fmt(g.dropout), pct(g.accuracy)])),
  ].join("\n");
  const points = [
    ...r.grid.map((g) => ({ lr: g.lr, dropout: g.dropout, accuracy: g.accuracy, search: "grid" })),
    ...r.randoms[0]!.map((g) => ({ lr: g.lr, dropout: g.dropout, accuracy: g.accuracy, search: "random (first search)" })),
  ];
  const scatter = (yField: string, title: string, yTitle: string) => ({
    $schema: "https://vega.github.io/schema/vega-lite/v6.json", title, width: 420, height: 260,
    data: { values: points },
    mark: { type: "point", filled: true, size: 70, tooltip: true },
    encoding: { x: { field: "lr", type: "quantitative", scale: { type: "log" }, title: "learning rate (log)" }, y: { field: yField, type: "quantitative", title: yTitle }, color: { field: "search", type: "nominal", title: null }, shape: { field: "search", type: "nominal", title: null } },
    config: { font: "DejaVu Sans, Verdana, sans-serif", background: "white" },
  }) as unknown as plot.PlotSpec;
  await writeOutput(import.meta.url, {
    results: r, markdown,
    plots: { "trials-space": scatter("dropout", "Where the trials fall: the grid covers only 3 learning rates", "dropout"), "trials-accuracy": scatter("accuracy", "Validation accuracy against the learning rate", "validation accuracy") },
  });
}

if (isMain(import.meta.url)) await main();
