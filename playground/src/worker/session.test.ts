import { describe, expect, test } from "vitest";
import { defaults, type Settings } from "../settings.js";
import { Session } from "./session.js";
import { GRID, SMALL_GRID, type DataMessage, type Frame, type FromWorker } from "./protocol.js";

/** A session whose messages are collected; `next` waits for the next frame. */
function harness() {
  const got: FromWorker[] = [];
  const waiters: ((m: FromWorker) => void)[] = [];
  const session = new Session((m) => {
    got.push(m);
    waiters.shift()?.(m);
  });
  const next = (): Promise<FromWorker> => new Promise((ok) => waiters.push(ok));
  const frames = (): Frame[] => got.filter((m): m is Frame => m.type === "frame");
  return { session, got, next, frames };
}

const s = (patch: Partial<Settings> = {}): Settings => ({ ...defaults(), ...patch });

describe("the worker's session", () => {
  test("reset sends the points, then a frame with every heatmap, weight and statistic", () => {
    const { session, got, frames } = harness();
    session.handle({ type: "reset", settings: s({ networkShape: [3, 2] }), points: null });
    const data = got[0] as DataMessage;
    expect(data.type).toBe("data");
    expect(data.points.y.length).toBe(500);
    expect(data.trainIdx.length + data.testIdx.length).toBe(500);
    const f = frames()[0]!;
    expect(f.epoch).toBe(0);
    expect(f.output.length).toBe(GRID * GRID);
    expect(f.neurons.map((n) => n.length)).toEqual([GRID * GRID * 3, GRID * GRID * 2]);
    expect(f.weights.map((w) => [w.outFeatures, w.inFeatures])).toEqual([[3, 2], [2, 3], [1, 2]]);
    expect(f.stats).toHaveLength(2);
    expect(f.output.every((v) => v >= -1 && v <= 1)).toBe(true);
  });

  test("one frame in flight: the next waits for the page's ack", () => {
    const { session, frames } = harness();
    session.handle({ type: "reset", settings: s(), points: null });
    session.handle({ type: "step" });
    expect(frames()).toHaveLength(1);
    session.handle({ type: "ack" });
    expect(frames()).toHaveLength(2);
    expect(frames()[1]!.epoch).toBe(1);
    expect(frames()[1]!.trainHistory).toHaveLength(1);
  });

  test("play trains in slices until pause; histories arrive without gaps", async () => {
    const { session, next, frames } = harness();
    session.handle({ type: "reset", settings: s(), points: null });
    session.handle({ type: "ack" });
    session.handle({ type: "play" }); // answered at once with a frame saying it plays
    expect(frames().at(-1)!.playing).toBe(true);
    for (let i = 0; i < 4; i++) {
      const wait = next();
      session.handle({ type: "ack" });
      const f = (await wait) as Frame;
      expect(f.playing).toBe(true);
    }
    session.handle({ type: "pause" });
    const all = frames();
    const last = all.at(-1)!;
    expect(last.epoch).toBeGreaterThan(0);
    // the frames' histories tile the epochs 1..n in order
    const stitched = all.flatMap((f) => f.trainHistory);
    expect(stitched.length).toBeGreaterThanOrEqual(all.at(-2)!.epoch);
    all.forEach((f, i) => i > 0 && expect(f.historyStart).toBe(all[i - 1]!.historyStart + all[i - 1]!.trainHistory.length));
  });

  test("a hand-edited weight shows in the next frame", () => {
    const { session, frames } = harness();
    session.handle({ type: "reset", settings: s(), points: null });
    session.handle({ type: "ack" });
    session.handle({ type: "setWeight", layer: 0, to: 2, from: 1, value: 3.5 });
    expect(frames().at(-1)!.weights[0]!.weight[2 * 2 + 1]).toBe(3.5);
  });

  test("more than two classes: one probability per class and grid cell", () => {
    const { session, frames } = harness();
    session.handle({ type: "reset", settings: s({ dataset: "blobs4" }), points: null });
    const f = frames()[0]!;
    expect(f.channels).toBe(4);
    let sum = 0;
    for (let k = 0; k < 4; k++) sum += f.output[k]!;
    expect(sum).toBeCloseTo(1, 5);
  });

  test("errors come back as messages, not exceptions", () => {
    const { session, got } = harness();
    session.handle({ type: "reset", settings: s({ features: [] }), points: null });
    expect(got.at(-1)).toEqual({ type: "error", message: expect.stringMatching(/at least one input feature/) });
  });
});

describe("edge cases", () => {
  test("with the limits lifted, a wide network's neuron heatmaps use a coarser grid to keep frames small", () => {
    const { session, frames } = harness();
    session.handle({ type: "reset", settings: s({ unlimited: true, networkShape: [40, 40] }), points: null });
    const f = frames()[0]!;
    expect(f.neuronGrid).toBe(SMALL_GRID);
    expect(f.neurons.map((n) => n.length)).toEqual([SMALL_GRID * SMALL_GRID * 40, SMALL_GRID * SMALL_GRID * 40]);
    expect(f.output.length).toBe(GRID * GRID);
  });

  test("no points yet (an empty drawing) and a single point: a network, no training, no crash", () => {
    const { session, got, frames } = harness();
    session.handle({ type: "reset", settings: s({ dataset: "custom" }), points: null });
    expect(got.some((m) => m.type === "error")).toBe(false);
    session.handle({ type: "ack" });
    session.handle({ type: "step" });
    expect(Number.isNaN(frames().at(-1)!.testLoss)).toBe(true);
    session.handle({ type: "reset", settings: s({ dataset: "custom" }), points: { x: new Float32Array([1, 2]), y: new Float32Array([1]), classes: 2 } });
    session.handle({ type: "ack" });
    session.handle({ type: "step" });
    expect(got.some((m) => m.type === "error")).toBe(false);
    expect(frames().at(-1)!.epoch).toBe(1);
  });

  test("early stopping set to pause stops the play loop where patience runs out", async () => {
    const { session, next, frames } = harness();
    session.handle({ type: "reset", settings: s({ dataset: "xor", noise: 50, networkShape: [8, 8, 8], activation: "relu", learningRate: 0.3, patience: 10, trainRatio: 20, earlyStopping: "stop" }), points: null });
    session.handle({ type: "ack" });
    session.handle({ type: "play" });
    for (let i = 0; i < 200 && frames().at(-1)!.playing; i++) {
      const wait = next();
      session.handle({ type: "ack" });
      await wait;
    }
    const last = frames().at(-1)!;
    expect(last.playing).toBe(false);
    expect(last.earlyStop).not.toBeNull();
    expect(last.epoch).toBe(last.earlyStop!.epoch);
  });
});
