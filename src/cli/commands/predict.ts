/** `nabla predict RUN input.csv`: predictions of a saved model for the rows of a CSV file, as CSV. */
import type { Command } from "commander";
import { train } from "../../index.js";
import { readCsv } from "../../node.js";
import { loadRunModel } from "./evaluate.js";
import { applyScaler } from "../prepare.js";
import { writeFileAtomic } from "../run-folder.js";

export function predictCommand(dir: string, input: string, options: { output?: string; header?: boolean; label?: string }): string {
  const { model, run } = loadRunModel(dir);
  const p = run.preprocess;
  const labelColumn = options.label === undefined ? undefined : /^\d+$/.test(options.label) ? Number(options.label) : options.label;
  const csv = readCsv(input, { header: options.header ?? true, labelColumn });
  const x = applyScaler(csv.x, p);
  const out = train.predict(model, x);
  const lines: string[] = [];
  if (p.task === "classification") {
    const probs = out.softmax(1);
    const k = out.shape[1]!;
    const names = p.classNames ?? Array.from({ length: k }, (_, i) => String(i));
    lines.push(["prediction", ...names.map((n) => `p_${n}`)].join(","));
    const cls = probs.argmax(1).data;
    for (let i = 0; i < out.shape[0]!; i++) {
      const row = Array.from(probs.data.subarray(i * k, (i + 1) * k), (v) => v.toPrecision(6));
      lines.push([names[cls[i]!]!, ...row].join(","));
    }
  } else {
    const k = out.shape[1] ?? 1;
    lines.push(Array.from({ length: k }, (_, i) => (k === 1 ? "prediction" : `prediction_${i}`)).join(","));
    for (let i = 0; i < out.shape[0]!; i++) lines.push(Array.from(out.data.subarray(i * k, (i + 1) * k), (v) => v.toPrecision(7)).join(","));
  }
  const text = lines.join("\n") + "\n";
  if (options.output) writeFileAtomic(options.output, text);
  else process.stdout.write(text);
  return text;
}

export function registerPredict(prog: Command): void {
  prog
    .command("predict")
    .description("predict with a run's model for the rows of a CSV file of features")
    .argument("<run>", "run folder written by nabla train")
    .argument("<input>", "CSV file: one row per example, feature columns in training order")
    .option("--output <file>", "write the predictions here instead of stdout")
    .option("--no-header", "the CSV file has no header row")
    .option("--label <column>", "a label column in the file to ignore")
    .action((run: string, input: string, opts: { output?: string; header?: boolean; label?: string }) => void predictCommand(run, input, opts));
}
