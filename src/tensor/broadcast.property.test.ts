/** Property tests: broadcasting shape rules, broadcast values, and gradients of random op compositions. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as nb from "./index.js";
import { Tensor, broadcastShapes, gradcheck, tensor } from "./index.js";

/** NumPy's rule, written independently: align right, sizes must match or one of them be 1. */
function referenceBroadcast(a: readonly number[], b: readonly number[]): number[] | null {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) return null;
    out.push(da === 1 ? db : da);
  }
  return out;
}

const size = fc.oneof(fc.constant(1), fc.constant(1), fc.integer({ min: 0, max: 4 }));
const shape = fc.array(size, { maxLength: 4 });

/** Two operand shapes made from one shape by dropping leading dims and setting sizes to 1, with their broadcast. */
const compatible = fc
  .array(fc.integer({ min: 1, max: 4 }), { maxLength: 4 })
  .chain((out) => {
    const operand = fc
      .tuple(fc.integer({ min: 0, max: out.length }), fc.array(fc.boolean(), { minLength: out.length, maxLength: out.length }))
      .map(([drop, ones]) => out.map((d, i) => (ones[i] ? 1 : d)).slice(drop));
    // Where both operands have 1 the output has 1 too: the true output shape is their broadcast.
    return fc.tuple(operand, operand).map(([a, b]) => [referenceBroadcast(a, b)!, a, b] as const);
  });

const values = (s: readonly number[], seed: number): Tensor => nb.randn(s as number[], { generator: new nb.Generator(seed) });

describe("broadcast shapes", () => {
  it("is commutative", () => {
    fc.assert(fc.property(shape, shape, (a, b) => {
      const ab = attempt(() => broadcastShapes(a, b));
      const ba = attempt(() => broadcastShapes(b, a));
      expect(ab).toEqual(ba);
    }));
  });

  it("matches the reference rule and throws exactly when the shapes are incompatible", () => {
    fc.assert(fc.property(shape, shape, (a, b) => {
      const ref = referenceBroadcast(a, b);
      if (ref === null) expect(() => broadcastShapes(a, b, "op")).toThrow(/^op: shapes \[.*\] and \[.*\] cannot be broadcast/);
      else expect(broadcastShapes(a, b)).toEqual(ref);
    }));
  });

  it("has the scalar shape as identity and is idempotent", () => {
    fc.assert(fc.property(shape, (a) => {
      expect(broadcastShapes(a, [])).toEqual(a);
      expect(broadcastShapes(a, a)).toEqual(a);
    }));
  });
});

function attempt(f: () => number[]): number[] | "error" {
  try {
    return f();
  } catch {
    return "error";
  }
}

describe("binary ops under broadcasting", () => {
  const ops = ["add", "sub", "mul", "div", "pow", "maximum", "minimum", "eq", "ne", "lt", "le", "gt", "ge"] as const;

  it("equal the op applied to operands expanded to the output shape first", () => {
    fc.assert(fc.property(compatible, fc.constantFrom(...ops), fc.integer(), ([out, sa, sb], op, seed) => {
      let a = values(sa, seed);
      const b = values(sb, seed + 1);
      if (op === "pow") a = nb.abs(a).add(0.1); // a real power needs a positive base
      const fn = nb[op] as (x: Tensor, y: Tensor) => Tensor;
      const direct = fn(a, b);
      const expanded = fn(nb.expand(a, out), nb.expand(b, out));
      expect(direct.shape).toEqual(out);
      expect(Array.from(direct.data)).toEqual(Array.from(expanded.data));
    }), { numRuns: 200 });
  });

  it("where broadcasts condition and both branches", () => {
    fc.assert(fc.property(compatible, fc.integer(), ([out, sa, sb], seed) => {
      const cond = nb.gt(values(sb, seed + 2), 0);
      const [a, b] = [values(sa, seed), values(out, seed + 1)];
      const direct = nb.where(cond, a, b);
      const expanded = nb.where(nb.expand(cond, out), nb.expand(a, out), b);
      expect(Array.from(direct.data)).toEqual(Array.from(expanded.data));
    }), { numRuns: 100 });
  });

  it("gradients sum back over the broadcast dims", () => {
    fc.assert(fc.property(compatible, fc.integer(), ([out, sa, sb], seed) => {
      const a = values(sa, seed).requiresGrad_();
      const b = values(sb, seed + 1).requiresGrad_();
      nb.mul(a, b).sum().backward();
      const reference = nb.sum(nb.expand(b, out), undefined); // Σ over the output of b, per element of a…
      expect(a.grad!.shape).toEqual(sa);
      expect(b.grad!.shape).toEqual(sb);
      // …so Σ a.grad = Σ_out b_expanded, whatever the shapes.
      expect(nb.sum(a.grad!).item()).toBeCloseTo(reference.item(), 3);
    }), { numRuns: 100 });
  });
});

/** Smooth, bounded ops on tensors broadcastable to [2, 3]: no kinks, so finite differences are reliable. */
const unaryOps: ((x: Tensor) => Tensor)[] = [
  nb.tanh, nb.sigmoid, nb.sin, (x) => nb.mul(nb.square(x), 0.5), (x) => nb.softplus(x), (x) => nb.gelu(x),
  (x) => nb.exp(nb.tanh(x)), (x) => nb.log(nb.add(nb.square(x), 1)), (x) => nb.sum(x, 0, true), (x) => nb.mean(x, 1, true),
  (x) => nb.softmax(x, -1), (x) => nb.logsumexp(x, 1, true), (x) => nb.neg(x), (x) => nb.sqrt(nb.add(nb.square(x), 0.5)),
];
const binaryOps: ((x: Tensor, y: Tensor) => Tensor)[] = [
  nb.add, nb.sub, nb.mul, (x, y) => nb.div(x, nb.add(nb.square(y), 1)), (x, y) => nb.pow(nb.add(nb.sigmoid(x), 0.5), nb.tanh(y)),
  (x, y) => nb.where(tensor([[1, 0, 1], [0, 1, 1]]), x, y), (x, y) => nb.matmul(nb.expand(x, [2, 3]), nb.transpose(nb.expand(y, [2, 3]), 0, 1)).sum(1, true),
];

const step = fc.record({ binary: fc.boolean(), op: fc.nat(), i: fc.nat(), j: fc.nat() });

describe("random compositions", () => {
  it("pass gradcheck", () => {
    fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 6 }), fc.integer(), (steps, seed) => {
      const inputs = [values([2, 3], seed), values([1, 3], seed + 1), values([2, 1], seed + 2)].map((t) => t.requiresGrad_());
      const program = (...xs: Tensor[]): Tensor => {
        const vals = [...xs];
        for (const s of steps) {
          const x = vals[s.i % vals.length]!;
          const y = vals[s.j % vals.length]!;
          const r = s.binary ? binaryOps[s.op % binaryOps.length]!(x, y) : unaryOps[s.op % unaryOps.length]!(x);
          // Squash into (−2, 2) so long chains stay where float32 finite differences are accurate.
          vals.push(nb.mul(nb.tanh(nb.mul(r, 0.5)), 2));
        }
        // Every input reaches the output, so every gradient is exercised.
        return nb.add(vals[vals.length - 1]!, nb.mul(nb.add(nb.add(xs[0]!, xs[1]!), xs[2]!), 0.1));
      };
      expect(gradcheck(program, inputs, { atol: 2e-2, rtol: 2e-2 })).toBe(true);
    }), { numRuns: 100 });
  });

  it("scalar-shaped values from tensor() and numbers mix with tensors", () => {
    const x = tensor([[1, 2, 3]], { requiresGrad: true });
    expect(gradcheck((t) => nb.mul(nb.add(t, 2), tensor(3)).div(4), [x])).toBe(true);
  });
});
