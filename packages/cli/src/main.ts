import { ConfigError } from "@w2v/config";
import { Command, CommanderError, Option } from "commander";
import { registerAnalogy } from "./commands/analogy.js";
import { registerCompare } from "./commands/compare.js";
import { registerDataStats } from "./commands/data-stats.js";
import { registerEval } from "./commands/eval.js";
import { registerExport } from "./commands/export.js";
import { registerLs } from "./commands/ls.js";
import { registerResume } from "./commands/resume.js";
import { registerRun } from "./commands/run.js";
import { registerSimilar } from "./commands/similar.js";
import { registerSweep } from "./commands/sweep.js";
import { registerWorker } from "./commands/worker.js";
import { EXIT, UsageError } from "./exit-codes.js";

/** Each command lives in its own file under commands/ and registers itself here. */
const COMMANDS: ((program: Command) => void)[] = [
  registerRun,
  registerResume,
  registerSweep,
  registerWorker,
  registerLs,
  registerCompare,
  registerDataStats,
  registerEval,
  registerSimilar,
  registerAnalogy,
  registerExport,
];

function buildProgram(): Command {
  const program = new Command("exp")
    .description("Train and study word2vec embeddings: runs, sweeps, evaluation, TensorBoard logs.")
    .addOption(
      new Option("--experiments-dir <dir>", "where runs are stored")
        .env("W2V_EXPERIMENTS_DIR")
        .default("experiments"),
    )
    .showHelpAfterError("(add --help for usage)")
    .configureHelp({ showGlobalOptions: true });
  for (const register of COMMANDS) register(program);
  program.exitOverride();
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Run `exp` with `argv` (without node and script); returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  process.exitCode = undefined;
  try {
    await program.parseAsync(argv, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof ConfigError || error instanceof UsageError) {
      console.error(`error: ${error.message}`);
      return EXIT.usage;
    }
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.W2V_DEBUG && error instanceof Error) console.error(error.stack);
    return EXIT.failure;
  }
}
