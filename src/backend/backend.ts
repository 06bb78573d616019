/**
 * The kernel interface: every piece of arithmetic in nabla goes through one of these
 * methods, so a faster backend (WebAssembly SIMD, native BLAS) plugs in without touching the ops.
 * Arrays are contiguous row-major float32; kernels write into `out`, which never aliases an input
 * unless the method says so.
 */

/** Elementwise functions of one tensor that every backend implements (activations included). */
export type UnaryOp =
  | "neg" | "exp" | "log" | "sqrt" | "rsqrt" | "abs" | "sign" | "square" | "reciprocal"
  | "sin" | "cos" | "log1p" | "expm1" | "erf" | "floor" | "ceil" | "round"
  | "relu" | "sigmoid" | "tanh" | "logSigmoid" | "gelu" | "geluTanh" | "silu" | "selu" | "mish"
  | "leakyRelu" | "elu" | "softplus" | "clamp" | "powScalar" | "addScalar" | "mulScalar"
  | "heaviside" | "isNan" | "isFinite";

/** Elementwise functions of two broadcast tensors: arithmetic, max/min, and comparisons that give 1 or 0. */
export type BinaryOp =
  | "add" | "sub" | "mul" | "div" | "pow" | "maximum" | "minimum"
  | "eq" | "ne" | "lt" | "le" | "gt" | "ge";

/** Reductions along one axis: Σ, max, min and Π. */
export type ReduceOp = "sum" | "max" | "min" | "prod";

/** Activations that the fused linear kernel applies to its output, and whose gradient it can take from that output. */
export type Activation = "none" | "relu" | "tanh" | "sigmoid";

/**
 * One Adam step's scalars (see optim/adam.ts): with g = sign·grad + l2·p after p ← shrink·p,
 * m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², p ← p − stepSize·m / (√max(vmax, v) / bc2Sqrt + eps).
 */
export interface AdamHyper {
  beta1: number;
  beta2: number;
  eps: number;
  stepSize: number;
  bc2Sqrt: number;
  l2: number;
  shrink: number;
  sign: number;
}

/**
 * A set of kernels over contiguous float32 arrays ("js", "wasm", "native"): every op of nabla runs through
 * the current one, chosen with setBackend, and every backend passes the same conformance suite.
 */
export interface Backend {
  readonly name: string;

  /** out[i] = op(x[i]); `a` and `b` carry the op's parameters (slope, alpha, beta/threshold, min/max, exponent). */
  unary(op: UnaryOp, x: Float32Array, out: Float32Array, a?: number, b?: number): void;

  /** out = op(a, b) with a and b broadcast to outShape by NumPy's rules. */
  binary(
    op: BinaryOp,
    a: Float32Array, aShape: readonly number[],
    b: Float32Array, bShape: readonly number[],
    out: Float32Array, outShape: readonly number[],
  ): void;

  /** out[o, i] = op over s of x[o, s, i], for x viewed as [outer, size, inner]. */
  reduce(op: ReduceOp, x: Float32Array, outer: number, size: number, inner: number, out: Float32Array): void;

  /** out[o, i] = the index s of the largest (argmax) or smallest (argmin) x[o, s, i]; first on ties. */
  argReduce(op: "argmax" | "argmin", x: Float32Array, outer: number, size: number, inner: number, out: Float32Array): void;

  /**
   * Batched GEMM: out[b] = op(A[b]) · op(B[b]) with op = transpose when the flag is set.
   * A[b] is stored [m,k] (or [k,m] when transA), B[b] is [k,n] (or [n,k] when transB), out[b] is [m,n].
   * A batch stride of 0 reuses one matrix for every batch entry. When `accumulate`, out += product.
   */
  matmul(
    a: Float32Array, b: Float32Array, out: Float32Array,
    batch: number, m: number, n: number, k: number,
    transA: boolean, transB: boolean,
    strideA: number, strideB: number, accumulate?: boolean,
  ): void;

  /** out = x with its axes permuted: out.shape[i] = shape[perm[i]]. */
  permute(x: Float32Array, shape: readonly number[], perm: readonly number[], out: Float32Array): void;

  /** Softmax (or log-softmax) along the middle axis of x viewed as [outer, size, inner], max-shifted for stability. */
  softmax(x: Float32Array, outer: number, size: number, inner: number, out: Float32Array, log: boolean): void;

  /** out = (cond ≠ 0) ? a : b elementwise (NaN counts as true), all three broadcast to outShape. */
  where(
    cond: Float32Array, condShape: readonly number[],
    a: Float32Array, aShape: readonly number[],
    b: Float32Array, bShape: readonly number[],
    out: Float32Array, outShape: readonly number[],
  ): void;

  /** out[o, j, i] = x[o, index[j], i] for x viewed as [outer, size, inner] (index_select along the middle axis). */
  indexSelect(x: Float32Array, outer: number, size: number, inner: number, index: Int32Array, out: Float32Array): void;

  /** out[o, index[j], i] += g[o, j, i]: the adjoint of indexSelect, accumulating repeated indices. */
  indexAdd(g: Float32Array, outer: number, size: number, inner: number, index: Int32Array, out: Float32Array): void;

  /** out[o, j, i] = x[o, index[o, j, i], i]: gather along the middle axis; index has shape [outer, count, inner]. */
  gather(x: Float32Array, outer: number, size: number, inner: number, index: Int32Array, count: number, out: Float32Array): void;

  /** out[o, index[o, j, i], i] += g[o, j, i]: the adjoint of gather (scatter-add). */
  scatterAdd(g: Float32Array, outer: number, size: number, inner: number, index: Int32Array, count: number, out: Float32Array): void;

  // ---- fused kernels: one call where several ops would each make a pass over memory ----

  /** A fully connected layer: out = act(x·Wᵀ + bias) for x [rows, inF], W [outF, inF], bias [outF] (or none). */
  linear(
    x: Float32Array, w: Float32Array, bias: Float32Array | null, out: Float32Array,
    rows: number, inF: number, outF: number, act: Activation,
  ): void;

  /** out = g·act′(z) computed from the activation's output y = act(z): relu 1[y > 0], tanh 1 − y², sigmoid y(1 − y). */
  activationGrad(act: Activation, g: Float32Array, y: Float32Array, out: Float32Array): void;

  /**
   * The gradient of softmax cross-entropy from log-probabilities: out[r, c] = scale[r]·(exp(logp[r, c]) − 1[c = target[r]])
   * for logp [rows, classes]; scale carries the upstream gradient and any class weight (0 for an ignored row).
   */
  crossEntropyGrad(logp: Float32Array, target: Int32Array, scale: Float32Array, rows: number, classes: number, out: Float32Array): void;

  /** One Adam (or AdamW) update in place of p, m, v (and vmax for AMSGrad) from the gradient g. */
  adam(p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, vmax: Float32Array | null, h: AdamHyper): void;

  /** Sets the number of threads the backend's kernels may use (backends without threads ignore it). */
  setNumThreads?(n: number): void;

  /**
   * A zero-filled array for long-lived data that kernels read every step (parameters, optimiser state),
   * placed where this backend reads it without copying (the wasm backend's own memory). It is an ordinary
   * garbage-collected Float32Array to its user. Backends without such a place leave it out.
   */
  allocPersistent?(n: number): Float32Array;
}
