import type { Backend } from "./backend.js";
import { jsBackend } from "./js/index.js";

const backends = new Map<string, Backend>([["js", jsBackend]]);
let current: Backend = jsBackend;

/** The backend that runs every kernel now. */
export function backend(): Backend {
  return current;
}

/** Makes a registered backend ("js", and later "wasm" or "native") the one all ops use. */
export function setBackend(name: string): void {
  const b = backends.get(name);
  if (!b) throw new RangeError(`setBackend: unknown backend "${name}" (available: ${[...backends.keys()].join(", ")})`);
  current = b;
}

/** The name of the current backend. */
export function getBackend(): string {
  return current.name;
}

/** Registers a backend under its name so that setBackend can select it. */
export function registerBackend(b: Backend): void {
  backends.set(b.name, b);
}

/** Names of the registered backends. */
export function listBackends(): string[] {
  return [...backends.keys()];
}
