/** A fixed input transform as a layer, so an exported model can take raw features. */
import { Tensor } from "../tensor/index.js";
import { Module } from "../nn/index.js";

/**
 * y = (x − mean)/scale per feature (the last dim), with `mean` and `scale` as buffers: a fitted
 * StandardScaler as the first layer of an exported model, so ONNX, TypeScript and saved files take raw
 * inputs. Not trained.
 */
export class Standardize extends Module {
  readonly numFeatures: number;

  constructor(mean: ArrayLike<number> | Tensor, scale: ArrayLike<number> | Tensor) {
    super();
    const m = Float32Array.from(mean instanceof Tensor ? mean.data : mean);
    const s = Float32Array.from(scale instanceof Tensor ? scale.data : scale);
    if (m.length !== s.length || m.length === 0) {
      throw new RangeError(`Standardize: mean has ${m.length} values and scale ${s.length}; expected the same positive number`);
    }
    this.numFeatures = m.length;
    this.registerBuffer("mean", new Tensor(m, [m.length]));
    this.registerBuffer("scale", new Tensor(s, [s.length]));
  }

  override forward(x: Tensor): Tensor {
    if (x.ndim < 1 || x.shape[x.ndim - 1] !== this.numFeatures) {
      throw new RangeError(`Standardize(${this.numFeatures}): input has shape [${x.shape.join(",")}], expected ${this.numFeatures} features in the last dim`);
    }
    return x.sub(this.getBuffer("mean")!).div(this.getBuffer("scale")!);
  }

  override extraRepr(): string {
    return `${this.numFeatures}`;
  }
}
