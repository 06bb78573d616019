/** Argument errors, parameter groups, skipped parameters, closures and zeroGrad. */
import { describe, expect, it } from "vitest";
import { Tensor, tensor } from "../tensor/index.js";
import * as optim from "./index.js";

const param = (values: number[]) => tensor(values, { requiresGrad: true });
const withGrad = (p: Tensor, g: number[]) => ((p.grad = tensor(g)), p);

describe("invalid options are clear errors", () => {
  const p = () => [param([1, 2])];
  it.each([
    [() => new optim.SGD(p(), { lr: -1 }), "SGD: invalid learning rate: -1 (expected lr >= 0)"],
    [() => new optim.SGD(p(), { lr: 0.1, nesterov: true }), "SGD: nesterov requires momentum > 0 and dampening = 0"],
    [() => new optim.SGD(p(), { lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true }), "SGD: nesterov requires momentum > 0 and dampening = 0"],
    [() => new optim.SGD(p(), { lr: 0.1, momentum: -0.5 }), "SGD: invalid momentum: -0.5 (expected momentum >= 0)"],
    [() => new optim.SGD(p(), {} as { lr: number }), "SGD: lr is required (there is no default learning rate), e.g. { lr: 0.1 }"],
    [() => new optim.Adam(p(), { betas: [1.2, 0.999] }), "Adam: invalid beta at index 0: 1.2 (expected 0 <= beta < 1)"],
    [() => new optim.AdamW(p(), { betas: [0.9, 1] }), "AdamW: invalid beta at index 1: 1 (expected 0 <= beta < 1)"],
    [() => new optim.Adam(p(), { eps: -1e-8 }), "Adam: invalid eps: -1e-8 (expected eps >= 0)"],
    [() => new optim.Adam(p(), { lr: NaN }), "Adam: invalid learning rate: NaN (expected lr >= 0)"],
    [() => new optim.Adam(p(), { weightDecay: -0.1 }), "Adam: invalid weightDecay: -0.1 (expected weightDecay >= 0)"],
    [() => new optim.Adam(p(), { amsgrad: 1 as unknown as boolean }), "Adam: amsgrad must be true or false, got 1"],
    [() => new optim.Adam(p(), { weight_decay: 0.1 } as object), 'Adam: unknown option "weight_decay" (expected one of lr, betas, eps, weightDecay, amsgrad, maximize)'],
    [() => new optim.Adadelta(p(), { rho: 1.5 }), "Adadelta: invalid rho: 1.5 (expected 0 <= rho <= 1)"],
    [() => new optim.Adagrad(p(), { lrDecay: -1 }), "Adagrad: invalid lrDecay: -1 (expected lrDecay >= 0)"],
    [() => new optim.Adagrad(p(), { initialAccumulatorValue: -1 }), "Adagrad: invalid initialAccumulatorValue: -1 (expected initialAccumulatorValue >= 0)"],
    [() => new optim.RMSprop(p(), { alpha: -0.9 }), "RMSprop: invalid alpha: -0.9 (expected alpha >= 0)"],
    [() => new optim.NAdam(p(), { momentumDecay: -1 }), "NAdam: invalid momentumDecay: -1 (expected momentumDecay >= 0)"],
    [() => new optim.Lion(p(), { betas: [0.9] as unknown as [number, number] }), "Lion: betas must be a pair [beta1, beta2], got [0.9]"],
    [() => new optim.Adam([]), "Adam: got an empty parameter list"],
    [() => new optim.Adam(param([1]) as unknown as Tensor[]), "Adam: params must be an array of Tensors or of param groups ({ params, ...options }), got a single Tensor"],
    [() => new optim.Adam([{ params: [param([1])], betas: [0.9, -1] }]), "Adam: invalid beta at index 1: -1 (expected 0 <= beta < 1)"],
  ])("%#", (make, message) => {
    expect(make).toThrow(message);
  });

  it("rejects a parameter in two groups, twice in a group, or a non-leaf", () => {
    const a = param([1]);
    expect(() => new optim.SGD([{ params: [a] }, { params: [a] }], { lr: 1 })).toThrow("SGD: param group 1: some parameters appear in more than one parameter group");
    expect(() => new optim.SGD([a, a], { lr: 1 })).toThrow("SGD: param group 0: params[1] appears twice in the group");
    expect(() => new optim.SGD([a.mul(2)], { lr: 1 })).toThrow("SGD: param group 0: params[0] is not a leaf tensor; optimise the leaves");
  });
});

describe("the step", () => {
  it("skips parameters whose grad is null and creates no state for them", () => {
    for (const make of [
      (ps: Tensor[]) => new optim.SGD(ps, { lr: 0.1, momentum: 0.9 }),
      (ps: Tensor[]) => new optim.Adam(ps),
      (ps: Tensor[]) => new optim.Lion(ps),
      (ps: Tensor[]) => new optim.RMSprop(ps, { centered: true }),
    ]) {
      const a = withGrad(param([1, 2]), [0.5, -0.5]);
      const b = param([3, 4]);
      const opt = make([a, b]);
      opt.step();
      expect(Array.from(b.data)).toEqual([3, 4]);
      expect(Array.from(a.data)).not.toEqual([1, 2]);
      expect(opt.state.has(b)).toBe(false);
    }
  });

  it("gives each param group its own options", () => {
    const a = withGrad(param([1]), [1]);
    const b = withGrad(param([1]), [1]);
    const opt = new optim.SGD([{ params: [a] }, { params: [b], lr: 0.01, weightDecay: 1 }], { lr: 0.1 });
    opt.step();
    expect(a.data[0]).toBeCloseTo(1 - 0.1 * 1, 7);
    expect(b.data[0]).toBeCloseTo(1 - 0.01 * (1 + 1), 7);
    expect(opt.paramGroups[1]!.lr).toBe(0.01);
    expect(opt.paramGroups[0]!.weightDecay).toBe(0);
  });

  it("uses a changed group.lr from the next step on", () => {
    const a = withGrad(param([0]), [1]);
    const opt = new optim.SGD([a], { lr: 0.1 });
    opt.step();
    opt.paramGroups[0]!.lr = 0.5;
    opt.step();
    expect(a.data[0]).toBeCloseTo(-0.6, 6);
  });

  it("adds a param group later (e.g. unfreezing a layer)", () => {
    const a = withGrad(param([0]), [1]);
    const b = withGrad(param([0]), [1]);
    const opt = new optim.Adam([a], { lr: 0.1 });
    opt.addParamGroup({ params: [b], lr: 0.2 });
    opt.step();
    expect(a.data[0]).toBeCloseTo(-0.1, 5);
    expect(b.data[0]).toBeCloseTo(-0.2, 5);
  });

  it("calls the closure with recording on and returns its loss", () => {
    const w = param([2]);
    const opt = new optim.SGD([w], { lr: 0.25 });
    const loss = opt.step(() => {
      opt.zeroGrad();
      const l = w.square().sum();
      l.backward();
      return l.item();
    });
    expect(loss).toBe(4);
    expect(w.data[0]).toBe(1); // 2 − 0.25·(2·2)
  });

  it("zeroGrad sets grads to null, or to zeros with setToNone = false", () => {
    const w = withGrad(param([1, 2]), [3, 4]);
    const opt = new optim.SGD([w], { lr: 0.1 });
    opt.zeroGrad(false);
    expect(Array.from(w.grad!.data)).toEqual([0, 0]);
    opt.zeroGrad();
    expect(w.grad).toBeNull();
  });

  it("maximize ascends", () => {
    const w = withGrad(param([0]), [1]);
    new optim.Adam([w], { lr: 0.1, maximize: true }).step();
    expect(w.data[0]).toBeCloseTo(0.1, 6);
  });

  it("updates the parameter's storage in place", () => {
    const w = withGrad(param([1, 2]), [1, 1]);
    const storage = w.data;
    new optim.AdamW([w]).step();
    expect(w.data).toBe(storage);
  });
});

describe("what params may be", () => {
  it("any iterable of tensors, and a single tensor inside a group", () => {
    const a = withGrad(param([0]), [1]);
    const b = withGrad(param([0]), [1]);
    const fromSet = new optim.SGD(new Set([a]), { lr: 1 });
    fromSet.step();
    const grouped = new optim.SGD([{ params: b }], { lr: 1 });
    grouped.step();
    expect([a.data[0], b.data[0]]).toEqual([-1, -1]);
  });
});
