/** Each optimiser, with its main options, against PyTorch 1.13 on the same MLP for 30 steps. */
import { describe, expect, it } from "vitest";
import { fromFlat, initParams, loadFixture, makeOptimizer, maxRelErr, trainStep, PARAM_NAMES, type OptimFixture } from "./test-utils/mlp.js";

const fx = loadFixture<OptimFixture>("optim");
const x = fromFlat(fx.x);
const t = fromFlat(fx.t);

describe("optimisers match PyTorch 1.13 step by step", () => {
  it("covers every optimiser", () => {
    const kinds = new Set(fx.cases.map((c) => c.optimizer));
    expect([...kinds].sort()).toEqual(["Adadelta", "Adagrad", "Adam", "AdamW", "Adamax", "Lion", "NAdam", "RAdam", "RMSprop", "SGD"]);
  });

  for (const c of fx.cases) {
    it(`${c.name} ${JSON.stringify(c.options)}${c.groups ? " with param groups" : ""}`, () => {
      const p = initParams(fx);
      const opt = makeOptimizer(c.optimizer, p, c.options, c.groups);
      const losses: number[] = [];
      for (let s = 0; s < c.steps; s++) losses.push(trainStep(opt, p, x, t));
      // float32 rounding differs (PyTorch rounds after every op); the losses agree to ~6e-7 relative
      // and the weights to ~1.5e-6 absolute in every case, so these bounds leave no room for a wrong rule
      expect(maxRelErr(losses, c.losses, 1e-6)).toBeLessThan(3e-6);
      for (const k of PARAM_NAMES) expect(maxRelErr(p[k].data, c.final[k]!, 1)).toBeLessThan(1e-5);
    });
  }
});
