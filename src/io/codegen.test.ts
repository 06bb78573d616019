/** Export as TypeScript: the file type-checks on its own (strict, no DOM, no imports) and predicts what the model does. */
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Generator, io, nn, noGrad, randn, tensor, type Tensor } from "../index.js";
import { everything } from "./test-utils/zoo.js";

type Generated = { predict(x: ArrayLike<number>): Float32Array; inputShape: number[]; outputShape: number[] };

const dir = mkdtempSync(join(tmpdir(), "nabla-codegen-"));
const tsc = fileURLToPath(new URL("../../node_modules/.bin/tsc", import.meta.url));

async function generate(name: string, model: nn.Module, options: io.TypeScriptExportOptions = {}): Promise<{ path: string; mod: Generated; src: string }> {
  const src = io.exportTypeScript(model, options);
  const path = join(dir, `${name}.ts`);
  writeFileSync(path, src);
  return { path, src, mod: (await import(path)) as Generated };
}

function expectClose(got: Float32Array, want: Tensor): void {
  expect(got.length).toBe(want.size);
  for (let i = 0; i < want.size; i++) expect(Math.abs(got[i]! - want.data[i]!), `value ${i}`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(want.data[i]!)));
}

describe("exportTypeScript", () => {
  it("every supported layer: the generated predict() matches the model to 1e-5", async () => {
    const m = everything();
    const { mod, src, path } = await generate("everything", m);
    expect(src).not.toMatch(/^\s*(import|require)\b/m);
    expect([mod.inputShape, mod.outputShape]).toEqual([[6], [4]]);
    const x = randn([9, 6], { generator: new Generator(4) }).mul(4);
    expectClose(mod.predict(x.data), noGrad(() => m.forward(x)));
    const extreme = tensor([[-90, -30, -1e-3, 0, 1e-3, 30]]);
    expectClose(mod.predict(Array.from(extreme.data)), noGrad(() => m.forward(extreme)));
    expect(() => mod.predict([1, 2, 3])).toThrow("predict: expected a multiple of 6 values (batch × [6]), got 3");
    // strict, with only the ES2022 library: no DOM, no Node, no dependency
    execFileSync(tsc, ["--ignoreConfig", "--noEmit", "--strict", "--noUncheckedIndexedAccess", "--target", "es2022", "--module", "esnext", "--lib", "es2022", "--types", "", path]);
  });

  it("handles [N, C, L] inputs and takes its name and header from the options", async () => {
    const g = new Generator(3);
    const m = new nn.Sequential(new nn.BatchNorm1d(2), new nn.PReLU({ numParameters: 2 }), new nn.Linear(3, 4, { generator: g }), new nn.Softmax({ dim: 1 }), new nn.Flatten());
    m.forward(randn([5, 2, 3], { generator: g }));
    m.eval();
    const { mod, src } = await generate("rank3", m, { inputShape: [2, 3], name: "classify", header: ["digits classifier"] });
    expect(src.startsWith("// digits classifier\n")).toBe(true);
    const x = randn([4, 2, 3], { generator: g });
    expectClose((mod as unknown as { classify: Generated["predict"] }).classify(x.data), noGrad(() => m.forward(x)));
  });

  it("names what it cannot write", () => {
    class Custom extends nn.Module {
      override forward(x: Tensor): Tensor { return x; }
    }
    expect(() => io.exportTypeScript(new nn.Sequential(new nn.Linear(2, 2), new Custom()))).toThrow('exportTypeScript: no code form for the Custom at "1"');
    expect(() => io.exportTypeScript(new nn.Linear(2, 2), { name: "not valid" })).toThrow(/name must be a JavaScript identifier/);
    expect(() => io.exportTypeScript(new nn.Tanh())).toThrow(/pass inputShape/);
  });
});
