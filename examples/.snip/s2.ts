import { nn, io } from "/work/main/src/index.ts";

const model = nn.mlp([3, 4, 2]);
const bytes = io.encodeSafetensors(model.stateDict(), { note: "any string metadata" });
const file = io.decodeSafetensors(bytes);
console.log(Object.keys(file.tensors), file.metadata.note);
nn.mlp([3, 4, 2]).loadStateDict(file.tensors);         // strict: keys and shapes must match
export {};
