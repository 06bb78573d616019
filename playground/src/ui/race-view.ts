/**
 * The optimiser race view: the surface as shaded contours, each optimiser's path drawn as it runs (a few steps per
 * animation frame), a legend with learning rates and current values. A click on the surface restarts from there.
 */
import type { Store } from "../store.js";
import { RACERS, SURFACES, startRace, stepRace, type Racer, type Surface } from "../model/race.js";
import { buildControls } from "./controls.js";
import { fmt, h } from "./dom.js";

const COLOURS: Record<(typeof RACERS)[number], string> = { sgd: "#d93025", momentum: "#1a73e8", nesterov: "#9334e6", rmsprop: "#188038", adam: "#e37400" };
const STEPS_PER_FRAME = 2;

export class RaceView {
  private readonly canvas: HTMLCanvasElement;
  private readonly background: HTMLCanvasElement;
  private readonly legend: HTMLOListElement;
  private readonly playButton: HTMLButtonElement;
  private readonly counter: HTMLSpanElement;
  private surface: Surface;
  private racers: Racer[] = [];
  private step = 0;
  private running = false;
  private start: [number, number] | null = null;

  constructor(root: HTMLElement, private readonly store: Store) {
    this.surface = SURFACES[store.settings.surface];
    this.canvas = h("canvas", { class: "race-canvas", tabindex: 0, role: "img" });
    this.background = h("canvas");
    this.legend = h("ol", { class: "race-legend" });
    this.playButton = h("button", { type: "button", id: "race-play", onclick: () => this.toggle() }, "▶ Race");
    this.counter = h("span", { class: "race-step", "aria-live": "off" });
    const controls = h("div", { class: "race-controls" });
    buildControls(controls, "race", store);
    controls.append(this.playButton, h("button", { type: "button", onclick: () => this.restart(true) }, "⟲ Restart"), this.counter);
    const formula = h("p", { class: "formula" });
    root.append(controls, formula, h("div", { class: "race-body" }, this.canvas, this.legend),
      h("p", { class: "hint" }, "Every optimiser starts from the same point with its own learning rate; click the surface to start from somewhere else."));
    this.canvas.addEventListener("click", (e) => {
      const box = this.canvas.getBoundingClientRect();
      const [x0, x1, y0, y1] = this.surface.view;
      this.start = [x0 + ((e.clientX - box.left) / box.width) * (x1 - x0), y1 - ((e.clientY - box.top) / box.height) * (y1 - y0)];
      this.restart(true);
    });
    const sync = (): void => {
      formula.textContent = SURFACES[store.settings.surface].formula;
      if (store.settings.surface !== this.surface.id) {
        this.surface = SURFACES[store.settings.surface];
        this.start = null;
        this.restart(false);
      }
    };
    store.subscribe(sync);
    sync();
    new ResizeObserver(() => this.paintBackground()).observe(this.canvas);
    this.restart(false);
  }

  /** Starts (or resumes) the race when the view is shown. */
  show(): void {
    this.paintBackground();
    this.draw();
  }

  hide(): void {
    this.running = false;
    this.syncButton();
  }

  private toggle(): void {
    if (this.step >= this.surface.steps) this.restart(false);
    this.running = !this.running;
    this.syncButton();
    if (this.running) requestAnimationFrame(() => this.frame());
  }

  private restart(run: boolean): void {
    this.racers = startRace(this.surface, this.start ?? this.surface.start);
    this.step = 0;
    this.canvas.setAttribute("aria-label", `${this.surface.label}: ${this.surface.formula}`);
    this.paintBackground();
    this.draw();
    if (run && !this.running) this.toggle();
  }

  private frame(): void {
    if (!this.running) return;
    for (let i = 0; i < STEPS_PER_FRAME && this.step < this.surface.steps; i++, this.step++) stepRace(this.surface, this.racers);
    this.draw();
    if (this.step >= this.surface.steps) {
      this.running = false;
      this.syncButton();
      return;
    }
    requestAnimationFrame(() => this.frame());
  }

  private syncButton(): void {
    this.playButton.textContent = this.running ? "❚❚ Pause" : "▶ Race";
    this.playButton.setAttribute("aria-pressed", String(this.running));
  }

  private toPx(x: number, y: number, w: number, hgt: number): [number, number] {
    const [x0, x1, y0, y1] = this.surface.view;
    return [((x - x0) / (x1 - x0)) * w, ((y1 - y) / (y1 - y0)) * hgt];
  }

  /** Shaded bands of log(f − min + 1): a contour map without contour tracing. */
  private paintBackground(): void {
    const w = this.canvas.clientWidth || 400;
    const hgt = w * ((this.surface.view[3] - this.surface.view[2]) / (this.surface.view[1] - this.surface.view[0]));
    const n = 320;
    const m = Math.round(n * (hgt / w));
    const bg = this.background;
    bg.width = n;
    bg.height = m;
    const ctx = bg.getContext("2d");
    if (!ctx) return;
    const [x0, x1, y0, y1] = this.surface.view;
    const vals = new Float32Array(n * m);
    let lo = Infinity;
    let hi = -Infinity;
    for (let r = 0; r < m; r++) for (let c = 0; c < n; c++) {
      const v = this.surface.at(x0 + ((c + 0.5) / n) * (x1 - x0), y1 - ((r + 0.5) / m) * (y1 - y0));
      vals[r * n + c] = v;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    const img = ctx.createImageData(n, m);
    const top = Math.log1p(hi - lo);
    vals.forEach((v, i) => {
      // 14 bands of equal log-height, light at the bottom of the valley
      const band = Math.floor((Math.log1p(v - lo) / top) * 14) / 14;
      img.data.set([245 - 150 * band, 247 - 110 * band, 250 - 50 * band, 255], 4 * i);
    });
    ctx.putImageData(img, 0, 0);
  }

  private draw(): void {
    const dpr = globalThis.devicePixelRatio || 1;
    const w = this.canvas.clientWidth || 400;
    const hgt = w * ((this.surface.view[3] - this.surface.view[2]) / (this.surface.view[1] - this.surface.view[0]));
    this.canvas.style.height = `${hgt}px`;
    this.canvas.width = Math.round(w * dpr);
    this.canvas.height = Math.round(hgt * dpr);
    const ctx = this.canvas.getContext("2d");
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.background, 0, 0, w, hgt);
    ctx.fillStyle = "#202124";
    for (const [mx, my] of this.surface.minima) {
      const [px, py] = this.toPx(mx, my, w, hgt);
      ctx.fillText("★", px - 4, py + 4);
    }
    for (const r of this.racers) {
      ctx.strokeStyle = COLOURS[r.id];
      ctx.lineWidth = 2;
      ctx.beginPath();
      for (let i = 0; i < r.path.length; i += 2) {
        const [px, py] = this.toPx(r.path[i]!, r.path[i + 1]!, w, hgt);
        if (i === 0) ctx.moveTo(px, py);
        else ctx.lineTo(px, py);
      }
      ctx.stroke();
      const [hx, hy] = this.toPx(r.path.at(-2)!, r.path.at(-1)!, w, hgt);
      ctx.fillStyle = COLOURS[r.id];
      ctx.beginPath();
      ctx.arc(hx, hy, 4.5, 0, 2 * Math.PI);
      ctx.fill();
    }
    this.counter.textContent = `step ${this.step} / ${this.surface.steps}`;
    this.legend.replaceChildren(...this.racers.map((r) => h("li", {},
      h("i", { style: `background:${COLOURS[r.id]}` }), `${r.label} `, h("span", { class: "lr" }, `lr ${this.surface.lr[r.id]}`),
      h("span", { class: "value" }, r.diverged ? "diverged" : `f = ${fmt(r.value)}`))));
  }
}
