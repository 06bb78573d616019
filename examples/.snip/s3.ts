import { nn, io } from "/work/main/src/index.ts";

const onnx = io.exportOnnx(nn.mlp([4, 8, 3]));
console.log(onnx.length > 100, io.importOnnx(onnx).parameters().length);   // true 4
console.log(io.exportTypeScript(nn.mlp([2, 2])).includes("export function predict"));
export {};
