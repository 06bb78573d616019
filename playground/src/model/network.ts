/**
 * The playground's network as a flat nn.Sequential: for each hidden layer Linear → [BatchNorm1d] → activation →
 * [Dropout], then a Linear output. Each piece sits next to the nabla code that "show me the code" writes for it,
 * so the export builds the very same network (same modules, same draws from the seed).
 */
import { Generator, nn, type Tensor } from "nabla";
import { activationOf, type Activation, type InitId, type Settings } from "../settings.js";

export interface NetSpec {
  inputs: number;
  hidden: readonly number[];
  /** One per hidden layer. */
  activations: readonly Activation[];
  outputs: number;
  init: InitId;
  dropout: number;
  batchNorm: boolean;
}

export interface Net {
  model: nn.Sequential;
  /** The Linear layers in order, the output layer last. */
  linears: nn.Linear[];
  /** Position in `model` of each hidden layer's activation module. */
  activationAt: number[];
}

/** Each activation's module, its code, and the gain name (and slope) nn.init uses for the layer before it. */
export const ACTIVATION_MODULES: Record<Activation, { make: () => nn.Module; code: string; gain: [string, number?] }> = {
  relu: { make: () => new nn.ReLU(), code: "new nn.ReLU()", gain: ["relu"] },
  tanh: { make: () => new nn.Tanh(), code: "new nn.Tanh()", gain: ["tanh"] },
  sigmoid: { make: () => new nn.Sigmoid(), code: "new nn.Sigmoid()", gain: ["sigmoid"] },
  linear: { make: () => new nn.Identity(), code: "new nn.Identity()", gain: ["linear"] },
  leakyRelu: { make: () => new nn.LeakyReLU(), code: "new nn.LeakyReLU()", gain: ["leaky_relu", 0.01] },
  elu: { make: () => new nn.ELU(), code: "new nn.ELU()", gain: ["relu"] },
  gelu: { make: () => new nn.GELU(), code: "new nn.GELU()", gain: ["relu"] },
  silu: { make: () => new nn.SiLU(), code: "new nn.SiLU()", gain: ["relu"] },
};

/**
 * Initialisation schemes: `apply` runs on a Linear with the gain of the activation after it (linear for the output
 * layer); `code` is the same statement as text, with `w`, `b`, `g` and the gain name and slope filled in.
 */
export const INITS: Record<InitId, { apply: (l: nn.Linear, gain: [string, number?], g: Generator) => void; code: (gain: [string, number?]) => string }> = {
  // TensorFlow Playground's own: weights uniform in [−0.5, 0.5], biases 0.1
  playground: {
    apply: (l, _, g) => { nn.init.uniform(l.weight, { a: -0.5, b: 0.5, generator: g }); nn.init.constant(l.bias!, 0.1); },
    code: () => "nn.init.uniform(m.weight, { a: -0.5, b: 0.5, generator: g }); nn.init.constant(m.bias!, 0.1);",
  },
  pytorch: { apply: () => {}, code: () => "" },
  xavier: {
    apply: (l, [n, a], g) => { nn.init.xavierUniform(l.weight, { gain: nn.init.calculateGain(n, a), generator: g }); nn.init.zeros(l.bias!); },
    code: ([n, a]) => `nn.init.xavierUniform(m.weight, { gain: nn.init.calculateGain(${gainArgs(n, a)}), generator: g }); nn.init.zeros(m.bias!);`,
  },
  kaiming: {
    apply: (l, [n, a], g) => { nn.init.kaimingNormal(l.weight, { a: a ?? 0, nonlinearity: n, generator: g }); nn.init.zeros(l.bias!); },
    code: ([n, a]) => `nn.init.kaimingNormal(m.weight, { a: ${a ?? 0}, nonlinearity: "${n}", generator: g }); nn.init.zeros(m.bias!);`,
  },
  lecun: {
    apply: (l, _, g) => { nn.init.lecunNormal(l.weight, { generator: g }); nn.init.zeros(l.bias!); },
    code: () => "nn.init.lecunNormal(m.weight, { generator: g }); nn.init.zeros(m.bias!);",
  },
  orthogonal: {
    apply: (l, [n, a], g) => { nn.init.orthogonal(l.weight, { gain: nn.init.calculateGain(n, a), generator: g }); nn.init.zeros(l.bias!); },
    code: ([n, a]) => `nn.init.orthogonal(m.weight, { gain: nn.init.calculateGain(${gainArgs(n, a)}), generator: g }); nn.init.zeros(m.bias!);`,
  },
};

function gainArgs(n: string, a?: number): string {
  return a === undefined ? `"${n}"` : `"${n}", ${a}`;
}

/** The network the settings describe, for `inputs` features and `outputs` output units. */
export function netSpecOf(s: Settings, outputs: number): NetSpec {
  return {
    inputs: s.features.length,
    hidden: s.networkShape,
    activations: s.networkShape.map((_, i) => activationOf(s, i)),
    outputs,
    init: s.init,
    dropout: s.dropout,
    batchNorm: s.batchNorm,
  };
}

/** The gain of the activation after each Linear: the hidden layer's activation, linear for the output. */
export const gainsOf = (spec: NetSpec): [string, number?][] => [...spec.activations.map((a) => ACTIVATION_MODULES[a].gain), ["linear"]];

/** Builds the network: all modules first (Linear draws PyTorch's default init from g), then the init scheme in layer order. */
export function buildNet(spec: NetSpec, g: Generator): Net {
  const modules: nn.Module[] = [];
  const linears: nn.Linear[] = [];
  const activationAt: number[] = [];
  let width = spec.inputs;
  spec.hidden.forEach((n, i) => {
    const lin = new nn.Linear(width, n, { generator: g });
    linears.push(lin);
    modules.push(lin);
    if (spec.batchNorm) modules.push(new nn.BatchNorm1d(n));
    activationAt.push(modules.length);
    modules.push(ACTIVATION_MODULES[spec.activations[i]!].make());
    if (spec.dropout > 0) modules.push(new nn.Dropout({ p: spec.dropout, generator: g }));
    width = n;
  });
  const head = new nn.Linear(width, spec.outputs, { generator: g });
  linears.push(head);
  modules.push(head);
  const gains = gainsOf(spec);
  linears.forEach((l, i) => INITS[spec.init].apply(l, gains[i]!, g));
  return { model: new nn.Sequential(...modules), linears, activationAt };
}

/** The forward pass, keeping each hidden layer's output (after its activation) and, optionally, asking for its gradient. */
export function trace(net: Net, x: Tensor, retainGrads = false): { hidden: Tensor[]; output: Tensor } {
  const hidden: Tensor[] = [];
  const kids = net.model.children();
  let h = x;
  kids.forEach((m, i) => {
    h = m.forward(h);
    if (net.activationAt.includes(i)) {
      if (retainGrads && h.requiresGrad) h.retainGrad();
      hidden.push(h);
    }
  });
  return { hidden, output: h };
}
