import type { Command } from "commander";
import { COMMAND_DESCRIPTIONS, type CommandDescription } from "./descriptions.js";

/**
 * Every command with how to load it. `main` loads only the command invoked: the packages
 * behind the commands (tfjs among them) take most of a second to load, and `exp --help` or
 * `exp ls` should answer at once.
 */
export interface CommandEntry extends CommandDescription {
  load(): Promise<(program: Command) => void>;
}

const LOADERS: Record<string, CommandEntry["load"]> = {
  run: async () => (await import("./run.js")).registerRun,
  resume: async () => (await import("./resume.js")).registerResume,
  sweep: async () => (await import("./sweep.js")).registerSweep,
  worker: async () => (await import("./worker.js")).registerWorker,
  ls: async () => (await import("./ls.js")).registerLs,
  compare: async () => (await import("./compare.js")).registerCompare,
  data: async () => (await import("./data-stats.js")).registerDataStats,
  eval: async () => (await import("./eval.js")).registerEval,
  similar: async () => (await import("./similar.js")).registerSimilar,
  analogy: async () => (await import("./analogy.js")).registerAnalogy,
  export: async () => (await import("./export.js")).registerExport,
};

export const COMMANDS: readonly CommandEntry[] = COMMAND_DESCRIPTIONS.map((entry) => ({
  ...entry,
  load: LOADERS[entry.name],
}));

/** The command `argv` invokes: its first word that is neither an option nor an option's value. */
export function invokedCommand(argv: readonly string[]): CommandEntry | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--experiments-dir") i++;
    else if (!argv[i].startsWith("-")) return COMMANDS.find((command) => command.name === argv[i]);
  }
  return undefined;
}
