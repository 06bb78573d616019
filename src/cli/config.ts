/**
 * The training configuration: one typed table drives the command-line flags, the JSON config file
 * and their validation, so a setting is added in one place and errors always name the bad field.
 */

export const ACTIVATIONS = ["relu", "leaky_relu", "tanh", "sigmoid", "elu", "selu", "gelu", "silu", "mish", "softplus", "linear"] as const;
export const OPTIMIZERS = ["sgd", "momentum", "nesterov", "adagrad", "adadelta", "rmsprop", "adam", "adamw", "adamax", "nadam", "radam", "lion"] as const;
export const INITS = ["default", "kaiming", "xavier", "lecun", "orthogonal", "lsuv"] as const;
export const LOSSES = ["auto", "cross_entropy", "mse", "l1", "huber"] as const;
export const SCHEDULES = ["none", "step", "exponential", "inverse_time", "cosine", "onecycle", "plateau"] as const;

export interface TrainConfig {
  data: string;
  label: string | null;
  layers: number[];
  activation: (typeof ACTIVATIONS)[number];
  optimizer: (typeof OPTIMIZERS)[number];
  lr: number | null;
  momentum: number;
  weightDecay: number;
  epochs: number;
  batchSize: number;
  dropout: number;
  batchNorm: boolean;
  init: (typeof INITS)[number];
  loss: (typeof LOSSES)[number];
  schedule: (typeof SCHEDULES)[number];
  earlyStopping: number;
  clipGradNorm: number;
  val: number;
  test: number;
  seed: number;
  standardize: boolean;
  diagnose: boolean;
  plots: boolean;
  out: string;
  name: string | null;
  resume: string | null;
}

type Kind = "string" | "int" | "number" | "bool" | "intList" | "choice";

export interface Setting {
  key: keyof TrainConfig;
  flag: string;
  kind: Kind;
  help: string;
  default: TrainConfig[keyof TrainConfig];
  choices?: readonly string[];
  min?: number;
  max?: number;
  nullable?: boolean;
}

/** Every training setting: flag, type, default, limits and help. */
export const SETTINGS: Setting[] = [
  { key: "data", flag: "--data", kind: "string", default: "digits", help: "dataset: digits, iris, fashion-mnist, circle, xor, gaussian, spiral, moons, regression-plane, regression-gaussian, or a CSV file" },
  { key: "label", flag: "--label", kind: "string", default: null, nullable: true, help: "label column of a CSV file (name or 0-based index; default: the last column)" },
  { key: "layers", flag: "--layers", kind: "intList", default: [128, 64], min: 1, help: "hidden layer widths, comma-separated (e.g. 256,128)" },
  { key: "activation", flag: "--activation", kind: "choice", choices: ACTIVATIONS, default: "relu", help: "hidden activation" },
  { key: "optimizer", flag: "--optimizer", kind: "choice", choices: OPTIMIZERS, default: "adam", help: "optimiser" },
  { key: "lr", flag: "--lr", kind: "number", default: null, nullable: true, min: 0, help: "learning rate (default: the optimiser's usual one, 1e-3 for Adam, 0.01 for SGD)" },
  { key: "momentum", flag: "--momentum", kind: "number", default: 0.9, min: 0, max: 1, help: "momentum for sgd/momentum/nesterov/rmsprop" },
  { key: "weightDecay", flag: "--weight-decay", kind: "number", default: 0, min: 0, help: "L2 weight decay" },
  { key: "epochs", flag: "--epochs", kind: "int", default: 20, min: 1, help: "training epochs" },
  { key: "batchSize", flag: "--batch-size", kind: "int", default: 32, min: 1, help: "rows per mini-batch (1 = stochastic; larger than the data = full batch)" },
  { key: "dropout", flag: "--dropout", kind: "number", default: 0, min: 0, max: 0.99, help: "dropout probability after each hidden layer" },
  { key: "batchNorm", flag: "--batch-norm", kind: "bool", default: false, help: "batch normalisation after each hidden linear layer" },
  { key: "init", flag: "--init", kind: "choice", choices: INITS, default: "default", help: "weight initialisation" },
  { key: "loss", flag: "--loss", kind: "choice", choices: LOSSES, default: "auto", help: "loss (auto: cross_entropy for classification, mse for regression)" },
  { key: "schedule", flag: "--schedule", kind: "choice", choices: SCHEDULES, default: "none", help: "learning-rate schedule" },
  { key: "earlyStopping", flag: "--early-stopping", kind: "int", default: 0, min: 0, help: "stop after this many epochs without validation improvement, restoring the best weights (0 = off)" },
  { key: "clipGradNorm", flag: "--clip-grad-norm", kind: "number", default: 0, min: 0, help: "clip the global gradient norm to this value (0 = off)" },
  { key: "val", flag: "--val", kind: "number", default: 0.15, min: 0, max: 0.9, help: "validation fraction of the training data" },
  { key: "test", flag: "--test", kind: "number", default: 0.2, min: 0, max: 0.9, help: "test fraction (datasets without their own test split)" },
  { key: "seed", flag: "--seed", kind: "int", default: 0, min: 0, help: "random seed (same seed, bit-identical run)" },
  { key: "standardize", flag: "--standardize", kind: "bool", default: true, help: "standardise features with statistics of the training split (--no-standardize to turn off)" },
  { key: "diagnose", flag: "--diagnose", kind: "bool", default: false, help: "record per-layer diagnostics (activations, dead/saturated units, gradient norms, update ratios), print warnings with remedies, write diagnostics.json and histograms" },
  { key: "plots", flag: "--plots", kind: "bool", default: true, help: "write plots (SVG and PNG) of the curves, confusion matrix and decision boundary into the run folder (--no-plots to skip)" },
  { key: "out", flag: "--out", kind: "string", default: "runs", help: "folder that receives the run folder" },
  { key: "name", flag: "--name", kind: "string", default: null, nullable: true, help: "run folder name (default: data-timestamp)" },
  { key: "resume", flag: "--resume", kind: "string", default: null, nullable: true, help: "continue the run folder RUN from its last checkpoint, with its settings (flags given override them, e.g. a larger --epochs)" },
];

export function defaultConfig(): TrainConfig {
  const c: Record<string, unknown> = {};
  for (const s of SETTINGS) c[s.key] = Array.isArray(s.default) ? [...s.default] : s.default;
  return c as unknown as TrainConfig;
}

/** Parses one value of a setting from text (a flag) or JSON; errors name the field and the valid choices. */
export function parseSetting(s: Setting, raw: unknown, where: string): unknown {
  const bad = (expected: string): never => {
    throw new ConfigError(`${where}: invalid value ${JSON.stringify(raw)} for "${s.key}" (expected ${expected})`);
  };
  if (raw === null && s.nullable) return null;
  switch (s.kind) {
    case "string":
      if (typeof raw !== "string" || raw === "") bad("a non-empty string");
      return raw;
    case "bool":
      if (typeof raw === "boolean") return raw;
      if (raw === "true" || raw === "false") return raw === "true";
      return bad("true or false");
    case "choice": {
      const v = typeof raw === "string" ? raw.toLowerCase().replace(/-/g, "_") : raw;
      if (typeof v !== "string" || !s.choices!.includes(v)) bad(`one of ${s.choices!.join(", ")}`);
      return v;
    }
    case "int":
    case "number": {
      const v = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : raw;
      if (typeof v !== "number" || !Number.isFinite(v)) bad(s.kind === "int" ? "an integer" : "a number");
      const n = v as number;
      if (s.kind === "int" && !Number.isInteger(n)) bad("an integer");
      if (s.min !== undefined && n < s.min) bad(`a value >= ${s.min}`);
      if (s.max !== undefined && n > s.max) bad(`a value <= ${s.max}`);
      return n;
    }
    case "intList": {
      const list = typeof raw === "string" ? (raw.trim() === "" ? [] : raw.split(",").map((x) => Number(x.trim()))) : raw;
      if (!Array.isArray(list) || !list.every((x) => Number.isInteger(x) && x >= (s.min ?? 0))) {
        bad(`a list of integers >= ${s.min ?? 0}, e.g. 256,128`);
      }
      return list;
    }
  }
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Validates a JSON config object: unknown fields and bad values are errors naming the field. */
export function configFromJSON(obj: unknown, where: string): Partial<TrainConfig> {
  if (!obj || typeof obj !== "object" || Array.isArray(obj)) throw new ConfigError(`${where}: expected a JSON object of settings`);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    const s = SETTINGS.find((x) => x.key === k || x.flag === `--${k}`);
    if (!s) throw new ConfigError(`${where}: unknown field "${k}" (valid fields: ${SETTINGS.map((x) => x.key).join(", ")})`);
    out[s.key] = parseSetting(s, v, where);
  }
  return out as Partial<TrainConfig>;
}
