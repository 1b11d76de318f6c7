import type { Command } from "commander";

/** Commander accumulator for repeatable options such as `--set`. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The global `--experiments-dir` (env W2V_EXPERIMENTS_DIR), seen from any subcommand. */
export function experimentsDir(command: Command): string {
  return command.optsWithGlobals().experimentsDir as string;
}
