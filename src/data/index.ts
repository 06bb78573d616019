/**
 * Data: datasets, loaders, splits, transforms, shipped datasets and file parsers.
 * Browser-safe: nothing reachable from here imports node: modules (file readers are in "nabla/node").
 */
export { TensorDataset, Subset, collate, type Dataset } from "./dataset.js";
export { DataLoader, type DataLoaderOptions } from "./loader.js";
export { trainValTestSplit, type SplitOptions, type SplitIndices, type TensorSplit, type DatasetSplit } from "./split.js";
export { kFold, type KFoldOptions, type Fold } from "./kfold.js";
export type { Labels } from "./stratify.js";
export { StandardScaler, MinMaxScaler, type StandardScalerOptions, type MinMaxScalerOptions } from "./transforms/scalers.js";
export { oneHot, LabelEncoder } from "./transforms/encoding.js";
export * as playground from "./datasets/playground.js";
export type { PlaygroundOptions, Dataset2D } from "./datasets/playground.js";
export { twoMoons, type TwoMoonsOptions } from "./datasets/moons.js";
export { loadDigits, loadIris, type ClassificationData } from "./datasets/sklearn.js";
export { parseCsv, type ParseCsvOptions, type CsvData } from "./formats/csv.js";
export { parseIdx, decodeIdx, type IdxArray, type IdxDtype, type ParseIdxOptions } from "./formats/idx.js";
