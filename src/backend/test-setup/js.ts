/** Vitest setup for the "js" project: the parity and memory tests run with every op on the js backend. */
import { setBackend } from "../registry.js";

setBackend("js");
