import { nn, optim, data, tune, manualSeed } from "/work/main/src/index.ts";

manualSeed(0);
const { x, y } = data.loadDigits();
const model = nn.mlp([64, 64, 10]);
const r = await tune.lrFind(model, { loss: nn.F.crossEntropy, optimizer: new optim.SGD(model.parameters(), { lr: 1e-3 }), train: [x.div(16), y], numIters: 60 });
console.log(r.method, r.suggestion, r.diverged);
export {};
