/** The datasets the CLI can train on, by name or CSV path, as one shape: features, labels and the task. */
import { Generator, data, type Tensor } from "../index.js";
import { loadFashionMnist, readCsv } from "../node.js";
import { ConfigError } from "./config.js";

export interface LoadedData {
  x: Tensor;
  y: Tensor;
  task: "classification" | "regression";
  numClasses: number;
  classNames?: string[];
  /** A dataset's own test split, when it has one (Fashion-MNIST). */
  test?: { x: Tensor; y: Tensor };
  description: string;
}

export const DATASETS = [
  "digits", "iris", "fashion-mnist", "circle", "xor", "gaussian", "spiral", "moons", "regression-plane", "regression-gaussian",
] as const;

/** Loads a dataset by name, or a CSV file (`label` names its label column; the last column by default). */
export function loadData(name: string, options: { label?: string | null; seed: number }): LoadedData {
  const generator = new Generator(options.seed + 7919);
  const pg = data.playground;
  const two = (d: { x: Tensor; y: Tensor }, description: string): LoadedData => ({ ...d, task: "classification", numClasses: 2, description });
  const reg = (d: { x: Tensor; y: Tensor }, description: string): LoadedData => ({
    x: d.x, y: d.y.reshape(-1, 1), task: "regression", numClasses: 0, description,
  });
  switch (name) {
    case "digits": {
      const d = data.loadDigits();
      return { x: d.x, y: d.y, task: "classification", numClasses: 10, description: "UCI handwritten digits (1797 × 8×8)" };
    }
    case "iris": {
      const d = data.loadIris();
      return { x: d.x, y: d.y, task: "classification", numClasses: 3, classNames: d.classNames, description: "Iris (150 × 4)" };
    }
    case "fashion-mnist": {
      const train = loadFashionMnist({ split: "train" });
      const test = loadFashionMnist({ split: "test" });
      return { x: train.x, y: train.y, test, task: "classification", numClasses: 10, description: "Fashion-MNIST (60000 + 10000 × 28×28)" };
    }
    case "circle": return two(pg.circle({ numSamples: 500, noise: 0.1, generator }), "Playground circle");
    case "xor": return two(pg.xor({ numSamples: 500, noise: 0.1, generator }), "Playground XOR");
    case "gaussian": return two(pg.gaussian({ numSamples: 500, noise: 0.1, generator }), "Playground two Gaussians");
    case "spiral": return two(pg.spiral({ numSamples: 500, noise: 0.1, generator }), "Playground spiral");
    case "moons": return two(data.twoMoons({ numSamples: 500, noise: 0.1, generator }), "Two moons");
    case "regression-plane": return reg(pg.regressPlane({ numSamples: 500, noise: 0.1, generator }), "Playground regression plane");
    case "regression-gaussian": return reg(pg.regressGaussian({ numSamples: 500, noise: 0.1, generator }), "Playground regression Gaussian");
  }
  if (/\.(csv|txt|tsv)$/i.test(name)) {
    const label = options.label ?? undefined;
    const labelColumn = label === undefined ? -1 : /^\d+$/.test(label) ? Number(label) : label;
    const csv = readCsv(name, { labelColumn, ...(name.endsWith(".tsv") ? { delimiter: "\t" } : {}) });
    if (!csv.y) throw new ConfigError(`${name}: no label column found`);
    const classNames = csv.labelNames ?? undefined;
    const isClass = classNames !== undefined || isSmallIntegerSet(csv.y);
    if (!isClass) return { x: csv.x, y: csv.y.reshape(-1, 1), task: "regression", numClasses: 0, description: `CSV ${name}` };
    const numClasses = classNames?.length ?? Math.max(...csv.y.data) + 1;
    return { x: csv.x, y: csv.y, task: "classification", numClasses, classNames, description: `CSV ${name}` };
  }
  throw new ConfigError(`--data: unknown dataset "${name}" (expected one of ${DATASETS.join(", ")}, or a path to a .csv file)`);
}

/** Labels that look like classes: non-negative integers with few distinct values. */
function isSmallIntegerSet(y: Tensor): boolean {
  const seen = new Set<number>();
  for (const v of y.data) {
    if (!Number.isInteger(v) || v < 0) return false;
    seen.add(v);
    if (seen.size > 100) return false;
  }
  return seen.size <= Math.max(2, Math.sqrt(y.size));
}
