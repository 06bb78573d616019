/**
 * `--grid key=a,b,c` and `--space key=lo:hi:log` arguments: settings of the typed table with the
 * values to try, each value validated as `nabla train` validates its flag.
 */
import { tune } from "../../index.js";
import { ConfigError, SETTINGS, parseSetting, type Setting, type TrainConfig } from "../config.js";

/** Settings about where output goes and what is recorded, not about what is trained. */
const NOT_SEARCHABLE = new Set(["out", "name", "resume", "diagnose", "plots"]);

function settingOf(spec: string, where: string): { s: Setting; raw: string } {
  const eq = spec.indexOf("=");
  if (eq <= 0) throw new ConfigError(`${where}: expected key=values, e.g. activation=relu,tanh, got ${JSON.stringify(spec)}`);
  const name = spec.slice(0, eq).trim();
  const s = SETTINGS.find((x) => x.key === name || x.flag === `--${name}`);
  if (!s || NOT_SEARCHABLE.has(s.key)) {
    throw new ConfigError(`${where}: unknown setting "${name}" (expected one of ${SETTINGS.filter((x) => !NOT_SEARCHABLE.has(x.key)).map((x) => x.flag.slice(2)).join(", ")})`);
  }
  return { s, raw: spec.slice(eq + 1) };
}

/** Alternatives: comma-separated, or `|`/`;`-separated for list settings (`layers=64,32|128`). */
function alternatives(s: Setting, raw: string): string[] {
  const parts = s.kind === "intList" ? raw.split(/[|;]/) : raw.split(",");
  return parts.map((p) => p.trim()).filter((p) => p !== "" || s.kind === "intList");
}

/** `key=a,b,c` → the setting's key and its parsed values. */
export function parseGrid(spec: string, where = "--grid"): { key: keyof TrainConfig; values: unknown[] } {
  const { s, raw } = settingOf(spec, where);
  const values = alternatives(s, raw).map((v) => parseSetting(s, v, `${where} ${s.flag.slice(2)}`));
  if (values.length === 0) throw new ConfigError(`${where}: no values for "${s.key}"`);
  return { key: s.key, values };
}

/**
 * `key=a,b,c` (choices), `key=lo:hi` (uniform; integers for integer settings) or `key=lo:hi:log`
 * (log-uniform), with an optional last `:n` for the points a grid search takes from a range.
 */
export function parseSpace(spec: string, where = "--space"): { key: keyof TrainConfig; dimension: tune.Dimension } {
  const { s, raw } = settingOf(spec, where);
  const m = /^([^:,|;]+):([^:,|;]+)(?::(log))?(?::(\d+))?$/.exec(raw.trim());
  if (!m || s.kind === "intList" || s.kind === "choice" || s.kind === "bool" || s.kind === "string") {
    const g = parseGrid(spec, where);
    return { key: g.key, dimension: g.values };
  }
  const [lo, hi] = [m[1]!, m[2]!].map((v) => Number(parseSetting(s, v, `${where} ${s.flag.slice(2)}`)));
  const points = m[4] !== undefined ? Number(m[4]) : undefined;
  const make = s.kind === "int" ? (m[3] ? tune.intLogUniform : tune.intUniform) : m[3] ? tune.logUniform : tune.uniform;
  try {
    return { key: s.key, dimension: make(lo!, hi!, points) };
  } catch (e) {
    throw new ConfigError(`${where} ${s.key}: ${(e as Error).message}`);
  }
}

/** A short label of the values that differ: `activation=relu init=kaiming`. */
export function labelOf(values: Record<string, unknown>): string {
  const fmt = (v: unknown): string => (typeof v === "number" ? (Number.isInteger(v) ? String(v) : Number(v.toPrecision(3)).toString()) : Array.isArray(v) ? v.join(",") : String(v));
  const parts = Object.entries(values).map(([k, v]) => `${k}=${fmt(v)}`);
  return parts.length ? parts.join(" ") : "base";
}
