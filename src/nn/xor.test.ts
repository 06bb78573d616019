/**
 * The lecture's XOR example: a two-layer network learns XOR; logistic regression (one Linear layer) cannot,
 * until the product feature x1·x2 is added, which makes the classes linearly separable.
 */
import { describe, expect, it } from "vitest";
import { tensor, Generator, Tensor, noGrad } from "../tensor/index.js";
import * as nn from "./index.js";

const X = tensor([[0, 0], [0, 1], [1, 0], [1, 1]]);
const XWithProduct = tensor([[0, 0, 0], [0, 1, 0], [1, 0, 0], [1, 1, 1]]);
const Y = tensor([[0], [1], [1], [0]]);

/** Full-batch gradient descent on the logistic loss; returns the training accuracy. */
function train(model: nn.Module, x: Tensor, steps: number, lr: number): number {
  for (let i = 0; i < steps; i++) {
    model.zeroGrad();
    nn.F.binaryCrossEntropyWithLogits(model.forward(x), Y).backward();
    for (const p of model.parameters()) for (let k = 0; k < p.size; k++) p.data[k]! -= lr * p.grad!.data[k]!;
  }
  const logits = noGrad(() => model.forward(x));
  let correct = 0;
  for (let i = 0; i < 4; i++) if ((logits.data[i]! > 0 ? 1 : 0) === Y.data[i]) correct++;
  return correct / 4;
}

describe("XOR", () => {
  it("a two-layer network learns it (100% accuracy)", () => {
    const net = nn.mlp([2, 8, 1], { activation: "tanh", generator: new Generator(0) });
    expect(train(net, X, 2000, 0.5)).toBe(1);
  });

  it("logistic regression cannot (at most 3 of 4 right)", () => {
    expect(train(new nn.Linear(2, 1, { generator: new Generator(0) }), X, 2000, 0.5)).toBeLessThanOrEqual(0.75);
  });

  it("logistic regression can once the x1·x2 feature is added", () => {
    expect(train(new nn.Linear(3, 1, { generator: new Generator(0) }), XWithProduct, 2000, 0.5)).toBe(1);
  });
});
