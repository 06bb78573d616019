/**
 * Everything training needs to continue exactly where it stopped: weights and buffers, the optimiser's
 * state and options, each callback's state (schedules, early stopping, …), every random generator (the
 * shuffling one, the global one, those held by modules such as Dropout), the epoch and step counters and
 * the history. Captured as plain data and tensors for io's checkpoint files.
 */
import { Generator, defaultGenerator, type Tensor } from "../../tensor/index.js";
import type { CheckpointValue } from "../../io/checkpoint.js";
import { History } from "../history.js";
import type { CallbackLike, TrainingContext } from "./callback.js";
import { LearningRateScheduler } from "./lr-callbacks.js";

type GeneratorState = ReturnType<Generator["getState"]>;

/** A training state: the `TrainingCheckpoint` callback writes one at each epoch end. */
export interface TrainingState {
  version: 1;
  /** Epochs completed: training resumes at this epoch. */
  epoch: number;
  /** Optimiser steps taken. */
  step: number;
  /** Whether a callback (early stopping) had stopped training. */
  stopped: boolean;
  model: Record<string, Tensor>;
  optimizer: CheckpointValue;
  callbacks: { type: string; state: CheckpointValue }[];
  generators: Record<string, GeneratorState>;
  history: CheckpointValue;
}

interface Stateful {
  stateDict(): unknown;
  loadStateDict(state: unknown): void;
}

function stateful(v: unknown): v is Stateful {
  return !!v && typeof (v as Stateful).stateDict === "function" && typeof (v as Stateful).loadStateDict === "function";
}

function callbackState(cb: CallbackLike): CheckpointValue {
  if (stateful(cb)) return cb.stateDict() as CheckpointValue;
  if (cb instanceof LearningRateScheduler) return stateful(cb.schedule) ? (cb.schedule.stateDict() as CheckpointValue) : null;
  return null;
}

function loadCallbackState(cb: CallbackLike, state: CheckpointValue): void {
  if (state === null) return;
  if (stateful(cb)) return cb.loadStateDict(state);
  if (cb instanceof LearningRateScheduler && stateful(cb.schedule)) cb.schedule.loadStateDict(state);
}

/** Every generator training draws from, by a stable name; each generator once (under its first name). */
function generators(ctx: TrainingContext): Map<string, Generator> {
  const out = new Map<string, Generator>();
  const seen = new Set<Generator>();
  const add = (name: string, g: unknown): void => {
    if (g instanceof Generator && !seen.has(g)) {
      seen.add(g);
      out.set(name, g);
    }
  };
  add("shuffle", ctx.generator);
  add("default", defaultGenerator);
  const model = ctx.model as { namedModules?: () => [string, object][] };
  for (const [path, m] of model.namedModules?.() ?? []) {
    for (const [k, v] of Object.entries(m)) add(`module.${path ? `${path}.` : ""}${k}`, v);
  }
  return out;
}

/** The state of a training in progress: `others` are the callbacks whose state is saved. */
export function captureTrainingState(ctx: TrainingContext, others: CallbackLike[], counters: { epoch: number; step: number }): TrainingState {
  const opt = ctx.optimizer as unknown;
  if (!stateful(opt)) throw new TypeError("TrainingCheckpoint: the optimizer has no stateDict()/loadStateDict(), so its state cannot be saved");
  const model: Record<string, Tensor> = {};
  for (const [k, t] of Object.entries(ctx.model.stateDict())) model[k] = t.clone();
  return {
    version: 1,
    epoch: counters.epoch,
    step: counters.step,
    stopped: ctx.stopTraining,
    model,
    optimizer: opt.stateDict() as CheckpointValue,
    callbacks: others.map((cb) => ({ type: cb.constructor?.name ?? "Object", state: callbackState(cb) })),
    generators: Object.fromEntries([...generators(ctx)].map(([k, g]) => [k, g.getState()])),
    history: ctx.history.toJSON() as unknown as CheckpointValue,
  };
}

/**
 * Puts a captured state back into the objects of a training about to run; all or nothing: when any part
 * does not fit (another architecture, optimiser or callback list), everything is rolled back and the
 * error says which part.
 */
export function restoreTrainingState(state: Record<string, CheckpointValue>, ctx: TrainingContext, others: CallbackLike[], source = "checkpoint"): TrainingState {
  const s = checkShape(state, source);
  const before = captureTrainingState(ctx, others, { epoch: 0, step: 0 });
  try {
    apply(s, ctx, others, source);
  } catch (e) {
    try {
      apply(before, ctx, others, source);
    } catch {
      // the rollback restores what was there; an error in it would hide the real one
    }
    throw e;
  }
  return s;
}

function apply(s: TrainingState, ctx: TrainingContext, others: CallbackLike[], source: string): void {
  if (s.callbacks.length !== others.length) {
    throw new Error(`${source}: saved with ${s.callbacks.length} callbacks before the checkpoint, this training has ${others.length} (${others.map((c) => c.constructor?.name).join(", ")})`);
  }
  s.callbacks.forEach((c, i) => {
    const now = others[i]!.constructor?.name ?? "Object";
    if (c.type !== now) throw new Error(`${source}: callback ${i} was a ${c.type} when saved and is a ${now} now`);
  });
  try {
    ctx.model.loadStateDict(s.model);
  } catch (e) {
    throw new Error(`${source}: the model does not match the checkpoint: ${(e as Error).message}`);
  }
  const gens = generators(ctx);
  const names = Object.keys(s.generators);
  const missing = [...gens.keys()].filter((k) => !(k in s.generators));
  const extra = names.filter((k) => !gens.has(k));
  if (missing.length || extra.length) {
    throw new Error(`${source}: the random generators differ (saved: ${names.join(", ")}; now: ${[...gens.keys()].join(", ")})`);
  }
  (ctx.optimizer as unknown as Stateful).loadStateDict(s.optimizer);
  s.callbacks.forEach((c, i) => loadCallbackState(others[i]!, c.state));
  for (const [k, g] of gens) g.setState(s.generators[k]!);
  const h = History.fromJSON(s.history as unknown as Parameters<typeof History.fromJSON>[0]);
  const target = ctx.history;
  target.epoch.length = 0;
  target.epoch.push(...h.epoch);
  for (const k of Object.keys(target.history)) delete target.history[k];
  Object.assign(target.history, h.history);
  target.timing = h.timing;
  target.stoppedEpoch = h.stoppedEpoch;
  ctx.stopTraining = s.stopped;
}

function checkShape(v: Record<string, CheckpointValue>, source: string): TrainingState {
  const bad = (what: string): never => {
    throw new TypeError(`${source}: not a training checkpoint (${what})`);
  };
  if (v.version !== 1) bad(`version ${JSON.stringify(v.version)}, expected 1`);
  for (const k of ["epoch", "step"]) if (!Number.isSafeInteger(v[k]) || (v[k] as number) < 0) bad(`${k} must be a non-negative integer`);
  if (typeof v.stopped !== "boolean") bad("stopped must be a boolean");
  if (!isRecord(v.model)) bad("model must be a state dict");
  if (!Array.isArray(v.callbacks) || !v.callbacks.every((c) => isRecord(c) && typeof c.type === "string")) bad("callbacks must be a list of { type, state }");
  if (!isRecord(v.generators)) bad("generators must be an object");
  for (const [k, g] of Object.entries(v.generators as Record<string, unknown>)) {
    const gs = g as GeneratorState;
    if (!isRecord(g) || !Array.isArray(gs.s) || gs.s.length !== 4 || !gs.s.every((x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32) || !(gs.spare === null || typeof gs.spare === "number") || typeof gs.seed !== "number") {
      bad(`generator "${k}" has an invalid state`);
    }
  }
  const h = v.history as Record<string, unknown>;
  if (!isRecord(h) || !Array.isArray(h.epoch) || !isRecord(h.history) || !isRecord(h.timing)) bad("history must be a History's toJSON()");
  return v as unknown as TrainingState;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Float32Array) && !("data" in (v as object) && "shape" in (v as object));
}
