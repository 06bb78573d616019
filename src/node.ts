/** Node-only parts of nabla: reading files from disk, and the terminal progress bar. Import from "nabla/node". */
export { readCsv, readIdx, readIdxArray } from "./data/node/files.js";
export {
  loadFashionMnist, loadMnist, FASHION_MNIST_DIR, FASHION_MNIST_CLASSES,
  type MnistData, type MnistOptions, type FashionMnistOptions,
} from "./data/node/mnist.js";
export { ProgressBar, type ProgressBarOptions } from "./train/callbacks/progress-bar.js";
export { toPNG, writePlot } from "./plot/png.js";
export { WorkerPool, builtModuleUrl } from "./tune/node/worker-pool.js";
export { save, load, writeFileAtomic, checkpointFile } from "./io/node/files.js";
