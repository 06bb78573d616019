// nabla
import { nn, optim, data, fit, manualSeed } from "/work/main/src/index.ts";

manualSeed(0);
const { x, y } = data.loadDigits();
const model = nn.mlp([64, 64, 10]);
const history = await fit(model, {
  optimizer: new optim.Adam(model.parameters(), { lr: 1e-3 }), loss: nn.F.crossEntropy,
  train: [x.div(16), y], epochs: 5, batchSize: 32,
});
console.log(history.history.loss!.length);   // 5
export {};
