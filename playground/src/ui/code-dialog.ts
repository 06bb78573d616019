/** "Show me the code": a dialog with the experiment as a nabla TypeScript program, to copy or download. */
import { generateCode, type CodeOptions } from "../model/codegen.js";
import type { Settings } from "../settings.js";
import { h } from "./dom.js";

export class CodeDialog {
  private readonly dialog: HTMLDialogElement;
  private readonly code: HTMLElement;
  private readonly withWeights: HTMLInputElement;
  private readonly status: HTMLSpanElement;
  private text = "";

  constructor(private readonly state: () => { settings: Settings; options: CodeOptions }) {
    this.code = h("code");
    this.withWeights = h("input", { type: "checkbox", id: "code-weights", onchange: () => this.render() });
    this.status = h("span", { role: "status", class: "status" });
    this.dialog = h("dialog", { id: "code-dialog", "aria-labelledby": "code-title" },
      h("div", { class: "dialog-head" },
        h("h2", { id: "code-title" }, "The code for this experiment"),
        h("button", { type: "button", class: "close", "aria-label": "Close", onclick: () => this.dialog.close() }, "×")),
      h("p", {}, "The same points, network, seed and training loop as the playground, written with nabla's public API."),
      h("div", { class: "field check" }, this.withWeights, h("label", { for: "code-weights" }, "Start from the current weights (for example after editing them by hand)")),
      h("pre", { tabindex: 0 }, this.code),
      h("div", { class: "dialog-buttons" },
        h("button", { type: "button", onclick: () => void this.copy() }, "Copy"),
        h("button", { type: "button", onclick: () => this.download() }, "Download .ts"),
        this.status));
    document.body.append(this.dialog);
  }

  open(): void {
    this.render();
    this.status.textContent = "";
    this.dialog.showModal();
  }

  get isOpen(): boolean {
    return this.dialog.open;
  }

  private render(): void {
    const { settings, options } = this.state();
    this.text = generateCode(settings, { ...options, weights: this.withWeights.checked ? options.weights : null });
    this.code.textContent = this.text;
  }

  private async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.text);
      this.status.textContent = "Copied.";
    } catch {
      this.status.textContent = "Copying is not allowed here: select the text instead.";
    }
  }

  private download(): void {
    const url = URL.createObjectURL(new Blob([this.text], { type: "text/typescript" }));
    const a = h("a", { href: url, download: "playground-experiment.ts" });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}
