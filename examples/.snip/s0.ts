import { nn, optim, data, fit, evaluate, tune, manualSeed, Generator } from "/work/main/src/index.ts";

const { x, y } = data.loadDigits();
const { train, val } = data.trainValTestSplit([x.div(16), y], { val: 0.3, stratify: y, generator: new Generator(0) });
const space: tune.SearchSpace = { lr: tune.logUniform(1e-3, 1), hidden: [16, 64] };
const configs = tune.randomSearch(space, 4, { generator: new Generator(1) });
const scores = await tune.runTrials(configs, async (c) => {
  manualSeed(0);
  const model = nn.mlp([64, c.hidden as number, 10]);
  await fit(model, { loss: nn.F.crossEntropy, optimizer: new optim.SGD(model.parameters(), { lr: c.lr as number }), train, epochs: 2 });
  return evaluate(model, val, { metrics: ["accuracy"] }).accuracy!;
});
const best = scores.indexOf(Math.max(...scores));
console.log(configs[best], scores[best]);
export {};
