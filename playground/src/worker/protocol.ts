/** Messages between the page and the training worker. Arrays travel as transferable Float32Arrays. */
import type { Settings } from "../settings.js";
import type { Points } from "../model/datasets.js";
import type { EarlyStopMark } from "../model/trainer.js";
import type { LayerStats } from "../model/stats.js";

/** Cells per side of the heatmap grid over [−6, 6]². */
export const GRID = 64;
/** Cells per side of the neurons' heatmaps when a network has more than MANY_UNITS hidden units (lifted limits). */
export const SMALL_GRID = 24;
export const MANY_UNITS = 64;

export type ToWorker =
  /** Draw the data (or take the given points) and build the network: a full reset. */
  | { type: "reset"; settings: Settings; points: Points | null }
  /** Change "live" settings without resetting. */
  | { type: "configure"; settings: Settings }
  | { type: "play" }
  | { type: "pause" }
  /** One epoch, then pause. */
  | { type: "step" }
  /** A hand edit: weight [to, from] of Linear layer `layer`; from = −1 is the bias. */
  | { type: "setWeight"; layer: number; to: number; from: number; value: number }
  /** The page has drawn the last frame: the worker may send the next. */
  | { type: "ack" };

export interface LinearWeights {
  inFeatures: number;
  outFeatures: number;
  /** [outFeatures · inFeatures], row-major as nn.Linear's weight. */
  weight: Float32Array;
  bias: Float32Array;
}

export interface Frame {
  type: "frame";
  /** Increases with every reset, so the page can drop frames of an old network. */
  generation: number;
  epoch: number;
  playing: boolean;
  trainLoss: number;
  testLoss: number;
  accuracy: { train: number; test: number } | null;
  lr: number;
  /** Losses of the epochs since the previous frame, in order (the first is epoch `historyStart` + 1). */
  historyStart: number;
  trainHistory: number[];
  testHistory: number[];
  earlyStop: EarlyStopMark | null;
  /** Output over the grid, row-major from the top-left (x1 = −6, x2 = +6): [GRID² · channels]. */
  output: Float32Array;
  /** 1 for two classes (2p − 1 in [−1, 1]) and regression (the prediction); one probability per class otherwise. */
  channels: number;
  /** Each hidden layer's outputs over the neurons' grid: [neuronGrid² · width]. */
  neurons: Float32Array[];
  /** GRID, or SMALL_GRID for very wide networks (keeps frames small). */
  neuronGrid: number;
  weights: LinearWeights[];
  stats: LayerStats[];
}

export interface DataMessage {
  type: "data";
  generation: number;
  points: Points;
  /** Indices of the training and test points. */
  trainIdx: Int32Array;
  testIdx: Int32Array;
}

export type FromWorker = Frame | DataMessage | { type: "error"; message: string };
