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
  /** Upper ends of the learning-rate range, one search space each (default 0.3, 1 and 3; the lower end is 1e-4). */
  lrMax?: number[];
}

type Trial = { lr: number; dropout: number; accuracy: number };

export async function run(options: SearchOptions = {}) {
  const { trials = 9, repeats = 10, epochs = 5, lrMax = [0.3, 1, 3] } = options;
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
  const best = (t: { accuracy: number }[]) => Math.max(...t.map((v) => v.accuracy));
  const distinct = (t: { lr: number }[]) => new Set(t.map((v) => v.lr.toPrecision(6))).size;
  const spaces = [];
  for (const hi of lrMax) {
    const space: tune.SearchSpace = { lr: tune.logUniform(1e-4, hi, side), dropout: tune.uniform(0, 0.5, side) };
    const grid: Trial[] = [];
    for (const c of tune.gridSearch(space)) grid.push({ ...(c as { lr: number; dropout: number }), accuracy: await objective(c) });
    const randoms: Trial[][] = [];
    for (let rep = 0; rep < repeats; rep++) {
      const tried: Trial[] = [];
      for (const c of tune.randomSearch(space, side * side, { generator: new Generator(1000 + rep) })) tried.push({ ...(c as { lr: number; dropout: number }), accuracy: await objective(c) });
      randoms.push(tried);
    }
    const randomBests = randoms.map(best);
    spaces.push({
      lrRange: [1e-4, hi], grid, randoms,
      gridBest: best(grid), gridDistinctLrs: distinct(grid),
      randomBestMean: tune.mean(randomBests), randomBestMin: Math.min(...randomBests), randomBestMax: Math.max(...randomBests),
      randomBeatsGrid: randomBests.filter((b) => b > best(grid)).length, randomTies: randomBests.filter((b) => b === best(grid)).length, randomDistinctLrs: distinct(randoms[0]!),
    });
  }
  return { trials: side * side, repeats, epochs, spaces };
}

async function main(): Promise<void> {
  const r = await run();
  const side = Math.sqrt(r.trials);
  const wins = r.spaces.reduce((n, s) => n + s.randomBeatsGrid, 0);
  const markdown = [
    `Digits (70/30 train/validation), MLP 64-64-10 with dropout, plain SGD, ${r.epochs} epochs per trial; ${r.trials} trials per search. Dropout is uniform in [0, 0.5]; the learning rate is log-uniform in [1e-4, hi], for three values of hi (where the grid's points land changes with the range).`,
    "",
    table(["lr range", "grid: rates tried", "grid: best accuracy", "random: rates tried", `random: best accuracy, mean of ${r.repeats} searches (min–max)`, "random beat the grid"],
      r.spaces.map((s) => [`[1e-4, ${s.lrRange[1]}]`, s.gridDistinctLrs, pct(s.gridBest), s.randomDistinctLrs, `${pct(s.randomBestMean)} (${pct(s.randomBestMin)}–${pct(s.randomBestMax)})`, `${s.randomBeatsGrid} of ${r.repeats}${s.randomTies ? ` (${s.randomTies} ties)` : ""}`])),
    "",
    `Over the three ranges, random search beat the ${side}×${side} grid in ${wins} of ${r.repeats * r.spaces.length} searches.`,
    "",
    `The grid's trials for the range [1e-4, ${r.spaces[1]?.lrRange[1] ?? r.spaces[0]!.lrRange[1]}]:`,
    "",
    table(["lr", "dropout", "validation accuracy"], (r.spaces[1] ?? r.spaces[0]!).grid.map((g) => [fmt(g.lr), fmt(g.dropout), pct(g.accuracy)])),
  ].join("\n");
  const shown = r.spaces[1] ?? r.spaces[0]!;
  const points = [
    ...shown.grid.map((g) => ({ lr: g.lr, dropout: g.dropout, accuracy: g.accuracy, search: "grid" })),
    ...shown.randoms[0]!.map((g) => ({ lr: g.lr, dropout: g.dropout, accuracy: g.accuracy, search: "random (first search)" })),
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
    plots: {
      "trials-space": scatter("dropout", `Where 9 trials fall (lr range [1e-4, ${shown.lrRange[1]}]): the grid tries 3 rates`, "dropout"),
      "trials-accuracy": scatter("accuracy", "Validation accuracy against the learning rate", "validation accuracy"),
    },
  });
}

if (isMain(import.meta.url)) await main();
