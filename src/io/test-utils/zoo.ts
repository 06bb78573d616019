/** Test models for the exporters: every layer and activation they support, in one network. */
import { Generator, io, nn, randn } from "../../index.js";

/** A model with every supported layer and activation, trained-looking BatchNorm statistics, in eval mode. */
export function everything(): nn.Sequential {
  const g = new Generator(5);
  const m = new nn.Sequential(
    new nn.Linear(6, 8, { generator: g }), new nn.BatchNorm1d(8), new nn.ReLU(),
    new nn.Residual(new nn.Sequential(new nn.Linear(8, 8, { generator: g }), new nn.GELU(), new nn.Residual(new nn.SiLU()))),
    new nn.Dropout({ p: 0.4 }), new nn.LeakyReLU({ negativeSlope: 0.1 }), new nn.PReLU({ numParameters: 8, init: 0.3 }), new nn.ELU({ alpha: 0.8 }),
    new nn.SELU(), new nn.GELU({ approximate: "tanh" }), new nn.Mish(), new nn.Sigmoid(), new nn.Linear(8, 8, { generator: g }), new nn.Tanh(),
    new nn.LogSigmoid(), new nn.Softplus(), new nn.Softplus({ beta: 3, threshold: 4 }), new nn.Hardtanh({ minVal: -0.3, maxVal: 0.7 }),
    new nn.Identity(), new io.Standardize(new Float32Array(8).fill(0.1), new Float32Array(8).fill(2)), new nn.BatchNorm1d(8, { affine: false }),
    new nn.Linear(8, 5, { bias: false, generator: g }), new nn.Flatten(), new nn.Softmax({ dim: 1 }), new nn.Linear(5, 4, { generator: g }), new nn.LogSoftmax({ dim: -1 }),
  );
  for (let i = 0; i < 3; i++) m.forward(randn([16, 6], { generator: g }).mul(3));
  return m.eval();
}
