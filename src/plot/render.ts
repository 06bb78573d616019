/**
 * Rendering: vega-lite → vega → SVG text, with vega's headless View (`renderer: "none"`), which
 * works the same in Node and in the browser. vega is loaded on first use, so importing nabla stays light.
 */
import type { PlotSpec } from "./spec.js";

type VegaModule = typeof import("vega");
type VegaLiteModule = typeof import("vega-lite");
let libs: Promise<[VegaModule, VegaLiteModule]> | null = null;

function load(): Promise<[VegaModule, VegaLiteModule]> {
  libs ??= Promise.all([import("vega"), import("vega-lite")]);
  return libs;
}

/** The vega specification a vega-lite spec compiles to (throws with vega-lite's message when the spec is invalid). */
export async function toVega(spec: PlotSpec): Promise<object> {
  const [, vl] = await load();
  return vl.compile(spec).spec;
}

/** Renders a plot to a standalone SVG document (text escaped by vega; fonts are named, not embedded). */
export async function toSVG(spec: PlotSpec): Promise<string> {
  const [vega, vl] = await load();
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: "none", logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
