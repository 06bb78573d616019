/** Vitest setup for the "wasm" project: the parity and memory tests run with every op on the wasm backend. */
import { setBackend } from "../registry.js";

setBackend("wasm");
