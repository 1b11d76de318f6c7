import type { Command } from "commander";
import { EXIT, UsageError } from "../exit-codes.js";
import { compareRuns, formatComparison } from "../sweep/compare.js";
import { collectRuns } from "../sweep/runs.js";
import { formatOption, type TableFormat } from "../sweep/table-format.js";
import { describeCommand } from "./descriptions.js";
import { collect } from "./shared.js";

export interface CompareCommandOptions {
  metric: string[];
  sort?: string;
  format: TableFormat;
}

/** `exp compare`: the config fields that differ between runs, and their metrics (mean ± std over seeds). */
export function compareCommand(paths: string[], options: CompareCommandOptions): number {
  const runs = collectRuns(paths);
  if (runs.length === 0) throw new UsageError(`no runs under ${paths.join(", ")}`);
  for (const run of runs.filter((r) => r.problem)) console.error(`warning: ${run.problem}`);
  const comparison = compareRuns(runs, { metrics: options.metric, sort: options.sort });
  process.stdout.write(formatComparison(comparison, options.format));
  return EXIT.ok;
}

export function registerCompare(program: Command): void {
  program
    .command("compare")
    .description(describeCommand("compare"))
    .argument("<runs...>", "run directories, or directories to search for runs (e.g. a sweep)")
    .option("--metric <name>", "show this metric (repeatable; the first sorts by default)", collect, [])
    .option("--sort <column>", "sort by a column: a parameter, run, seed or a metric; add :desc to reverse")
    .addOption(formatOption())
    .action((paths: string[], options: CompareCommandOptions) => {
      process.exitCode = compareCommand(paths, options);
    });
}
