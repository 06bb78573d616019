import { nn } from "/work/main/src/index.ts";
import { save, load } from "/work/main/src/node.ts";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const path = join(mkdtempSync(join(tmpdir(), "nabla-")), "model.safetensors");
await save(nn.mlp([2, 16, 2]), path);                  // written atomically
const model = await load(path);
console.log(model.parameters().length);                // 4
export {};
