/**
 * "Show me the code": the current experiment as a standalone nabla TypeScript program. It draws the same points,
 * builds the same network from the same seed and runs the same loop as the playground's Trainer, so running it
 * for as many epochs gives the losses the playground showed (as long as no setting changed during training).
 */
import { activationOf, type Settings } from "../settings.js";
import { featureById } from "./features.js";
import { NUM_SAMPLES, type Points } from "./datasets.js";
import { ACTIVATION_MODULES, INITS, gainsOf, netSpecOf } from "./network.js";
import { OPTIMIZERS, SCHEDULES } from "./optimizers.js";
import { outputsFor } from "./trainer.js";

export interface CodeOptions {
  /** Epochs the loop runs (default 500). */
  epochs?: number;
  /** The user's points, when the dataset is "custom". */
  points?: Points | null;
  /** Number of classes of the points (0 for regression); taken from `points` or the dataset otherwise. */
  classes: number;
  /** The weights to start from instead of the seeded ones ([weight, bias] per Linear), e.g. edited by hand. */
  weights?: { weight: Float32Array; bias: Float32Array }[] | null;
}

const num = (v: number): string => String(Number(v.toPrecision(8)));
const list = (a: ArrayLike<number>): string => `[${Array.from(a, num).join(", ")}]`;

function pointsCode(s: Settings, o: CodeOptions): string[] {
  const noise = s.noise / 100;
  const gen = `new Generator(${s.dataSeed})`;
  switch (s.dataset) {
    case "circle": case "xor": case "gaussian": case "spiral": case "regressPlane": case "regressGaussian":
      return [`const points = data.playground.${s.dataset}({ numSamples: ${NUM_SAMPLES}, noise: ${num(noise)}, generator: ${gen} });`];
    case "moons":
      return [
        `const points = data.twoMoons({ numSamples: ${NUM_SAMPLES}, noise: ${num(noise * 0.6)}, generator: ${gen} });`,
        "// scaled by 4 about the moons' centre to fill the playground's [-6, 6] square",
        "for (let i = 0; i < points.x.data.length; i += 2) {",
        "  points.x.data[i] = (points.x.data[i]! - 0.5) * 4;",
        "  points.x.data[i + 1] = (points.x.data[i + 1]! - 0.25) * 4;",
        "}",
      ];
    case "spiral3":
      return [
        "// three interleaved spiral arms, 1.25 turns each (class k rotated by 2πk/3)",
        `const g0 = ${gen};`,
        `const numSamples = ${NUM_SAMPLES};`,
        "const px = new Float32Array(numSamples * 2);",
        "const py = new Float32Array(numSamples);",
        "const perArm = Math.ceil(numSamples / 3);",
        "for (let i = 0; i < numSamples; i++) {",
        "  const k = Math.floor(i / perArm);",
        "  const r = (((i % perArm) + 1) / perArm) * 5;",
        "  const t = (1.25 * ((i % perArm) / perArm)) * 2 * Math.PI + (2 * Math.PI * k) / 3;",
        `  px[2 * i] = r * Math.sin(t) + (g0.uniform() * 2 - 1) * ${num(noise)} * 2;`,
        `  px[2 * i + 1] = r * Math.cos(t) + (g0.uniform() * 2 - 1) * ${num(noise)} * 2;`,
        "  py[i] = k;",
        "}",
        "const points = { x: new Tensor(px, [numSamples, 2]), y: new Tensor(py, [numSamples]) };",
      ];
    case "blobs4":
      return [
        "// four Gaussian blobs at (±2.5, ±2.5), class k in quadrant order",
        `const g0 = ${gen};`,
        `const numSamples = ${NUM_SAMPLES};`,
        "const centres = [[2.5, 2.5], [-2.5, 2.5], [-2.5, -2.5], [2.5, -2.5]];",
        "const px = new Float32Array(numSamples * 2);",
        "const py = new Float32Array(numSamples);",
        `const sd = 0.7 + 4 * ${num(noise)};`,
        "for (let i = 0; i < numSamples; i++) {",
        "  const k = i % 4;",
        "  px[2 * i] = centres[k]![0]! + sd * g0.normal();",
        "  px[2 * i + 1] = centres[k]![1]! + sd * g0.normal();",
        "  py[i] = k;",
        "}",
        "const points = { x: new Tensor(px, [numSamples, 2]), y: new Tensor(py, [numSamples]) };",
      ];
    case "custom": {
      const p = o.points ?? { x: new Float32Array(0), y: new Float32Array(0), classes: 2 };
      return [
        "// your own points",
        `const points = { x: new Tensor(new Float32Array(${list(p.x)}), [${p.y.length}, 2]), y: new Tensor(new Float32Array(${list(p.y)}), [${p.y.length}]) };`,
      ];
    }
  }
}

function lossCode(classes: number): string {
  if (classes === 0) return "nn.F.mseLoss(out.squeeze(1), y)";
  if (classes === 2) return "nn.F.binaryCrossEntropyWithLogits(out.squeeze(1), y)";
  return "nn.F.crossEntropy(out, y)";
}

/** The program, as text. */
export function generateCode(s: Settings, o: CodeOptions): string {
  const epochs = o.epochs ?? 500;
  const spec = netSpecOf(s, outputsFor(o.classes));
  const feats = s.features.map(featureById);
  const widths = [spec.inputs, ...spec.hidden, spec.outputs];
  const layers: string[] = [];
  spec.hidden.forEach((n, i) => {
    const parts = [`new nn.Linear(${widths[i]}, ${n}, { generator: g })`];
    if (s.batchNorm) parts.push(`new nn.BatchNorm1d(${n})`);
    parts.push(ACTIVATION_MODULES[activationOf(s, i)].code);
    if (s.dropout > 0) parts.push(`new nn.Dropout({ p: ${s.dropout}, generator: g })`);
    layers.push(`  ${parts.join(", ")},`);
  });
  layers.push(`  new nn.Linear(${widths.at(-2)}, ${spec.outputs}, { generator: g }),`);
  const gains = gainsOf(spec);
  const inits = gains.map((gain) => INITS[s.init].code(gain));
  const initLines = inits[0] === ""
    ? ["// initialisation: nn.Linear's own (PyTorch's default)"]
    : inits.every((c) => c === inits[0])
      ? [`for (const m of linears) { ${inits[0]} }`]
      : inits.map((c, i) => `{ const m = linears[${i}]!; ${c} }`);
  const lr = OPTIMIZERS[s.optimizer].code(s.learningRate, s.momentum);
  const sched = SCHEDULES[s.lrSchedule].code;
  const reg = s.regularization === "none" || s.regularizationRate === 0 ? null
    : s.regularization === "L1" ? `nn.utils.l1Penalty(weights).mul(${s.regularizationRate})` : `nn.utils.l2Penalty(weights).mul(${num(s.regularizationRate / 2)})`;
  const stop = s.earlyStopping !== "off";
  const summary = `${s.dataset}, ${[spec.inputs, ...spec.hidden, spec.outputs].join("-")} network, ${OPTIMIZERS[s.optimizer].label} lr ${s.learningRate}`;
  const out = [
    `// Generated by the nabla playground: ${summary}.`,
    "// Run it with: npx tsx playground-experiment.ts",
    `import { Generator, Tensor, cat, data, nn, noGrad, optim } from "nabla";`,
    "",
    `// data: ${s.dataset}, noise ${s.noise}, ${s.trainRatio}% for training`,
    ...pointsCode(s, o),
    "const n = points.y.shape[0]!;",
    `const split = data.trainValTestSplit(n, { test: n < 2 ? 0 : ${num(1 - s.trainRatio / 100)}, generator: new Generator(${s.dataSeed + 1}) });`,
    "",
    `// input features: ${feats.map((f) => f.label).join(", ")}`,
    "function features(p: Tensor): Tensor {",
    "  const x1 = p.narrow(1, 0, 1);",
    "  const x2 = p.narrow(1, 1, 1);",
    `  return cat([${feats.map((f) => f.code).join(", ")}], 1);`,
    "}",
    "const xTrain = features(points.x.indexSelect(0, split.train));",
    "const yTrain = points.y.indexSelect(0, split.train);",
    "const xTest = features(points.x.indexSelect(0, split.test));",
    "const yTest = points.y.indexSelect(0, split.test);",
    "",
    `// the network; the seed gives the same initial weights on every run`,
    `const g = new Generator(${s.seed});`,
    "const model = new nn.Sequential(",
    ...layers,
    ");",
    "const linears = model.modules().filter((m): m is nn.Linear => m instanceof nn.Linear);",
    ...initLines,
    ...(o.weights ? [
      "// the weights as they were in the playground",
      `const saved = ${JSON.stringify(o.weights.map((w) => [Array.from(w.weight, (v) => Number(v.toPrecision(8))), Array.from(w.bias, (v) => Number(v.toPrecision(8)))]))};`,
      "linears.forEach((l, i) => { l.weight.data.set(saved[i]![0]!); l.bias!.data.set(saved[i]![1]!); });",
    ] : []),
    "",
    `const lossFn = (out: Tensor, y: Tensor): Tensor => ${lossCode(o.classes)};`,
    ...(reg ? ["const weights = linears.map((l) => l.weight);"] : []),
    `const optimizer = ${lr};`,
    ...(sched ? [`const scheduler = ${sched};`] : []),
    `const loader = new data.DataLoader(new data.TensorDataset(xTrain, yTrain), { batchSize: ${s.batchSize}, shuffle: true, generator: new Generator(${s.seed + 1}) });`,
    "",
    "function losses(): [number, number] {",
    "  model.eval();",
    "  const result = noGrad((): [number, number] => [lossFn(model.forward(xTrain), yTrain).item(), lossFn(model.forward(xTest), yTest).item()]);",
    "  model.train();",
    "  return result;",
    "}",
    "",
    ...(stop ? [`// early stopping: stop when the test loss has not improved for ${s.patience} epochs`, "let best = Infinity;", "let bestEpoch = 0;"] : []),
    `const epochs = ${epochs};`,
    "for (let epoch = 1; epoch <= epochs; epoch++) {",
    "  model.train();",
    "  for (const [xb, yb] of loader) {",
    `    ${reg ? "let" : "const"} loss = lossFn(model.forward(xb!), yb!);`,
    ...(reg ? [`    loss = loss.add(${reg}); // ${s.regularization} regularisation`] : []),
    "    optimizer.zeroGrad();",
    "    loss.backward();",
    "    optimizer.step();",
    "  }",
    ...(sched ? ["  scheduler.step();"] : []),
    ...(stop ? [
      "  const [, testLoss] = losses();",
      "  if (testLoss < best) {",
      "    best = testLoss;",
      "    bestEpoch = epoch;",
      `  } else if (epoch - bestEpoch >= ${s.patience}) {`,
      "    console.log(`early stopping at epoch ${epoch}: the best test loss was at epoch ${bestEpoch}`);",
      "    break;",
      "  }",
    ] : []),
    "  if (epoch % 100 === 0 || epoch === epochs) {",
    "    const [trainLoss, testLoss] = losses();",
    "    console.log(`epoch ${epoch}: training loss ${trainLoss.toFixed(6)}, test loss ${testLoss.toFixed(6)}`);",
    "  }",
    "}",
    "",
  ];
  return out.join("\n");
}
