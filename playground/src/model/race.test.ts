import { describe, expect, test } from "vitest";
import { RACERS, SURFACES, startRace, stepRace, type Racer } from "./race.js";

const run = (id: keyof typeof SURFACES, steps: number, start?: [number, number]): Record<string, Racer> => {
  const s = SURFACES[id];
  const racers = startRace(s, start);
  for (let i = 0; i < steps; i++) stepRace(s, racers);
  return Object.fromEntries(racers.map((r) => [r.id, r]));
};

describe("optimiser race", () => {
  test("every optimiser makes progress on every surface, and none diverges in a full race", () => {
    for (const s of Object.values(SURFACES)) {
      const racers = run(s.id, s.steps);
      for (const id of RACERS) {
        expect(racers[id]!.diverged, `${s.id} ${id}`).toBe(false);
        expect(racers[id]!.value, `${s.id} ${id}`).toBeLessThan(s.at(...s.start));
        expect(racers[id]!.path).toHaveLength(2 * (s.steps + 1));
      }
    }
  });

  test("ill-conditioned bowl: at the same learning rate, momentum is far ahead of plain SGD", () => {
    const r = run("bowl", 100);
    expect(r.momentum!.value).toBeLessThan(r.sgd!.value / 10);
    expect(r.nesterov!.value).toBeLessThan(r.sgd!.value / 10);
  });

  test("saddle: Adam and momentum leave the ridge long before SGD does", () => {
    const r = run("saddle", 60);
    expect(Math.abs(r.adam!.param.data[1]!)).toBeGreaterThan(1);
    expect(Math.abs(r.momentum!.param.data[1]!)).toBeGreaterThan(0.1);
    expect(Math.abs(r.sgd!.param.data[1]!)).toBeLessThan(0.01);
  });

  test("Rosenbrock: Adam reaches the valley floor near (1, 1); SGD is still far away", () => {
    const r = run("rosenbrock", SURFACES.rosenbrock.steps);
    expect(r.adam!.value).toBeLessThan(0.01);
    expect(r.sgd!.value).toBeGreaterThan(1);
  });

  test("gradients come from autograd: one SGD step moves by lr·∇f", () => {
    const s = SURFACES.bowl;
    const [sgd] = startRace(s, [1, 1]);
    stepRace(s, [sgd!]);
    // ∇f = (x, 20y) = (1, 20)
    expect(sgd!.param.data[0]).toBeCloseTo(1 - s.lr.sgd * 1, 6);
    expect(sgd!.param.data[1]).toBeCloseTo(1 - s.lr.sgd * 20, 6);
  });

  test("a run that blows up is marked diverged and stops", () => {
    const s = { ...SURFACES.bowl, lr: { ...SURFACES.bowl.lr, sgd: 1 } };
    const racers = startRace(s);
    for (let i = 0; i < 200; i++) stepRace(s, racers);
    const sgd = racers.find((r) => r.id === "sgd")!;
    expect(sgd.diverged).toBe(true);
    expect(sgd.path.length).toBeLessThan(2 * 201);
  });
});
