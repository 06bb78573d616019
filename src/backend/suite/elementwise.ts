/** Backend suite, part 1: unary kernels, broadcasting binary kernels, and where. */
import { describe, expect, it } from "vitest";
import type { Backend, BinaryOp, UnaryOp } from "../backend.js";
import { broadcastOffset, erfRef, expectArraysClose, randArray, rng, sizeOf, unravel } from "./reference.js";

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const softplus = (x: number, beta: number, threshold: number): number =>
  beta * x > threshold ? x : Math.log1p(Math.exp(beta * x)) / beta;
const SELU_ALPHA = 1.6732632423543772848170429916717;
const SELU_SCALE = 1.0507009873554804934193349852946;

/** Each unary op: its reference in float64, its parameters, and the domain its inputs come from. */
type Domain = "pos" | "gt-1" | "any";
type UnaryCase = [op: UnaryOp, f: (x: number, a: number, b: number) => number, a?: number, b?: number, domain?: Domain];
const unaryCases: UnaryCase[] = [
  ["neg", (x) => -x], ["exp", Math.exp], ["log", Math.log, 0, 0, "pos"], ["sqrt", Math.sqrt, 0, 0, "pos"],
  ["rsqrt", (x) => 1 / Math.sqrt(x), 0, 0, "pos"], ["abs", Math.abs], ["sign", Math.sign], ["square", (x) => x * x],
  ["reciprocal", (x) => 1 / x, 0, 0, "pos"], ["sin", Math.sin], ["cos", Math.cos], ["log1p", Math.log1p, 0, 0, "gt-1"],
  ["expm1", Math.expm1], ["erf", erfRef], ["floor", Math.floor], ["ceil", Math.ceil],
  ["round", (x) => { const f = Math.floor(x); const d = x - f; return d > 0.5 || (d === 0.5 && f % 2 !== 0) ? f + 1 : f; }],
  ["relu", (x) => Math.max(x, 0)], ["sigmoid", sigmoid], ["tanh", Math.tanh], ["logSigmoid", (x) => Math.log(sigmoid(x))],
  ["gelu", (x) => 0.5 * x * (1 + erfRef(x / Math.SQRT2))],
  ["geluTanh", (x) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)))],
  ["silu", (x) => x * sigmoid(x)], ["selu", (x) => SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x))],
  ["mish", (x) => x * Math.tanh(Math.log1p(Math.exp(x)))], ["leakyRelu", (x, a) => (x > 0 ? x : a * x), 0.1],
  ["elu", (x, a) => (x > 0 ? x : a * Math.expm1(x)), 0.7], ["softplus", (x, a, b) => softplus(x, a, b), 2, 3],
  ["clamp", (x, a, b) => Math.min(Math.max(x, a), b), -0.5, 1.25], ["powScalar", (x, a) => x ** a, 1.5, 0, "pos"],
  ["addScalar", (x, a) => x + a, 0.25], ["mulScalar", (x, a) => x * a, -3], ["heaviside", (x) => (x > 0 ? 1 : 0)],
  ["isNan", (x) => (Number.isNaN(x) ? 1 : 0)], ["isFinite", (x) => (Number.isFinite(x) ? 1 : 0)],
];

export function elementwiseSuite(backend: Backend): void {
  describe("unary", () => {
    const r = rng(1);
    const special = [0, 0.5, -0.5, 1.5, 2.5, -2.5, 3, -3];
    for (const [op, f, a = 0, b = 0, domain = "any"] of unaryCases) {
      it(op, () => {
        const lo = domain === "pos" ? 0.05 : domain === "gt-1" ? -0.95 : -4;
        const x = Float32Array.from([...randArray(r, 61, lo, 4), ...special.filter((v) => v >= lo)]);
        const out = new Float32Array(x.length);
        backend.unary(op, x, out, a, b);
        expectArraysClose(out, Array.from(x, (v) => f(v, a, b)), 2e-6, 1e-6, op);
      });
    }
    it("propagates NaN (except the NaN tests and heaviside)", () => {
      const x = new Float32Array([NaN, 1]);
      for (const [op, , a = 0, b = 0] of unaryCases) {
        if (op === "isNan" || op === "isFinite" || op === "heaviside") continue;
        const out = new Float32Array(2);
        backend.unary(op, x, out, a, b);
        expect(out[0], op).toBeNaN();
      }
    });
    it("is stable at large |x| and at infinities", () => {
      const x = new Float32Array([-Infinity, -100, 100, Infinity]);
      const run = (op: UnaryOp, a?: number, b?: number): number[] => {
        const out = new Float32Array(4);
        backend.unary(op, x, out, a, b);
        return Array.from(out);
      };
      expect(run("sigmoid")).toEqual([0, Math.fround(sigmoid(-100)), 1, 1]);
      expect(run("tanh")).toEqual([-1, -1, 1, 1]);
      expect(run("logSigmoid")).toEqual([-Infinity, -100, -0 - Math.fround(Math.exp(-100)), 0].map((v) => Math.fround(v)));
      expect(run("softplus", 1, 20)).toEqual([0, Math.fround(Math.exp(-100)), 100, Infinity]);
      expect(run("relu")).toEqual([0, 0, 100, Infinity]);
      expect(run("elu", 1)).toEqual([-1, -1, 100, Infinity]);
    });
    it("clamp with min > max gives max everywhere", () => {
      const out = new Float32Array(3);
      backend.unary("clamp", new Float32Array([-5, 0.5, 5]), out, 1, 0);
      expect(Array.from(out)).toEqual([0, 0, 0]);
    });
    it("writes only `out`, sized like x, and handles empty arrays", () => {
      const x = new Float32Array([1, 2]);
      const out = new Float32Array(2);
      backend.unary("exp", x, out);
      expect(Array.from(x)).toEqual([1, 2]);
      backend.unary("exp", new Float32Array(0), new Float32Array(0));
    });
  });

  describe("binary with broadcasting", () => {
    const ref: Record<BinaryOp, (x: number, y: number) => number> = {
      add: (x, y) => x + y, sub: (x, y) => x - y, mul: (x, y) => x * y, div: (x, y) => x / y, pow: (x, y) => x ** y,
      maximum: (x, y) => (Number.isNaN(x) || Number.isNaN(y) ? NaN : Math.max(x, y)),
      minimum: (x, y) => (Number.isNaN(x) || Number.isNaN(y) ? NaN : Math.min(x, y)),
      eq: (x, y) => +(x === y), ne: (x, y) => +(x !== y), lt: (x, y) => +(x < y), le: (x, y) => +(x <= y),
      gt: (x, y) => +(x > y), ge: (x, y) => +(x >= y),
    };
    const shapes: [number[], number[], number[]][] = [
      [[2, 3], [2, 3], [2, 3]], [[4, 3], [3], [4, 3]], [[3], [4, 3], [4, 3]], [[4, 1], [4, 3], [4, 3]],
      [[2, 3], [], [2, 3]], [[], [2, 3], [2, 3]], [[3, 1, 4], [2, 1], [3, 2, 4]], [[2, 1, 3], [1, 4, 1], [2, 4, 3]],
      [[1, 1, 5], [2, 3, 1], [2, 3, 5]], [[2, 3, 4], [1, 3, 1], [2, 3, 4]], [[], [], []], [[0, 3], [3], [0, 3]],
      [[5, 2, 1, 3], [2, 4, 1], [5, 2, 4, 3]],
    ];
    const r = rng(2);
    for (const op of Object.keys(ref) as BinaryOp[]) {
      it(op, () => {
        for (const [sa, sb, so] of shapes) {
          const a = randArray(r, sizeOf(sa), op === "pow" ? 0.1 : -2, 2);
          const b = randArray(r, sizeOf(sb));
          if (op.length === 2 && b.length > 0) b[0] = a[0] ?? 0; // comparisons meet equality at least once
          const out = new Float32Array(sizeOf(so));
          backend.binary(op, a, sa, b, sb, out, so);
          const expected = Array.from(out, (_, p) => {
            const idx = unravel(p, so);
            return ref[op](a[broadcastOffset(idx, sa)]!, b[broadcastOffset(idx, sb)]!);
          });
          expectArraysClose(out, expected, 2e-6, 1e-6, `${op} ${JSON.stringify(sa)} ${JSON.stringify(sb)}`);
        }
      });
    }
    it("propagates NaN through arithmetic, maximum and minimum; comparisons with NaN are false except ne", () => {
      const a = new Float32Array([NaN, 1]);
      const b = new Float32Array([1, NaN]);
      for (const op of ["add", "sub", "mul", "div", "pow", "maximum", "minimum"] as BinaryOp[]) {
        const out = new Float32Array(2);
        backend.binary(op, a, [2], b, [2], out, [2]);
        expect([out[0], out[1]], op).toEqual([NaN, NaN]);
      }
      for (const op of ["eq", "lt", "le", "gt", "ge", "ne"] as BinaryOp[]) {
        const out = new Float32Array(2);
        backend.binary(op, a, [2], b, [2], out, [2]);
        expect(Array.from(out), op).toEqual(op === "ne" ? [1, 1] : [0, 0]);
      }
    });
  });

  describe("where", () => {
    it("selects a where cond is nonzero (NaN counts as true), b elsewhere, broadcasting all three", () => {
      const r = rng(3);
      const cases: [number[], number[], number[], number[]][] = [
        [[2, 3], [2, 3], [2, 3], [2, 3]], [[3], [2, 3], [], [2, 3]], [[2, 1], [1, 3], [3], [2, 3]],
        [[], [4], [4], [4]], [[2, 1, 1], [3, 1], [4], [2, 3, 4]],
      ];
      for (const [sc, sa, sb, so] of cases) {
        const cond = Float32Array.from(randArray(r, sizeOf(sc)), (v, i) => (i % 5 === 4 ? NaN : v > 0 ? 1 : 0));
        const a = randArray(r, sizeOf(sa));
        const b = randArray(r, sizeOf(sb));
        const out = new Float32Array(sizeOf(so));
        backend.where(cond, sc, a, sa, b, sb, out, so);
        const expected = Array.from(out, (_, p) => {
          const idx = unravel(p, so);
          return cond[broadcastOffset(idx, sc)] !== 0 ? a[broadcastOffset(idx, sa)]! : b[broadcastOffset(idx, sb)]!;
        });
        expectArraysClose(out, expected, 0, 0, `where ${JSON.stringify(so)}`);
      }
    });
  });
}
