/**
 * nabla (∇): deep learning in TypeScript for Node and the browser.
 * This entry point is browser-safe; Node-only parts (files, the CLI) live in "nabla/node".
 */
export * from "./tensor/index.js";
export { setBackend, getBackend, registerBackend, listBackends, setNumThreads, getNumThreads, backendReady } from "./backend/registry.js";
export type { Backend, UnaryOp, BinaryOp, ReduceOp, Activation, AdamHyper } from "./backend/backend.js";
export * as nn from "./nn/index.js";
export * as optim from "./optim/index.js";
export * as data from "./data/index.js";
export * as train from "./train/index.js";
export * as tune from "./tune/index.js";
export { fit, evaluate, predict, History } from "./train/index.js";
export { ensemble } from "./tune/index.js";
export * as io from "./io/index.js";
export * as plot from "./plot/index.js";
export { save, load } from "./io/index.js";
