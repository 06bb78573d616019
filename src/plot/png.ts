/**
 * PNG output (Node only; exported from "nabla/node"): the SVG rasterised by resvg with the
 * system's fonts (DejaVu on Debian).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { toSVG } from "./render.js";
import type { PlotSpec } from "./spec.js";

/** Rasterises a plot (a spec or SVG text) to PNG bytes; `scale` 2 gives a sharp image on high-DPI screens. */
export async function toPNG(plot: PlotSpec | string, options: { scale?: number } = {}): Promise<Uint8Array> {
  const svg = typeof plot === "string" ? plot : await toSVG(plot);
  const r = new Resvg(svg, {
    fitTo: { mode: "zoom", value: options.scale ?? 1.5 },
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
    background: "white",
  });
  return r.render().asPng();
}

/** Writes `<name>.svg` (and `<name>.png` unless `png: false`) into `dir`; returns the paths written. */
export async function writePlot(dir: string, name: string, spec: PlotSpec, options: { png?: boolean } = {}): Promise<string[]> {
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new RangeError(`writePlot: name must be a plain file name, got ${JSON.stringify(name)}`);
  mkdirSync(dir, { recursive: true });
  const svg = await toSVG(spec);
  const paths = [join(dir, `${name}.svg`)];
  writeFileSync(paths[0]!, svg);
  if (options.png ?? true) {
    paths.push(join(dir, `${name}.png`));
    writeFileSync(paths[1]!, await toPNG(svg));
  }
  return paths;
}
