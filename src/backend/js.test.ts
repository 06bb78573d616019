/** The reference TypeScript backend passes the conformance suite. */
import { backendSuite } from "./backend-suite.js";
import { jsBackend } from "./js/index.js";

backendSuite(jsBackend);
