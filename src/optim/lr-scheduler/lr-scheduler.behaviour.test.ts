/** InverseTimeLR (not in PyTorch), argument errors, state dicts and the betas form of cycleMomentum. */
import { describe, expect, it } from "vitest";
import { tensor } from "../../tensor/index.js";
import * as optim from "../index.js";

const S = optim.lrScheduler;
const sgd = (lr = 0.1, momentum = 0.9) => new optim.SGD([tensor([0], { requiresGrad: true })], { lr, momentum });

function lrsOver(s: { step(): void; getLastLr(): number[] }, steps: number): number[] {
  const out = [s.getLastLr()[0]!];
  for (let i = 0; i < steps; i++) {
    s.step();
    out.push(s.getLastLr()[0]!);
  }
  return out;
}

describe("InverseTimeLR", () => {
  it("is α₀ / (1 + k t)", () => {
    const lrs = lrsOver(new S.InverseTimeLR(sgd(0.5), { decayRate: 0.2 }), 40);
    lrs.forEach((lr, t) => expect(lr).toBeCloseTo(0.5 / (1 + 0.2 * t), 14));
  });

  it("counts t in units of decaySteps, floored with staircase", () => {
    const smooth = lrsOver(new S.InverseTimeLR(sgd(1), { decayRate: 1, decaySteps: 10 }), 25);
    const stairs = lrsOver(new S.InverseTimeLR(sgd(1), { decayRate: 1, decaySteps: 10, staircase: true }), 25);
    expect(smooth[5]).toBeCloseTo(1 / 1.5, 14);
    expect(stairs.slice(0, 10)).toEqual(new Array(10).fill(1));
    expect(stairs[10]).toBe(0.5);
    expect(stairs[25]).toBeCloseTo(1 / 3, 14);
  });
});

describe("schedule arguments", () => {
  it.each([
    [() => new S.StepLR(sgd(), { stepSize: 0 }), "StepLR: invalid stepSize: 0 (expected an integer >= 1)"],
    [() => new S.StepLR(sgd(), { stepSize: 2, gama: 0.5 } as never), 'StepLR: unknown option "gama" (expected one of stepSize, gamma)'],
    [() => new S.LinearLR(sgd(), { startFactor: 0 }), "LinearLR: invalid startFactor: 0 (expected 0 < startFactor <= 1)"],
    [() => new S.LambdaLR(sgd(), { lrLambda: [(e: number) => e, (e: number) => e] }), "LambdaLR: lrLambda must be a function or 1 functions (one per param group)"],
    [() => new S.CyclicLR(new optim.Adadelta([tensor([0], { requiresGrad: true })]), { baseLr: 0.1, maxLr: 1 }), "CyclicLR: cycleMomentum needs an optimiser with momentum or betas (Adadelta has neither); pass cycleMomentum: false"],
    [() => new S.CyclicLR(sgd(), { baseLr: 0.1, maxLr: 1, mode: "triangle" as never }), 'CyclicLR: invalid mode: "triangle" (expected one of "triangular", "triangular2", "exp_range")'],
    [() => new S.OneCycleLR(sgd(), { maxLr: 1 }), "OneCycleLR: give either totalSteps or both epochs and stepsPerEpoch"],
    [() => new S.OneCycleLR(sgd(), { maxLr: [1, 2], totalSteps: 10 }), "OneCycleLR: maxLr has 2 values, expected one per param group (1)"],
    [() => new S.CosineAnnealingWarmRestarts(sgd(), { T0: 2, TMult: 0 }), "CosineAnnealingWarmRestarts: invalid TMult: 0 (expected an integer >= 1)"],
    [() => new S.ReduceLROnPlateau(sgd(), { factor: 1 }), "ReduceLROnPlateau: invalid factor: 1 (expected 0 <= factor < 1)"],
    [() => new S.ReduceLROnPlateau(sgd(), { mode: "best" as never }), 'ReduceLROnPlateau: invalid mode: "best" (expected one of "min", "max")'],
    [() => new S.SequentialLR(sgd(), { schedulers: [new S.StepLR(sgd(), { stepSize: 1 })], milestones: [] }), "SequentialLR: the schedule at index 0 belongs to a different optimiser"],
    [() => new S.ExponentialLR({} as optim.Optimizer, { gamma: 0.9 }), "ExponentialLR: expected an optimiser as the first argument, got {}"],
  ])("%#", (make, message) => {
    expect(make).toThrow(message);
  });

  it("OneCycleLR refuses to step past totalSteps", () => {
    const s = new S.OneCycleLR(sgd(), { maxLr: 1, totalSteps: 3 });
    s.step();
    s.step();
    s.step();
    expect(() => s.step()).toThrow("OneCycleLR: tried to step 5 times; the schedule has totalSteps = 3");
  });
});

describe("schedule details", () => {
  it("sets initialLr on the groups and reads base rates from it, as PyTorch", () => {
    const opt = sgd(0.3);
    const s = new S.ExponentialLR(opt, { gamma: 0.5 });
    s.step();
    expect(opt.paramGroups[0]!.initialLr).toBe(0.3);
    expect(s.baseLrs).toEqual([0.3]);
    expect(opt.paramGroups[0]!.lr).toBe(0.15);
  });

  it("cycles β₁ of Adam-like optimisers (PyTorch 1.13 only cycles momentum)", () => {
    const opt = new optim.Adam([tensor([0], { requiresGrad: true })]);
    const s = new S.CyclicLR(opt, { baseLr: 0.001, maxLr: 0.01, stepSizeUp: 2 });
    expect(opt.paramGroups[0]!.betas).toEqual([0.9, 0.999]);
    s.step();
    expect(opt.paramGroups[0]!.betas[0]).toBeCloseTo(0.85, 12);
    s.step();
    expect(opt.paramGroups[0]!.betas).toEqual([0.8, 0.999]);
    expect(opt.paramGroups[0]!.lr).toBeCloseTo(0.01, 12);
  });

  it("step(epoch) jumps with the closed form", () => {
    const s = new S.StepLR(sgd(1), { stepSize: 3, gamma: 0.5 });
    s.step(7);
    expect(s.getLastLr()).toEqual([0.25]);
    expect(s.lastEpoch).toBe(7);
  });

  it("CosineAnnealingWarmRestarts takes fractional epochs", () => {
    const s = new S.CosineAnnealingWarmRestarts(sgd(1), { T0: 4 });
    s.step(2);
    expect(s.getLastLr()[0]).toBeCloseTo(0.5, 14);
    s.step(5.5); // 1.5 epochs into the second period
    expect(s.getLastLr()[0]).toBeCloseTo((1 + Math.cos((Math.PI * 1.5) / 4)) / 2, 14);
  });

  it("ReduceLROnPlateau takes a one-element tensor and round-trips its state", () => {
    const opt = sgd(1);
    const s = new S.ReduceLROnPlateau(opt, { patience: 1, factor: 0.5 });
    expect(s.getLastLr()).toEqual([1]);
    for (const m of [1, 1, 1]) s.step(tensor(m));
    expect(opt.paramGroups[0]!.lr).toBe(0.5);
    const sd = JSON.parse(JSON.stringify(s.stateDict()));
    expect(sd).toMatchObject({ best: 1, num_bad_epochs: 0, last_epoch: 3, mode: "min", min_lrs: [0] });
    const again = new S.ReduceLROnPlateau(opt, { patience: 1, factor: 0.5 });
    again.loadStateDict(sd);
    again.step(2);
    again.step(2);
    expect(opt.paramGroups[0]!.lr).toBe(0.25);
  });

  it("a schedule's state dict is plain data under PyTorch's names", () => {
    const s = new S.CosineAnnealingWarmRestarts(sgd(1), { T0: 3, TMult: 2 });
    for (let i = 0; i < 5; i++) s.step();
    const sd = s.stateDict();
    expect(JSON.parse(JSON.stringify(sd))).toEqual(sd);
    expect(sd).toMatchObject({ last_epoch: 5, base_lrs: [1], T_0: 3, T_i: 6, T_mult: 2, T_cur: 2, eta_min: 0 });
    const fresh = new S.CosineAnnealingWarmRestarts(sgd(1), { T0: 3, TMult: 2 });
    fresh.loadStateDict(sd);
    s.step();
    fresh.step();
    expect(fresh.getLastLr()).toEqual(s.getLastLr());
  });
});

describe("CyclicLR with a custom scale", () => {
  it("scales the amplitude by scaleFn of the cycle number", () => {
    const s = new S.CyclicLR(sgd(), { baseLr: 0.1, maxLr: 1.1, stepSizeUp: 2, scaleFn: (c) => 1 / c, cycleMomentum: false });
    const lrs = lrsOver(s, 6);
    [0.1, 0.6, 1.1, 0.6, 0.1, 0.35, 0.6].forEach((want, i) => expect(lrs[i]).toBeCloseTo(want, 12));
  });
});
