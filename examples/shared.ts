/**
 * What every example shares: running as a script, and writing its measured output next to it —
 * results.json (the numbers), the plots (PNG, rendered from vega-lite by nabla's plot module) and the results section of its README.md,
 * between the markers `<!-- results -->` and `<!-- /results -->`.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import type { plot } from "../src/index.js";
import { toPNG } from "../src/node.js";

type PlotSpec = plot.PlotSpec;

/** True when the file at `url` (pass `import.meta.url`) is the script Node was started with. */
export function isMain(url: string): boolean {
  return process.argv[1] !== undefined && fileURLToPath(url) === process.argv[1];
}

/** What an example's full run writes. */
export interface ExampleOutput {
  /** The numbers, as saved in results.json. */
  results: unknown;
  /** Markdown for the README's results section (tables, the measured claim). */
  markdown: string;
  /** Plots by file name (without extension); each is written as a PNG and shown in the README. */
  plots: Record<string, PlotSpec>;
}

/** Rounds every number in `v` to `digits` significant digits, so results.json diffs stay readable. */
export function roundDeep(v: unknown, digits = 5): unknown {
  if (typeof v === "number") return Number.isFinite(v) ? Number(v.toPrecision(digits)) : String(v);
  if (Array.isArray(v)) return v.map((x) => roundDeep(x, digits));
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, roundDeep(x, digits)]));
  return v;
}

/** A Markdown table: `table(["a", "b"], [[1, 2]])`. Numbers are shown with `fmt`. */
export function table(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cell = (c: string | number): string => (typeof c === "number" ? fmt(c) : c);
  return [`| ${headers.join(" | ")} |`, `| ${headers.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)].join("\n");
}

/** A number for a table: 4 significant digits, or NaN/∞ spelled out. */
export function fmt(x: number, digits = 4): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
  if (Number.isInteger(x) && Math.abs(x) < 1e6) return String(x);
  return Math.abs(x) >= 1e5 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(2) : String(Number(x.toPrecision(digits)));
}

/** A percentage with one decimal: 0.9731 → "97.3%". */
export const pct = (x: number): string => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : fmt(x));

/** Writes results.json, the plots and the README's results section into the folder of `url` (the example's import.meta.url). */
export async function writeOutput(url: string, out: ExampleOutput): Promise<void> {
  const dir = dirname(fileURLToPath(url));
  writeFileSync(join(dir, "results.json"), JSON.stringify(roundDeep(out.results), null, 2) + "\n");
  const images: string[] = [];
  for (const [name, spec] of Object.entries(out.plots)) {
    writeFileSync(join(dir, `${name}.png`), await toPNG(spec));
    images.push(`![${name}](${name}.png)`);
  }
  const readme = join(dir, "README.md");
  const section = `<!-- results -->\n${out.markdown.trim()}\n\n${images.join("\n")}\n<!-- /results -->`;
  const text = existsSync(readme) ? readFileSync(readme, "utf8") : `# ${dir}\n\n<!-- results -->\n<!-- /results -->\n`;
  if (!/<!-- results -->[\s\S]*<!-- \/results -->/.test(text)) throw new Error(`writeOutput: ${readme} has no <!-- results --> … <!-- /results --> section`);
  writeFileSync(readme, text.replace(/<!-- results -->[\s\S]*<!-- \/results -->/, section));
  console.log(`${out.markdown.trim()}\n\nwrote results.json, README.md and ${Object.keys(out.plots).map((p) => `${p}.png`).join(", ")} in ${dir}`);
}

/** A small custom vega-lite chart for the examples: grouped bars of `value` per `group`, coloured by `series`. */
export function barChart(rows: { group: string; series: string; value: number }[], options: { title: string; y: string; domain?: [number, number] }): PlotSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: options.title,
    width: 420,
    height: 260,
    data: { values: rows },
    mark: { type: "bar", tooltip: true },
    encoding: {
      x: { field: "group", type: "nominal", title: null, sort: null, axis: { labelAngle: 0 } },
      xOffset: { field: "series", sort: null },
      y: { field: "value", type: "quantitative", title: options.y, ...(options.domain ? { scale: { domain: options.domain } } : {}) },
      color: { field: "series", type: "nominal", title: null, sort: null },
    },
    config: { font: "DejaVu Sans, Verdana, sans-serif", background: "white", view: { stroke: "#ddd" }, legend: { labelLimit: 320 } },
  } as unknown as PlotSpec;
}

/** A line chart of `y` against `x`, one line per `series` (examples whose x axis is steps, not epochs). */
export function lineChart(rows: { x: number; series: string; y: number | null }[], options: { title: string; x: string; y: string; logY?: boolean; logX?: boolean }): PlotSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: options.title,
    width: 480,
    height: 280,
    data: { values: rows.map((r) => ({ ...r, y: r.y !== null && Number.isFinite(r.y) ? r.y : null })) },
    mark: { type: "line", tooltip: true },
    encoding: {
      x: { field: "x", type: "quantitative", title: options.x, ...(options.logX ? { scale: { type: "log" } } : {}) },
      y: { field: "y", type: "quantitative", title: options.y, scale: options.logY ? { type: "log" } : { zero: false } },
      color: { field: "series", type: "nominal", title: null, sort: null },
    },
    config: { font: "DejaVu Sans, Verdana, sans-serif", background: "white", view: { stroke: "#ddd" }, legend: { labelLimit: 320 } },
  } as unknown as PlotSpec;
}

/** The first `n` rows of x and y (a fixed subset, for fast runs). */
export function head<T extends { narrow(dim: number, start: number, length: number): T; shape: readonly number[] }>(n: number, ...ts: T[]): T[] {
  return ts.map((t) => t.narrow(0, 0, Math.min(n, t.shape[0]!)));
}
