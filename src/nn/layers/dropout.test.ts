/** Dropout: inverted scaling, identity in eval, seeded masks, gradient through the mask. */
import { describe, expect, it } from "vitest";
import { ones, randn, Generator } from "../../tensor/index.js";
import * as nn from "../index.js";

describe("Dropout", () => {
  it("zeroes about p of the elements and scales the rest by 1/(1 − p), keeping the mean", () => {
    const d = new nn.Dropout({ p: 0.2, generator: new Generator(1) });
    const y = d.forward(ones([200, 500]));
    let zerosCount = 0;
    let sum = 0;
    for (const v of y.data) {
      if (v === 0) zerosCount++;
      else expect(v).toBe(Math.fround(1 / 0.8));
      sum += v;
    }
    expect(zerosCount / y.size).toBeCloseTo(0.2, 2);
    expect(sum / y.size).toBeCloseTo(1, 2);
  });

  it("is the identity in eval mode and for p = 0", () => {
    const x = randn([3, 4]);
    expect(new nn.Dropout({ p: 0.5 }).eval().forward(x)).toBe(x);
    expect(new nn.Dropout({ p: 0 }).forward(x)).toBe(x);
    expect(nn.F.dropout(x, { p: 0.5, training: false })).toBe(x);
  });

  it("drops everything for p = 1, and rejects p outside [0, 1]", () => {
    expect(Array.from(nn.F.dropout(ones([5]), { p: 1 }).data)).toEqual([0, 0, 0, 0, 0]);
    expect(() => new nn.Dropout({ p: 1.5 })).toThrow("Dropout: p must be a probability in [0, 1], got 1.5");
    expect(() => nn.mlp([2, 2, 1], { dropout: -0.1 })).toThrow("mlp (dropout): p must be a probability in [0, 1], got -0.1");
  });

  it("draws its masks from the seeded generator", () => {
    const a = new nn.Dropout({ p: 0.5, generator: new Generator(7) }).forward(ones([64]));
    const b = new nn.Dropout({ p: 0.5, generator: new Generator(7) }).forward(ones([64]));
    const c = new nn.Dropout({ p: 0.5, generator: new Generator(8) }).forward(ones([64]));
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(Array.from(a.data)).not.toEqual(Array.from(c.data));
  });

  it("passes the gradient through the same mask", () => {
    const x = randn([4, 8], { requiresGrad: true });
    const y = nn.F.dropout(x, { p: 0.25, generator: new Generator(3) });
    y.sum().backward();
    for (let i = 0; i < x.size; i++) {
      expect(x.grad!.data[i]).toBe(y.data[i] === 0 ? 0 : Math.fround(1 / 0.75));
    }
  });
});
