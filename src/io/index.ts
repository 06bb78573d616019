/** Saving and loading: safetensors encoding (browser-safe); files are written by "nabla/node". */
export { encodeSafetensors, decodeSafetensors, type SafetensorsFile } from "./safetensors.js";
