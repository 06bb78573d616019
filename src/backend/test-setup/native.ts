/** Vitest setup for the "native" project: the parity and memory tests run with every op on the native backend. */
import { setBackend } from "../registry.js";

setBackend("native");
