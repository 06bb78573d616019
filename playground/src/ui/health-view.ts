/** Per-layer histograms of the hidden units' outputs and of the loss gradient at them, with dead and saturated units named. */
import type { Histogram, LayerStats } from "../model/stats.js";
import type { Frame } from "../worker/protocol.js";
import { fmt, h } from "./dom.js";

export class HealthView {
  private cards: { outputs: HTMLCanvasElement; gradients: HTMLCanvasElement; title: HTMLElement; note: HTMLElement }[] = [];

  constructor(private readonly root: HTMLElement) {}

  update(f: Frame): void {
    if (this.cards.length !== f.stats.length) this.build(f.stats.length);
    f.stats.forEach((st, l) => {
      const card = this.cards[l]!;
      card.title.textContent = `Layer ${l + 1} · ${st.activation}`;
      drawHistogram(card.outputs, st.outputs, "#0877bd");
      drawHistogram(card.gradients, st.gradients, "#e37400");
      card.note.replaceChildren(...describe(st));
    });
  }

  private build(n: number): void {
    this.cards = Array.from({ length: n }, (_, l) => ({
      outputs: h("canvas", { role: "img", "aria-label": `Histogram of layer ${l + 1}'s outputs` }),
      gradients: h("canvas", { role: "img", "aria-label": `Histogram of the loss gradient at layer ${l + 1}'s outputs` }),
      title: h("h3"),
      note: h("p", { class: "note" }),
    }));
    this.root.replaceChildren(...(n === 0 ? [h("p", {}, "No hidden layers.")] : this.cards.map((c) =>
      h("div", { class: "health-card" }, c.title,
        h("div", { class: "hists" }, h("figure", {}, c.outputs, h("figcaption", {}, "outputs")), h("figure", {}, c.gradients, h("figcaption", {}, "∂loss/∂output"))),
        c.note))));
  }
}

function describe(st: LayerStats): (string | HTMLElement)[] {
  const out: (string | HTMLElement)[] = [`mean |grad| ${fmt(st.meanAbsGrad)}`];
  if (st.dead.length) out.push(" · ", h("span", { class: "dead-text" }, `dead: ${st.dead.map((i) => i + 1).join(", ")}`));
  if (st.saturated.length) out.push(" · ", h("span", { class: "saturated-text" }, `saturated: ${st.saturated.map((i) => i + 1).join(", ")}`));
  return out;
}

function drawHistogram(c: HTMLCanvasElement, hist: Histogram, colour: string): void {
  const dpr = globalThis.devicePixelRatio || 1;
  const w = c.clientWidth || 120;
  const hgt = c.clientHeight || 48;
  c.width = Math.round(w * dpr);
  c.height = Math.round(hgt * dpr);
  const ctx = c.getContext("2d");
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, hgt);
  const max = Math.max(1, ...hist.counts);
  const bw = w / hist.counts.length;
  ctx.fillStyle = colour;
  hist.counts.forEach((n, i) => {
    const bh = (n / max) * (hgt - 12);
    ctx.fillRect(i * bw + 0.5, hgt - 12 - bh, Math.max(1, bw - 1), bh);
  });
  ctx.fillStyle = "#5f6368";
  ctx.font = "9px system-ui, sans-serif";
  ctx.textAlign = "left";
  ctx.fillText(fmt(hist.lo, 2), 0, hgt - 2);
  ctx.textAlign = "right";
  ctx.fillText(fmt(hist.hi, 2), w, hgt - 2);
}
