import { Command, CommanderError, Option } from "commander";
import { COMMANDS, invokedCommand } from "./commands/catalog.js";
import { EXIT, UsageError } from "./exit-codes.js";

/**
 * The invoked command is loaded and registered in full; without one (`exp --help`, a typo),
 * every command is listed from the catalog without loading any.
 */
async function buildProgram(argv: string[]): Promise<Command> {
  const program = new Command("exp")
    .description("Train and study word2vec embeddings: runs, sweeps, evaluation, TensorBoard logs.")
    .addOption(
      new Option("--experiments-dir <dir>", "where runs are stored")
        .env("W2V_EXPERIMENTS_DIR")
        .default("experiments"),
    )
    .showHelpAfterError("(add --help for usage)")
    .configureHelp({ showGlobalOptions: true });
  const invoked = invokedCommand(argv);
  if (invoked) (await invoked.load())(program);
  else
    for (const entry of COMMANDS)
      program.command(`${entry.name} ${entry.usage}`.trim()).description(entry.description);
  program.exitOverride();
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Run `exp` with `argv` (without node and script); returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = await buildProgram(argv);
  process.exitCode = undefined;
  try {
    await program.parseAsync(argv, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    // Loaded already when a command threw one of its errors.
    if (error instanceof UsageError || error instanceof (await import("@w2v/config")).ConfigError) {
      console.error(`error: ${error.message}`);
      return EXIT.usage;
    }
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.W2V_DEBUG && error instanceof Error) console.error(error.stack);
    return EXIT.failure;
  }
}
