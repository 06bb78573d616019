/** The autodiff tape: the lecture's worked examples, accumulation, detaching, and second-order gradients. */
import { describe, expect, it } from "vitest";
import { noGrad, enableGrad, isGradEnabled, tensor, ones, Tensor, sigmoid, gradcheck } from "./index.js";

const scalar = (v: number): Tensor => tensor(v, { requiresGrad: true });

describe("worked examples", () => {
  it("f(x,y,z) = (x+y)·z at (-2, 5, -4)", () => {
    const [x, y, z] = [scalar(-2), scalar(5), scalar(-4)];
    const f = x.add(y).mul(z);
    f.backward();
    expect(f.item()).toBe(-12);
    expect([x.grad!.item(), y.grad!.item(), z.grad!.item()]).toEqual([-4, -4, 3]);
  });

  it("sigmoid neuron σ(w0·x0 + w1·x1 + w2) at w = (2, -3, -3), x = (-1, -2)", () => {
    const w = [scalar(2), scalar(-3), scalar(-3)];
    const x = [scalar(-1), scalar(-2)];
    const f = sigmoid(w[0]!.mul(x[0]!).add(w[1]!.mul(x[1]!)).add(w[2]!));
    f.backward();
    expect(f.item()).toBeCloseTo(0.73, 2);
    const grads = [...w, ...x].map((t) => t.grad!.item());
    [-0.2, -0.39, 0.2, 0.39, -0.59].forEach((g, i) => expect(grads[i]).toBeCloseTo(g, 2));
  });

  it("f(x,y) = x²y + y + 2 at (3, 4)", () => {
    const [x, y] = [scalar(3), scalar(4)];
    const f = x.mul(x).mul(y).add(y).add(2);
    f.backward();
    expect(f.item()).toBe(42);
    expect(x.grad!.item()).toBe(24);
    expect(y.grad!.item()).toBe(10);
  });
});

describe("the tape", () => {
  it("accumulates gradients across backward calls, and .grad = null resets", () => {
    const x = scalar(3);
    x.mul(x).backward();
    x.mul(x).backward();
    expect(x.grad!.item()).toBe(12);
    x.grad = null;
    x.mul(5).backward();
    expect(x.grad!.item()).toBe(5);
  });

  it("sums the gradients of a tensor used twice, and of one used through several paths", () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    x.mul(x).sum().backward();
    expect(x.grad!.toArray()).toEqual([2, 4, 6]);
    const a = scalar(2);
    const b = a.mul(3);
    b.add(b.mul(a)).backward(); // 3a + 3a² → 3 + 6a
    expect(a.grad!.item()).toBe(15);
  });

  it("refuses backward on a non-scalar without a gradient, naming the shape", () => {
    const y = ones([2, 3], { requiresGrad: true }).mul(2);
    expect(() => y.backward()).toThrow(/backward: grad can be implicitly created only for scalar outputs, this one has shape \[2,3\]/);
    expect(() => y.backward(ones([3, 2]))).toThrow(/backward: gradient has shape \[3,2\] but the tensor has shape \[2,3\]/);
  });

  it("backward with an explicit gradient weights the outputs", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    x.mul(x).backward(tensor([10, 100]));
    expect(x.grad!.toArray()).toEqual([20, 400]);
  });

  it("refuses backward on a tensor that does not require grad", () => {
    expect(() => tensor([1]).sum().backward()).toThrow(/does not require grad/);
  });

  it("detach stops the gradient but shares the values", () => {
    const x = scalar(3);
    const d = x.detach();
    expect(d.requiresGrad).toBe(false);
    expect(d.data).toBe(x.data);
    x.mul(d).backward(); // d is a constant: ∂(x·3)/∂x = 3
    expect(x.grad!.item()).toBe(3);
  });

  it("noGrad records nothing, restores the flag even on throw, and enableGrad re-enables", () => {
    const x = scalar(3);
    const y = noGrad(() => x.mul(2));
    expect(y.requiresGrad).toBe(false);
    expect(y.gradFn).toBeNull();
    expect(() => noGrad(() => { throw new Error("boom"); })).toThrow("boom");
    expect(isGradEnabled()).toBe(true);
    const z = noGrad(() => enableGrad(() => x.mul(2)));
    expect(z.requiresGrad).toBe(true);
  });

  it("names the op that made a tensor, and leaves are leaves", () => {
    const x = scalar(1);
    expect(x.isLeaf).toBe(true);
    expect(x.exp().gradFn?.name).toBe("exp");
    expect(x.exp().isLeaf).toBe(false);
  });

  it("retainGrad keeps the gradient of an intermediate", () => {
    const x = scalar(2);
    const y = x.mul(3).retainGrad();
    y.mul(y).backward();
    expect(y.grad!.item()).toBe(12);
    expect(x.grad!.item()).toBe(36);
  });

  it("backward({ inputs }) fills only the named tensors", () => {
    const [x, y] = [scalar(2), scalar(5)];
    x.mul(y).backward(undefined, { inputs: [y] });
    expect(x.grad).toBeNull();
    expect(y.grad!.item()).toBe(2);
  });

  it("gradients are fresh tensors: updating one in place does not change another", () => {
    const [a, b] = [scalar(1), scalar(1)];
    a.add(b).backward();
    a.grad!.data[0] = 100;
    expect(b.grad!.item()).toBe(1);
  });

  it("createGraph gradients are distinct tensors, and later accumulation keeps their recorded values", () => {
    const [a, b] = [scalar(1), scalar(1)];
    a.add(b).mul(a).backward(undefined, { createGraph: true }); // ∂a = 2a + b = 3, ∂b = a = 1
    const ga = a.grad!;
    expect(ga).not.toBe(b.grad);
    a.add(b).backward(); // plain accumulation into a grad that is part of a graph
    expect(a.grad!.item()).toBe(4);
    expect(b.grad!.item()).toBe(2);
    expect(ga.item()).toBe(3);
  });

  it("requiresGrad_ cannot be turned off on a non-leaf", () => {
    expect(() => scalar(1).mul(2).requiresGrad_(false)).toThrow(/non-leaf/);
  });
});

describe("second-order gradients (createGraph)", () => {
  it("d²/dx² of x³ at 2 is 12", () => {
    const x = scalar(2);
    x.pow(3).backward(undefined, { createGraph: true });
    const dx = x.grad!;
    expect(dx.item()).toBe(12);
    expect(dx.requiresGrad).toBe(true);
    x.grad = null;
    dx.backward();
    expect(x.grad!.item()).toBe(12);
  });

  it("d²/dx² of sin x·x through several ops", () => {
    const x = scalar(0.7);
    x.sin().mul(x).backward(undefined, { createGraph: true }); // f' = cos x·x + sin x
    const dx = x.grad!;
    x.grad = null;
    dx.backward(); // f'' = 2cos x − x sin x
    expect(x.grad!.item()).toBeCloseTo(2 * Math.cos(0.7) - 0.7 * Math.sin(0.7), 5);
  });

  it("a gradient penalty ‖∂f/∂x‖² differentiates (double backward through matmul, tanh, sum)", () => {
    const w = tensor([[0.5, -1], [0.3, 0.8]], { requiresGrad: true });
    const penalty = (x: Tensor): Tensor => {
      const xx = x.detach().requiresGrad_();
      xx.matmul(w).tanh().sum().backward(undefined, { createGraph: true, inputs: [xx] });
      return xx.grad!.square().sum();
    };
    const x = tensor([[1, 2]], { requiresGrad: true });
    expect(gradcheck((ww) => {
      const xx = x.detach().requiresGrad_();
      xx.matmul(ww).tanh().sum().backward(undefined, { createGraph: true, inputs: [xx] });
      return xx.grad!.square().sum();
    }, [w])).toBe(true);
    expect(penalty(x).requiresGrad).toBe(true);
  });
});
