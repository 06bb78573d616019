import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Generator, History, data, nn, optim, plot, tensor, train } from "../index.js";
import { toPNG } from "../node.js";

function history(epochs = 6): History {
  const h = new History();
  for (let e = 0; e < epochs; e++) {
    h.record(e, { loss: 1 / (e + 1), accuracy: 0.5 + e / 20, val_loss: 1.2 / (e + 1), val_accuracy: 0.45 + e / 20, lr: 0.1 * 0.5 ** e, time: 0.1 });
  }
  return h;
}

const count = (svg: string, re: RegExp): number => svg.match(re)?.length ?? 0;

describe("plots", () => {
  it("historyPlots gives train-vs-validation loss and metric curves and the learning rate, rendered to SVG with lines", async () => {
    const plots = plot.historyPlots(history());
    expect(Object.keys(plots)).toEqual(["loss", "accuracy", "lr"]);
    const svg = await plot.toSVG(plots.loss!);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("loss per epoch");
    expect(svg).toContain(">validation<");
    expect(count(svg, /<path[^>]*class="[^"]*"|<path /g)).toBeGreaterThan(2);
    const lr = await plot.toSVG(plots.lr!);
    expect(lr).toContain("learning rate");
    expect(() => plot.trainingCurve(history(), "f1")).toThrow(/no "f1" series \(it has loss, accuracy/);
  });

  it("NaN losses are left out of a curve instead of breaking it", async () => {
    const h = history(3);
    h.history.loss![1] = NaN;
    const spec = plot.trainingCurve(h) as { data: { values: { value: number | null }[] } };
    expect(spec.data.values.filter((r) => r.value === null)).toHaveLength(1);
    expect(await plot.toSVG(spec as plot.PlotSpec)).toContain("<path");
  });

  it("confusion matrix shows the counts in their cells and the class names on the axes", async () => {
    const svg = await plot.toSVG(plot.confusionMatrixPlot([[5, 1], [2, 7]], { classNames: ["cat", "dog"] }));
    for (const t of [">5<", ">1<", ">2<", ">7<", ">cat<", ">dog<", "predicted", "actual"]) expect(svg, t).toContain(t);
    expect(() => plot.confusionMatrixPlot([[1, 2]])).toThrow(/square matrix/);
  });

  it("decision boundary colours a grid by the predicted class and overlays the points", async () => {
    const d = data.playground.xor({ numSamples: 100, generator: new Generator(1) });
    const model = nn.mlp([2, 8, 2], { generator: new Generator(2) });
    const spec = plot.decisionBoundary(model, d.x, d.y, { resolution: 10 });
    const svg = await plot.toSVG(spec);
    expect(count(svg, /<path /g)).toBeGreaterThan(100 + 100);
    expect(model.training).toBe(true);
    expect(() => plot.decisionBoundary(model, tensor([[1, 2, 3]]), tensor([0]))).toThrow(/\[N, 2\] points, got shape \[1, 3\]/);
  });

  it("histogram counts every finite value once and the plot overlays layers", async () => {
    const values = [0, 0.1, 0.5, 0.99, 1, NaN, Infinity, -0.2];
    const h = plot.histogram(values, 4);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(6);
    expect(h.edges[0]).toBeCloseTo(-0.2);
    expect(h.edges[4]).toBeCloseTo(1);
    expect(h.counts[3]).toBe(2); // 0.99 and the closed right edge 1
    const svg = await plot.toSVG(plot.histogramPlot([{ name: "layer 1 (Tanh)", hist: h }, { name: "layer 3 (Tanh)", hist: plot.histogram([1, 2, 3]) }]));
    expect(svg).toContain("layer 3 (Tanh)");
  });

  it("overlaid curves draw one line per run and a band where std is given; the lr-finder plot marks its suggestion", async () => {
    const svg = await plot.toSVG(plot.overlaidCurves([{ name: "relu", values: [1, 0.5, 0.3], std: [0.1, 0.1, 0.05] }, { name: "tanh", values: [1, 0.7, 0.6] }], { y: "val_loss" }));
    expect(svg).toContain(">relu<");
    expect(svg).toContain(">tanh<");
    expect(svg).toContain("mark-area");
    const lrs = Array.from({ length: 50 }, (_, i) => 1e-5 * 1.3 ** i);
    const losses = lrs.map((lr) => 2 - Math.log10(lr) / 10 + (lr > 0.1 ? 10 * lr : 0));
    const lf = await plot.toSVG(plot.lrFinderPlot({ lrs, losses, smoothed: losses, suggestion: 3e-3 }));
    expect(lf).toContain("suggested 3.0e-3");
    expect(lf).toContain("mark-rule");
  });

  it("names a user chose are escaped in the SVG text, never markup", async () => {
    const evil = `<script>alert(1)</script><img src=x onerror="alert(2)">`;
    const svg = await plot.toSVG(plot.overlaidCurves([{ name: evil, values: [1, 2] }], { title: evil }));
    expect(svg).not.toMatch(/<script|<img/i);
    expect(svg).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("diagnosticsPlots draws activation and gradient histograms per layer and per-layer curves over epochs", async () => {
    const d = data.playground.circle({ numSamples: 64, generator: new Generator(3) });
    const model = nn.mlp([2, 8, 8, 2], { activation: "tanh", generator: new Generator(4) });
    const diag = new train.Diagnostics();
    await train.fit(model, { loss: nn.F.crossEntropy, optimizer: new optim.Adam(model.parameters()), train: [d.x, d.y], epochs: 2, callbacks: [diag] });
    const plots = plot.diagnosticsPlots(JSON.parse(JSON.stringify(diag.toJSON())));
    expect(Object.keys(plots)).toEqual(["activations", "gradients", "gradNorm", "updateRatio"]);
    const svg = await plot.toSVG(plots.activations!);
    expect(svg).toContain("1 Tanh");
    expect(svg).not.toContain("0 Linear");
    expect(await plot.toSVG(plots.gradNorm!)).toContain("4 Linear");
  });

  it("toPNG rasterises a plot", async () => {
    const png = await toPNG(plot.trainingCurve(history()));
    expect(Array.from(png.slice(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const width = new DataView(png.buffer, png.byteOffset).getUint32(16);
    expect(width).toBeGreaterThan(400);
  });

  it("is browser-safe: nothing reachable from src/plot/index.ts imports node: modules or resvg", () => {
    const seen = new Set<string>();
    const external = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const m of readFileSync(file, "utf8").matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gm)) {
        if (m[1]!.startsWith(".")) visit(resolve(dirname(file), m[1]!.replace(/\.js$/, ".ts")));
        else external.add(m[1]!);
      }
    };
    visit(fileURLToPath(new URL("./index.ts", import.meta.url)));
    expect(seen.size).toBeGreaterThan(5);
    expect([...external].filter((s) => s.startsWith("node:") || s.includes("resvg"))).toEqual([]);
  });
});
