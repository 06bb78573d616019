/**
 * Every setting of the playground in one typed table: its URL key, label, control, default and what a change
 * does. The table drives the URL (so every experiment is a link) and the generic controls; a setting is added in
 * one line. Settings with `control: "custom"` are edited by a dedicated widget (dataset picker, network view).
 */

export const ACTIVATIONS = ["relu", "tanh", "sigmoid", "linear", "leakyRelu", "elu", "gelu", "silu"] as const;
export type Activation = (typeof ACTIVATIONS)[number];
export const FEATURE_IDS = ["x1", "x2", "x1Squared", "x2Squared", "x1TimesX2", "sinX1", "sinX2"] as const;
export type FeatureId = (typeof FEATURE_IDS)[number];
export const CLASSIFICATION_DATASETS = ["circle", "xor", "gaussian", "spiral", "moons", "spiral3", "blobs4", "custom"] as const;
export const REGRESSION_DATASETS = ["regressPlane", "regressGaussian", "custom"] as const;
export type DatasetId = (typeof CLASSIFICATION_DATASETS)[number] | (typeof REGRESSION_DATASETS)[number];
export type Problem = "classification" | "regression";
export type OptimizerId = "sgd" | "momentum" | "nesterov" | "rmsprop" | "adam" | "adamw" | "adagrad" | "nadam";
export type ScheduleId = "constant" | "step" | "exponential" | "cosine" | "warmRestarts";
export type InitId = "playground" | "pytorch" | "xavier" | "kaiming" | "lecun" | "orthogonal";
export type SurfaceId = "bowl" | "rosenbrock" | "saddle";

export interface Settings {
  problem: Problem;
  dataset: DatasetId;
  noise: number;
  trainRatio: number;
  batchSize: number;
  dataSeed: number;
  features: FeatureId[];
  networkShape: number[];
  activation: Activation;
  /** One entry per hidden layer; "" (or a missing entry) means the global activation. */
  layerActivations: (Activation | "")[];
  init: InitId;
  seed: number;
  dropout: number;
  batchNorm: boolean;
  unlimited: boolean;
  learningRate: number;
  optimizer: OptimizerId;
  momentum: number;
  lrSchedule: ScheduleId;
  regularization: "none" | "L1" | "L2";
  regularizationRate: number;
  earlyStopping: "off" | "mark" | "stop";
  patience: number;
  showTestData: boolean;
  discretize: boolean;
  hideControls: boolean;
  view: "network" | "race";
  surface: SurfaceId;
}

/**
 * What a change does: "data" draws the points again and resets the network; "network" rebuilds the network
 * with the seed's initial weights; "live" changes training as it runs (as TensorFlow Playground's learning
 * rate); "view" only changes what the page shows.
 */
export type Effect = "data" | "network" | "live" | "view";
export type Group = "data" | "features" | "network" | "training" | "view" | "race";
export type Control = "select" | "slider" | "checkbox" | "number" | "custom";

interface Codec<T> {
  parse(raw: string): T | undefined;
  format(v: T): string;
}

export interface SettingSpec<K extends keyof Settings> {
  key: K;
  /** The URL query key. */
  url: string;
  label: string;
  group: Group;
  effect: Effect;
  control: Control;
  default: Settings[K];
  codec: Codec<Settings[K]>;
  /** For select controls: the values with their labels. */
  choices?: readonly (readonly [Settings[K], string])[];
  /** For sliders and number inputs. */
  min?: number;
  max?: number;
  step?: number;
  /** Appended to a slider's value ("%"). */
  unit?: string;
  help?: string;
  /** Shown only when this holds (momentum only for momentum optimisers, ...). */
  when?: (s: Settings) => boolean;
}

export type AnySetting = { [K in keyof Settings]: SettingSpec<K> }[keyof Settings];

const numberCodec: Codec<number> = {
  parse: (raw) => (raw.trim() !== "" && Number.isFinite(Number(raw)) ? Number(raw) : undefined),
  format: (v) => String(v),
};
const boolCodec: Codec<boolean> = {
  parse: (raw) => (raw === "true" || raw === "1" ? true : raw === "false" || raw === "0" ? false : undefined),
  format: (v) => String(v),
};
function stringCodec<T extends string>(): Codec<T> {
  return { parse: (raw) => raw as T, format: (v) => v };
}
function listCodec<T>(item: (raw: string) => T | undefined): Codec<T[]> {
  return {
    parse: (raw) => {
      if (raw === "") return [];
      const items = raw.split(",").map(item);
      return items.every((v) => v !== undefined) ? (items as T[]) : undefined;
    },
    format: (v) => v.join(","),
  };
}

function choice<K extends keyof Settings>(
  key: K, url: string, label: string, group: Group, effect: Effect, choices: readonly (readonly [Settings[K], string])[], def: Settings[K], help?: string,
): SettingSpec<K> {
  const numeric = typeof def === "number";
  const codec = (numeric ? numberCodec : stringCodec()) as unknown as Codec<Settings[K]>;
  return { key, url, label, group, effect, control: "select", default: def, codec, choices, help };
}
function slider<K extends keyof Settings>(
  key: K, url: string, label: string, group: Group, effect: Effect, [min, max, step]: [number, number, number], def: Settings[K], unit = "",
): SettingSpec<K> {
  return { key, url, label, group, effect, control: "slider", default: def, codec: numberCodec as unknown as Codec<Settings[K]>, min, max, step, unit };
}
function flag<K extends keyof Settings>(key: K, url: string, label: string, group: Group, effect: Effect, def: Settings[K], help?: string): SettingSpec<K> {
  return { key, url, label, group, effect, control: "checkbox", default: def, codec: boolCodec as unknown as Codec<Settings[K]>, help };
}
function custom<K extends keyof Settings>(key: K, url: string, label: string, group: Group, effect: Effect, def: Settings[K], codec: Codec<Settings[K]>): SettingSpec<K> {
  return { key, url, label, group, effect, control: "custom", default: def, codec };
}

const named = <T extends string>(...values: T[]): [T, string][] => values.map((v) => [v, v]);
const LR = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
const REG_RATES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
const ACT_LABELS: Record<Activation, string> = {
  relu: "ReLU", tanh: "Tanh", sigmoid: "Sigmoid", linear: "Linear", leakyRelu: "Leaky ReLU", elu: "ELU", gelu: "GELU", silu: "SiLU",
};
export const activationChoices = ACTIVATIONS.map((a) => [a, ACT_LABELS[a]] as const);

/** The table. Defaults are TensorFlow Playground's where it has the setting. */
export const SETTINGS: readonly AnySetting[] = [
  choice("problem", "problem", "Problem type", "data", "data", [["classification", "Classification"], ["regression", "Regression"]], "classification"),
  custom("dataset", "dataset", "Data", "data", "data", "circle", stringCodec<DatasetId>()),
  slider("trainRatio", "percTrainData", "Ratio of training to test data", "data", "data", [10, 90, 10], 50, "%"),
  slider("noise", "noise", "Noise", "data", "data", [0, 50, 5], 0),
  slider("batchSize", "batchSize", "Batch size", "data", "live", [1, 64, 1], 10),
  { key: "dataSeed", url: "dataSeed", label: "Data seed", group: "data", effect: "data", control: "number", default: 1, codec: numberCodec, min: 0, max: 2 ** 31 - 1, step: 1 },
  custom("features", "features", "Features", "features", "network", ["x1", "x2"], listCodec((r) => (FEATURE_IDS as readonly string[]).includes(r) ? (r as FeatureId) : undefined)),
  custom("networkShape", "networkShape", "Hidden layers", "network", "network", [4, 2], listCodec((r) => (/^\d+$/.test(r) ? Number(r) : undefined))),
  choice("activation", "activation", "Activation", "network", "network", activationChoices, "tanh"),
  custom("layerActivations", "layerActivations", "Activation per layer", "network", "network", [], listCodec((r) => (r === "" || (ACTIVATIONS as readonly string[]).includes(r) ? (r as Activation | "") : undefined))),
  choice("init", "init", "Initialisation", "network", "network",
    [["playground", "U(−0.5, 0.5), bias 0.1"], ["pytorch", "PyTorch default"], ["xavier", "Xavier (Glorot)"], ["kaiming", "Kaiming (He)"], ["lecun", "LeCun"], ["orthogonal", "Orthogonal"]], "playground",
    "how the initial weights are drawn (from the seed, so reset gives the same weights)"),
  { key: "seed", url: "seed", label: "Seed", group: "network", effect: "network", control: "number", default: 1, codec: numberCodec, min: 0, max: 2 ** 31 - 1, step: 1, help: "seed of the initial weights, the shuffling and the dropout masks" },
  choice("dropout", "dropout", "Dropout", "network", "network", [[0, "None"], [0.1, "0.1"], [0.2, "0.2"], [0.3, "0.3"], [0.5, "0.5"]], 0),
  flag("batchNorm", "batchNorm", "Batch normalisation", "network", "network", false),
  flag("unlimited", "unlimited", "Lift the 6-layer, 8-neuron limits", "network", "view", false),
  choice("learningRate", "learningRate", "Learning rate", "training", "live", LR.map((v) => [v, String(v)] as const), 0.03),
  choice("optimizer", "optimizer", "Optimiser", "training", "live",
    [["sgd", "SGD"], ["momentum", "SGD + momentum"], ["nesterov", "Nesterov"], ["rmsprop", "RMSprop"], ["adam", "Adam"], ["adamw", "AdamW"], ["adagrad", "Adagrad"], ["nadam", "NAdam"]], "sgd"),
  { ...choice("momentum", "momentum", "Momentum", "training", "live", [[0.5, "0.5"], [0.9, "0.9"], [0.95, "0.95"], [0.99, "0.99"]], 0.9), when: (s) => s.optimizer === "momentum" || s.optimizer === "nesterov" },
  choice("lrSchedule", "lrSchedule", "Learning-rate schedule", "training", "live",
    [["constant", "Constant"], ["step", "Step (×0.5 every 100 epochs)"], ["exponential", "Exponential (×0.99 per epoch)"], ["cosine", "Cosine over 500 epochs"], ["warmRestarts", "Cosine, restarts every 100"]], "constant"),
  choice("regularization", "regularization", "Regularisation", "training", "live", [["none", "None"], ["L1", "L1"], ["L2", "L2"]], "none"),
  { ...choice("regularizationRate", "regularizationRate", "Regularisation rate", "training", "live", REG_RATES.map((v) => [v, String(v)] as const), 0), when: (s) => s.regularization !== "none" },
  choice("earlyStopping", "earlyStopping", "Early stopping", "training", "live", [["off", "Off"], ["mark", "Mark on the chart"], ["stop", "Mark and pause"]], "mark",
    "when the test loss has not improved for `patience` epochs"),
  { ...choice("patience", "patience", "Patience (epochs)", "training", "live", [[10, "10"], [20, "20"], [50, "50"], [100, "100"], [200, "200"]], 50), when: (s) => s.earlyStopping !== "off" },
  flag("showTestData", "showTestData", "Show test data", "view", "view", false),
  flag("discretize", "discretize", "Discretise output", "view", "view", false),
  flag("hideControls", "hideControls", "Hide controls (classroom mode, key H)", "view", "view", false),
  choice("view", "view", "View", "view", "view", [["network", "Network"], ["race", "Optimiser race"]], "network"),
  choice("surface", "surface", "Surface", "race", "view", [["bowl", "Ill-conditioned bowl"], ["rosenbrock", "Rosenbrock"], ["saddle", "Saddle"]], "bowl"),
];

export const SPEC: { [K in keyof Settings]: SettingSpec<K> } = Object.fromEntries(SETTINGS.map((s) => [s.key, s])) as never;

export function defaults(): Settings {
  return Object.fromEntries(SETTINGS.map((s) => [s.key, structuredClone(s.default)])) as unknown as Settings;
}

/** The limits of TensorFlow Playground, and the ones that apply when they are lifted. */
export const LIMITS = { normal: { layers: 6, neurons: 8 }, lifted: { layers: 16, neurons: 64 } };
export const limitsOf = (s: Pick<Settings, "unlimited">): { layers: number; neurons: number } => (s.unlimited ? LIMITS.lifted : LIMITS.normal);

export const datasetsFor = (p: Problem): readonly DatasetId[] => (p === "classification" ? CLASSIFICATION_DATASETS : REGRESSION_DATASETS);

/** Brings a settings object back into range: known choices, clamped numbers, a dataset of the problem's kind, the layer limits. */
export function normalize(s: Settings): Settings {
  const out = { ...s };
  const put = <K extends keyof Settings>(k: K, v: Settings[K]): void => void (out[k] = v);
  for (const spec of SETTINGS) {
    const v = out[spec.key] as unknown;
    if (spec.choices && !spec.choices.some(([c]) => c === v)) put(spec.key, structuredClone(spec.default));
    if ((spec.control === "slider" || spec.control === "number") && typeof v === "number") {
      const step = spec.step ?? 1;
      const clamped = Math.min(spec.max!, Math.max(spec.min!, Math.round((v - spec.min!) / step) * step + spec.min!));
      put(spec.key, clamped as never);
    }
    if (typeof spec.default === "boolean" && typeof v !== "boolean") put(spec.key, spec.default);
  }
  if (!datasetsFor(out.problem).includes(out.dataset)) out.dataset = datasetsFor(out.problem)[0]!;
  const lim = limitsOf(out);
  out.networkShape = out.networkShape.slice(0, lim.layers).map((n) => Math.min(lim.neurons, Math.max(1, Math.round(n))));
  out.layerActivations = out.layerActivations.slice(0, out.networkShape.length);
  out.features = FEATURE_IDS.filter((f) => out.features.includes(f));
  return out;
}

/** Settings from a query string: known keys parsed, the rest defaults. */
export function fromQuery(query: string): Settings {
  const params = new URLSearchParams(query);
  const s = defaults() as unknown as Record<string, unknown>;
  for (const spec of SETTINGS) {
    const raw = params.get(spec.url);
    if (raw === null) continue;
    const v = spec.codec.parse(raw);
    if (v !== undefined) s[spec.key] = v;
  }
  return normalize(s as unknown as Settings);
}

/** The query string of the settings that differ from their defaults (so links stay short and readable). */
export function toQuery(s: Settings): string {
  const params = new URLSearchParams();
  for (const spec of SETTINGS) {
    const v = (spec.codec as Codec<unknown>).format(s[spec.key]);
    if (v !== (spec.codec as Codec<unknown>).format(spec.default)) params.set(spec.url, v);
  }
  return params.toString();
}

/** The activation of hidden layer i: its own, or the global one. */
export const activationOf = (s: Pick<Settings, "activation" | "layerActivations">, i: number): Activation => s.layerActivations[i] || s.activation;

/** The strongest effect among changed keys: data > network > live > view. */
export function effectOf(keys: readonly (keyof Settings)[]): Effect {
  const order: Effect[] = ["data", "network", "live", "view"];
  let best = 3;
  for (const k of keys) best = Math.min(best, order.indexOf(SPEC[k].effect));
  return order[best]!;
}
