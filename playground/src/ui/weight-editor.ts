/** A small popover to type a weight or bias by hand; Enter sets it, Escape closes and gives focus back. */
import { h } from "./dom.js";

export class WeightEditor {
  private readonly box: HTMLDivElement;
  private readonly input: HTMLInputElement;
  private readonly caption: HTMLLabelElement;
  private onSet: ((v: number) => void) | null = null;
  private returnFocus: Element | null = null;

  constructor(parent: HTMLElement) {
    this.input = h("input", { id: "weight-input", type: "number", step: "0.01", inputmode: "decimal" });
    this.caption = h("label", { for: "weight-input" });
    const ok = h("button", { type: "button", onclick: () => this.apply() }, "Set");
    this.box = h("div", { class: "weight-editor", role: "dialog", "aria-label": "Edit weight", hidden: true }, this.caption, this.input, ok);
    this.input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") this.apply();
      if (e.key === "Escape") this.close();
    });
    this.box.addEventListener("focusout", (e) => {
      if (!this.box.contains(e.relatedTarget as Node | null)) this.close(false);
    });
    parent.append(this.box);
  }

  /** Opens at (x, y) in the parent's coordinates, showing `what` and the current value. */
  open(x: number, y: number, what: string, value: number, onSet: (v: number) => void): void {
    this.returnFocus = document.activeElement;
    this.onSet = onSet;
    this.caption.textContent = what;
    this.input.value = String(Number(value.toPrecision(4)));
    this.box.hidden = false;
    const parent = this.box.parentElement!;
    this.box.style.left = `${Math.max(0, Math.min(x, parent.clientWidth - this.box.offsetWidth))}px`;
    this.box.style.top = `${Math.max(0, y)}px`;
    this.input.focus();
    this.input.select();
  }

  private apply(): void {
    const v = Number(this.input.value);
    if (this.input.value.trim() !== "" && Number.isFinite(v)) this.onSet?.(v);
    this.close();
  }

  close(refocus = true): void {
    if (this.box.hidden) return;
    this.box.hidden = true;
    const back = this.returnFocus;
    if (refocus && (back instanceof HTMLElement || back instanceof SVGElement)) back.focus();
  }
}
