/** Save after 10 steps, load into fresh objects, train 10 more: bit-identical to 20 uninterrupted steps. */
import { describe, expect, it } from "vitest";
import { Tensor } from "../tensor/index.js";
import * as optim from "./index.js";
import { cloneStateDict, fromFlat, initParams, loadFixture, makeOptimizer, trainStep, PARAM_NAMES, type OptimFixture, type Params } from "./test-utils/mlp.js";

const fx = loadFixture<OptimFixture>("optim");
const x = fromFlat(fx.x);
const t = fromFlat(fx.t);

const CONFIGS: Array<[string, Record<string, unknown>]> = [
  ["SGD", { lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 1e-3 }],
  ["Adagrad", { lr: 0.05, lrDecay: 0.01 }],
  ["Adadelta", { rho: 0.8 }],
  ["RMSprop", { lr: 0.005, momentum: 0.5, centered: true }],
  ["Adam", { lr: 0.01, amsgrad: true }],
  ["AdamW", { lr: 0.01 }],
  ["Adamax", { lr: 0.01 }],
  ["NAdam", { lr: 0.01 }],
  ["RAdam", { lr: 0.01 }],
  ["Lion", { lr: 0.001, weightDecay: 0.1 }],
];

type Sched = optim.lrScheduler.LRScheduler;
const SCHEDULES: Record<string, (o: optim.Optimizer) => Sched> = {
  SGD: (o) => new optim.lrScheduler.OneCycleLR(o, { maxLr: 0.1, totalSteps: 20 }),
  Adam: (o) => new optim.lrScheduler.CosineAnnealingWarmRestarts(o, { T0: 3, TMult: 2 }),
  RMSprop: (o) => new optim.lrScheduler.CyclicLR(o, { baseLr: 0.001, maxLr: 0.01, stepSizeUp: 4 }),
  AdamW: (o) => new optim.lrScheduler.SequentialLR(o, {
    schedulers: [new optim.lrScheduler.LinearLR(o, { startFactor: 0.1, totalIters: 4 }), new optim.lrScheduler.CosineAnnealingLR(o, { TMax: 12 })],
    milestones: [4],
  }),
  Adagrad: (o) => new optim.lrScheduler.StepLR(o, { stepSize: 3, gamma: 0.7 }),
};

function copyParams(p: Params): Params {
  return Object.fromEntries(PARAM_NAMES.map((k) => [k, new Tensor(p[k].data.slice(), p[k].shape, true)])) as Params;
}

function run(opt: optim.Optimizer, sched: Sched | undefined, p: Params, steps: number): number[] {
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    losses.push(trainStep(opt, p, x, t));
    sched?.step();
  }
  return losses;
}

describe("state dict round trip resumes exactly", () => {
  for (const [kind, options] of CONFIGS) {
    it(`${kind}${SCHEDULES[kind] ? " with a schedule" : ""}`, () => {
      const pA = initParams(fx);
      const optA = makeOptimizer(kind, pA, options);
      const schedA = SCHEDULES[kind]?.(optA);
      const straight = run(optA, schedA, pA, 20);

      const pB = initParams(fx);
      const optB = makeOptimizer(kind, pB, options);
      const schedB = SCHEDULES[kind]?.(optB);
      const first = run(optB, schedB, pB, 10);
      const saved = cloneStateDict({ params: pB, opt: optB.stateDict(), sched: schedB?.stateDict() });

      const pC = copyParams(saved.params);
      const optC = makeOptimizer(kind, pC, options);
      const schedC = SCHEDULES[kind]?.(optC);
      optC.loadStateDict(saved.opt);
      if (schedC && saved.sched) schedC.loadStateDict(saved.sched);
      const second = run(optC, schedC, pC, 10);

      expect([...first, ...second]).toEqual(straight);
      for (const k of PARAM_NAMES) expect(pC[k].data).toEqual(pA[k].data);
      expect(optC.paramGroups.map((g) => g.lr)).toEqual(optA.paramGroups.map((g) => g.lr));
    });
  }

  it("uses PyTorch's layout and state names", () => {
    const p = initParams(fx);
    const opt = new optim.Adam([{ params: [p.w1, p.b1] }, { params: [p.w2, p.b2], lr: 0.1 }], { amsgrad: true });
    p.b1.requiresGrad = false; // b1 gets no grad, so it has no state
    trainStep(opt, p, x, t);
    const sd = opt.stateDict();
    expect(Object.keys(sd.state)).toEqual(["0", "2", "3"]);
    expect(Object.keys(sd.state[0]!).sort()).toEqual(["exp_avg", "exp_avg_sq", "max_exp_avg_sq", "step"]);
    expect(sd.state[0]!.step).toBe(1);
    expect(sd.state[0]!.exp_avg).toBeInstanceOf(Tensor);
    expect((sd.state[0]!.exp_avg as Tensor).shape).toEqual([4, 8]);
    expect(sd.param_groups).toEqual([
      { params: [0, 1], lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: true, maximize: false },
      { params: [2, 3], lr: 0.1, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: true, maximize: false },
    ]);
    // a snapshot: training on does not change it
    const before = (sd.state[0]!.exp_avg as Tensor).data.slice();
    trainStep(opt, p, x, t);
    expect((sd.state[0]!.exp_avg as Tensor).data).toEqual(before);
  });

  it("state names of the other optimisers follow PyTorch", () => {
    const names: Record<string, string[]> = {
      SGD: ["momentum_buffer"], Adagrad: ["step", "sum"], Adadelta: ["acc_delta", "square_avg", "step"],
      RMSprop: ["grad_avg", "momentum_buffer", "square_avg", "step"], Adamax: ["exp_avg", "exp_inf", "step"],
      NAdam: ["exp_avg", "exp_avg_sq", "mu_product", "step"], RAdam: ["exp_avg", "exp_avg_sq", "step"], Lion: ["exp_avg"],
      AdamW: ["exp_avg", "exp_avg_sq", "step"],
    };
    for (const [kind, options] of CONFIGS) {
      if (!names[kind]) continue;
      const p = initParams(fx);
      const opt = makeOptimizer(kind, p, options);
      trainStep(opt, p, x, t);
      expect(Object.keys(opt.stateDict().state[0]!).sort(), kind).toEqual(names[kind]);
    }
  });

  it("accepts state tensors as plain arrays (a JSON round trip) and restores group options", () => {
    const p = initParams(fx);
    const opt = new optim.SGD(PARAM_NAMES.map((k) => p[k]), { lr: 0.1, momentum: 0.9 });
    trainStep(opt, p, x, t);
    const sd = opt.stateDict();
    const json = JSON.parse(JSON.stringify(sd, (_k, v) => (v instanceof Tensor ? Array.from(v.data) : v))) as optim.OptimizerStateDict;
    const fresh = new optim.SGD(PARAM_NAMES.map((k) => p[k]), { lr: 0.5 });
    fresh.loadStateDict(json);
    expect(fresh.paramGroups[0]!.lr).toBe(0.1);
    expect(fresh.paramGroups[0]!.momentum).toBe(0.9);
    expect((fresh.stateDict().state[0]!.momentum_buffer as Tensor).data).toEqual((sd.state[0]!.momentum_buffer as Tensor).data);
  });

  it("rejects a state dict that does not fit", () => {
    const p = initParams(fx);
    const opt = new optim.Adam([p.w1, p.b1]);
    trainStep(opt, p, x, t);
    const sd = opt.stateDict();
    expect(() => new optim.Adam([p.w1]).loadStateDict(sd)).toThrow("Adam.loadStateDict: parameter group 0 has 2 parameters in the state dict, 1 here");
    expect(() => new optim.Adam([{ params: [p.w1] }, { params: [p.b1] }]).loadStateDict(sd)).toThrow(
      "Adam.loadStateDict: the state dict has 1 parameter groups, this optimiser has 2",
    );
    expect(() => new optim.Adam([p.b1, p.w1]).loadStateDict(sd)).toThrow('Adam.loadStateDict: state "exp_avg" of parameter 0 has 32 values, the parameter has 8');
  });
});
