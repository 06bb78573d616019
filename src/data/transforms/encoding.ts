/** Label encodings: class indices to one-hot rows, and arbitrary labels to class indices. */
import { Tensor } from "../../tensor/index.js";

/**
 * One-hot rows: out[i, c] = 1 if labels[i] = c else 0, shape [...labels.shape, C] with
 * C = numClasses or max(labels) + 1.
 */
export function oneHot(labels: Tensor | ArrayLike<number>, numClasses?: number): Tensor {
  const values = labels instanceof Tensor ? labels.data : labels;
  const shape = labels instanceof Tensor ? labels.shape : [values.length];
  let max = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isInteger(v) || v < 0) {
      throw new RangeError(`oneHot: label ${v} at position ${i} is not a class index (expected an integer ≥ 0)`);
    }
    if (v > max) max = v;
  }
  const c = numClasses ?? max + 1;
  if (!Number.isInteger(c) || c < 1) throw new RangeError(`oneHot: numClasses must be a positive integer, got ${numClasses}`);
  if (max >= c) {
    const at = Array.prototype.findIndex.call(values, (v: number) => v >= c);
    throw new RangeError(`oneHot: label ${max} at position ${at} is out of range for numClasses = ${c} (expected 0..${c - 1})`);
  }
  const out = new Float32Array(values.length * c);
  for (let i = 0; i < values.length; i++) out[i * c + values[i]!] = 1;
  return new Tensor(out, [...shape, c]);
}

type Label = string | number;

/**
 * Maps labels (strings or numbers) to class indices 0..C-1, classes in sorted order as in
 * scikit-learn's LabelEncoder: `fit(["cat", "dog", "cat"])` gives classes ["cat", "dog"].
 */
export class LabelEncoder {
  private classes_: Label[] | null = null;
  private index = new Map<Label, number>();

  /** Optionally starts from known classes (in index order), e.g. restored from a saved run. */
  constructor(classes?: readonly Label[]) {
    if (classes) this.setClasses([...classes]);
  }

  /** The classes in index order: class i is `classes[i]`. */
  get classes(): readonly Label[] {
    return this.fitted("classes");
  }

  /** Learns the sorted set of distinct values. */
  fit(values: readonly Label[]): this {
    const distinct = [...new Set(values)];
    const kinds = new Set(distinct.map((v) => typeof v));
    if (kinds.size > 1) throw new TypeError("LabelEncoder.fit: values mix strings and numbers; convert them to one type first");
    if (distinct.length === 0) throw new RangeError("LabelEncoder.fit: got no values");
    if (kinds.has("number")) (distinct as number[]).sort((a, b) => a - b);
    else distinct.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    this.setClasses(distinct);
    return this;
  }

  /** Class indices of `values` as a float32 tensor of shape [N]; unseen values are an error. */
  transform(values: readonly Label[]): Tensor {
    this.fitted("transform");
    const out = new Float32Array(values.length);
    values.forEach((v, i) => {
      const k = this.index.get(v);
      if (k === undefined) {
        throw new RangeError(
          `LabelEncoder.transform: value ${JSON.stringify(v)} at position ${i} was not seen in fit (classes: ${this.describe()})`,
        );
      }
      out[i] = k;
    });
    return new Tensor(out, [values.length]);
  }

  /** fit(values) then transform(values). */
  fitTransform(values: readonly Label[]): Tensor {
    return this.fit(values).transform(values);
  }

  /** The labels of class indices (a tensor or array of integers in 0..C-1). */
  inverseTransform(indices: Tensor | ArrayLike<number>): Label[] {
    const classes = this.fitted("inverseTransform");
    const src = indices instanceof Tensor ? indices.data : indices;
    return Array.from({ length: src.length }, (_, i) => {
      const k = src[i]!;
      if (!Number.isInteger(k) || k < 0 || k >= classes.length) {
        throw new RangeError(`LabelEncoder.inverseTransform: index ${k} at position ${i} is out of range (expected an integer in 0..${classes.length - 1})`);
      }
      return classes[k]!;
    });
  }

  private setClasses(classes: Label[]): void {
    this.index = new Map(classes.map((c, i) => [c, i] as const));
    if (this.index.size !== classes.length) throw new RangeError("LabelEncoder: classes must be distinct");
    this.classes_ = classes;
  }

  private fitted(op: string): Label[] {
    if (!this.classes_) throw new Error(`LabelEncoder.${op}: called before fit(); call fit(values) first`);
    return this.classes_;
  }

  private describe(): string {
    const c = this.classes_!;
    const shown = c.slice(0, 10).map((v) => JSON.stringify(v)).join(", ");
    return c.length > 10 ? `${shown}, … (${c.length} in all)` : shown;
  }
}
