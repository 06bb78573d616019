/** Labelled form controls generated from the settings table, kept in step with the store. */
import { SETTINGS, type AnySetting, type Group, type Settings } from "../settings.js";
import type { Store } from "../store.js";
import { h } from "./dom.js";

/** The id of a setting's control, for labels and tests. */
export const controlId = (key: keyof Settings): string => `setting-${key}`;

/** Appends a control for every table row of `group` with a generic control; returns the row elements by key. */
export function buildControls(container: HTMLElement, group: Group, store: Store, only?: (keyof Settings)[]): void {
  for (const spec of SETTINGS) {
    if (spec.group !== group || spec.control === "custom" || (only && !only.includes(spec.key))) continue;
    const row = control(spec, store);
    container.append(row);
  }
}

function control(spec: AnySetting, store: Store): HTMLElement {
  const id = controlId(spec.key);
  const set = (raw: string): void => {
    const v = (spec.codec.parse as (r: string) => unknown)(raw);
    if (v !== undefined) store.set({ [spec.key]: v } as Partial<Settings>);
  };
  const value = (): unknown => store.settings[spec.key];
  let row: HTMLElement;
  let sync: () => void;
  switch (spec.control) {
    case "select": {
      const sel = h("select", { id, onchange: () => set(sel.value) },
        ...(spec.choices ?? []).map(([v, label]) => h("option", { value: String(v) }, label)));
      row = h("div", { class: "field" }, h("label", { for: id }, spec.label), sel);
      sync = () => (sel.value = String(value()));
      break;
    }
    case "slider": {
      const out = h("output", { for: id });
      const input = h("input", {
        id, type: "range", min: spec.min!, max: spec.max!, step: spec.step!,
        oninput: () => set(input.value),
      });
      row = h("div", { class: "field slider" }, h("label", { for: id }, `${spec.label} `, out), input);
      sync = () => {
        input.value = String(value());
        out.textContent = `${String(value())}${spec.unit ?? ""}`;
        input.setAttribute("aria-valuetext", out.textContent);
      };
      break;
    }
    case "checkbox": {
      const input = h("input", { id, type: "checkbox", onchange: () => set(String(input.checked)) });
      row = h("div", { class: "field check" }, input, h("label", { for: id }, spec.label));
      sync = () => (input.checked = Boolean(value()));
      break;
    }
    case "number": {
      const input = h("input", { id, type: "number", min: spec.min!, max: spec.max!, step: spec.step!, inputmode: "numeric", onchange: () => set(input.value) });
      row = h("div", { class: "field number" }, h("label", { for: id }, spec.label), input);
      sync = () => (input.value = String(value()));
      break;
    }
    default:
      throw new Error(`controls: no generic control for ${spec.key}`);
  }
  if (spec.help) row.title = spec.help;
  const update = (): void => {
    sync();
    row.hidden = spec.when ? !spec.when(store.settings) : false;
  };
  update();
  store.subscribe(update);
  return row;
}
