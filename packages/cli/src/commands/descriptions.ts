/**
 * Every command's name, usage and one-line description: what the root help lists without
 * loading any command, and what each command's own help says. Kept apart from the loaders
 * (catalog.ts), which import the commands that import these descriptions.
 */
export interface CommandDescription {
  name: string;
  /** Arguments, as the root help lists them (a command with subcommands names them in its description). */
  usage: string;
  description: string;
  /** Trains (and stops on SIGINT/SIGTERM after a checkpoint). */
  trains: boolean;
}

export const COMMAND_DESCRIPTIONS: readonly CommandDescription[] = [
  {
    name: "run",
    usage: "<config>",
    description: "validate a config and train it into experiments/<name>/<run-id>/",
    trains: true,
  },
  {
    name: "resume",
    usage: "<run-dir>",
    description: "continue an interrupted run from its newest valid checkpoint",
    trains: true,
  },
  {
    name: "sweep",
    usage: "<file>",
    description:
      "run every trial of a sweep file as its own run under experiments/<sweep>/<trial>/; rerunning skips finished trials and resumes interrupted ones",
    trains: true,
  },
  {
    name: "worker",
    usage: "",
    description:
      "take sweep trials from a Redis queue (exp sweep --queue) and run them; every machine shares the experiments directory",
    trains: true,
  },
  {
    name: "ls",
    usage: "[dir]",
    description: "list runs (any depth) with status, start time, duration, final loss and eval metrics",
    trains: false,
  },
  {
    name: "compare",
    usage: "<runs...>",
    description:
      "compare runs: only the config fields that differ, plus metrics; repeats over seeds as mean ± std",
    trains: false,
  },
  {
    name: "data",
    usage: "",
    description: "inspect the corpus a config trains on (data stats <config>)",
    trains: false,
  },
  {
    name: "eval",
    usage: "<run>",
    description:
      "evaluate a run's vectors on analogies, WordSim-353 and SimLex-999; writes eval.json and prints a table",
    trains: false,
  },
  {
    name: "similar",
    usage: "<run> <word>",
    description: "the nearest words to a word by cosine similarity",
    trains: false,
  },
  {
    name: "analogy",
    usage: "<run> <a> <b> <c>",
    description: "answer a : b :: c : ? by vector arithmetic (3CosAdd or 3CosMul)",
    trains: false,
  },
  {
    name: "export",
    usage: "<run>",
    description: "write a run's vectors as word2vec text/binary, GloVe text or projector TSV",
    trains: false,
  },
];

export function describeCommand(name: string): string {
  const entry = COMMAND_DESCRIPTIONS.find((command) => command.name === name);
  if (!entry) throw new Error(`no command ${name} in the catalog`);
  return entry.description;
}
