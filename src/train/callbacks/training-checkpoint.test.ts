/** Exact resumption: 5 + 5 epochs through a checkpoint give the same bits as 10 straight, crashes included. */
import { describe, expect, it } from "vitest";
import { Generator, manualSeed, nn, optim, data, io, type Tensor } from "../../index.js";
import { fit, History, EarlyStopping, LearningRateScheduler, ReduceLROnPlateau, TrainingCheckpoint, type CallbackLike } from "../index.js";

const d = data.loadDigits();
const split = data.trainValTestSplit([d.x.div(16), d.y], { val: 0.2, stratify: d.y, generator: new Generator(1) });
const trainSet: [Tensor, Tensor] = [split.train[0]!.narrow(0, 0, 400), split.train[1]!.narrow(0, 0, 400)];
const valSet = split.val as [Tensor, Tensor];

/** A training whose every part carries state: BatchNorm buffers, dropout masks from a module generator and from the global one, Adam, a schedule, early stopping and plateau reduction. */
function setup(seed: number) {
  manualSeed(seed);
  const model = new nn.Sequential(
    ...nn.mlp([64, 32, 16], { batchNorm: true, dropout: 0.2, generator: new Generator(seed) }),
    new nn.Dropout({ p: 0.1 }), new nn.ReLU(), new nn.Linear(16, 10, { generator: new Generator(seed + 1) }),
  );
  const optimizer = new optim.Adam(model.parameters(), { lr: 1e-2 });
  const schedule = new optim.lrScheduler.StepLR(optimizer, { stepSize: 3, gamma: 0.5 });
  const early = new EarlyStopping({ patience: 50 });
  const callbacks: CallbackLike[] = [new LearningRateScheduler(schedule), early, new ReduceLROnPlateau({ patience: 1, factor: 0.8 })];
  return { model, optimizer, callbacks, early };
}

async function run(seed: number, epochs: number, ckpt: TrainingCheckpoint, extra: CallbackLike[] = []) {
  const s = setup(seed);
  const history = await fit(s.model, {
    loss: nn.F.crossEntropy, optimizer: s.optimizer, train: trainSet, validation: valSet, epochs, batchSize: 64, seed: 4,
    callbacks: [...s.callbacks, ...extra, ckpt],
  });
  return { ...s, history };
}

const bits = (m: nn.Module): number[][] => Object.values(m.stateDict()).map((t) => Array.from(new Uint32Array(t.data.slice().buffer)));

describe("TrainingCheckpoint", () => {
  it("5 + 5 epochs with a resume in between give bit-identical weights, optimiser state and history to 10 straight", async () => {
    const straight = await run(0, 10, new TrainingCheckpoint({ save: () => {} }));
    let saved: Uint8Array | null = null;
    const first = await run(0, 5, new TrainingCheckpoint({ save: (b) => void (saved = b) }));
    expect(first.history.epoch).toEqual([0, 1, 2, 3, 4]);
    // a different seed: everything the second half depends on must come from the checkpoint
    const ckpt = new TrainingCheckpoint({ save: () => {}, load: () => saved });
    const resumed = await run(99, 10, ckpt);
    expect(ckpt.resumedAt).toBe(5);
    expect(ckpt.step).toBe(straight.history.epoch.length * 7);
    expect(resumed.history.epoch).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(bits(resumed.model)).toEqual(bits(straight.model));
    expect(resumed.history.history.loss).toEqual(straight.history.history.loss);
    expect(resumed.history.history.val_loss).toEqual(straight.history.history.val_loss);
    expect(resumed.history.history.lr).toEqual(straight.history.history.lr);
    expect(resumed.early.best).toBe(straight.early.best);
    expect(io.encodeCheckpoint(resumed.optimizer.stateDict() as never)).toEqual(io.encodeCheckpoint(straight.optimizer.stateDict() as never));
  });

  it("a crash mid-epoch resumes from the last epoch end and still matches the straight run", async () => {
    const straight = await run(0, 6, new TrainingCheckpoint({ save: () => {} }));
    let saved: Uint8Array | null = null;
    const crash: CallbackLike = { onBatchEnd: (b, _l, ctx) => { if (ctx.epoch === 4 && b === 2) throw new Error("power cut"); } };
    await expect(run(0, 6, new TrainingCheckpoint({ save: (b) => void (saved = b) }), [crash])).rejects.toThrow("power cut");
    const ckpt = new TrainingCheckpoint({ save: () => {}, load: () => saved });
    const resumed = await run(5, 6, ckpt, [{}]);
    expect(ckpt.resumedAt).toBe(4);
    expect(bits(resumed.model)).toEqual(bits(straight.model));
  });

  it("refuses a checkpoint of another model or callback list, leaving everything as it was", async () => {
    let saved: Uint8Array | null = null;
    await run(0, 1, new TrainingCheckpoint({ save: (b) => void (saved = b) }));
    const other = nn.mlp([64, 8, 10]);
    const before = bits(other);
    const opt = new optim.SGD(other.parameters(), { lr: 0.1 });
    const fitOther = (callbacks: CallbackLike[]) => fit(other, { loss: nn.F.crossEntropy, optimizer: opt, train: trainSet, epochs: 2, callbacks });
    await expect(fitOther([new TrainingCheckpoint({ save: () => {}, load: () => saved })])).rejects.toThrow(/saved with 4 callbacks before the checkpoint, this training has 1/);
    const s = setup(0);
    const wrongModel = fit(other, {
      loss: nn.F.crossEntropy, optimizer: opt, train: trainSet, validation: valSet, epochs: 2,
      callbacks: [...s.callbacks, new TrainingCheckpoint({ save: () => {}, load: () => saved })],
    });
    await expect(wrongModel).rejects.toThrow(/the model does not match the checkpoint: .*missing key/);
    expect(bits(other)).toEqual(before);
    await expect(fitOther([new TrainingCheckpoint({ save: () => {} }), {}])).rejects.toThrow(/must be the last callback/);
    const bad = saved!.slice(0, saved!.length - 5);
    await expect(fitOther([new TrainingCheckpoint({ save: () => {}, load: () => bad })])).rejects.toThrow(/truncated/);
  });

  it("an early stop is saved, and resuming a stopped run does not train further", async () => {
    let saved: Uint8Array | null = null;
    const stopper: CallbackLike = { onEpochEnd: (e, _l, ctx) => { if (e === 2) ctx.stopTraining = true; } };
    const first = await run(0, 10, new TrainingCheckpoint({ save: (b) => void (saved = b) }), [stopper]);
    expect(first.history.epoch).toEqual([0, 1, 2]);
    const resumed = await run(0, 10, new TrainingCheckpoint({ save: () => {}, load: () => saved }), [{}]);
    expect(resumed.history.epoch).toEqual([0, 1, 2]);
    expect(bits(resumed.model)).toEqual(bits(first.model));
  });

  it("fit's own options continue a run by hand: initialEpoch, a shuffling generator whose state carries over, a history to append to", async () => {
    const model = nn.mlp([64, 8, 10], { generator: new Generator(1) });
    const optimizer = new optim.SGD(model.parameters(), { lr: 0.1 });
    const generator = new Generator(9);
    const history = new History();
    const opts = { loss: nn.F.crossEntropy, optimizer, train: trainSet, batchSize: 100, generator, history };
    await fit(model, { ...opts, epochs: 2 });
    const state = generator.getState();
    const h = await fit(model, { ...opts, epochs: 4, initialEpoch: 2 });
    expect(h).toBe(history);
    expect(h.epoch).toEqual([0, 1, 2, 3]);
    expect(h.history.loss).toHaveLength(4);
    expect(generator.getState()).not.toEqual(state);
    await expect(fit(model, { ...opts, epochs: 1, initialEpoch: -1 })).rejects.toThrow("fit: initialEpoch must be a non-negative integer, got -1");
  });
});
