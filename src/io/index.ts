/**
 * Saving, loading and interop (browser-safe): models as one safetensors file (architecture in the metadata),
 * the module registry for custom layers, safetensors, checkpoints, ONNX export and import, and export as
 * TypeScript code. Files are read and written by "nabla/node".
 */
export { encodeSafetensors, decodeSafetensors, parseHeader, MAX_HEADER_BYTES, type SafetensorsFile } from "./safetensors.js";
export { DTYPE_BYTES, READABLE_DTYPES } from "./dtypes.js";
export {
  registerModule, registeredModules, registeredName, specOf, buildModule,
  type ModuleSpec, type ModuleEntry, type ModuleClass, type BuildOptions,
} from "./registry.js";
export { toBytes, fromBytes, save, load, ARCHITECTURE_KEY } from "./model-file.js";
export { encodeCheckpoint, decodeCheckpoint, CHECKPOINT_KEY, type CheckpointValue } from "./checkpoint.js";
export { Standardize } from "./standardize.js";
export { exportOnnx, importOnnx, type OnnxExportOptions } from "./onnx/index.js";
export { exportTypeScript, type TypeScriptExportOptions } from "./codegen/typescript.js";
