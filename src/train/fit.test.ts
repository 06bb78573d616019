import { describe, expect, it } from "vitest";
import { Generator, manualSeed, nn, optim, data, tensor, type Tensor } from "../index.js";
import {
  fit, evaluate, predict, EarlyStopping, NonFiniteError, CSVLogger, LearningRateScheduler, ReduceLROnPlateau, ModelCheckpoint,
} from "./index.js";
import { ensemble } from "../tune/index.js";

function digits(): { train: [Tensor, Tensor]; val: [Tensor, Tensor]; test: [Tensor, Tensor] } {
  const d = data.loadDigits();
  const x = d.x.div(16);
  const s = data.trainValTestSplit([x, d.y], { val: 0.2, test: 0.2, stratify: d.y, generator: new Generator(1) });
  return { train: s.train as [Tensor, Tensor], val: s.val as [Tensor, Tensor], test: s.test as [Tensor, Tensor] };
}

const model = (seed = 0): nn.Module => nn.mlp([64, 32, 10], { activation: "relu", generator: new Generator(seed) });
const weights = (m: nn.Module): Float32Array[] => m.parameters().map((p) => p.data.slice());

describe("fit", () => {
  it("trains an MLP on the digits and records loss, metrics, lr and timings per epoch", async () => {
    const { train, val, test } = digits();
    const m = model();
    const opt = new optim.Adam(m.parameters(), { lr: 3e-3 });
    const h = await fit(m, { loss: nn.F.crossEntropy, optimizer: opt, train, validation: val, epochs: 8, batchSize: 32, metrics: ["accuracy"] });
    expect(h.epoch).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const k of ["loss", "accuracy", "val_loss", "val_accuracy", "lr", "time", "trainTime", "evalTime", "samplesPerSecond"]) {
      expect(h.history[k], k).toHaveLength(8);
    }
    expect(h.history.loss![7]!).toBeLessThan(h.history.loss![0]!);
    expect(h.history.lr![0]).toBeCloseTo(3e-3, 9);
    expect(h.timing.samplesPerSecond).toBeGreaterThan(0);
    expect(evaluate(m, test, { metrics: ["accuracy"] }).accuracy!).toBeGreaterThan(0.9);
    expect(h.toCSV().split("\n")[0]).toBe("epoch,loss,accuracy,val_loss,val_accuracy,lr,time,trainTime,evalTime,samplesPerSecond");
    expect(predict(m, test[0]).shape).toEqual([test[0].shape[0], 10]);
  });

  it("is deterministic: one seed gives bit-identical weights", async () => {
    const { train } = digits();
    const run = async (): Promise<Float32Array[]> => {
      manualSeed(3);
      const m = nn.mlp([64, 16, 10], { dropout: 0.2, generator: new Generator(5) });
      await fit(m, { loss: nn.F.crossEntropy, optimizer: new optim.SGD(m.parameters(), { lr: 0.05, momentum: 0.9 }), train, epochs: 2, seed: 11 });
      return weights(m);
    };
    expect(await run()).toEqual(await run());
  });

  it("EarlyStopping stops and restores the best epoch's weights exactly", async () => {
    const { train, val } = digits();
    const small: [Tensor, Tensor] = [train[0].narrow(0, 0, 120), train[1].narrow(0, 0, 120)];
    const m = nn.mlp([64, 128, 10], { generator: new Generator(2) });
    const es = new EarlyStopping({ monitor: "val_loss", patience: 3, restoreBestWeights: true });
    const h = await fit(m, { loss: nn.F.crossEntropy, optimizer: new optim.Adam(m.parameters(), { lr: 0.01 }), train: small, validation: val, epochs: 60, callbacks: [es] });
    const vl = h.history.val_loss!;
    expect(es.stoppedEpoch).not.toBeNull();
    expect(h.epoch.length).toBeLessThan(60);
    const best = Math.min(...vl);
    expect(es.bestEpoch).toBe(vl.indexOf(best));
    expect(es.bestEpoch).toBeLessThan(h.epoch.length - 1);
    expect(evaluate(m, val, { loss: nn.F.crossEntropy }).loss).toBe(best);
  });

  it("a NaN learning rate stops training with an error naming the epoch and batch, weights intact", async () => {
    const { train } = digits();
    const m = model(4);
    const opt = new optim.SGD(m.parameters(), { lr: 0.1 });
    let batches = 0;
    const poison = { onBatchBegin: (b: number, _l: unknown, ctx: { epoch: number }) => { batches++; if (ctx.epoch === 1 && b === 3) opt.paramGroups[0]!.lr = NaN; } };
    let before: Float32Array[] = [];
    const snap = { onBatchBegin: (b: number, _l: unknown, ctx: { epoch: number }) => { if (ctx.epoch === 1 && b === 3) before = weights(m); } };
    const err = await fit(m, { loss: nn.F.crossEntropy, optimizer: opt, train, epochs: 3, callbacks: [snap, poison] }).catch((e) => e);
    expect(err).toBeInstanceOf(NonFiniteError);
    expect(err.message).toMatch(/at epoch 1, batch 3/);
    expect(weights(m)).toEqual(before);
    expect(weights(m).every((w) => w.every(Number.isFinite))).toBe(true);
    expect(batches).toBeGreaterThan(3);
  });

  it("a diverging run (huge lr) keeps the last finite weights", async () => {
    const { train } = digits();
    const m = nn.mlp([64, 32, 10], { generator: new Generator(1) });
    const err = await fit(m, { loss: nn.F.crossEntropy, optimizer: new optim.SGD(m.parameters(), { lr: 1e30 }), train, epochs: 5 }).catch((e) => e);
    expect(err).toBeInstanceOf(NonFiniteError);
    expect(weights(m).every((w) => w.every(Number.isFinite))).toBe(true);
  });

  it("calls user callbacks in order and supports schedules, plateau and checkpoint callbacks", async () => {
    const { train, val } = digits();
    const m = model(6);
    const opt = new optim.SGD(m.parameters(), { lr: 0.1 });
    const events: string[] = [];
    const user = {
      onTrainBegin: () => void events.push("trainBegin"),
      onEpochBegin: (e: number) => void events.push(`epochBegin${e}`),
      onEpochEnd: (e: number) => void events.push(`epochEnd${e}`),
      onTrainEnd: () => void events.push("trainEnd"),
    };
    const lines: string[] = [];
    const ckpt = new ModelCheckpoint({ monitor: "val_accuracy" });
    await fit(m, {
      loss: nn.F.crossEntropy, optimizer: opt, train, validation: val, epochs: 3, metrics: ["accuracy"],
      callbacks: [user, new CSVLogger((l) => lines.push(l)), new LearningRateScheduler((epoch) => 0.1 / (1 + epoch)), ckpt],
    });
    expect(events).toEqual(["trainBegin", "epochBegin0", "epochEnd0", "epochBegin1", "epochEnd1", "epochBegin2", "epochEnd2", "trainEnd"]);
    expect(lines).toHaveLength(4);
    expect(lines[0]!.startsWith("epoch,loss,accuracy,val_loss")).toBe(true);
    expect(opt.paramGroups[0]!.lr).toBeCloseTo(0.1 / 3, 9);
    expect(ckpt.bestState).not.toBeNull();

    const plateau = new ReduceLROnPlateau({ monitor: "loss", patience: 0, factor: 0.5, minDelta: 1e9 });
    const opt2 = new optim.SGD(m.parameters(), { lr: 0.1 });
    await fit(m, { loss: nn.F.crossEntropy, optimizer: opt2, train, epochs: 3, callbacks: [plateau] });
    // The first epoch always improves on +Infinity; the next two cannot improve by 1e9.
    expect(opt2.paramGroups[0]!.lr).toBeCloseTo(0.1 * 0.5 ** 2, 9);
  });

  it("LearningRateScheduler drives an optim.lrScheduler per epoch", async () => {
    const { train } = digits();
    const m = model(7);
    const opt = new optim.SGD(m.parameters(), { lr: 0.1 });
    const h = await fit(m, { loss: nn.F.crossEntropy, optimizer: opt, train, epochs: 4, callbacks: [new LearningRateScheduler(new optim.lrScheduler.StepLR(opt, { stepSize: 2, gamma: 0.5 }))] });
    expect(h.history.lr!.map((v) => +v.toFixed(6))).toEqual([0.1, 0.1, 0.05, 0.05]);
  });

  it("rejects bad options with clear errors", async () => {
    const m = model();
    const opt = new optim.SGD(m.parameters(), { lr: 0.1 });
    await expect(fit(m, { loss: nn.F.crossEntropy, optimizer: opt, train: [tensor([[1]]), tensor([0, 1])], epochs: 1 })).rejects.toThrow(/x has 1 rows but y has 2/);
    await expect(fit(m, { loss: nn.F.crossEntropy, optimizer: opt, train: digits().train, epochs: -1 })).rejects.toThrow(/epochs must be a non-negative integer/);
  });
});

describe("ensemble", () => {
  it("averages the members' probabilities", async () => {
    const { train, test } = digits();
    const members: nn.Module[] = [];
    for (let s = 0; s < 3; s++) {
      const m = model(10 + s);
      await fit(m, { loss: nn.F.crossEntropy, optimizer: new optim.Adam(m.parameters(), { lr: 3e-3 }), train, epochs: 3, seed: s });
      members.push(m);
    }
    const e = ensemble(members);
    const p = predict(e, test[0]);
    const manual = members.map((m) => predict(m, test[0]).softmax(1)).reduce((a, b) => a.add(b)).div(3);
    p.data.forEach((v, i) => expect(Math.abs(v - manual.data[i]!)).toBeLessThan(1e-6));
    expect(p.sum(1).data.every((v) => Math.abs(v - 1) < 1e-5)).toBe(true);
    expect(evaluate(e, test, { metrics: ["accuracy"] }).accuracy!).toBeGreaterThan(0.85);
  });
});
