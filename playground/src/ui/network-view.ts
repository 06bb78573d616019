/**
 * The network: a column of input features (click to use one or not), hidden layers of neurons each showing its
 * output over the plane as a small heatmap (larger on hover or focus), the output, and the weights as links whose
 * width and colour show size and sign. Links and biases open an editor to set them by hand. Layers and neurons
 * are added and removed with the buttons above the columns.
 */
import { FEATURE_IDS, activationChoices, limitsOf, type Settings } from "../settings.js";
import type { Store } from "../store.js";
import { FEATURES } from "../model/features.js";
import { DOMAIN } from "../model/datasets.js";
import { GRID, type Frame } from "../worker/protocol.js";
import { fmt, h, s } from "./dom.js";
import { CLASS_COLOURS, linkStyle, paintGrid } from "./heatmap.js";
import { layoutNetwork, linkPath, type Layout } from "./network-layout.js";
import { WeightEditor } from "./weight-editor.js";

/** Above this many links between two layers they are not drawn (lifted limits make huge networks possible). */
const MAX_LINKS = 1024;

interface Link {
  layer: number;
  to: number;
  from: number;
  path: SVGPathElement;
  hit: SVGPathElement;
}

/** Input features' values over the grid, each scaled to [−1, 1] for display. */
const FEATURE_GRIDS: Float32Array[] = FEATURES.map((f) => {
  const out = new Float32Array(GRID * GRID);
  const cell = (2 * DOMAIN) / GRID;
  let max = 0;
  for (let r = 0; r < GRID; r++) {
    for (let c = 0; c < GRID; c++) {
      const v = f.at(-DOMAIN + (c + 0.5) * cell, DOMAIN - (r + 0.5) * cell);
      out[r * GRID + c] = v;
      max = Math.max(max, Math.abs(v));
    }
  }
  return out.map((v) => v / (max || 1));
});

export class NetworkView {
  private readonly header: HTMLDivElement;
  private readonly area: HTMLDivElement;
  private readonly svg: SVGSVGElement;
  private readonly preview: HTMLDivElement;
  private readonly previewCanvas: HTMLCanvasElement;
  private readonly previewCaption: HTMLSpanElement;
  /** Hidden layers' canvases, then the output's. */
  private canvases: HTMLCanvasElement[][] = [];
  private nodes: HTMLElement[][] = [];
  private biasButtons: HTMLButtonElement[][] = [];
  private links: Link[] = [];
  private frame: Frame | null = null;
  private hovered: { col: number; i: number; label: string } | null = null;
  private outputs = 1;
  private layout: Layout | null = null;
  private readonly editor: WeightEditor;

  constructor(
    root: HTMLElement,
    private readonly store: Store,
    private readonly setWeight: (layer: number, to: number, from: number, value: number) => void,
  ) {
    this.header = h("div", { class: "net-header" });
    this.svg = s("svg", { class: "links", "aria-label": "weights" });
    this.previewCanvas = h("canvas", { width: GRID, height: GRID });
    this.previewCaption = h("span");
    this.preview = h("div", { class: "preview", hidden: true, "aria-hidden": "true" }, this.previewCanvas, this.previewCaption);
    this.area = h("div", { class: "net-area" });
    root.append(this.header, this.area);
    this.area.append(this.svg, this.preview);
    this.editor = new WeightEditor(this.area);
    new ResizeObserver(() => this.place()).observe(this.area);
  }

  /** Rebuilds nodes and links for the current settings and `outputs` output units. */
  rebuild(outputs: number): void {
    this.outputs = outputs;
    this.frame = null;
    const st = this.store.settings;
    this.buildHeader(st);
    for (const el of this.area.querySelectorAll(".node")) el.remove();
    this.svg.replaceChildren();
    this.nodes = [];
    this.canvases = [];
    this.biasButtons = [];
    this.links = [];
    // inputs: every feature, greyed when unused
    this.nodes.push(FEATURES.map((f) => {
      const on = st.features.includes(f.id);
      const c = h("canvas", { width: GRID, height: GRID });
      paintGrid(c, FEATURE_GRIDS[FEATURES.indexOf(f)]!, GRID, { fade: on ? 0 : 0.7 });
      const node = h("button", {
        type: "button", class: `node input${on ? "" : " off"}`, "aria-pressed": String(on),
        "aria-label": `Input feature ${f.spoken}: ${on ? "used" : "not used"}`, title: `${f.label}: click to ${on ? "stop using" : "use"} it`,
        onclick: () => this.toggleFeature(f.id),
      }, c, h("span", { class: "label" }, f.label));
      this.hoverable(node, 0, FEATURES.indexOf(f), `${f.label} (input)`);
      return node;
    }));
    const widths = [...st.networkShape, outputs];
    widths.forEach((n, l) => {
      const last = l === widths.length - 1;
      const col: HTMLElement[] = [];
      const cvs: HTMLCanvasElement[] = [];
      const biases: HTMLButtonElement[] = [];
      for (let i = 0; i < n; i++) {
        const c = h("canvas", { width: GRID, height: GRID });
        const name = last ? (outputs > 1 ? `output for class ${i}` : "output") : `layer ${l + 1}, neuron ${i + 1}`;
        const bias = h("button", { type: "button", class: "bias", "aria-label": `Bias of ${name}`, onclick: (e: Event) => this.editBias(e, l, i, name) });
        const node = h("div", { class: `node${last ? " out" : ""}`, tabindex: 0, role: "img", "aria-label": name }, c, bias);
        this.hoverable(node, l + 1, i, name);
        col.push(node);
        cvs.push(c);
        biases.push(bias);
      }
      this.nodes.push(col);
      this.canvases.push(cvs);
      this.biasButtons.push(biases);
    });
    for (const col of this.nodes) this.area.append(...col);
    this.buildLinks(st);
    this.place();
  }

  private buildHeader(st: Settings): void {
    const lim = limitsOf(st);
    const L = st.networkShape.length;
    const setShape = (shape: number[], acts = st.layerActivations): void => this.store.set({ networkShape: shape, layerActivations: acts.slice(0, shape.length) });
    const layerButtons = h("div", { class: "layer-count" },
      h("button", { type: "button", class: "round", "aria-label": "Add a hidden layer", disabled: L >= lim.layers, onclick: () => setShape([...st.networkShape, 2]) }, "+"),
      h("button", { type: "button", class: "round", "aria-label": "Remove the last hidden layer", disabled: L === 0, onclick: () => setShape(st.networkShape.slice(0, -1)) }, "−"),
      h("span", { class: "count", "aria-live": "polite" }, `${L} hidden layer${L === 1 ? "" : "s"}`),
    );
    const layers = st.networkShape.map((n, l) => {
      const id = `layer-act-${l}`;
      const sel = h("select", {
        id, class: "layer-act", onchange: () => {
          const acts = st.networkShape.map((_, i) => st.layerActivations[i] ?? "");
          acts[l] = sel.value as Settings["layerActivations"][number];
          this.store.set({ layerActivations: acts.some((a) => a !== "") ? acts : [] });
        },
      }, h("option", { value: "" }, "(same)"), ...activationChoices.map(([v, label]) => h("option", { value: v }, label)));
      sel.value = st.layerActivations[l] ?? "";
      const resize = (d: number): void => setShape(st.networkShape.map((m, i) => (i === l ? m + d : m)));
      return h("div", { class: "layer-head" },
        h("div", { class: "buttons" },
          h("button", { type: "button", class: "round small", "aria-label": `Add a neuron to layer ${l + 1}`, disabled: n >= lim.neurons, onclick: () => resize(1) }, "+"),
          h("button", { type: "button", class: "round small", "aria-label": `Remove a neuron from layer ${l + 1}`, disabled: n <= 1, onclick: () => resize(-1) }, "−")),
        h("span", { class: "count" }, `${n} neuron${n === 1 ? "" : "s"}`),
        h("label", { for: id, class: "sr-only" }, `Activation of layer ${l + 1}`), sel);
    });
    this.header.replaceChildren(layerButtons, h("div", { class: "layer-heads" }, ...layers));
  }

  private buildLinks(st: Settings): void {
    const ins = st.features.map((id) => FEATURE_IDS.indexOf(id));
    const widths = [...st.networkShape, this.outputs];
    let from: number[] = ins;
    widths.forEach((n, l) => {
      if (from.length * n <= MAX_LINKS) {
        for (let to = 0; to < n; to++) {
          from.forEach((src, j) => {
            const path = s("path", { class: "link" });
            const hit = s("path", { class: "hit", tabindex: 0, role: "button" });
            const label = `Weight from ${l === 0 ? FEATURES[src]!.label : `neuron ${l}.${src + 1}`} to ${l === widths.length - 1 ? "the output" : `neuron ${l + 1}.${to + 1}`}`;
            hit.setAttribute("aria-label", label);
            const open = (e: Event): void => this.editWeight(e, l, to, j, label);
            hit.addEventListener("click", open);
            hit.addEventListener("keydown", (e) => {
              if (e.key === "Enter" || e.key === " ") {
                e.preventDefault();
                open(e);
              }
            });
            this.svg.append(path, hit);
            this.links.push({ layer: l, to, from: j, path, hit });
          });
        }
      }
      from = Array.from({ length: n }, (_, i) => i);
    });
  }

  /** Positions nodes and links for the area's width. */
  private place(): void {
    if (this.nodes.length === 0) return;
    const width = this.area.clientWidth || 600;
    const lay = layoutNetwork(this.nodes.map((c) => c.length), width);
    this.layout = lay;
    this.area.style.height = `${lay.height}px`;
    this.area.style.setProperty("--node", `${lay.node}px`);
    this.svg.setAttribute("viewBox", `0 0 ${width} ${lay.height}`);
    this.nodes.forEach((col, c) => col.forEach((n, i) => {
      n.style.left = `${lay.cols[c]!.x}px`;
      n.style.top = `${lay.cols[c]!.ys[i]}px`;
    }));
    // the headers sit over their columns
    const heads = this.header.querySelectorAll<HTMLElement>(".layer-head");
    heads.forEach((el, l) => (el.style.left = `${lay.cols[l + 1]!.x + lay.node / 2}px`));
    const st = this.store.settings;
    const ins = st.features.map((id) => FEATURE_IDS.indexOf(id));
    for (const k of this.links) {
      const srcCol = k.layer;
      const srcRow = k.layer === 0 ? ins[k.from]! : k.from;
      const a = lay.cols[srcCol]!;
      const b = lay.cols[srcCol + 1]!;
      const d = linkPath(a.x + lay.node, a.ys[srcRow]! + lay.node / 2, b.x, b.ys[k.to]! + lay.node / 2);
      k.path.setAttribute("d", d);
      k.hit.setAttribute("d", d);
    }
    if (this.frame) this.update(this.frame);
  }

  /** Draws a frame: every neuron's heatmap, the links' weights, dead and saturated units. */
  update(frame: Frame): void {
    this.frame = frame;
    const st = this.store.settings;
    frame.neurons.forEach((values, l) => {
      const width = st.networkShape[l] ?? 0;
      this.canvases[l]?.forEach((c, i) => i < width && paintGrid(c, values, frame.neuronGrid, { offset: i, stride: width }));
    });
    const outCanvases = this.canvases[this.canvases.length - 1] ?? [];
    outCanvases.forEach((c, k) => {
      if (frame.channels === 1) paintGrid(c, frame.output, GRID, { discretize: st.discretize });
      else paintGrid(c, frame.output, GRID, { offset: k, stride: frame.channels, discretize: st.discretize, tint: CLASS_COLOURS[k % CLASS_COLOURS.length] });
    });
    for (const k of this.links) {
      const w = frame.weights[k.layer];
      if (!w) continue;
      const v = w.weight[k.to * w.inFeatures + k.from]!;
      const { width, colour } = linkStyle(v);
      k.path.setAttribute("stroke", colour);
      k.path.setAttribute("stroke-width", String(width));
      k.hit.setAttribute("aria-label", `${k.hit.getAttribute("aria-label")!.replace(/: .*$/, "")}: ${fmt(v)}`);
    }
    this.biasButtons.forEach((col, l) => col.forEach((b, i) => {
      const v = frame.weights[l]?.bias[i] ?? 0;
      b.style.background = linkStyle(v).colour;
      b.title = `bias ${fmt(v)}`;
    }));
    frame.stats.forEach((st, l) => this.nodes[l + 1]?.forEach((n, i) => {
      const dead = st.dead.includes(i);
      const sat = st.saturated.includes(i);
      n.classList.toggle("dead", dead);
      n.classList.toggle("saturated", sat);
      n.title = dead ? "dead: the same output for every training point, so its weights get no gradient" : sat ? `saturated: ${st.activation} is near its bound for most points, so its gradient is almost 0` : "";
    }));
    this.paintPreview();
  }

  private hoverable(node: HTMLElement, col: number, i: number, label: string): void {
    const show = (): void => {
      this.hovered = { col, i, label };
      this.paintPreview();
    };
    const hide = (): void => {
      this.hovered = null;
      this.preview.hidden = true;
    };
    node.addEventListener("mouseenter", show);
    node.addEventListener("focus", show);
    node.addEventListener("mouseleave", hide);
    node.addEventListener("blur", hide);
  }

  private paintPreview(): void {
    const hv = this.hovered;
    const lay = this.layout;
    if (!hv || !lay) return;
    const source = hv.col === 0 ? null : this.canvases[hv.col - 1]?.[hv.i];
    const ctx = this.previewCanvas.getContext("2d");
    if (!ctx) return;
    if (hv.col === 0) paintGrid(this.previewCanvas, FEATURE_GRIDS[hv.i]!, GRID);
    else if (source) {
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(source, 0, 0, GRID, GRID);
    }
    this.previewCaption.textContent = hv.label;
    this.preview.hidden = false;
    const x = lay.cols[hv.col]!.x + lay.node + 8;
    const size = this.preview.offsetWidth;
    this.preview.style.left = `${x + size > lay.width ? lay.cols[hv.col]!.x - size - 8 : x}px`;
    this.preview.style.top = `${Math.max(0, Math.min(lay.cols[hv.col]!.ys[hv.i]!, lay.height - this.preview.offsetHeight))}px`;
  }

  private toggleFeature(id: (typeof FEATURE_IDS)[number]): void {
    const f = this.store.settings.features;
    if (f.includes(id) && f.length === 1) return; // the network needs at least one input
    this.store.set({ features: f.includes(id) ? f.filter((x) => x !== id) : [...f, id] });
  }

  private anchor(e: Event): { x: number; y: number } {
    const box = this.area.getBoundingClientRect();
    const me = e as MouseEvent;
    if (me.clientX || me.clientY) return { x: me.clientX - box.left, y: me.clientY - box.top };
    const t = (e.target as Element).getBoundingClientRect();
    return { x: t.left - box.left + t.width / 2, y: t.top - box.top + t.height / 2 };
  }

  private editWeight(e: Event, layer: number, to: number, from: number, label: string): void {
    const w = this.frame?.weights[layer];
    if (!w) return;
    const { x, y } = this.anchor(e);
    this.editor.open(x, y, label, w.weight[to * w.inFeatures + from]!, (v) => this.setWeight(layer, to, from, v));
  }

  private editBias(e: Event, layer: number, i: number, name: string): void {
    const b = this.frame?.weights[layer];
    if (!b) return;
    const { x, y } = this.anchor(e);
    this.editor.open(x, y, `Bias of ${name}`, b.bias[i]!, (v) => this.setWeight(layer, i, -1, v));
  }
}
