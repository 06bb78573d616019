import type { Backend } from "../backend.js";
import { unary } from "./unary.js";
import { binary } from "./binary.js";
import { reduce, argReduce, softmax } from "./reduce.js";
import { matmul } from "./matmul.js";
import { permute, where, indexSelect, indexAdd, gather, scatterAdd } from "./layout.js";
import { linear, activationGrad, crossEntropyGrad, adam } from "./fused.js";

/** The reference backend: plain TypeScript over Float32Arrays, runs everywhere. */
export const jsBackend: Backend = {
  name: "js",
  unary, binary, reduce, argReduce, matmul, permute, softmax, where, indexSelect, indexAdd, gather, scatterAdd,
  linear, activationGrad, crossEntropyGrad, adam,
};
