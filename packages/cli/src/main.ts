import { ConfigError } from "@w2v/config";
import { Command, CommanderError, Option } from "commander";
import { runCommand } from "./commands/run.js";
import { EXIT, UsageError } from "./exit-codes.js";

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function buildProgram(): Command {
  const program = new Command("exp")
    .description("Train and study word2vec embeddings: runs, sweeps, evaluation, TensorBoard logs.")
    .addOption(
      new Option("--experiments-dir <dir>", "where runs are stored")
        .env("W2V_EXPERIMENTS_DIR")
        .default("experiments"),
    )
    .showHelpAfterError("(add --help for usage)")
    .exitOverride();

  program
    .command("run")
    .description("validate a config and train it into experiments/<name>/<run-id>/")
    .argument("<config>", "experiment config (YAML)")
    .option(
      "--set <field=value>",
      "override a config field, e.g. --set trainer.lr=0.5 (repeatable)",
      collect,
      [],
    )
    .option("--name <name>", "experiment name (default: the config's name, else its file name)")
    .option("--dry-run", "print the resolved config and stop")
    .action(async (config: string, options: { set: string[]; name?: string; dryRun?: boolean }) => {
      process.exitCode = await runCommand(config, {
        ...options,
        experimentsDir: program.opts().experimentsDir,
      });
    });

  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Run `exp` with `argv` (without node and script); returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
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
