/** Loads the optional native addon (Node only); null wherever it is not built or cannot load. */
import type { Backend } from "../backend.js";

export function loadNativeBackend(): Backend | null {
  return null;
}
