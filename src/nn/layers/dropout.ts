/** The dropout layer. */
import type { Generator, Tensor } from "../../tensor/index.js";
import { Module } from "../module.js";
import { checkP, dropout } from "../functional/dropout.js";

/** Options of the `Dropout` layer: the drop probability p and the generator of the masks. */
export interface DropoutLayerOptions {
  /** Probability of zeroing each element (default 0.5). */
  p?: number;
  /** The generator the masks are drawn from (the global one by default). */
  generator?: Generator;
}

/** Inverted dropout: in training each element is zeroed with probability p and the rest scaled by 1/(1 − p); identity in eval. */
export class Dropout extends Module {
  readonly p: number;
  generator: Generator | undefined;

  constructor(options: DropoutLayerOptions = {}) {
    super();
    this.p = options.p ?? 0.5;
    checkP(this.p, "Dropout");
    this.generator = options.generator;
  }

  override forward(x: Tensor): Tensor {
    return dropout(x, { p: this.p, training: this.training, generator: this.generator });
  }

  override extraRepr(): string {
    return `p=${this.p}`;
  }
}
