/**
 * What `nabla train` adds to a run folder beyond the model: plots (loss and metric curves, the
 * learning rate, the confusion matrix of a classifier, the decision boundary of 2-D data) and, with
 * --diagnose, the Diagnostics callback's report, warnings and histograms.
 */
import { join } from "node:path";
import { plot, train, type nn, type Tensor } from "../../index.js";
import { writePlot } from "../../node.js";
import type { TrainConfig } from "../config.js";
import type { LoadedData } from "../datasets.js";
import { applyScaler, type Prepared } from "../prepare.js";
import { writeJSON } from "../run-folder.js";

/** The Diagnostics callback for a run when --diagnose is on (warnings printed as they appear), else null. */
export function diagnosticsFor(config: TrainConfig & { diagnose?: boolean }, stream: NodeJS.WritableStream = process.stderr): train.Diagnostics | null {
  if (!config.diagnose) return null;
  return new train.Diagnostics({
    onWarning: (w) => void stream.write(`nabla: warning (epoch ${w.epoch + 1}): ${w.message}\n  try: ${w.remedy}\n`),
  });
}

/** Writes diagnostics.json and the diagnostic plots, and prints the per-layer table. */
async function writeDiagnostics(dir: string, diag: train.Diagnostics, png: boolean, stream: NodeJS.WritableStream): Promise<Record<string, plot.PlotSpec>> {
  const report = diag.toJSON();
  writeJSON(dir, "diagnostics.json", report);
  stream.write(diag.summary());
  const specs: Record<string, plot.PlotSpec> = {};
  for (const [k, spec] of Object.entries(plot.diagnosticsPlots(report))) specs[`diagnostics-${k}`] = spec;
  for (const [name, spec] of Object.entries(specs)) await writePlot(join(dir, "plots"), name, spec, { png });
  return specs;
}

/** Records a failed fit in the run folder's diagnostics (a NaN loss: the learning rate is too high), then rethrows. */
export async function diagnoseFailure(dir: string, diag: train.Diagnostics | null, error: unknown, config: TrainConfig & { plots?: boolean }): Promise<never> {
  if (diag) {
    diag.recordError(error);
    await writeDiagnostics(dir, diag, config.plots ?? true, process.stderr);
  }
  throw error;
}

export interface RunExtras {
  config: TrainConfig & { plots?: boolean };
  history: train.History;
  model: nn.Module;
  data: LoadedData;
  prepared: Prepared;
  diagnostics?: train.Diagnostics | null;
}

/** Writes plots/ (SVG and PNG), plots.json (their vega-lite specs, for reports) and, with diagnostics, diagnostics.json. */
export async function writeRunExtras(dir: string, r: RunExtras): Promise<void> {
  const png = r.config.plots ?? true;
  const specs: Record<string, plot.PlotSpec> = {};
  if (r.diagnostics) Object.assign(specs, await writeDiagnostics(dir, r.diagnostics, png, process.stderr));
  if (r.config.plots === false) {
    writeJSON(dir, "plots.json", specs);
    return;
  }
  Object.assign(specs, plot.historyPlots(r.history));
  const { data: d, prepared: p, model } = r;
  if (d.task === "classification") {
    const [name, pair] = p.test ? ["test", p.test] : p.val ? ["validation", p.val] : ["train", p.train];
    const pred = train.predict(model, pair[0] as Tensor);
    const counts = train.metrics.confusionMatrix(pred, pair[1] as Tensor, d.numClasses);
    writeJSON(dir, "confusion.json", { split: name, classNames: d.classNames ?? null, counts });
    specs.confusion = plot.confusionMatrixPlot(counts, { classNames: d.classNames, title: `confusion matrix (${name})` });
    if (d.x.shape[1] === 2) {
      specs["decision-boundary"] = plot.decisionBoundary(model, d.x, d.y, {
        transform: (x) => applyScaler(x, p.preprocess), classNames: d.classNames, title: "decision boundary (all data)",
      });
    }
  }
  writeJSON(dir, "plots.json", specs);
  for (const [name, spec] of Object.entries(specs)) if (!name.startsWith("diagnostics-")) await writePlot(join(dir, "plots"), name, spec, { png });
}
