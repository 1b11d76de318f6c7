import { loadConfig } from "@w2v/config";
import { corpusStats, formatCorpusStats, loadCorpus } from "@w2v/data";
import type { Command } from "commander";
import { EXIT } from "../exit-codes.js";
import { describeCommand } from "./descriptions.js";
import { collect } from "./shared.js";

export interface DataStatsOptions {
  set: string[];
  json?: boolean;
}

/**
 * `exp data stats`: loads (or downloads) the corpus a config names, exactly as a run would,
 * and prints tokens, sentences, vocabulary, coverage of the top words, tokens kept after
 * subsampling and examples per epoch. Progress and source lines go to stderr.
 */
export async function dataStatsCommand(configPath: string, options: DataStatsOptions): Promise<number> {
  const { config, baseDir } = loadConfig(configPath, { overrides: options.set });
  const corpus = await loadCorpus(config.data, { baseDir, log: (line) => console.error(line) });
  const stats = corpusStats(corpus, config.data, config.seed);
  process.stdout.write(`${options.json ? JSON.stringify(stats, null, 2) : formatCorpusStats(stats)}\n`);
  return EXIT.ok;
}

export function registerDataStats(program: Command): void {
  // Set before `stats` is added so the subcommand inherits it (errors return, never exit).
  const data = program.command("data").description(describeCommand("data")).exitOverride();
  data
    .command("stats")
    .description("tokens, sentences, vocabulary, coverage, subsampling and examples per epoch")
    .argument("<config>", "experiment config (YAML)")
    .option(
      "--set <field=value>",
      "override a config field, e.g. --set data.minCount=10 (repeatable)",
      collect,
      [],
    )
    .option("--json", "print the figures as JSON")
    .action(async (config: string, options: DataStatsOptions) => {
      process.exitCode = await dataStatsCommand(config, options);
    });
}
