/** The guides in docs/, in reading order: the site's navigation and the runnable-snippet test both use this list. */
export const GUIDES: { file: string; title: string }[] = [
  { file: "index.md", title: "Overview" },
  { file: "getting-started.md", title: "Getting started" },
  { file: "tensors-and-autodiff.md", title: "Tensors and autodiff" },
  { file: "building-models.md", title: "Building models" },
  { file: "training.md", title: "Training" },
  { file: "data.md", title: "Data" },
  { file: "optimisers-and-schedules.md", title: "Optimisers and schedules" },
  { file: "regularisation.md", title: "Regularisation" },
  { file: "diagnostics.md", title: "Diagnostics" },
  { file: "experiments.md", title: "Experiments" },
  { file: "saving-and-interop.md", title: "Saving and interop" },
  { file: "performance-and-backends.md", title: "Performance and backends" },
  { file: "playground.md", title: "The playground" },
  { file: "coming-from-pytorch.md", title: "Coming from PyTorch" },
  { file: "coming-from-tensorflow-js.md", title: "Coming from TensorFlow.js" },
];
