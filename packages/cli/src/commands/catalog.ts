import type { Command } from "commander";

/**
 * Every command's name and one-line description, and how to load it. `main` loads only the
 * command invoked: the packages behind the commands (tfjs among them) take most of a second
 * to load, and `exp --help` or `exp ls` should answer at once.
 */
export interface CommandEntry {
  name: string;
  /** Arguments, as the root help lists them (a command with subcommands names them in its description). */
  usage: string;
  description: string;
  /** Trains (and stops on SIGINT/SIGTERM after a checkpoint). */
  trains: boolean;
  load(): Promise<(program: Command) => void>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "run",
    usage: "<config>",
    description: "validate a config and train it into experiments/<name>/<run-id>/",
    trains: true,
    load: async () => (await import("./run.js")).registerRun,
  },
  {
    name: "resume",
    usage: "<run-dir>",
    description: "continue an interrupted run from its newest valid checkpoint",
    trains: true,
    load: async () => (await import("./resume.js")).registerResume,
  },
  {
    name: "sweep",
    usage: "<file>",
    description:
      "run every trial of a sweep file as its own run under experiments/<sweep>/<trial>/; rerunning skips finished trials and resumes interrupted ones",
    trains: true,
    load: async () => (await import("./sweep.js")).registerSweep,
  },
  {
    name: "worker",
    usage: "",
    description:
      "take sweep trials from a Redis queue (exp sweep --queue) and run them; every machine shares the experiments directory",
    trains: true,
    load: async () => (await import("./worker.js")).registerWorker,
  },
  {
    name: "ls",
    usage: "[dir]",
    description: "list runs (any depth) with status, start time, duration, final loss and eval metrics",
    trains: false,
    load: async () => (await import("./ls.js")).registerLs,
  },
  {
    name: "compare",
    usage: "<runs...>",
    description:
      "compare runs: only the config fields that differ, plus metrics; repeats over seeds as mean ± std",
    trains: false,
    load: async () => (await import("./compare.js")).registerCompare,
  },
  {
    name: "data",
    usage: "",
    description: "inspect the corpus a config trains on (data stats <config>)",
    trains: false,
    load: async () => (await import("./data-stats.js")).registerDataStats,
  },
  {
    name: "eval",
    usage: "<run>",
    description:
      "evaluate a run's vectors on analogies, WordSim-353 and SimLex-999; writes eval.json and prints a table",
    trains: false,
    load: async () => (await import("./eval.js")).registerEval,
  },
  {
    name: "similar",
    usage: "<run> <word>",
    description: "the nearest words to a word by cosine similarity",
    trains: false,
    load: async () => (await import("./similar.js")).registerSimilar,
  },
  {
    name: "analogy",
    usage: "<run> <a> <b> <c>",
    description: "answer a : b :: c : ? by vector arithmetic (3CosAdd or 3CosMul)",
    trains: false,
    load: async () => (await import("./analogy.js")).registerAnalogy,
  },
  {
    name: "export",
    usage: "<run>",
    description: "write a run's vectors as word2vec text/binary, GloVe text or projector TSV",
    trains: false,
    load: async () => (await import("./export.js")).registerExport,
  },
];

export function describeCommand(name: string): string {
  const entry = COMMANDS.find((command) => command.name === name);
  if (!entry) throw new Error(`no command ${name} in the catalog`);
  return entry.description;
}

/** The command `argv` invokes: its first word that is neither an option nor an option's value. */
export function invokedCommand(argv: readonly string[]): CommandEntry | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--experiments-dir") i++;
    else if (!argv[i].startsWith("-")) return COMMANDS.find((command) => command.name === argv[i]);
  }
  return undefined;
}
