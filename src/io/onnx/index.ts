/** ONNX export and import of models built from nabla's layers. */
export { exportOnnx, PRODUCER_VERSION, type OnnxExportOptions } from "./export.js";
export { importOnnx } from "./import.js";
