/** The input features of TensorFlow Playground: each a function of the point (x1, x2), computed with tensor ops. */
import { cat, type Tensor } from "nabla";
import type { FeatureId } from "../settings.js";

export interface Feature {
  id: FeatureId;
  /** Shown on the input node. */
  label: string;
  /** Words for screen readers. */
  spoken: string;
  /** The value at one point, for the input nodes' heatmaps. */
  at: (x1: number, x2: number) => number;
  /** The column from the [N, 1] columns x1 and x2, as nabla code (also used by "show me the code"). */
  code: string;
  column: (x1: Tensor, x2: Tensor) => Tensor;
}

export const FEATURES: readonly Feature[] = [
  { id: "x1", label: "X₁", spoken: "X 1", at: (a) => a, code: "x1", column: (a) => a },
  { id: "x2", label: "X₂", spoken: "X 2", at: (_, b) => b, code: "x2", column: (_, b) => b },
  { id: "x1Squared", label: "X₁²", spoken: "X 1 squared", at: (a) => a * a, code: "x1.square()", column: (a) => a.square() },
  { id: "x2Squared", label: "X₂²", spoken: "X 2 squared", at: (_, b) => b * b, code: "x2.square()", column: (_, b) => b.square() },
  { id: "x1TimesX2", label: "X₁X₂", spoken: "X 1 times X 2", at: (a, b) => a * b, code: "x1.mul(x2)", column: (a, b) => a.mul(b) },
  { id: "sinX1", label: "sin(X₁)", spoken: "sine of X 1", at: (a) => Math.sin(a), code: "x1.sin()", column: (a) => a.sin() },
  { id: "sinX2", label: "sin(X₂)", spoken: "sine of X 2", at: (_, b) => Math.sin(b), code: "x2.sin()", column: (_, b) => b.sin() },
];

export const featureById = (id: FeatureId): Feature => FEATURES.find((f) => f.id === id)!;

/** The network's input: the chosen feature columns of points p ([N, 2]), shape [N, features]. */
export function featurize(p: Tensor, ids: readonly FeatureId[]): Tensor {
  if (ids.length === 0) throw new RangeError("featurize: choose at least one input feature");
  const x1 = p.narrow(1, 0, 1);
  const x2 = p.narrow(1, 1, 1);
  return cat(ids.map((id) => featureById(id).column(x1, x2)), 1);
}
