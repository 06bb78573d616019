/**
 * The doc-comment check (`npm run docs:check`): every public export of "nabla" and "nabla/node" needs a
 * `/** … *\/` comment on its declaration. Exports listed in undocumented.txt are known gaps in files
 * owned by others: they are reported but do not fail, unless `--strict`; any other gap fails.
 * `--write-baseline` rewrites the list from the current tree.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { collectApi, missingDocs, type MissingDoc } from "./api.js";

const BASELINE = new URL("./undocumented.txt", import.meta.url);

/** The names in undocumented.txt (one per line; `#` starts a comment). */
export function readBaseline(): Set<string> {
  const text = readFileSync(BASELINE, "utf8");
  return new Set(text.split("\n").map((l) => l.replace(/#.*/, "").trim()).filter(Boolean));
}

export interface CheckResult {
  /** Undocumented exports that are not in the baseline: these fail the check. */
  failures: MissingDoc[];
  /** Undocumented exports listed in the baseline. */
  known: MissingDoc[];
  /** Baseline names that now have a doc comment (or no longer exist): remove them from undocumented.txt. */
  stale: string[];
  total: number;
}

/** Runs the check against the source tree at `root`. */
export function checkDocs(root = process.cwd(), strict = false): CheckResult {
  const modules = collectApi(root);
  const missing = missingDocs(modules);
  const baseline = strict ? new Set<string>() : readBaseline();
  const failures = missing.filter((m) => !baseline.has(m.name));
  const known = missing.filter((m) => baseline.has(m.name));
  const names = new Set(missing.map((m) => m.name));
  const stale = [...baseline].filter((b) => !names.has(b));
  const total = modules.reduce((n, m) => n + m.entries.length, 0);
  return { failures, known, stale, total };
}

/** One line per gap: where to add the comment and what it is. */
export function formatMissing(list: readonly MissingDoc[]): string {
  return list.map((m) => `  ${m.file}:${m.line}  ${m.kind} ${m.name}`).join("\n");
}

/** The report printed by `npm run docs:check`. */
export function report(r: CheckResult): string {
  const lines: string[] = [];
  if (r.failures.length) {
    lines.push(`docs:check: ${r.failures.length} public export(s) have no doc comment; add a one-sentence /** … */ comment above each declaration:`);
    lines.push(formatMissing(r.failures));
  }
  if (r.known.length) {
    lines.push(`docs:check: ${r.known.length} known undocumented export(s) (listed in scripts/docs/undocumented.txt, to be documented by their owners):`);
    lines.push(formatMissing(r.known));
  }
  if (r.stale.length) lines.push(`docs:check: now documented or gone, remove from scripts/docs/undocumented.txt: ${r.stale.join(", ")}`);
  lines.push(`docs:check: ${r.total - r.failures.length - r.known.length} of ${r.total} public exports documented${r.failures.length ? " — FAILED" : ""}`);
  return lines.join("\n");
}

/** Rewrites undocumented.txt to list exactly the exports that lack a doc comment now (`--write-baseline`). */
export function writeBaseline(root = process.cwd()): number {
  const missing = missingDocs(collectApi(root));
  const head = readFileSync(BASELINE, "utf8").split("\n").filter((l) => l.startsWith("#"));
  writeFileSync(BASELINE, [...head, ...missing.map((m) => `${m.name}   # ${m.file}:${m.line} ${m.kind}`)].join("\n") + "\n");
  return missing.length;
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/^.*scripts\/docs\//, "scripts/docs/"));
if (isMain && process.argv.includes("--write-baseline")) {
  console.log(`docs:check: wrote ${writeBaseline()} names to scripts/docs/undocumented.txt`);
} else if (isMain) {
  const r = checkDocs(process.cwd(), process.argv.includes("--strict"));
  console.log(report(r));
  if (r.failures.length) process.exitCode = 1;
}
