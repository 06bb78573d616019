/**
 * The module tree through ONNX: a graph is flat, so an imported model's nesting (and so its state-dict
 * keys) would differ from the exported one. nabla's export stores the architecture in the metadata, and
 * import rebuilds that tree when its layers are, in order, the ones the graph holds (same types and
 * configs), moving the graph's weights into it. Otherwise the graph's own structure stands.
 */
import * as nn from "../../nn/index.js";
import type { Module } from "../../nn/index.js";
import { buildModule, registeredName, specOf, type ModuleSpec } from "../registry.js";
import { shortFloat } from "./builder.js";

/** The metadata key of the architecture in a nabla-written ONNX file. */
export const ONNX_ARCHITECTURE_KEY = "nabla.module";

/** The architecture of a model as the metadata value. */
export function architectureJson(model: Module): string | null {
  try {
    return JSON.stringify(specOf(model));
  } catch {
    return null; // an unregistered module somewhere: the graph's own structure will do
  }
}

/** Layers and residual brackets in order: the part of a tree the ONNX graph keeps. */
function tokens(m: Module): (Module | "(" | ")")[] {
  if (m instanceof nn.Sequential) return m.children().flatMap(tokens);
  if (m instanceof nn.Residual) return ["(", ...tokens(m.fn), ")"];
  return [m];
}

function sameConfig(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return shortFloat(a) === shortFloat(b);
  if (a && b && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => sameConfig((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

/** The saved tree filled with the imported layers' weights, or null when the two do not correspond. */
export function restoreTree(imported: Module, json: string | undefined): Module | null {
  if (!json) return null;
  let saved: Module;
  try {
    saved = buildModule(JSON.parse(json) as ModuleSpec);
  } catch {
    return null;
  }
  const [a, b] = [tokens(saved), tokens(imported)];
  if (a.length !== b.length) return null;
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i]!, b[i]!];
    if (typeof x === "string" || typeof y === "string") {
      if (x !== y) return null;
      continue;
    }
    if (registeredName(x) !== registeredName(y) || !sameConfig(specOf(x).config ?? {}, specOf(y).config ?? {})) return null;
  }
  a.forEach((x, i) => {
    if (typeof x !== "string") x.loadStateDict((b[i] as Module).stateDict(), { strict: false });
  });
  return saved;
}
