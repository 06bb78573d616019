/**
 * The sections of an HTML report, one per folder: a training run (results, plots, diagnostics,
 * configuration, data, timings, machine), or the output of compare, tune or lr-find. Plots are
 * re-rendered from their vega-lite specs (plots.json) or, for older runs, from history.json.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { plot, train } from "../../index.js";
import { esc, inlineSvg, keyValues, num, table } from "./html.js";

/** JSON read back from a folder: shapes vary with the version that wrote it, so fields are checked where used. */
type Json = Record<string, any>;

function readJson(dir: string, file: string): Json | null {
  const path = join(dir, file);
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Json;
  } catch (e) {
    throw new Error(`${path}: invalid JSON (${(e as Error).message})`);
  }
}

/** Renders charts to inline SVG, giving each a unique id prefix. */
export class ChartRenderer {
  private n = 0;
  async render(spec: plot.PlotSpec): Promise<string> {
    return `<figure>${inlineSvg(await plot.toSVG(spec), `c${this.n++}`)}</figure>`;
  }
  async all(specs: Record<string, plot.PlotSpec>): Promise<string> {
    const figs: string[] = [];
    for (const spec of Object.values(specs)) figs.push(await this.render(spec));
    return figs.length ? `<div class="charts">${figs.join("\n")}</div>` : `<p class="muted">no plots</p>`;
  }
}

/** What kind of folder this is, by the files it holds. */
export function folderKind(dir: string): "run" | "compare" | "tune" | "lr-find" {
  if (!existsSync(dir)) throw new Error(`report: ${dir} does not exist`);
  if (existsSync(join(dir, "history.json")) && existsSync(join(dir, "config.json"))) return "run";
  if (existsSync(join(dir, "compare.json"))) return "compare";
  if (existsSync(join(dir, "tune.json"))) return "tune";
  if (existsSync(join(dir, "lr-find.json"))) return "lr-find";
  throw new Error(`report: ${dir} is not a run folder or the output of nabla compare, tune or lr-find (no history.json, compare.json, tune.json or lr-find.json)`);
}

/** A run folder's data, as the comparison table and overlays need it. */
export interface RunData {
  dir: string;
  name: string;
  config: Json;
  summary: Json | null;
  history: Json;
}

export function readRunData(dir: string): RunData {
  return { dir, name: basename(dir), config: readJson(dir, "config.json")!, summary: readJson(dir, "summary.json"), history: readJson(dir, "history.json")! };
}

function metricsTable(s: Json): string {
  const splits = (["train", "validation", "test"] as const).filter((k) => s[k] && Object.keys(s[k]).length);
  const keys = [...new Set(splits.flatMap((k) => Object.keys(s[k])))];
  return table(["split", ...keys], splits.map((k) => [esc(k), ...keys.map((m) => num(s[k][m]))]));
}

function diagnosticsSection(d: Json): string {
  const out: string[] = [];
  const warnings = (d.warnings ?? []) as Json[];
  if (warnings.length === 0) out.push(`<p class="ok">no warnings: gradients, activations and the learning rate look healthy</p>`);
  for (const w of warnings) {
    out.push(`<p class="warn"><strong>${esc(w.kind)}</strong> (epoch ${num((w.epoch ?? 0) + 1)}${w.layer ? `, ${esc(w.layer)}` : ""}): ${esc(w.message)}<br>try: ${esc(w.remedy)}</p>`);
  }
  const last = (d.epochs ?? [])[(d.epochs ?? []).length - 1] as Json | undefined;
  if (last) {
    const pct = (v: unknown): string => (typeof v === "number" && Number.isFinite(v) ? `${(100 * v).toFixed(1)}%` : "-");
    out.push(`<p>per layer, epoch ${num(last.epoch + 1)}:</p>`);
    out.push(table(["layer", "activation mean", "activation std", "dead", "saturated", "gradient norm", "update/weight"],
      ((d.layers ?? []) as Json[]).map((l) => {
        const s = last.layers?.[l.name] ?? {};
        return [esc(l.name), num(s.activationMean), num(s.activationStd), pct(s.deadFraction), pct(s.saturatedFraction), num(s.gradNorm), num(s.updateRatio)];
      })));
  }
  return out.join("\n");
}

/** The section of one training run. */
export async function runSection(dir: string, charts: ChartRenderer, anchor: string): Promise<string> {
  const r = readRunData(dir);
  const preprocess = readJson(dir, "preprocess.json");
  const diagnostics = readJson(dir, "diagnostics.json");
  const saved = readJson(dir, "plots.json") as Record<string, plot.PlotSpec> | null;
  const specs: Record<string, plot.PlotSpec> = { ...plot.historyPlots(r.history as plot.HistoryLike), ...(saved ?? {}) };
  if (diagnostics && !saved) for (const [k, v] of Object.entries(plot.diagnosticsPlots(diagnostics as train.DiagnosticsReport))) specs[`diagnostics-${k}`] = v;
  const diagSpecs = Object.fromEntries(Object.entries(specs).filter(([k]) => k.startsWith("diagnostics-")));
  const mainSpecs = Object.fromEntries(Object.entries(specs).filter(([k]) => !k.startsWith("diagnostics-")));
  const s = r.summary;
  const parts = [`<section id="${anchor}"><h2>run ${esc(r.name)}</h2>`];
  parts.push(`<p>data <code>${esc(r.config.data)}</code>${r.config.label ? `, label column <code>${esc(r.config.label)}</code>` : ""}; MLP ${esc((r.config.layers ?? []).join("-"))} (${esc(r.config.activation)}), ${esc(r.config.optimizer)}${s ? `; ${num(s.epochs)} epochs, ${num(s.parameters)} parameters` : ""}</p>`);
  if (s) parts.push(`<h3>Results</h3>${metricsTable(s)}`);
  parts.push(`<h3>Plots</h3>${await charts.all(mainSpecs)}`);
  if (diagnostics) parts.push(`<h3>Diagnostics</h3>${diagnosticsSection(diagnostics)}${Object.keys(diagSpecs).length ? await charts.all(diagSpecs) : ""}`);
  parts.push(`<h3>Configuration</h3>${keyValues(r.config)}`);
  if (preprocess) {
    const classes = (preprocess.classNames ?? null) as string[] | null;
    parts.push(`<h3>Data</h3><p>${esc(preprocess.task)}, ${num(preprocess.inputs)} input features${preprocess.numClasses ? `, ${num(preprocess.numClasses)} classes` : ""}${preprocess.scaler ? ", standardised with the training split's statistics" : ""}</p>`);
    if (classes) parts.push(table(["class", "name"], classes.map((c, i) => [String(i), esc(c)])));
  }
  if (s?.timing) {
    parts.push(`<h3>Timings</h3>${keyValues({ "training (s)": s.timing.trainTime, "evaluation (s)": s.timing.evalTime, "wall (s)": s.timing.wallTime, "samples per second": s.timing.samplesPerSecond, epochs: s.epochs, "stopped early at epoch": s.stoppedEpoch === null ? "-" : s.stoppedEpoch + 1 })}`);
  }
  if (s?.machine) parts.push(`<h3>Machine</h3>${keyValues(s.machine)}`);
  parts.push("</section>");
  return parts.join("\n");
}

/** A table and overlaid curves across several runs. */
export async function comparisonSection(runs: RunData[], charts: ChartRenderer): Promise<string> {
  const split = runs.every((r) => r.summary?.test && Object.keys(r.summary.test).length) ? "test" : "validation";
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.summary?.[split] ?? {})))];
  const rows = runs.map((r, i) => [
    `<a href="#run-${i}">${esc(r.name)}</a>`, esc(r.config.data), ...keys.map((k) => num(r.summary?.[split]?.[k])),
    num(r.summary?.epochs), num(r.summary?.timing?.trainTime), num(r.summary?.parameters),
  ]);
  const specs: Record<string, plot.PlotSpec> = {};
  const seriesKeys = [...new Set(runs.flatMap((r) => Object.keys(r.history.history ?? {})))].filter((k) => k === "loss" || k.startsWith("val_"));
  for (const key of seriesKeys) {
    const series = runs.filter((r) => r.history.history?.[key]).map((r) => ({ name: r.name, values: r.history.history[key] as number[] }));
    if (series.length) specs[key] = plot.overlaidCurves(series, { title: `${key} per epoch`, y: key });
  }
  return `<section id="comparison"><h2>Comparison of ${runs.length} runs</h2>
${table(["run", "data", ...keys.map((k) => `${split} ${k}`), "epochs", "train time (s)", "parameters"], rows)}
${await charts.all(specs)}</section>`;
}

/** The section of a `nabla compare` output folder. */
export async function compareSection(dir: string, charts: ChartRenderer, anchor: string): Promise<string> {
  const c = readJson(dir, "compare.json")!;
  const columns = (c.columns ?? []) as string[];
  const rows = ((c.groups ?? []) as Json[]).map((g) => [esc(g.label), ...columns.map((k) => {
    const s = g.summary?.[k];
    return s ? (c.seeds > 1 ? `${num(s.mean)} ± ${num(s.std)}` : num(s.mean)) : "-";
  })]);
  const specs = (readJson(dir, "plots.json") ?? {}) as Record<string, plot.PlotSpec>;
  return `<section id="${anchor}"><h2>comparison ${esc(basename(dir))}</h2>
<p>${num((c.groups ?? []).length)} configurations × ${num(c.seeds)} seed(s)${c.seeds > 1 ? ", mean ± std over seeds" : ""}</p>
${table(["configuration", ...columns], rows)}
${await charts.all(specs)}
<h3>Base configuration</h3>${keyValues(c.base ?? {})}
${c.machine ? `<h3>Machine</h3>${keyValues(c.machine)}` : ""}</section>`;
}

/** The section of a `nabla tune` output folder. */
export async function tuneSection(dir: string, charts: ChartRenderer, anchor: string): Promise<string> {
  const t = readJson(dir, "tune.json")!;
  const best = readJson(dir, "best.json") ?? {};
  const trials = ((t.trials ?? []) as Json[]).slice().sort((a, b) => b.rung - a.rung || (t.mode === "min" ? a.score - b.score : b.score - a.score));
  const specs = (readJson(dir, "plots.json") ?? {}) as Record<string, plot.PlotSpec>;
  return `<section id="${anchor}"><h2>search ${esc(basename(dir))}</h2>
<p>${esc(t.search)} search, ${num(trials.length)} evaluations, score ${esc(t.metric)} (${esc(t.mode)})${t.folds ? `, ${num(t.folds)}-fold cross-validation` : ""}${t.halving ? `, successive halving from ${num(t.halving.minEpochs)} to ${num(t.halving.maxEpochs)} epochs` : ""}</p>
<p>best: trial #${num(t.best?.id)} with ${esc(t.metric)} ${num(t.best?.score)}; rerun with <code>nabla train --config ${esc(join(dir, "best.json"))}</code></p>
${table(["trial", "settings", "rung", "epochs", String(t.metric)], trials.slice(0, 20).map((r) => [`#${num(r.id)}`, esc(r.label), num(r.rung), num(r.epochs), num(r.score)]))}
${await charts.all(specs)}
<h3>Best configuration</h3>${keyValues(best)}
${t.machine ? `<h3>Machine</h3>${keyValues(t.machine)}` : ""}</section>`;
}

/** The section of a `nabla lr-find` output folder. */
export async function lrFindSection(dir: string, charts: ChartRenderer, anchor: string): Promise<string> {
  const r = readJson(dir, "lr-find.json")!;
  const specs = (readJson(dir, "plots.json") ?? {}) as Record<string, plot.PlotSpec>;
  return `<section id="${anchor}"><h2>learning-rate range test ${esc(basename(dir))}</h2>
<p>suggested learning rate: <strong>${num(r.suggestion)}</strong> (${esc(r.method)}); a tenth of the rate with the lowest loss: ${num(r.minOver10)}; ${num((r.lrs ?? []).length)} batches${r.diverged ? ", stopped when the loss diverged" : ""}</p>
${await charts.all(specs)}
<h3>Configuration</h3>${keyValues(r.config ?? {})}</section>`;
}
