/**
 * "Show me the code" is checked by running it: each generated program must type-check against nabla's source and,
 * run for N epochs, print the very losses the playground's Trainer reaches after N epochs.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test, vi } from "vitest";
import { defaults, type Settings } from "../settings.js";
import { generateCode } from "./codegen.js";
import { classesOf, makePoints, type Points } from "./datasets.js";
import { Trainer } from "./trainer.js";

const dir = fileURLToPath(new URL("../../test-artifacts/generated/", import.meta.url));
const repo = fileURLToPath(new URL("../../../", import.meta.url));
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

const CASES: [string, Partial<Settings>, number][] = [
  ["defaults", {}, 25],
  ["spiral-adam-l2-dropout-bn", {
    dataset: "spiral", noise: 10, features: ["x1", "x2", "x1Squared", "sinX2"], networkShape: [6, 4], activation: "relu", layerActivations: ["", "tanh"],
    optimizer: "adam", learningRate: 0.01, regularization: "L2", regularizationRate: 0.003, dropout: 0.1, batchNorm: true, init: "xavier",
    lrSchedule: "step", batchSize: 16, trainRatio: 60, seed: 7, dataSeed: 3,
  }, 12],
  ["spiral3-nesterov-l1", { dataset: "spiral3", networkShape: [8], activation: "gelu", optimizer: "nesterov", momentum: 0.95, regularization: "L1", regularizationRate: 0.001, init: "kaiming", lrSchedule: "cosine" }, 8],
  ["blobs4-rmsprop", { dataset: "blobs4", noise: 20, networkShape: [5, 5], activation: "leakyRelu", optimizer: "rmsprop", learningRate: 0.001, init: "orthogonal", lrSchedule: "warmRestarts" }, 8],
  ["moons-sigmoid", { dataset: "moons", noise: 15, activation: "sigmoid", init: "lecun", optimizer: "momentum", earlyStopping: "off" }, 8],
  ["regress-gaussian", { problem: "regression", dataset: "regressGaussian", networkShape: [8, 8], activation: "silu", init: "pytorch", optimizer: "adamw", learningRate: 0.003 }, 8],
  ["no-hidden-layers", { dataset: "gaussian", networkShape: [], optimizer: "adagrad", learningRate: 0.1, features: ["x1TimesX2", "x2Squared"] }, 5],
];

/** Runs a generated program (vitest compiles it; "nabla" resolves to the source entry) and returns its last log line. */
async function run(name: string, code: string): Promise<string> {
  const file = `${dir}${name}.ts`;
  writeFileSync(file, code);
  const lines: string[] = [];
  const spy = vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void lines.push(a.join(" ")));
  try {
    await import(/* @vite-ignore */ file);
  } finally {
    spy.mockRestore();
  }
  return lines.at(-1) ?? "";
}

function expected(t: Trainer, epochs: number): string {
  const { train, test } = t.losses();
  return `epoch ${epochs}: training loss ${train.toFixed(6)}, test loss ${test.toFixed(6)}`;
}

afterAll(() => {
  // every program written above must also type-check (strict) against nabla's public entry
  writeFileSync(`${dir}tsconfig.json`, JSON.stringify({
    compilerOptions: {
      target: "ES2022", module: "ESNext", moduleResolution: "Bundler", strict: true, noEmit: true, skipLibCheck: true,
      lib: ["ES2022", "DOM"], types: [], paths: { nabla: [`${repo}src/index.ts`] },
    },
    include: ["*.ts"],
  }));
  execFileSync(`${repo}node_modules/.bin/tsc`, ["-p", `${dir}tsconfig.json`], { stdio: "pipe" });
});

describe("show me the code", () => {
  for (const [name, patch, epochs] of CASES) {
    test(`${name}: the program prints the playground's losses after ${epochs} epochs`, async () => {
      const s = { ...defaults(), ...patch } as Settings;
      const t = new Trainer(s, makePoints(s, null));
      for (let i = 0; i < epochs; i++) t.trainEpoch();
      const code = generateCode(s, { epochs, classes: classesOf(s.dataset) });
      expect(code).toContain('from "nabla"');
      expect(await run(name, code)).toBe(expected(t, epochs));
    });
  }

  test("the user's own points and hand-edited weights are written into the program", async () => {
    const points: Points = { x: new Float32Array([1, 1, -1, -1, 2, -2, -2, 2, 0.5, 0.25, -3, 1]), y: new Float32Array([1, 1, 0, 0, 1, 0]), classes: 2 };
    const s = { ...defaults(), dataset: "custom", batchSize: 2 } as Settings;
    const edited = new Trainer(s, points);
    edited.setWeight(0, 1, 0, 1.5);
    edited.setWeight(2, 0, -1, -0.25);
    const weights = edited.net.linears.map((l) => ({ weight: l.weight.data.slice(), bias: l.bias!.data.slice() }));
    for (let i = 0; i < 6; i++) edited.trainEpoch();
    const code = generateCode(s, { epochs: 6, classes: 2, points, weights });
    expect(code).toContain("your own points");
    expect(await run("custom-points", code)).toBe(expected(edited, 6));
  });
});
