/**
 * The output panel: test and training loss (and accuracy), the loss chart, and the output's decision heatmap with
 * the points on top (test points ringed in black when shown). In drawing mode a click adds a point there.
 */
import type { Settings } from "../settings.js";
import { DOMAIN, type Points } from "../model/datasets.js";
import { GRID, type DataMessage, type Frame } from "../worker/protocol.js";
import { fmt, h } from "./dom.js";
import { CLASS_COLOURS, css, paintGrid, pointColour } from "./heatmap.js";
import { LossChart } from "./loss-chart.js";

export class OutputView {
  readonly chart: LossChart;
  private readonly stats: HTMLDivElement;
  private readonly bg: HTMLCanvasElement;
  private readonly dots: HTMLCanvasElement;
  private readonly legend: HTMLDivElement;
  readonly plot: HTMLDivElement;
  private data: DataMessage | null = null;
  private frame: Frame | null = null;
  /** Called with the plane coordinates of a click on the heatmap (for drawing points). */
  onPlotClick: ((x1: number, x2: number) => void) | null = null;

  constructor(root: HTMLElement, private readonly settings: () => Settings) {
    this.stats = h("div", { class: "losses", id: "losses" });
    const chartCanvas = h("canvas", { class: "loss-chart", role: "img", "aria-label": "Training (grey) and test (black) loss per epoch" });
    this.chart = new LossChart(chartCanvas);
    this.bg = h("canvas", { class: "bg", width: GRID, height: GRID });
    this.dots = h("canvas", { class: "dots" });
    this.plot = h("div", { class: "plot", id: "output-plot", role: "img", "aria-label": "The network's output over the plane, with the data points" }, this.bg, this.dots,
      h("span", { class: "tick x0" }, `−${DOMAIN}`), h("span", { class: "tick x1" }, `${DOMAIN}`), h("span", { class: "tick y1" }, `${DOMAIN}`));
    this.legend = h("div", { class: "legend" });
    root.append(this.stats, chartCanvas, this.plot, this.legend);
    this.plot.addEventListener("click", (e) => {
      if (!this.onPlotClick) return;
      const box = this.plot.getBoundingClientRect();
      this.onPlotClick(((e.clientX - box.left) / box.width) * 2 * DOMAIN - DOMAIN, DOMAIN - ((e.clientY - box.top) / box.height) * 2 * DOMAIN);
    });
    new ResizeObserver(() => this.drawPoints()).observe(this.plot);
  }

  setData(d: DataMessage): void {
    this.data = d;
    this.frame = null;
    this.chart.clear();
    this.stats.textContent = "";
    const ctx = this.bg.getContext("2d");
    ctx?.clearRect(0, 0, GRID, GRID);
    this.drawLegend(d.points);
    this.drawPoints();
  }

  update(f: Frame): void {
    this.frame = f;
    this.chart.append(f.historyStart, f.trainHistory, f.testHistory, f.earlyStop);
    this.redraw();
  }

  /** Repaints the heatmap and points (after a view setting changes). */
  redraw(): void {
    const f = this.frame;
    if (f) {
      const acc = f.accuracy ? ` · accuracy ${pct(f.accuracy.test)} test, ${pct(f.accuracy.train)} training` : "";
      this.stats.replaceChildren(
        h("span", {}, "Test loss ", h("strong", { id: "test-loss" }, fmt(f.testLoss))),
        h("span", {}, " · Training loss ", h("strong", { id: "train-loss" }, fmt(f.trainLoss))),
        acc,
      );
      paintGrid(this.bg, f.output, GRID, { channels: f.channels, discretize: this.settings().discretize });
    }
    this.drawPoints();
  }

  private drawLegend(p: Points): void {
    if (p.classes === 0) {
      this.legend.replaceChildren(h("span", {}, "−1"), h("span", { class: "bar" }), h("span", {}, "+1"), h("span", { class: "note" }, "target value"));
    } else {
      this.legend.replaceChildren(...Array.from({ length: p.classes }, (_, k) => h("span", { class: "key" }, h("i", { style: `background:${css(CLASS_COLOURS[k]!)}` }), `class ${k}`)));
    }
  }

  drawPoints(): void {
    const d = this.data;
    const c = this.dots;
    const dpr = globalThis.devicePixelRatio || 1;
    const size = this.plot.clientWidth || 300;
    c.width = Math.round(size * dpr);
    c.height = Math.round(size * dpr);
    const ctx = c.getContext("2d");
    if (!ctx || !d) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const toPx = (v: number): number => ((v + DOMAIN) / (2 * DOMAIN)) * size;
    const dot = (i: number, ring: string): void => {
      ctx.beginPath();
      ctx.arc(toPx(d.points.x[2 * i]!), size - toPx(d.points.x[2 * i + 1]!), size > 250 ? 3.2 : 2.6, 0, 2 * Math.PI);
      ctx.fillStyle = pointColour(d.points.y[i]!, d.points.classes);
      ctx.fill();
      ctx.strokeStyle = ring;
      ctx.lineWidth = 1;
      ctx.stroke();
    };
    d.trainIdx.forEach((i) => dot(i, "#ffffff"));
    if (this.settings().showTestData) d.testIdx.forEach((i) => dot(i, "#000000"));
  }
}

const pct = (v: number): string => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : "–");
