/**
 * What the worker does, apart from the message plumbing: owns the Trainer, trains in slices of a few
 * milliseconds while playing (yielding between slices so pause and edits get through), and sends a frame of
 * heatmaps, weights and statistics whenever the page has drawn the previous one.
 */
import { Tensor } from "nabla";
import { activationOf, type Settings } from "../settings.js";
import { DOMAIN, makePoints, type Points } from "../model/datasets.js";
import { featurize } from "../model/features.js";
import { Trainer, inEval, trace } from "../model/trainer.js";
import { layerStats } from "../model/stats.js";
import { GRID, MANY_UNITS, SMALL_GRID, type Frame, type FromWorker, type ToWorker } from "./protocol.js";

/** Milliseconds of training between yields. */
const SLICE_MS = 12;

/** The grid's points, row-major from the top-left: x1 grows along a row, x2 falls down the rows. */
export function gridPoints(n = GRID): Tensor {
  const p = new Float32Array(n * n * 2);
  const cell = (2 * DOMAIN) / n;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      p[2 * (r * n + c)] = -DOMAIN + (c + 0.5) * cell;
      p[2 * (r * n + c) + 1] = DOMAIN - (r + 0.5) * cell;
    }
  }
  return new Tensor(p, [n * n, 2]);
}

export class Session {
  private trainer: Trainer | null = null;
  private settings: Settings | null = null;
  private grid: Tensor | null = null;
  private smallGrid: Tensor | null = null;
  private generation = 0;
  private playing = false;
  private awaitingAck = false;
  private dirty = false;
  private sentHistory = 0;
  private readonly tick: () => void;

  constructor(private readonly post: (msg: FromWorker, transfer: Transferable[]) => void) {
    // a MessageChannel yields without the 4 ms clamp of nested setTimeout
    const ch = new MessageChannel();
    ch.port1.onmessage = () => this.loop();
    this.tick = () => ch.port2.postMessage(null);
  }

  handle(msg: ToWorker): void {
    try {
      this.dispatch(msg);
    } catch (e) {
      this.playing = false;
      this.post({ type: "error", message: e instanceof Error ? e.message : String(e) }, []);
    }
  }

  private dispatch(msg: ToWorker): void {
    switch (msg.type) {
      case "reset": return this.reset(msg.settings, msg.points);
      case "configure":
        this.settings = msg.settings;
        this.trainer?.configure(msg.settings);
        return this.changed();
      case "play":
        if (!this.playing) {
          this.playing = true;
          this.tick();
        }
        return this.changed();
      case "pause":
        this.playing = false;
        return this.changed();
      case "step":
        this.playing = false;
        this.trainer?.trainEpoch();
        return this.changed();
      case "setWeight":
        this.trainer?.setWeight(msg.layer, msg.to, msg.from, msg.value);
        return this.changed();
      case "ack":
        this.awaitingAck = false;
        if (this.dirty) this.sendFrame();
        return;
    }
  }

  private reset(settings: Settings, custom: Points | null): void {
    this.settings = settings;
    this.generation++;
    const points = makePoints(settings, custom);
    this.trainer = new Trainer(settings, points);
    this.grid = featurize(gridPoints(), settings.features);
    this.smallGrid = featurize(gridPoints(SMALL_GRID), settings.features);
    this.sentHistory = 0;
    const msg = { type: "data" as const, generation: this.generation, points, trainIdx: this.trainer.trainIdx, testIdx: this.trainer.testIdx };
    this.post(msg, []);
    // a reset always shows its new network at once, even while the previous frame is being drawn
    this.awaitingAck = false;
    this.changed();
  }

  private changed(): void {
    if (this.awaitingAck) this.dirty = true;
    else this.sendFrame();
  }

  private loop(): void {
    const t = this.trainer;
    if (!this.playing || !t) return;
    const start = performance.now();
    do {
      t.trainEpoch();
      if (t.earlyStop && t.earlyStop.epoch === t.epoch && this.settings?.earlyStopping === "stop") this.playing = false;
    } while (this.playing && performance.now() - start < SLICE_MS);
    this.changed();
    if (this.playing) this.tick();
  }

  private sendFrame(): void {
    const t = this.trainer;
    const s = this.settings;
    if (!t || !s || !this.grid) return;
    this.dirty = false;
    this.awaitingAck = true;
    const frame = buildFrame(t, s, this.grid, this.smallGrid!, this.generation, this.playing, this.sentHistory);
    this.sentHistory = t.history.train.length;
    this.post(frame, [frame.output.buffer, ...frame.neurons.map((n) => n.buffer), ...frame.weights.flatMap((w) => [w.weight.buffer, w.bias.buffer])]);
  }
}

/** Everything the page draws for the trainer's current state. */
export function buildFrame(t: Trainer, s: Settings, grid: Tensor, smallGrid: Tensor, generation: number, playing: boolean, historyStart: number): Frame {
  const many = s.networkShape.reduce((a, b) => a + b, 0) > MANY_UNITS;
  const { hidden, output, channels } = inEval(t.model, () => {
    const { hidden: full, output } = trace(t.net, grid);
    const hidden = many ? trace(t.net, smallGrid).hidden : full;
    if (t.classes === 0) return { hidden, output: output.data.slice(), channels: 1 };
    if (t.classes === 2) return { hidden, output: output.div(2).tanh().data.slice(), channels: 1 }; // 2σ(z) − 1 = tanh(z/2)
    return { hidden, output: output.softmax(1).data.slice(), channels: t.classes };
  });
  const { train, test } = t.losses();
  return {
    type: "frame",
    generation,
    epoch: t.epoch,
    playing,
    trainLoss: t.history.train.at(-1) ?? train,
    testLoss: t.history.test.at(-1) ?? test,
    accuracy: t.accuracy(),
    lr: t.lr,
    historyStart,
    trainHistory: t.history.train.slice(historyStart),
    testHistory: t.history.test.slice(historyStart),
    earlyStop: t.earlyStop,
    output,
    channels,
    neurons: hidden.map((h) => h.data.slice()),
    neuronGrid: many ? SMALL_GRID : GRID,
    weights: t.net.linears.map((l) => ({ inFeatures: l.inFeatures, outFeatures: l.outFeatures, weight: l.weight.data.slice(), bias: l.bias!.data.slice() })),
    stats: layerStats(t.net, t.xTrain, t.yTrain, t.lossFn, s.networkShape.map((_, i) => activationOf(s, i))),
  };
}
