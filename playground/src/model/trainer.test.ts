import { describe, expect, test } from "vitest";
import { defaults, type Settings } from "../settings.js";
import { makePoints } from "./datasets.js";
import { Trainer } from "./trainer.js";
import { layerStats, unitHealth } from "./stats.js";

const settings = (patch: Partial<Settings> = {}): Settings => ({ ...defaults(), ...patch });
const trainerFor = (patch: Partial<Settings> = {}): Trainer => {
  const s = settings(patch);
  return new Trainer(s, makePoints(s, null));
};
const weightsOf = (t: Trainer): number[][] => t.net.linears.map((l) => Array.from(l.weight.data));
const sumAbs = (t: Trainer): number => t.net.linears.reduce((a, l) => a + l.weight.data.reduce((b, v) => b + Math.abs(v), 0), 0);

describe("Trainer", () => {
  test("the seed fixes the initial weights: a reset gives the same network, another seed another", () => {
    expect(weightsOf(trainerFor({ seed: 5 }))).toEqual(weightsOf(trainerFor({ seed: 5 })));
    expect(weightsOf(trainerFor({ seed: 5 }))).not.toEqual(weightsOf(trainerFor({ seed: 6 })));
    for (const init of ["pytorch", "xavier", "kaiming", "lecun", "orthogonal"] as const) {
      expect(weightsOf(trainerFor({ init, seed: 2 })), init).toEqual(weightsOf(trainerFor({ init, seed: 2 })));
    }
  });

  test("the split follows the ratio and the data seed", () => {
    const t = trainerFor({ trainRatio: 70 });
    expect(t.trainIdx.length).toBe(350);
    expect(t.testIdx.length).toBe(150);
    expect(trainerFor({ dataSeed: 3 }).trainIdx).toEqual(trainerFor({ dataSeed: 3 }).trainIdx);
  });

  test("training on the circle with the defaults separates the classes", () => {
    const t = trainerFor();
    const before = t.losses().test;
    for (let i = 0; i < 150; i++) t.trainEpoch();
    expect(t.epoch).toBe(150);
    expect(t.history.test).toHaveLength(150);
    expect(t.losses().test).toBeLessThan(0.2);
    expect(before).toBeGreaterThan(0.5);
    expect(t.accuracy()!.test).toBeGreaterThan(0.95);
  });

  test("three spiral arms: softmax over three outputs, cross-entropy falls", () => {
    const t = trainerFor({ dataset: "spiral3", networkShape: [8, 8], activation: "relu", optimizer: "adam", learningRate: 0.01, features: ["x1", "x2", "sinX1", "sinX2"] });
    expect(t.net.linears.at(-1)!.outFeatures).toBe(3);
    const before = t.losses().train;
    expect(before).toBeGreaterThan(0.9); // about ln 3
    for (let i = 0; i < 60; i++) t.trainEpoch();
    expect(t.losses().train).toBeLessThan(0.6 * before);
  });

  test("regression on the plane: the mean squared error falls towards 0", () => {
    const t = trainerFor({ problem: "regression", dataset: "regressPlane" });
    for (let i = 0; i < 50; i++) t.trainEpoch();
    expect(t.losses().test).toBeLessThan(0.01);
  });

  test("L1 and L2 regularisation shrink the weights", () => {
    const epochs = (t: Trainer): Trainer => {
      for (let i = 0; i < 40; i++) t.trainEpoch();
      return t;
    };
    const plain = sumAbs(epochs(trainerFor()));
    expect(sumAbs(epochs(trainerFor({ regularization: "L1", regularizationRate: 0.03 })))).toBeLessThan(0.8 * plain);
    expect(sumAbs(epochs(trainerFor({ regularization: "L2", regularizationRate: 0.1 })))).toBeLessThan(0.8 * plain);
  });

  test("live changes keep the weights; a new optimiser starts fresh", () => {
    const t = trainerFor();
    for (let i = 0; i < 5; i++) t.trainEpoch();
    const w = weightsOf(t);
    t.configure(settings({ learningRate: 0.3, optimizer: "adam", batchSize: 25 }));
    expect(weightsOf(t)).toEqual(w);
    expect(t.lr).toBe(0.3);
    expect(t.optimizer.constructor.name).toBe("Adam");
  });

  test("schedules change the learning rate per epoch", () => {
    const t = trainerFor({ lrSchedule: "exponential" });
    t.trainEpoch();
    t.trainEpoch();
    expect(t.lr).toBeCloseTo(0.03 * 0.99 ** 2, 8);
  });

  test("a hand edit sets one weight or bias", () => {
    const t = trainerFor();
    t.setWeight(1, 1, 2, 0.75);
    expect(t.net.linears[1]!.weight.data[1 * 4 + 2]).toBe(0.75);
    t.setWeight(0, 3, -1, -2);
    expect(t.net.linears[0]!.bias!.data[3]).toBe(-2);
  });

  test("early stopping marks the epoch where patience ran out, and the best epoch before it", () => {
    const t = trainerFor({ dataset: "xor", noise: 50, networkShape: [8, 8, 8], activation: "relu", learningRate: 0.3, patience: 10, trainRatio: 20 });
    for (let i = 0; i < 300 && !t.earlyStop; i++) t.trainEpoch();
    expect(t.earlyStop).not.toBeNull();
    const { epoch, bestEpoch } = t.earlyStop!;
    expect(epoch - bestEpoch).toBe(10);
    expect(Math.min(...t.history.test.slice(0, epoch))).toBe(t.history.test[bestEpoch - 1]);
  });

  test("dropout and batch normalisation build and train", () => {
    const t = trainerFor({ dropout: 0.2, batchNorm: true, networkShape: [8, 4] });
    expect(t.model.children().map((m) => m.constructor.name)).toEqual(["Linear", "BatchNorm1d", "Tanh", "Dropout", "Linear", "BatchNorm1d", "Tanh", "Dropout", "Linear"]);
    const before = t.losses().test;
    for (let i = 0; i < 30; i++) t.trainEpoch();
    expect(t.losses().test).toBeLessThan(before);
  });

  test("per-layer activations override the global one", () => {
    const t = trainerFor({ networkShape: [3, 3, 3], activation: "tanh", layerActivations: ["relu", "", "sigmoid"] });
    expect(t.model.children().map((m) => m.constructor.name)).toEqual(["Linear", "ReLU", "Linear", "Tanh", "Linear", "Sigmoid", "Linear"]);
  });
});

describe("layer health", () => {
  test("a ReLU unit whose input is always negative is dead; a tanh unit pushed far out is saturated", () => {
    const t = trainerFor({ networkShape: [3, 3], layerActivations: ["relu", "tanh"] });
    const [l0, l1] = t.net.linears;
    l0!.weight.data.fill(0, 0, 2);
    l0!.bias!.data[0] = -1; // unit 1 of layer 1: relu(−1) = 0 everywhere
    l1!.bias!.data[2] = 50; // unit 3 of layer 2: tanh(≈50) = 1 everywhere
    const stats = layerStats(t.net, t.xTrain, t.yTrain, t.lossFn, ["relu", "tanh"]);
    expect(stats[0]!.dead).toEqual([0]);
    expect(stats[1]!.saturated).toEqual([2]);
    expect(stats[0]!.outputs.counts.reduce((a, b) => a + b, 0)).toBe(t.yTrain.shape[0]! * 3);
    // the statistics pass leaves no gradients behind
    expect(t.net.linears.every((l) => !l.weight.grad || l.weight.grad.data.every((v) => v === 0))).toBe(true);
  });

  test("unitHealth on plain values", () => {
    const h = new Float32Array([0, 0.99, 0.5, 0, -0.99, -0.2, 0, 0.98, 0.1]); // 3 rows × 3 units
    expect(unitHealth(h, 3, 3, "tanh")).toEqual({ dead: [0], saturated: [1] });
  });
});
