/** Every schedule against PyTorch 1.13's learning rates (and momenta) at each of 48 steps. */
import { describe, expect, it } from "vitest";
import { tensor } from "../../tensor/index.js";
import * as optim from "../index.js";
import { loadFixture } from "../test-utils/mlp.js";

const { lrScheduler } = optim;

interface SchedSpec {
  type: string;
  options?: Record<string, unknown>;
}
interface SchedCase extends SchedSpec {
  name: string;
  optimizer: "SGD" | "Adam";
  lrs: number[];
  steps: number;
  metrics?: number[];
  expectedLr: number[][];
  expectedMomentum?: number[][];
}

const LAMBDAS: Record<string, (e: number) => number> = {
  pow95: (e) => 0.95 ** e,
  inverse: (e) => 1 / (1 + 0.5 * e),
  warmup5: (e) => Math.min(1, (e + 1) / 5),
};

type AnySchedule = { step(arg?: number): void; getLastLr(): number[] };
type Ctor = new (opt: optim.Optimizer, options: Record<string, unknown>) => AnySchedule;

function build(opt: optim.Optimizer, spec: SchedSpec): AnySchedule {
  const o: Record<string, unknown> = { ...spec.options };
  if (spec.type === "LambdaLR") {
    const ll = o.lrLambda as string | string[];
    o.lrLambda = Array.isArray(ll) ? ll.map((n) => LAMBDAS[n]!) : LAMBDAS[ll]!;
  }
  if (spec.type === "SequentialLR") o.schedulers = (o.schedulers as SchedSpec[]).map((s) => build(opt, s));
  const C = (lrScheduler as unknown as Record<string, Ctor>)[spec.type]!;
  return new C(opt, o);
}

function setup(c: SchedCase): { opt: optim.Optimizer; momenta: () => number[] } {
  const groups = c.lrs.map((lr) => ({ params: [tensor([0, 0], { requiresGrad: true })], lr }));
  const opt = c.optimizer === "SGD" ? new optim.SGD(groups, { lr: 0.1, momentum: 0.9 }) : new optim.Adam(groups, { lr: 0.1 });
  const momenta = () => opt.paramGroups.map((g) => (c.optimizer === "SGD" ? (g.momentum as number) : (g.betas as number[])[0]!));
  return { opt, momenta };
}

/** |a − b| within a few ulps of |b| (Math.cos and ** may differ from C's libm in the last bit). */
function expectClose(got: number[][], want: number[][]): void {
  expect(got.length).toBe(want.length);
  got.forEach((row, i) => row.forEach((v, j) => {
    const w = want[i]![j]!;
    if (!(Math.abs(v - w) <= 1e-12 * Math.max(1, Math.abs(w)))) expect([i, j, v]).toEqual([i, j, w]);
  }));
}

const fx = loadFixture<{ cases: SchedCase[] }>("lr_scheduler");

describe("schedules match PyTorch 1.13 at every step", () => {
  it("covers every schedule PyTorch has", () => {
    const kinds = new Set(fx.cases.map((c) => c.type));
    for (const k of Object.keys(lrScheduler)) if (k !== "LRScheduler" && k !== "InverseTimeLR") expect(kinds).toContain(k);
  });

  for (const c of fx.cases) {
    it(c.name, () => {
      const { opt, momenta } = setup(c);
      const sched = build(opt, c);
      const lrs = [opt.paramGroups.map((g) => g.lr)];
      const moms = [momenta()];
      for (let i = 0; i < c.steps; i++) {
        opt.step();
        if (c.metrics) sched.step(c.metrics[i]);
        else sched.step();
        lrs.push(sched.getLastLr());
        moms.push(momenta());
      }
      expect(c.steps).toBeGreaterThanOrEqual(40);
      expectClose(lrs, c.expectedLr);
      if (c.expectedMomentum) expectClose(moms, c.expectedMomentum);
    });
  }
});
