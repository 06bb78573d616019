/**
 * `nabla report RUN...`: one self-contained HTML file for training runs (and compare, tune and
 * lr-find outputs): plots as inline SVG, tables, configuration, diagnostics, timings and the
 * machine. No scripts and no network requests: it opens offline, and every name is escaped.
 */
import type { Command } from "commander";
import { basename, join } from "node:path";
import { writeFileAtomic } from "../run-folder.js";
import { machineInfo } from "../machine.js";
import { esc, keyValues, page } from "../experiments/html.js";
import { ChartRenderer, compareSection, comparisonSection, folderKind, lrFindSection, readRunData, runSection, tuneSection } from "../experiments/report.js";

export interface ReportOptions {
  output?: string;
  title?: string;
}

/** Builds the report's HTML for the given folders. */
export async function reportHtml(dirs: readonly string[], options: { title?: string } = {}): Promise<string> {
  if (dirs.length === 0) throw new Error("nabla report: give at least one run folder");
  const kinds = dirs.map(folderKind);
  const charts = new ChartRenderer();
  const title = options.title ?? `nabla report: ${dirs.map((d) => basename(d)).join(", ")}`;
  const sections: string[] = [];
  const runIndex = new Map<string, number>();
  dirs.forEach((d, i) => kinds[i] === "run" && runIndex.set(d, runIndex.size));
  const runs = dirs.filter((_, i) => kinds[i] === "run");
  if (runs.length > 1) sections.push(await comparisonSection(runs.map(readRunData), charts));
  for (const [i, dir] of dirs.entries()) {
    const kind = kinds[i]!;
    if (kind === "run") sections.push(await runSection(dir, charts, `run-${runIndex.get(dir)}`));
    else if (kind === "compare") sections.push(await compareSection(dir, charts, `folder-${i}`));
    else if (kind === "tune") sections.push(await tuneSection(dir, charts, `folder-${i}`));
    else sections.push(await lrFindSection(dir, charts, `folder-${i}`));
  }
  const nav = dirs.length > 1
    ? `<nav>${runs.length > 1 ? `<a href="#comparison">comparison</a>` : ""}${dirs.map((d, i) => `<a href="#${kinds[i] === "run" ? `run-${runIndex.get(d)}` : `folder-${i}`}">${esc(basename(d))}</a>`).join("")}</nav>`
    : "";
  const body = `<h1>${esc(title)}</h1>
<p class="muted">generated ${esc(new Date().toISOString())} by nabla from ${dirs.length} folder(s)</p>
${nav}
${sections.join("\n")}
<h2>Report generated on</h2>${keyValues(machineInfo())}`;
  return page(title, body);
}

/** Writes the report (default: report.html in the folder for one folder, else ./report.html) and prints its path. */
export async function reportCommand(dirs: readonly string[], options: ReportOptions = {}): Promise<string> {
  const html = await reportHtml(dirs, options);
  const out = options.output ?? (dirs.length === 1 ? join(dirs[0]!, "report.html") : "report.html");
  writeFileAtomic(out, html);
  process.stdout.write(`report: ${out}\n`);
  return out;
}

export function registerReport(prog: Command): void {
  prog
    .command("report")
    .description("write one self-contained HTML report (plots, tables, config, diagnostics, timings, machine) of runs and experiments")
    .argument("<folders...>", "run folders of nabla train, or output folders of nabla compare, tune or lr-find")
    .option("-o, --output <file>", "the HTML file to write (default: report.html in the folder, or ./report.html for several)")
    .option("--title <text>", "the report's title")
    .action(async (dirs: string[], opts: ReportOptions) => void (await reportCommand(dirs, opts)));
}
