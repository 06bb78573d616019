/** The lectures' claims about momentum, checked on 2-D problems. */
import { describe, expect, it } from "vitest";
import { tensor, type Tensor } from "../tensor/index.js";
import * as optim from "./index.js";

/** f(x, y) = ½(x² + 50y²): curvature 1 along x and 50 along y (condition number 50). */
function quadratic(p: Tensor): Tensor {
  return p.square().mul(tensor([0.5, 25])).sum();
}

/** Steps until ‖θ − θ*‖ < 1e-3, from (1, 1). */
function stepsToMinimum(momentum: number, lr: number): number {
  const p = tensor([1, 1], { requiresGrad: true });
  const opt = new optim.SGD([p], { lr, momentum });
  for (let step = 1; step <= 10_000; step++) {
    opt.zeroGrad();
    quadratic(p).backward();
    opt.step();
    if (Math.hypot(p.data[0]!, p.data[1]!) < 1e-3) return step;
  }
  return Infinity;
}

describe("momentum on an ill-conditioned quadratic", () => {
  it("reaches the minimum in fewer steps than plain SGD at the same lr", () => {
    const lr = 0.02; // stable for plain SGD: lr < 2/50
    const plain = stepsToMinimum(0, lr);
    const heavy = stepsToMinimum(0.9, lr);
    expect(plain).toBeLessThan(Infinity);
    expect(heavy).toBeLessThan(plain / 2);
  });

  it("with a constant gradient, the velocity approaches lr/(1 − β): 10× vanilla at β = 0.9", () => {
    const lr = 0.01;
    const g = 0.5;
    const p = tensor([0, 0], { requiresGrad: true });
    const opt = new optim.SGD([p], { lr, momentum: 0.9 });
    let prev = 0;
    let stepSize = 0;
    for (let i = 0; i < 200; i++) {
      p.grad = tensor([g, -g]);
      opt.step();
      stepSize = prev - p.data[0]!;
      prev = p.data[0]!;
    }
    expect(stepSize / (lr * g)).toBeCloseTo(10, 3);
    const buffer = opt.stateDict().state[0]!.momentum_buffer as Tensor;
    expect(buffer.data[0]! / g).toBeCloseTo(1 / (1 - 0.9), 4);
    expect(buffer.data[1]! / -g).toBeCloseTo(1 / (1 - 0.9), 4);
  });
});
