/** Creating tensors: from values, constants, ranges and random draws; every creator takes `requiresGrad`. */
import { Tensor, type NestedArray } from "./tensor.js";
import { checkShape, fmt, sizeOf } from "./shape.js";
import { defaultGenerator, type Generator } from "./random.js";

/** Options every tensor creator takes. */
export interface CreateOptions {
  /** Whether autograd records operations on the new tensor (a leaf that receives `.grad`); false by default. */
  requiresGrad?: boolean;
}
/** Options of the random creators (`rand`, `randn`, …): `requiresGrad` and the generator to draw from. */
export interface RandomOptions extends CreateOptions {
  /** The generator to draw from; the global one (seeded by manualSeed) when omitted. */
  generator?: Generator;
}
/** Options of `tensor`: `requiresGrad`, and the shape when the values are given flat. */
export interface TensorOptions extends CreateOptions {
  /** The shape of a flat Float32Array or number[] source. */
  shape?: readonly number[];
}

type ShapeArg = number | readonly number[];

function parseShape(shape: ShapeArg, op: string): number[] {
  return checkShape(typeof shape === "number" ? [shape] : (shape as number[]), op);
}

/**
 * A tensor from nested arrays or a number (`tensor([[1, 2], [3, 4]])`), or from a flat
 * Float32Array / number[] with `{ shape }`. Values are copied and stored as float32.
 */
export function tensor(values: NestedArray | Float32Array | ArrayLike<number>, options: TensorOptions = {}): Tensor {
  const rg = options.requiresGrad ?? false;
  if (options.shape !== undefined) {
    const shape = checkShape(options.shape as number[], "tensor");
    const flat = typeof values === "number" ? [values] : (values as ArrayLike<number>);
    if (!isFlat(flat)) throw new TypeError("tensor: with { shape }, values must be a flat array or Float32Array");
    if (flat.length !== sizeOf(shape)) {
      throw new RangeError(`tensor: ${flat.length} values given but shape ${fmt(shape)} needs ${sizeOf(shape)}`);
    }
    return new Tensor(Float32Array.from(flat), shape, rg);
  }
  if (ArrayBuffer.isView(values)) {
    const arr = values as unknown as ArrayLike<number>;
    return new Tensor(Float32Array.from(arr), [arr.length], rg);
  }
  const shape: number[] = [];
  let v: unknown = values;
  while (Array.isArray(v)) {
    shape.push(v.length);
    v = v[0];
  }
  const out = new Float32Array(sizeOf(shape));
  let k = 0;
  const walk = (node: unknown, d: number, path: number[]): void => {
    if (d === shape.length) {
      if (typeof node === "boolean") out[k++] = node ? 1 : 0;
      else if (typeof node === "number") out[k++] = node;
      else throw new TypeError(`tensor: expected a number at ${pathStr(path)}, got ${node === null ? "null" : typeof node}`);
      return;
    }
    if (!Array.isArray(node) || node.length !== shape[d]) {
      throw new RangeError(
        `tensor: ragged nested array: ${pathStr(path)} has ${Array.isArray(node) ? `length ${node.length}` : "no array"}, expected length ${shape[d]}`,
      );
    }
    for (let i = 0; i < node.length; i++) walk(node[i], d + 1, [...path, i]);
  };
  walk(values, 0, []);
  return new Tensor(out, shape, rg);
}

function isFlat(a: unknown): a is ArrayLike<number> {
  if (ArrayBuffer.isView(a)) return true;
  return Array.isArray(a) && a.every((x) => typeof x === "number");
}

function pathStr(path: number[]): string {
  return path.length ? `values${path.map((i) => `[${i}]`).join("")}` : "values";
}

/** Sizes as PyTorch takes them: `(2, 3)` or `([2, 3])`, optionally followed by an options object. */
export type SizeArgs<O> = [shape: ShapeArg, options?: O] | [...sizes: number[], options: O] | number[];

/** Splits `(2, 3, opts)`, `([2, 3], opts)` or `(2, 3)` into a checked shape and the options. */
function sizeArgs<O extends object>(args: readonly unknown[], op: string): [number[], O] {
  const rest = args.slice();
  const last = rest[rest.length - 1];
  const options = (last !== null && typeof last === "object" && !Array.isArray(last) ? rest.pop() : {}) as O;
  if (rest.length === 1 && Array.isArray(rest[0])) return [checkShape(rest[0] as number[], op), options];
  if (rest.length === 0) throw new RangeError(`${op}: expected sizes such as (2, 3) or ([2, 3]), got none`);
  if (rest.some((d) => typeof d !== "number")) {
    throw new TypeError(`${op}: expected sizes as numbers (2, 3) or one array ([2, 3]), got (${rest.map((d) => JSON.stringify(d)).join(", ")})`);
  }
  return [checkShape(rest, op), options];
}

/**
 * A tensor of the given shape filled with `value`: `full([2, 3], 1.5)`, or with sizes spread out,
 * `full(2, 3, 1.5)` (the last number is the value).
 */
export function full(shape: ShapeArg, value: number, options?: CreateOptions): Tensor;
export function full(...args: [...sizes: number[], value: number, options: CreateOptions] | number[]): Tensor;
export function full(...args: unknown[]): Tensor {
  const rest = args.slice();
  const last = rest[rest.length - 1];
  const options = (last !== null && typeof last === "object" && !Array.isArray(last) ? rest.pop() : {}) as CreateOptions;
  const value = rest.pop();
  if (typeof value !== "number" || rest.length === 0) {
    throw new TypeError(`full: expected (shape, value) or (sizes…, value), got (${args.map((a) => JSON.stringify(a)).join(", ")})`);
  }
  const [s] = sizeArgs<CreateOptions>(rest, "full");
  return new Tensor(new Float32Array(sizeOf(s)).fill(value), s, options.requiresGrad ?? false);
}

/** A tensor of zeros: `zeros([2, 3])`, `zeros(2, 3)`, `zeros(2, 3, { requiresGrad: true })`. */
export function zeros(...args: SizeArgs<CreateOptions>): Tensor {
  const [s, o] = sizeArgs<CreateOptions>(args, "zeros");
  return new Tensor(new Float32Array(sizeOf(s)), s, o.requiresGrad ?? false);
}

/** A tensor of ones: `ones([2, 3])`, `ones(2, 3)`, `ones(2, 3, { requiresGrad: true })`. */
export function ones(...args: SizeArgs<CreateOptions>): Tensor {
  const [s, o] = sizeArgs<CreateOptions>(args, "ones");
  return new Tensor(new Float32Array(sizeOf(s)).fill(1), s, o.requiresGrad ?? false);
}

/** Zeros shaped like `t`. */
export const zerosLike = (t: Tensor, options: CreateOptions = {}): Tensor => full(t.shape, 0, options);
/** Ones shaped like `t`. */
export const onesLike = (t: Tensor, options: CreateOptions = {}): Tensor => full(t.shape, 1, options);
/** `value` shaped like `t`. */
export const fullLike = (t: Tensor, value: number, options: CreateOptions = {}): Tensor => full(t.shape, value, options);

/**
 * Values start, start + step, … below end (PyTorch's arange): `arange(5)`, `arange(1, 4)`, `arange(0, 1, 0.25)`.
 * The last argument may be options.
 */
export function arange(...args: (number | CreateOptions)[]): Tensor {
  const opts = typeof args[args.length - 1] === "object" ? (args.pop() as CreateOptions) : {};
  const nums = args as number[];
  if (nums.length < 1 || nums.length > 3) throw new RangeError("arange: expected (end), (start, end) or (start, end, step)");
  const [start, end, step] = nums.length === 1 ? [0, nums[0]!, 1] : [nums[0]!, nums[1]!, nums[2] ?? 1];
  if (![start, end, step].every(Number.isFinite)) throw new RangeError(`arange: start, end and step must be finite, got ${start}, ${end}, ${step}`);
  if (step === 0) throw new RangeError("arange: step must be nonzero");
  if ((end - start) * step < 0) throw new RangeError(`arange: step ${step} has the wrong sign to go from ${start} to ${end}`);
  const n = Math.ceil((end - start) / step);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = start + i * step;
  return new Tensor(out, [n], opts.requiresGrad ?? false);
}

/** `steps` evenly spaced values from start to end inclusive, computed as PyTorch does (from both ends). */
export function linspace(start: number, end: number, steps: number, options: CreateOptions = {}): Tensor {
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`linspace: steps must be a non-negative integer, got ${steps}`);
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw new RangeError(`linspace: start and end must be finite, got ${start} and ${end}`);
  const out = new Float32Array(steps);
  if (steps === 1) out[0] = start;
  else if (steps > 1) {
    const step = (end - start) / (steps - 1);
    const half = Math.floor(steps / 2);
    for (let i = 0; i < steps; i++) out[i] = i < half ? start + step * i : end - step * (steps - 1 - i);
  }
  return new Tensor(out, [steps], options.requiresGrad ?? false);
}

/** The n×m identity matrix (m = n by default). */
export function eye(n: number, m: number | CreateOptions = n, options: CreateOptions = {}): Tensor {
  if (typeof m === "object") return eye(n, n, m);
  const s = checkShape([n, m], "eye");
  const out = new Float32Array(n * m);
  for (let i = 0; i < Math.min(n, m); i++) out[i * m + i] = 1;
  return new Tensor(out, s, options.requiresGrad ?? false);
}

/** Samples from U[0, 1): `rand([2, 3])`, `rand(2, 3)`, `rand(2, 3, { generator, requiresGrad })`. */
export function rand(...args: SizeArgs<RandomOptions>): Tensor {
  const [s, o] = sizeArgs<RandomOptions>(args, "rand");
  return uniformFill(new Tensor(new Float32Array(sizeOf(s)), s), 0, 1, o.generator).requiresGrad_(o.requiresGrad ?? false);
}

/** Samples from the standard normal N(0, 1): `randn([2, 3])`, `randn(2, 3)`, `randn(2, 3, { generator })`. */
export function randn(...args: SizeArgs<RandomOptions>): Tensor {
  const [s, o] = sizeArgs<RandomOptions>(args, "randn");
  return normalFill(new Tensor(new Float32Array(sizeOf(s)), s), 0, 1, o.generator).requiresGrad_(o.requiresGrad ?? false);
}

/** Integers uniform on [low, high): `randint(high, shape)` or `randint(low, high, shape)`. */
export function randint(...args: (number | readonly number[] | RandomOptions)[]): Tensor {
  const opts = !Array.isArray(args[args.length - 1]) && typeof args[args.length - 1] === "object" ? (args.pop() as RandomOptions) : {};
  if (args.length !== 2 && args.length !== 3) {
    throw new RangeError(`randint: expected (high, shape) or (low, high, shape), got ${args.length} argument(s)`);
  }
  const [low, high, shape] = args.length === 2 ? [0, args[0] as number, args[1] as ShapeArg] : [args[0] as number, args[1] as number, args[2] as ShapeArg];
  if (!Number.isInteger(low) || !Number.isInteger(high) || low >= high) {
    throw new RangeError(`randint: expected integers low < high, got low=${low}, high=${high}`);
  }
  const s = parseShape(shape, "randint");
  const g = opts.generator ?? defaultGenerator;
  const out = new Float32Array(sizeOf(s));
  for (let i = 0; i < out.length; i++) out[i] = g.randint(low, high);
  return new Tensor(out, s, opts.requiresGrad ?? false);
}

/** U[0, 1) samples shaped like `t`. */
export const randLike = (t: Tensor, options: RandomOptions = {}): Tensor => rand(t.shape, options);
/** N(0, 1) samples shaped like `t`. */
export const randnLike = (t: Tensor, options: RandomOptions = {}): Tensor => randn(t.shape, options);
/** Integers in [low, high) shaped like `t`. */
export const randintLike = (t: Tensor, low: number, high: number, options: RandomOptions = {}): Tensor => randint(low, high, t.shape, options);

/** Fills t with U(low, high) samples in place. */
export function uniformFill<T extends Tensor>(t: T, low: number, high: number, generator: Generator = defaultGenerator): T {
  const d = t.data;
  for (let i = 0; i < d.length; i++) d[i] = low + (high - low) * generator.uniform();
  return t;
}

/** Fills t with N(mean, std²) samples in place. */
export function normalFill<T extends Tensor>(t: T, mean: number, std: number, generator: Generator = defaultGenerator): T {
  const d = t.data;
  for (let i = 0; i < d.length; i++) d[i] = mean + std * generator.normal();
  return t;
}
