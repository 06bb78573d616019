/** The `nabla` command: train, evaluate and predict from the terminal. */
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { SETTINGS, ConfigError, parseSetting, type TrainConfig } from "./config.js";
import { resolveConfig, trainCommand } from "./commands/train.js";
import { registerEvaluate } from "./commands/evaluate.js";
import { registerPredict } from "./commands/predict.js";
import { registerExport } from "./commands/export.js";
import { registerCompare } from "./commands/compare.js";
import { registerTune } from "./commands/tune.js";
import { registerLrFind } from "./commands/lr-find.js";
import { registerReport } from "./commands/report.js";
import { registerPlayground } from "./commands/playground.js";

/** Adds every training setting of the typed table as a flag (train, compare, tune and lr-find share them). */
export function trainFlags(cmd: Command): Command {
  for (const s of SETTINGS) {
    if (s.kind === "bool") {
      cmd.addOption(new Option(s.flag, s.help));
      if (s.default === true) cmd.addOption(new Option(`--no-${s.flag.slice(2)}`, `turn off ${s.flag}`));
      continue;
    }
    const def = Array.isArray(s.default) ? s.default.join(",") : s.default;
    const help = [s.help, s.choices ? `one of: ${s.choices.join(", ")}` : "", def !== null ? `default: ${def}` : ""].filter(Boolean).join("; ");
    const opt = new Option(`${s.flag} <value>`, help).argParser((raw: string) => {
      try {
        return parseSetting(s, raw, s.flag);
      } catch (e) {
        throw new InvalidArgumentError((e as Error).message.replace(`${s.flag}: `, ""));
      }
    });
    cmd.addOption(opt);
  }
  return cmd;
}

/** Only the flags the user typed, so a config file's values are not overwritten by defaults. */
export function givenFlags(cmd: Command): Partial<TrainConfig> {
  const out: Record<string, unknown> = {};
  for (const s of SETTINGS) {
    const src = cmd.getOptionValueSource(s.key);
    if (src === "cli") out[s.key] = cmd.getOptionValue(s.key);
  }
  return out as Partial<TrainConfig>;
}

/** The `nabla` program: each command registers itself from its own file under commands/. */
export function program(): Command {
  const prog = new Command("nabla")
    .description("nabla (∇): train, evaluate and use neural networks from the terminal")
    .showHelpAfterError()
    .exitOverride();
  registerTrain(prog);
  registerEvaluate(prog);
  registerPredict(prog);
  registerExport(prog);
  registerCompare(prog);
  registerTune(prog);
  registerLrFind(prog);
  registerReport(prog);
  registerPlayground(prog);
  for (const c of prog.commands) c.exitOverride().showHelpAfterError();
  return prog;
}

function registerTrain(prog: Command): void {
  trainFlags(
    prog.command("train").argument("[config]", "JSON config file (flags override its fields)").description("train an MLP and write a run folder"),
  )
    .option("--json", "print the run summary as one JSON object on stdout")
    .option("--quiet", "no progress output")
    .option("--config <file>", "JSON config file, e.g. the best.json of nabla tune (the same as the positional argument)")
    .action(async (file: string | undefined, _opts, cmd: Command) => {
      const opts = cmd.opts<{ json?: boolean; quiet?: boolean; config?: string }>();
      if (file && opts.config && file !== opts.config) throw new ConfigError(`two config files given (${file} and --config ${opts.config}); pass one`);
      const config = resolveConfig(opts.config ?? file, givenFlags(cmd));
      await trainCommand(config, { json: opts.json, quiet: opts.quiet });
    });
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv, { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`nabla: error: ${msg}\n`);
    return e instanceof ConfigError ? 2 : 1;
  }
}
