/** Turning what the user passes as data into a DataLoader. */
import { Tensor, Generator } from "../tensor/index.js";
import { DataLoader } from "../data/loader.js";
import { TensorDataset, type Dataset } from "../data/dataset.js";

/** Training or evaluation data: `[x, y]` tensors, a Dataset, or a ready DataLoader. */
export type DataSource = readonly [Tensor, Tensor] | Dataset | DataLoader;

export function toLoader(
  what: string, source: DataSource, batchSize: number, shuffle: boolean, generator?: Generator,
): DataLoader {
  if (source instanceof DataLoader) return source;
  if (Array.isArray(source)) {
    const [x, y] = source as unknown as readonly [Tensor, Tensor];
    if (!(x instanceof Tensor) || !(y instanceof Tensor)) throw new TypeError(`${what}: expected [x, y] tensors, a Dataset or a DataLoader`);
    if (x.shape[0] !== y.shape[0]) {
      throw new RangeError(`${what}: x has ${x.shape[0]} rows but y has ${y.shape[0]}`);
    }
    return new DataLoader(new TensorDataset(x, y), { batchSize, shuffle, generator });
  }
  const ds = source as Dataset;
  if (typeof ds.get !== "function") throw new TypeError(`${what}: expected [x, y] tensors, a Dataset or a DataLoader`);
  return new DataLoader(ds, { batchSize, shuffle, generator });
}
