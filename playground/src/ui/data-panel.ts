/**
 * The data panel: the dataset picker (thumbnails as radio buttons), the generic data settings, regenerate, and
 * the user's own points (CSV upload, drawing with the mouse: click adds, shift-click removes).
 */
import { datasetsFor, type DatasetId, type Settings } from "../settings.js";
import type { Store } from "../store.js";
import { makePoints, type Points } from "../model/datasets.js";
import { MAX_CLASSES, addPoint, pointsFromCsv, removeNear } from "../model/user-data.js";
import type { DataMessage } from "../worker/protocol.js";
import { buildControls } from "./controls.js";
import { h } from "./dom.js";
import { pointColour } from "./heatmap.js";
import type { OutputView } from "./output-view.js";

const NAMES: Record<DatasetId, string> = {
  circle: "Circle", xor: "Exclusive or", gaussian: "Gaussian", spiral: "Spiral", moons: "Two moons", spiral3: "Three spirals (3 classes)",
  blobs4: "Four blobs (4 classes)", regressPlane: "Plane", regressGaussian: "Multi-Gaussian", custom: "Your own points",
};

export class DataPanel {
  private readonly picker: HTMLFieldSetElement;
  private readonly customTools: HTMLDivElement;
  private readonly message: HTMLParagraphElement;
  private readonly drawButton: HTMLButtonElement;
  private readonly drawClass: HTMLSelectElement;
  private readonly drawValue: HTMLInputElement;
  private drawing = false;
  private latest: DataMessage | null = null;
  private pickerFor = "";
  private shift = false;

  constructor(root: HTMLElement, private readonly store: Store, output: OutputView) {
    this.picker = h("fieldset", { class: "datasets" }, h("legend", {}, "Which dataset do you want to use?"));
    buildControls(root, "data", store, ["problem"]);
    root.append(this.picker);
    this.message = h("p", { class: "message", role: "status" });
    this.drawButton = h("button", { type: "button", id: "draw-toggle", "aria-pressed": "false", onclick: () => this.setDrawing(!this.drawing) }, "✎ Draw points");
    this.drawClass = h("select", { id: "draw-class" });
    this.drawValue = h("input", { id: "draw-value", type: "range", min: -1, max: 1, step: 0.1, value: 1 });
    const file = h("input", { id: "csv-file", type: "file", accept: ".csv,text/csv", class: "sr-only", onchange: () => void this.upload(file) });
    this.customTools = h("div", { class: "custom-tools" },
      h("label", { for: "csv-file", class: "button", tabindex: 0, onkeydown: (e: Event) => (e as KeyboardEvent).key === "Enter" && file.click() }, "⇪ Upload CSV"), file,
      this.drawButton,
      h("span", { class: "draw-class-field" }, h("label", { for: "draw-class" }, "class"), this.drawClass),
      h("span", { class: "draw-value-field" }, h("label", { for: "draw-value" }, "target"), this.drawValue),
      h("button", { type: "button", onclick: () => this.copyCurrent() }, "Copy these points"),
      h("button", { type: "button", onclick: () => this.store.setPoints({ x: new Float32Array(0), y: new Float32Array(0), classes: this.store.settings.problem === "regression" ? 0 : 2 }) }, "Clear"),
      h("p", { class: "hint" }, "CSV columns: x1, x2, label. Click the output to add a point, shift-click to remove one."),
    );
    root.append(this.customTools, this.message);
    buildControls(root, "data", store, ["trainRatio", "noise", "batchSize"]);
    root.append(h("button", { type: "button", id: "regenerate", onclick: () => store.set({ dataSeed: (store.settings.dataSeed % 100000) + 1 }) }, "Regenerate"));
    output.onPlotClick = (x1, x2) => this.plotClick(x1, x2);
    window.addEventListener("keydown", (e) => (this.shift = e.shiftKey));
    window.addEventListener("keyup", (e) => (this.shift = e.shiftKey));
    store.subscribe(() => this.sync());
    this.sync();
  }

  /** The points the worker is training on (to copy them into the user's own). */
  setData(d: DataMessage): void {
    this.latest = d;
    this.syncClasses(d.points.classes);
  }

  private sync(): void {
    const s = this.store.settings;
    const key = `${s.problem}`;
    if (key !== this.pickerFor) this.buildPicker(s);
    for (const input of this.picker.querySelectorAll<HTMLInputElement>("input")) input.checked = input.value === s.dataset;
    this.customTools.hidden = false;
    this.drawValue.parentElement!.hidden = s.problem !== "regression";
    this.drawClass.parentElement!.hidden = s.problem === "regression";
    if (s.dataset !== "custom" && this.drawing) this.setDrawing(false);
  }

  private buildPicker(s: Settings): void {
    this.pickerFor = s.problem;
    const items = datasetsFor(s.problem).map((id) => {
      const c = h("canvas", { width: 48, height: 48, "aria-hidden": "true" });
      if (id !== "custom") thumbnail(c, makePoints({ dataset: id, noise: 0, dataSeed: 1, problem: s.problem }, null));
      else c.classList.add("custom");
      const input = h("input", { type: "radio", name: "dataset", value: id, id: `dataset-${id}`, onchange: () => this.store.set({ dataset: id }) });
      return h("label", { class: "thumb", for: `dataset-${id}`, title: NAMES[id] }, input, c, h("span", { class: "sr-only" }, NAMES[id]));
    });
    this.picker.replaceChildren(this.picker.firstChild!, ...items);
  }

  private syncClasses(classes: number): void {
    const n = Math.min(MAX_CLASSES, Math.max(2, classes + (this.store.settings.dataset === "custom" ? 1 : 0)));
    if (this.drawClass.options.length === n) return;
    const keep = this.drawClass.value;
    this.drawClass.replaceChildren(...Array.from({ length: n }, (_, k) => h("option", { value: String(k) }, k < classes ? `${k}` : `${k} (new)`)));
    this.drawClass.value = keep && Number(keep) < n ? keep : "1";
  }

  private setDrawing(on: boolean): void {
    this.drawing = on;
    this.drawButton.setAttribute("aria-pressed", String(on));
    document.body.classList.toggle("drawing", on);
    if (on && this.store.settings.dataset !== "custom") this.copyCurrent();
  }

  private copyCurrent(): void {
    const d = this.latest;
    const empty: Points = { x: new Float32Array(0), y: new Float32Array(0), classes: this.store.settings.problem === "regression" ? 0 : 2 };
    this.store.setPoints(d ? { x: d.points.x.slice(), y: d.points.y.slice(), classes: d.points.classes } : empty);
  }

  private plotClick(x1: number, x2: number): void {
    if (!this.drawing) return;
    const p = this.store.customPoints ?? { x: new Float32Array(0), y: new Float32Array(0), classes: this.store.settings.problem === "regression" ? 0 : 2 };
    const label = this.store.settings.problem === "regression" ? Number(this.drawValue.value) : Number(this.drawClass.value);
    this.store.setPoints(this.shift ? removeNear(p, x1, x2) : addPoint(p, x1, x2, label));
  }

  private async upload(input: HTMLInputElement): Promise<void> {
    const f = input.files?.[0];
    if (!f) return;
    try {
      const p = pointsFromCsv(await f.text(), this.store.settings.problem);
      this.message.textContent = `${f.name}: ${p.y.length} points${p.classes ? `, ${p.classes} classes` : ""}`;
      this.store.setPoints(p);
    } catch (e) {
      this.message.textContent = e instanceof Error ? e.message : String(e);
    }
    input.value = "";
  }
}

function thumbnail(c: HTMLCanvasElement, p: Points): void {
  const ctx = c.getContext("2d");
  if (!ctx) return;
  ctx.fillStyle = "#f1f3f4";
  ctx.fillRect(0, 0, 48, 48);
  for (let i = 0; i < p.y.length; i += 2) {
    ctx.fillStyle = pointColour(p.y[i]!, p.classes);
    ctx.fillRect(((p.x[2 * i]! + 6) / 12) * 48 - 1, (1 - (p.x[2 * i + 1]! + 6) / 12) * 48 - 1, 2.2, 2.2);
  }
}

