/**
 * Architectures as JSON: every module class is registered under a name with how to describe it (its
 * constructor arguments as JSON) and how to build it again. A saved model is a tree of
 * `{ type, config, children }`; loading builds the same tree, and the weights go in by state-dict key.
 * Custom modules register themselves: `io.registerModule("MyBlock", MyBlock, { config, create })`.
 */
import type { Tensor } from "../tensor/index.js";
import { Module } from "../nn/index.js";
import { fmt } from "../tensor/shape.js";
import { BUILTINS } from "./builtins.js";

/** One module of a saved architecture: its registered name, its constructor arguments, its children by name. */
export interface ModuleSpec {
  type: string;
  config?: Record<string, unknown>;
  children?: Record<string, ModuleSpec>;
}

/** How a module class is saved and rebuilt. Every field is optional. */
export interface ModuleEntry<M extends Module = Module> {
  /** The constructor arguments as a JSON object (default {}). */
  config?: (module: M) => Record<string, unknown>;
  /**
   * Builds the module from its config and its already built children (default `new Class()`). Children the
   * result lacks, or holds different ones of, are then assigned by name, so the saved tree always wins.
   */
  create?: (config: Record<string, unknown>, children: Record<string, Module>) => M;
  /** The shapes of the module's own parameters and buffers that a config implies, checked against the file before anything is allocated. */
  shapes?: (config: Record<string, unknown>) => Record<string, readonly number[]>;
}

/** A module class (its constructor), as registerModule takes it. */
export type ModuleClass<M extends Module = Module> = abstract new (...args: any[]) => M;

interface Registered {
  name: string;
  cls: ModuleClass;
  entry: ModuleEntry;
}

const byName = new Map<string, Registered>();
const byClass = new Map<ModuleClass, Registered>();
for (const [name, cls, entry] of BUILTINS) registerModule(name, cls, entry);

/** Registers a module class under `name` so that saved models containing it load back. Returns the class. */
export function registerModule<M extends Module>(name: string, cls: ModuleClass<M>, entry: ModuleEntry<M> = {}): ModuleClass<M> {
  if (typeof name !== "string" || !/^[A-Za-z_][\w.:-]*$/.test(name)) throw new TypeError(`registerModule: invalid name ${JSON.stringify(name)} (letters, digits, _ . : -)`);
  if (typeof cls !== "function" || !(cls.prototype instanceof Module)) throw new TypeError(`registerModule("${name}"): expected a subclass of nn.Module`);
  const old = byName.get(name);
  if (old && old.cls !== cls) throw new Error(`registerModule: the name "${name}" is already taken by another class (${old.cls.name})`);
  const prev = byClass.get(cls);
  if (prev && prev.name !== name) byName.delete(prev.name);
  const r: Registered = { name, cls, entry: entry as unknown as ModuleEntry };
  byName.set(name, r);
  byClass.set(cls, r);
  return cls;
}

/** The registered names, sorted. */
export function registeredModules(): string[] {
  return [...byName.keys()].sort();
}

/** The name a module's class is registered under, or undefined. */
export function registeredName(module: Module): string | undefined {
  return byClass.get(module.constructor as ModuleClass)?.name;
}

/** The architecture of `module` as a JSON-ready tree; every class in it must be registered. */
export function specOf(module: Module, path = ""): ModuleSpec {
  const r = byClass.get(module.constructor as ModuleClass);
  if (!r) {
    const cls = module.constructor.name;
    throw new Error(`specOf: the module at "${path || "(root)"}" is a ${cls}, which is not registered; call io.registerModule("${cls}", ${cls}, { config, create }) so it can be saved and loaded`);
  }
  const spec: ModuleSpec = { type: r.name };
  const config = r.entry.config?.(module);
  if (config && Object.keys(config).length) spec.config = config;
  const kids = module.namedChildren();
  if (kids.length) spec.children = Object.fromEntries(kids.map(([k, m]) => [k, specOf(m, path ? `${path}.${k}` : k)]));
  return spec;
}

/** Options of buildModule: the weights to check shapes against, and the source for errors. */
export interface BuildOptions {
  /** The weights the module will receive: shapes that configs imply are checked against them first. */
  weights?: Record<string, Tensor>;
  /** Names the source in errors. */
  source?: string;
}

const MAX_DEPTH = 64;

/** Builds the module tree a spec describes (weights are loaded separately, by state-dict key). */
export function buildModule(spec: unknown, options: BuildOptions = {}): Module {
  return build(spec, "", 0, options);
}

function build(spec: unknown, path: string, depth: number, options: BuildOptions): Module {
  const where = `${options.source ?? "buildModule"}: module "${path || "(root)"}"`;
  if (depth > MAX_DEPTH) throw new RangeError(`${where}: the architecture nests deeper than ${MAX_DEPTH} levels`);
  if (!isObject(spec) || typeof spec.type !== "string") throw new TypeError(`${where}: expected { type, config?, children? }, got ${short(spec)}`);
  const r = byName.get(spec.type);
  if (!r) throw new Error(`${where}: unknown module type "${spec.type}" (registered: ${registeredModules().join(", ")}); register custom modules with io.registerModule before loading`);
  const config = spec.config ?? {};
  if (!isObject(config)) throw new TypeError(`${where}: config must be an object, got ${short(config)}`);
  const childSpecs = spec.children ?? {};
  if (!isObject(childSpecs)) throw new TypeError(`${where}: children must be an object, got ${short(childSpecs)}`);
  const children: Record<string, Module> = {};
  for (const [k, c] of Object.entries(childSpecs)) {
    if (k === "" || k.includes(".") || k === "__proto__") throw new TypeError(`${where}: invalid child name ${JSON.stringify(k)}`);
    children[k] = build(c, path ? `${path}.${k}` : k, depth + 1, options);
  }
  let m: Module;
  let shapes: Record<string, readonly number[]> | undefined;
  try {
    shapes = options.weights && r.entry.shapes?.(config);
  } catch (e) {
    throw new Error(`${where}: invalid config for ${r.name} ${short(config)}: ${(e as Error).message}`);
  }
  if (shapes) checkShapes(shapes, path, options.weights!, `${where} (${r.name})`);
  try {
    m = r.entry.create ? r.entry.create(config, children) : new (r.cls as unknown as new () => Module)();
  } catch (e) {
    throw new Error(`${where}: cannot build ${r.name} from config ${short(config)}: ${(e as Error).message}`);
  }
  if (!(m instanceof r.cls)) throw new TypeError(`${where}: the create() registered for "${r.name}" did not return a ${r.cls.name}`);
  const own = m as unknown as Record<string, unknown>;
  for (const [k, c] of Object.entries(children)) if (own[k] !== c) m.registerModule(k, c);
  const names = m.namedChildren().map(([k]) => k);
  const expected = Object.keys(children);
  if (names.length !== expected.length || names.some((n) => !(n in children))) {
    throw new Error(`${where}: ${r.name} has children [${names.join(", ")}] but the architecture lists [${expected.join(", ")}]`);
  }
  return m;
}

function checkShapes(shapes: Record<string, readonly number[]>, path: string, weights: Record<string, Tensor>, where: string): void {
  for (const [name, shape] of Object.entries(shapes)) {
    const key = path ? `${path}.${name}` : name;
    const t = Object.prototype.hasOwnProperty.call(weights, key) ? weights[key] : undefined;
    if (!t) throw new Error(`${where}: the weights have no "${key}" (expected shape ${fmt(shape)})`);
    if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
      throw new RangeError(`${where}: "${key}" has shape ${fmt(t.shape)} in the weights but the architecture implies ${fmt(shape)}`);
    }
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function short(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
