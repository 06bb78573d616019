import { nn, optim, data, fit, evaluate, tune, manualSeed, Generator } from "/work/main/src/index.ts";

const { x, y } = data.loadIris();
const xs = new data.StandardScaler().fitTransform(x);
const cv = await tune.crossValidate(xs, y, async (train, val) => {
  manualSeed(0);
  const model = nn.mlp([4, 8, 3]);
  await fit(model, { loss: nn.F.crossEntropy, optimizer: new optim.Adam(model.parameters(), { lr: 0.01 }), train, epochs: 20, batchSize: 16 });
  return evaluate(model, val, { metrics: ["accuracy"] }).accuracy!;
}, { k: 5, stratify: true, generator: new Generator(0) });
console.log(tune.formatMeanStd(cv.scores), cv.scores.length);
export {};
