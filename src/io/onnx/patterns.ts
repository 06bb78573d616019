/**
 * Activations as small ONNX graphs, written once and used both ways: export emits a pattern's nodes, and
 * import recognises the same nodes and builds the layer back. A step's inputs name the layer's input "x",
 * an earlier step "n0", "n1", …, a scalar constant by value (1, 0.5), or a captured parameter "$name"; its
 * attributes are literal values or "$name" captures too. GELU and SiLU are compositions (ONNX has no
 * such op at opset 13); PyTorch 1.13 writes GELU and LogSigmoid in the forms listed here as well.
 */
import * as nn from "../../nn/index.js";
import type { Module } from "../../nn/index.js";

export type Ref = string | number;

export interface Step {
  op: string;
  in: Ref[];
  attrs?: Record<string, number | string>;
}

export interface Pattern {
  /** The registered name of the module this pattern is. */
  module: string;
  steps: Step[];
  /** Export: whether this pattern writes `m` (default: always); the first that does is used. */
  when?: (m: Module) => boolean;
  /** Export: the values of the "$name" parameters. */
  params?: (m: Module) => Record<string, number>;
  /** Import: the module, from the captured parameters. */
  build: (p: Record<string, number>) => Module;
  /** Only recognised, never written (another exporter's form). */
  importOnly?: boolean;
}

/** Attributes that are integers in ONNX (the rest are floats). */
export const INT_ATTRIBUTES = new Set(["axis", "transA", "transB", "training_mode", "keepdims"]);

/** ONNX's default attribute values, for nodes that omit them. */
export const ATTRIBUTE_DEFAULTS: Record<string, Record<string, number>> = {
  LeakyRelu: { alpha: 0.01 },
  Elu: { alpha: 1 },
  Selu: { alpha: 1.67326319217681884765625, gamma: 1.05070102214813232421875 },
  Softmax: { axis: -1 },
  LogSoftmax: { axis: -1 },
  Flatten: { axis: 1 },
  Gemm: { alpha: 1, beta: 1, transA: 0, transB: 0 },
  BatchNormalization: { epsilon: 1e-5, momentum: 0.9, training_mode: 0 },
};

/** Operators that take their two inputs in either order. */
export const COMMUTATIVE = new Set(["Add", "Mul", "Min", "Max"]);

const SQRT2 = Math.SQRT2;
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const has = (m: Module, k: string, v: unknown): boolean => (m as unknown as Record<string, unknown>)[k] === v;

export const PATTERNS: Pattern[] = [
  { module: "ReLU", steps: [{ op: "Relu", in: ["x"] }], build: () => new nn.ReLU() },
  { module: "Sigmoid", steps: [{ op: "Sigmoid", in: ["x"] }], build: () => new nn.Sigmoid() },
  { module: "Tanh", steps: [{ op: "Tanh", in: ["x"] }], build: () => new nn.Tanh() },
  { module: "Identity", steps: [{ op: "Identity", in: ["x"] }], build: () => new nn.Identity() },
  {
    module: "LeakyReLU", steps: [{ op: "LeakyRelu", in: ["x"], attrs: { alpha: "$negativeSlope" } }],
    params: (m) => ({ negativeSlope: (m as nn.LeakyReLU).negativeSlope }), build: (p) => new nn.LeakyReLU({ negativeSlope: p.negativeSlope }),
  },
  {
    module: "ELU", steps: [{ op: "Elu", in: ["x"], attrs: { alpha: "$alpha" } }],
    params: (m) => ({ alpha: (m as nn.ELU).alpha }), build: (p) => new nn.ELU({ alpha: p.alpha }),
  },
  { module: "SELU", steps: [{ op: "Selu", in: ["x"], attrs: { ...ATTRIBUTE_DEFAULTS.Selu } }], build: () => new nn.SELU() },
  {
    // x·Φ(x) = x·½(1 + erf(x/√2)), as PyTorch writes it
    module: "GELU", when: (m) => has(m, "approximate", "none"),
    steps: [
      { op: "Div", in: ["x", SQRT2] }, { op: "Erf", in: ["n0"] }, { op: "Add", in: ["n1", 1] },
      { op: "Mul", in: ["x", "n2"] }, { op: "Mul", in: ["n3", 0.5] },
    ],
    build: () => new nn.GELU(),
  },
  {
    // ½x(1 + tanh(√(2/π)(x + 0.044715x³)))
    module: "GELU", when: (m) => has(m, "approximate", "tanh"),
    steps: [
      { op: "Mul", in: ["x", "x"] }, { op: "Mul", in: ["n0", "x"] }, { op: "Mul", in: ["n1", 0.044715] },
      { op: "Add", in: ["x", "n2"] }, { op: "Mul", in: ["n3", SQRT_2_OVER_PI] }, { op: "Tanh", in: ["n4"] },
      { op: "Add", in: ["n5", 1] }, { op: "Mul", in: ["x", 0.5] }, { op: "Mul", in: ["n7", "n6"] },
    ],
    build: () => new nn.GELU({ approximate: "tanh" }),
  },
  { module: "SiLU", steps: [{ op: "Sigmoid", in: ["x"] }, { op: "Mul", in: ["x", "n0"] }], build: () => new nn.SiLU() },
  {
    module: "Mish", steps: [{ op: "Softplus", in: ["x"] }, { op: "Tanh", in: ["n0"] }, { op: "Mul", in: ["x", "n1"] }],
    build: () => new nn.Mish(),
  },
  {
    // ln σ(x) = min(x, 0) − ln(1 + e^(−|x|)): no overflow or log(0) at large |x|
    module: "LogSigmoid",
    steps: [
      { op: "Abs", in: ["x"] }, { op: "Neg", in: ["n0"] }, { op: "Exp", in: ["n1"] }, { op: "Add", in: ["n2", 1] },
      { op: "Log", in: ["n3"] }, { op: "Min", in: ["x", 0] }, { op: "Sub", in: ["n5", "n4"] },
    ],
    build: () => new nn.LogSigmoid(),
  },
  { module: "LogSigmoid", importOnly: true, steps: [{ op: "Sigmoid", in: ["x"] }, { op: "Log", in: ["n0"] }], build: () => new nn.LogSigmoid() },
  {
    // ONNX's Softplus is ln(1 + eˣ); PyTorch's default threshold 20 changes it by less than float32's rounding
    module: "Softplus", when: (m) => has(m, "beta", 1) && has(m, "threshold", 20),
    steps: [{ op: "Softplus", in: ["x"] }], build: () => new nn.Softplus(),
  },
  {
    // x where βx > threshold, else ln(1 + e^(βx))/β
    module: "Softplus",
    steps: [
      { op: "Mul", in: ["x", "$beta"] }, { op: "Softplus", in: ["n0"] }, { op: "Div", in: ["n1", "$beta"] },
      { op: "Greater", in: ["n0", "$threshold"] }, { op: "Where", in: ["n3", "x", "n2"] },
    ],
    params: (m) => ({ beta: (m as nn.Softplus).beta, threshold: (m as nn.Softplus).threshold }),
    build: (p) => new nn.Softplus({ beta: p.beta, threshold: p.threshold }),
  },
  {
    module: "Hardtanh", steps: [{ op: "Clip", in: ["x", "$minVal", "$maxVal"] }],
    params: (m) => ({ minVal: (m as nn.Hardtanh).minVal, maxVal: (m as nn.Hardtanh).maxVal }),
    build: (p) => new nn.Hardtanh({ minVal: p.minVal, maxVal: p.maxVal }),
  },
  {
    module: "Softmax", steps: [{ op: "Softmax", in: ["x"], attrs: { axis: "$dim" } }],
    params: (m) => ({ dim: (m as nn.Softmax).dim }), build: (p) => new nn.Softmax({ dim: p.dim }),
  },
  {
    module: "LogSoftmax", steps: [{ op: "LogSoftmax", in: ["x"], attrs: { axis: "$dim" } }],
    params: (m) => ({ dim: (m as nn.LogSoftmax).dim }), build: (p) => new nn.LogSoftmax({ dim: p.dim }),
  },
];

/** Every op some pattern or layer converter uses, for error messages. */
export const PATTERN_OPS = [...new Set(PATTERNS.flatMap((p) => p.steps.map((s) => s.op)))];
