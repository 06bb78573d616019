/**
 * The Tensor: a float32, row-major, contiguous array with a shape, and its place on the autodiff tape.
 * Tensors are ordinary garbage-collected objects; there is nothing to dispose.
 */
import { runBackward, needsGrad, type GradNode, type BackwardOptions } from "./autograd.js";
import { checkShape, fmt, sameShape, sizeOf } from "./shape.js";
import * as ew from "./ops/elementwise.js";
import * as act from "./ops/activation.js";
import * as red from "./ops/reduce.js";
import * as view from "./ops/view.js";
import * as idx from "./ops/indexing.js";
import * as lin from "./ops/linalg.js";
import { uniformFill, normalFill } from "./creation.js";
import type { Generator } from "./random.js";

/** A tensor or a plain number; a number acts as a scalar tensor and broadcasts against the other operand. */
export type TensorLike = Tensor | number;
/** Values as nested arrays, one level per dim (`[[1, 2], [3, 4]]`); booleans are read as 1 and 0. */
export type NestedArray = number | boolean | NestedArray[];
/** Integer indices into a dim, given as a tensor of integer values, a number[] or an Int32Array. */
export type IndexLike = Tensor | readonly number[] | Int32Array;

/**
 * A multi-dimensional array of float32 values (row-major, contiguous); when it requires grad, the ops applied
 * to it are recorded so that `backward()` can compute gradients (PyTorch's `torch.Tensor`).
 */
export class Tensor {
  /** Sizes of each dim; [] for a scalar. */
  readonly shape: readonly number[];
  /** The values, row-major. Writing to it changes the tensor (and every view sharing it). */
  data: Float32Array;
  /** Whether backward should compute a gradient for this tensor. */
  requiresGrad: boolean;
  /** The accumulated gradient after `backward()`; set it to null to reset. */
  grad: Tensor | null = null;
  /** The op that produced this tensor, or null for a leaf. */
  gradFn: GradNode | null = null;
  /** Whether a non-leaf keeps its `.grad` after backward (see `retainGrad`). */
  retainsGrad = false;

  constructor(data: Float32Array, shape: readonly number[], requiresGrad = false) {
    let n = 1;
    for (const d of shape) {
      if (!Number.isInteger(d) || d < 0) checkShape(shape, "Tensor"); // throws, naming the bad size
      n *= d;
    }
    if (data.length !== n) {
      throw new RangeError(`Tensor: data has ${data.length} values but shape ${fmt(shape)} needs ${sizeOf(shape)}`);
    }
    this.data = data;
    this.shape = shape;
    this.requiresGrad = requiresGrad;
  }

  /** Builds an op's result and, when any input requires grad, records it on the tape. */
  static fromOp(
    data: Float32Array, shape: readonly number[], inputs: readonly Tensor[], name: string,
    backward: (grad: Tensor) => readonly (Tensor | null)[],
  ): Tensor {
    const t = new Tensor(data, shape);
    if (needsGrad(inputs)) {
      t.requiresGrad = true;
      t.gradFn = { name, inputs, backward };
    }
    return t;
  }

  get ndim(): number { return this.shape.length; }
  /** Number of elements. */
  get size(): number { return this.data.length; }
  dim(): number { return this.shape.length; }
  numel(): number { return this.data.length; }
  /** True for tensors not produced by a recorded op. */
  get isLeaf(): boolean { return this.gradFn === null; }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.data.length !== 1) {
      throw new RangeError(`item: only a one-element tensor can be read as a number, this one has shape ${fmt(this.shape)}`);
    }
    return this.data[0]!;
  }

  /** The values as nested arrays of numbers (a number for a scalar). */
  toArray(): NestedArray {
    const build = (d: number, off: number): NestedArray => {
      if (d === this.shape.length) return this.data[off]!;
      const n = this.shape[d]!;
      let stride = 1;
      for (let i = d + 1; i < this.shape.length; i++) stride *= this.shape[i]!;
      const out: NestedArray[] = new Array(n);
      for (let i = 0; i < n; i++) out[i] = build(d + 1, off + i * stride);
      return out;
    };
    return build(0, 0);
  }

  /** Computes the gradient of this tensor with respect to every leaf that requires grad. */
  backward(gradient?: TensorLike, options?: BackwardOptions): void {
    if (!this.requiresGrad) {
      throw new Error("backward: this tensor does not require grad and has no grad_fn (did you forget requiresGrad: true, or call it inside noGrad?)");
    }
    let g: Tensor;
    if (gradient === undefined) {
      if (this.data.length !== 1) {
        throw new Error(
          `backward: grad can be implicitly created only for scalar outputs, this one has shape ${fmt(this.shape)}; pass a gradient of that shape`,
        );
      }
      g = new Tensor(new Float32Array([1]), this.shape);
    } else {
      g = typeof gradient === "number" ? new Tensor(new Float32Array(this.data.length).fill(gradient), this.shape) : gradient;
      // Shapes must agree up to dims of size 1 ([] and [1] are interchangeable, [3,2] and [2,3] are not).
      if (!sameShape(g.shape.filter((d) => d !== 1), this.shape.filter((d) => d !== 1))) {
        throw new RangeError(`backward: gradient has shape ${fmt(g.shape)} but the tensor has shape ${fmt(this.shape)}`);
      }
      if (!sameShape(g.shape, this.shape)) g = g.reshape(this.shape);
    }
    runBackward(this, g, options);
  }

  /** Keeps `.grad` on this non-leaf tensor after backward. */
  retainGrad(): this {
    this.retainsGrad = true;
    return this;
  }

  /** Sets `requiresGrad` in place (only on leaves) and returns this tensor. */
  requiresGrad_(flag = true): this {
    if (this.gradFn !== null && !flag) {
      throw new Error("requiresGrad_: cannot turn off requiresGrad on a non-leaf tensor; use detach()");
    }
    this.requiresGrad = flag;
    return this;
  }

  /** A tensor sharing these values, cut off from the tape. */
  detach(): Tensor { return new Tensor(this.data, this.shape); }

  /** A copy of the values (differentiable). */
  clone(): Tensor { return view.clone(this); }

  /** Fills with `v` in place (not recorded). */
  fill_(v: number): this { this.data.fill(v); return this; }
  /** Sets every value to zero in place (not recorded). */
  zero_(): this { this.data.fill(0); return this; }
  /** Copies the values of `src` (same number of elements) in place (not recorded). */
  copy_(src: Tensor): this {
    if (src.data.length !== this.data.length) {
      throw new RangeError(`copy_: source has shape ${fmt(src.shape)}, destination has shape ${fmt(this.shape)}`);
    }
    this.data.set(src.data);
    return this;
  }

  toString(): string {
    const body = JSON.stringify(this.toArray(), (_k, v) => (typeof v === "number" ? Number(v.toPrecision(6)) : v));
    return `tensor(${body}${this.requiresGrad ? ", requiresGrad=true" : ""})`;
  }

  // ---- elementwise arithmetic (broadcasting) ----
  add(other: TensorLike, alpha?: number): Tensor { return ew.add(this, other, alpha); }
  sub(other: TensorLike, alpha?: number): Tensor { return ew.sub(this, other, alpha); }
  mul(other: TensorLike): Tensor { return ew.mul(this, other); }
  div(other: TensorLike): Tensor { return ew.div(this, other); }
  pow(exponent: TensorLike): Tensor { return ew.pow(this, exponent); }
  maximum(other: TensorLike): Tensor { return ew.maximum(this, other); }
  minimum(other: TensorLike): Tensor { return ew.minimum(this, other); }
  neg(): Tensor { return ew.neg(this); }
  exp(): Tensor { return ew.exp(this); }
  log(): Tensor { return ew.log(this); }
  log1p(): Tensor { return ew.log1p(this); }
  expm1(): Tensor { return ew.expm1(this); }
  sqrt(): Tensor { return ew.sqrt(this); }
  rsqrt(): Tensor { return ew.rsqrt(this); }
  square(): Tensor { return ew.square(this); }
  reciprocal(): Tensor { return ew.reciprocal(this); }
  abs(): Tensor { return ew.abs(this); }
  sign(): Tensor { return ew.sign(this); }
  sin(): Tensor { return ew.sin(this); }
  cos(): Tensor { return ew.cos(this); }
  erf(): Tensor { return ew.erf(this); }
  floor(): Tensor { return ew.floor(this); }
  ceil(): Tensor { return ew.ceil(this); }
  round(): Tensor { return ew.round(this); }
  clamp(min?: number | null, max?: number | null): Tensor { return ew.clamp(this, min, max); }
  where(condition: Tensor, other: TensorLike): Tensor { return ew.where(condition, this, other); }
  // comparisons give masks of 1 and 0
  eq(other: TensorLike): Tensor { return ew.eq(this, other); }
  ne(other: TensorLike): Tensor { return ew.ne(this, other); }
  lt(other: TensorLike): Tensor { return ew.lt(this, other); }
  le(other: TensorLike): Tensor { return ew.le(this, other); }
  gt(other: TensorLike): Tensor { return ew.gt(this, other); }
  ge(other: TensorLike): Tensor { return ew.ge(this, other); }
  isnan(): Tensor { return ew.isnan(this); }
  isfinite(): Tensor { return ew.isfinite(this); }

  // ---- activations ----
  relu(): Tensor { return act.relu(this); }
  sigmoid(): Tensor { return act.sigmoid(this); }
  tanh(): Tensor { return act.tanh(this); }
  leakyRelu(negativeSlope?: number): Tensor { return act.leakyRelu(this, negativeSlope); }
  elu(alpha?: number): Tensor { return act.elu(this, alpha); }
  selu(): Tensor { return act.selu(this); }
  gelu(approximate?: "none" | "tanh"): Tensor { return act.gelu(this, approximate); }
  silu(): Tensor { return act.silu(this); }
  mish(): Tensor { return act.mish(this); }
  softplus(beta?: number, threshold?: number): Tensor { return act.softplus(this, beta, threshold); }
  logSigmoid(): Tensor { return act.logSigmoid(this); }
  hardtanh(minVal?: number, maxVal?: number): Tensor { return act.hardtanh(this, minVal, maxVal); }
  softmax(dim: number): Tensor { return act.softmax(this, dim); }
  logSoftmax(dim: number): Tensor { return act.logSoftmax(this, dim); }

  // ---- reductions: (dim?, keepdim?) ----
  sum(dim?: number | readonly number[], keepdim = false): Tensor { return red.sum(this, dim, keepdim); }
  mean(dim?: number | readonly number[], keepdim = false): Tensor { return red.mean(this, dim, keepdim); }
  prod(dim?: number, keepdim = false): Tensor { return red.prod(this, dim, keepdim); }
  max(dim?: number, keepdim = false): Tensor { return red.max(this, dim, keepdim); }
  min(dim?: number, keepdim = false): Tensor { return red.min(this, dim, keepdim); }
  argmax(dim?: number, keepdim = false): Tensor { return red.argmax(this, dim, keepdim); }
  argmin(dim?: number, keepdim = false): Tensor { return red.argmin(this, dim, keepdim); }
  var(dim?: number | readonly number[], keepdim = false, correction = 1): Tensor { return red.variance(this, dim, keepdim, correction); }
  std(dim?: number | readonly number[], keepdim = false, correction = 1): Tensor { return red.std(this, dim, keepdim, correction); }
  logsumexp(dim: number, keepdim = false): Tensor { return red.logsumexp(this, dim, keepdim); }
  norm(p: number = 2, dim?: number | readonly number[], keepdim = false): Tensor { return red.norm(this, p, dim, keepdim); }

  // ---- shape ----
  reshape(...shape: (number | readonly number[])[]): Tensor { return view.reshape(this, view.shapeArgs(shape)); }
  view(...shape: (number | readonly number[])[]): Tensor { return view.reshape(this, view.shapeArgs(shape)); }
  flatten(startDim = 0, endDim = -1): Tensor { return view.flatten(this, startDim, endDim); }
  squeeze(dim?: number): Tensor { return view.squeeze(this, dim); }
  unsqueeze(dim: number): Tensor { return view.unsqueeze(this, dim); }
  transpose(dim0: number, dim1: number): Tensor { return view.transpose(this, dim0, dim1); }
  permute(...dims: (number | readonly number[])[]): Tensor { return view.permute(this, view.shapeArgs(dims)); }
  expand(...shape: (number | readonly number[])[]): Tensor { return view.expand(this, view.shapeArgs(shape)); }
  /** All dims reversed (the transpose of a matrix). */
  get T(): Tensor { return view.permute(this, this.shape.map((_, i) => this.shape.length - 1 - i)); }
  /** The last two dims swapped (a batch of transposed matrices). */
  get mT(): Tensor { return view.transpose(this, -2, -1); }
  narrow(dim: number, start: number, length: number): Tensor { return view.narrow(this, dim, start, length); }
  split(splitSize: number | readonly number[], dim = 0): Tensor[] { return view.split(this, splitSize, dim); }
  chunk(chunks: number, dim = 0): Tensor[] { return view.chunk(this, chunks, dim); }

  // ---- indexing ----
  indexSelect(dim: number, index: IndexLike): Tensor { return idx.indexSelect(this, dim, index); }
  gather(dim: number, index: IndexLike): Tensor { return idx.gather(this, dim, index); }
  /** The sub-tensor at position i of dim 0 (negative counts from the end). */
  get(i: number): Tensor { return idx.select(this, 0, i); }
  select(dim: number, i: number): Tensor { return idx.select(this, dim, i); }

  // ---- linear algebra ----
  matmul(other: Tensor): Tensor { return lin.matmul(this, other); }
  mm(other: Tensor): Tensor { return lin.matmul(this, other); }
  dot(other: Tensor): Tensor { return lin.dot(this, other); }

  // ---- random fill ----
  /** Fills with samples from U(low, high) in place (not recorded). */
  uniform_(low = 0, high = 1, generator?: Generator): this { return uniformFill(this, low, high, generator); }
  /** Fills with samples from N(mean, std²) in place (not recorded). */
  normal_(mean = 0, std = 1, generator?: Generator): this { return normalFill(this, mean, std, generator); }
}
