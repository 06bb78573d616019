/** Splitting and scaling a dataset as a run does, so evaluate can rebuild the same test split. */
import { Generator, data, tensor, type Tensor } from "../index.js";
import type { TrainConfig } from "./config.js";
import type { LoadedData } from "./datasets.js";
import type { Preprocess } from "./run-folder.js";

export interface Prepared {
  train: [Tensor, Tensor];
  val: [Tensor, Tensor] | null;
  test: [Tensor, Tensor] | null;
  preprocess: Preprocess;
}

/** Splits into train/val/test (stratified for classification, seeded) and standardises with training statistics only. */
export function prepare(d: LoadedData, config: TrainConfig): Prepared {
  const generator = new Generator(config.seed + 1);
  const stratify = d.task === "classification" ? d.y : undefined;
  const test = d.test ? 0 : config.test;
  const split = data.trainValTestSplit([d.x, d.y], { val: config.val, test, stratify, generator });
  const [trX, trY] = split.train as [Tensor, Tensor];
  const hasVal = split.indices.val.length > 0;
  const hasTest = d.test !== undefined || split.indices.test.length > 0;
  let testPair: [Tensor, Tensor] | null = d.test ? [d.test.x, d.test.y] : hasTest ? (split.test as [Tensor, Tensor]) : null;
  let valPair: [Tensor, Tensor] | null = hasVal ? (split.val as [Tensor, Tensor]) : null;
  let trainX = trX;
  let scaler: Preprocess["scaler"] = null;
  if (config.standardize) {
    const s = new data.StandardScaler().fit(trX);
    trainX = s.transform(trX);
    if (valPair) valPair = [s.transform(valPair[0]), valPair[1]];
    if (testPair) testPair = [s.transform(testPair[0]), testPair[1]];
    const sd = s.stateDict();
    scaler = { mean: Array.from(sd.mean!.data), scale: Array.from(sd.scale!.data) };
  }
  return {
    train: [trainX, trY],
    val: valPair,
    test: testPair,
    preprocess: { scaler, inputs: d.x.shape[1]!, numClasses: d.numClasses, classNames: d.classNames, task: d.task },
  };
}

/** Applies a saved scaler to new rows. */
export function applyScaler(x: Tensor, p: Preprocess): Tensor {
  if (x.shape[1] !== p.inputs) {
    throw new RangeError(`input has ${x.shape[1]} features per row, but the model was trained on ${p.inputs}`);
  }
  if (!p.scaler) return x;
  return x.sub(tensor(p.scaler.mean)).div(tensor(p.scaler.scale));
}
