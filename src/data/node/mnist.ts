/** MNIST-style datasets from IDX files on disk (Node-only): Fashion-MNIST from Debian's package, and MNIST. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Tensor } from "../../tensor/index.js";
import { readIdxArray } from "./files.js";

/** Options of `loadMnist`: which split to load. */
export interface MnistOptions {
  /** "train" (60000 images) or "test" (10000); default "train". */
  split?: "train" | "test";
}

/** Options of `loadFashionMnist`: which split to load and the folder holding the IDX files. */
export interface FashionMnistOptions extends MnistOptions {
  /** Folder with the IDX files (default /usr/share/datasets/fashion-mnist, where Debian installs them). */
  dir?: string;
}

/** Images x [N, 784] scaled to [0, 1] (pixel / 255), labels y [N] (0..9), and the class names. */
export interface MnistData {
  x: Tensor;
  y: Tensor;
  classNames: string[];
}

/** Where Debian's dataset-fashion-mnist package installs the Fashion-MNIST IDX files: `loadFashionMnist`'s default folder. */
export const FASHION_MNIST_DIR = "/usr/share/datasets/fashion-mnist";
/** Fashion-MNIST's ten class names, indexed by label 0..9. */
export const FASHION_MNIST_CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

/** The file for `stem` (e.g. train-images-idx3-ubyte), gzipped or not, in either common spelling. */
function findFile(dir: string, stem: string): string | undefined {
  const dotted = stem.replace(/-(idx\d)-/, ".$1-"); // train-images.idx3-ubyte, as some MNIST copies name it
  for (const name of [stem, dotted]) {
    for (const candidate of [`${name}.gz`, name]) {
      const path = join(dir, candidate);
      if (existsSync(path)) return path;
    }
  }
  return undefined;
}

function loadIdxPair(op: string, dir: string, split: string, classNames: string[], missing: (file: string) => string): MnistData {
  if (split !== "train" && split !== "test") throw new RangeError(`${op}: split must be "train" or "test", got ${JSON.stringify(split)}`);
  const prefix = split === "train" ? "train" : "t10k";
  const paths = ["images-idx3-ubyte", "labels-idx1-ubyte"].map((s) => {
    const path = findFile(dir, `${prefix}-${s}`);
    if (!path) throw new Error(missing(join(dir, `${prefix}-${s}.gz`)));
    return path;
  });
  const images = readIdxArray(paths[0]!);
  const labels = readIdxArray(paths[1]!);
  if (images.dtype !== "uint8" || images.shape.length !== 3) {
    throw new RangeError(`${op}: ${paths[0]} holds ${images.shape.join("×")} ${images.dtype}, expected N×28×28 uint8 images`);
  }
  if (labels.dtype !== "uint8" || labels.shape.length !== 1 || labels.shape[0] !== images.shape[0]) {
    throw new RangeError(`${op}: ${paths[1]} holds ${labels.shape.join("×")} ${labels.dtype}, expected ${images.shape[0]} uint8 labels`);
  }
  const [n, h, w] = images.shape as [number, number, number];
  const x = new Float32Array(n * h * w);
  const src = images.data;
  for (let i = 0; i < x.length; i++) x[i] = src[i]! / 255;
  return { x: new Tensor(x, [n, h * w]), y: new Tensor(Float32Array.from(labels.data), [n]), classNames };
}

/**
 * Fashion-MNIST (Zalando, MIT licence) from Debian's dataset-fashion-mnist package: x [N, 784]
 * with pixels scaled to [0, 1] (value / 255), y [N] the class 0..9 (see classNames).
 */
export function loadFashionMnist(options: FashionMnistOptions = {}): MnistData {
  const { split = "train", dir = FASHION_MNIST_DIR } = options;
  return loadIdxPair("loadFashionMnist", dir, split, [...FASHION_MNIST_CLASSES], (file) =>
    `loadFashionMnist: ${file} not found. Install Debian's package dataset-fashion-mnist ` +
    `(apt-get install -y dataset-fashion-mnist), which puts the files in ${FASHION_MNIST_DIR}, or pass { dir } to a folder holding them`,
  );
}

/**
 * MNIST from a folder of its IDX files (train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz],
 * t10k-…), which nabla does not ship: x [N, 784] scaled to [0, 1] (value / 255), y [N] the digit.
 */
export function loadMnist(dir: string, options: MnistOptions = {}): MnistData {
  const { split = "train" } = options;
  return loadIdxPair("loadMnist", dir, split, Array.from({ length: 10 }, (_, d) => String(d)), (file) =>
    `loadMnist: ${file} not found (nor without .gz); put MNIST's IDX files in ${dir}`,
  );
}
