/**
 * Small classic datasets shipped with nabla (no network, browser-safe): scikit-learn's copies of
 * the UCI handwritten digits and Fisher's iris, BSD-3-Clause (see LICENSE-sklearn-data.txt).
 */
import { Tensor } from "../../tensor/index.js";
import { DIGITS_LABELS, DIGITS_PIXELS_BASE64, DIGITS_ROWS } from "./digits-data.js";
import { IRIS_CLASS_NAMES, IRIS_ROWS } from "./iris-data.js";

/** A labelled table: features x [N, F], class indices y [N], and the names of both. */
export interface ClassificationData {
  x: Tensor;
  y: Tensor;
  featureNames: string[];
  classNames: string[];
}

let digitPixels: Uint8Array | null = null;

function decodeBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * The UCI handwritten digits as scikit-learn's load_digits: x [1797, 64] holds 8×8 images of
 * pixel counts 0..16 (row-major, unscaled: divide by 16 or use a scaler), y [1797] the digit 0..9.
 */
export function loadDigits(): ClassificationData {
  digitPixels ??= decodeBase64(DIGITS_PIXELS_BASE64);
  const y = new Float32Array(DIGITS_ROWS);
  for (let i = 0; i < DIGITS_ROWS; i++) y[i] = DIGITS_LABELS.charCodeAt(i) - 48;
  return {
    x: new Tensor(Float32Array.from(digitPixels), [DIGITS_ROWS, 64]),
    y: new Tensor(y, [DIGITS_ROWS]),
    featureNames: Array.from({ length: 64 }, (_, k) => `pixel_${Math.floor(k / 8)}_${k % 8}`),
    classNames: Array.from({ length: 10 }, (_, d) => String(d)),
  };
}

/**
 * Fisher's iris as scikit-learn's load_iris: x [150, 4] (sepal length, sepal width, petal length,
 * petal width, in cm), y [150] the species index (0 setosa, 1 versicolor, 2 virginica; 50 each).
 */
export function loadIris(): ClassificationData {
  const x = new Float32Array(IRIS_ROWS.length * 4);
  const y = new Float32Array(IRIS_ROWS.length);
  IRIS_ROWS.forEach((row, i) => {
    for (let j = 0; j < 4; j++) x[i * 4 + j] = row[j]!;
    y[i] = row[4]!;
  });
  return {
    x: new Tensor(x, [IRIS_ROWS.length, 4]),
    y: new Tensor(y, [IRIS_ROWS.length]),
    featureNames: ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"],
    classNames: [...IRIS_CLASS_NAMES],
  };
}
