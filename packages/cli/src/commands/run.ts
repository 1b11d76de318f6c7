import { join } from "node:path";
import { loadConfig } from "@w2v/config";
import type { Command } from "commander";
import { stringify } from "yaml";
import { collectMeta } from "../meta.js";
import { createRunDir, writeFileAtomic } from "../run-dir.js";
import { collect, experimentsDir } from "./shared.js";

export interface RunOptions {
  set: string[];
  name?: string;
  dryRun?: boolean;
  experimentsDir: string;
}

/** `exp run`: validate first (nothing touches the disk on a config error), then start the run. */
export async function runCommand(configPath: string, options: RunOptions): Promise<number> {
  const { config, files } = loadConfig(configPath, { overrides: options.set, name: options.name });
  if (options.dryRun) {
    process.stdout.write(stringify(config));
    return 0;
  }
  const start = new Date();
  const { dir, runId } = createRunDir(options.experimentsDir, config.name, start);
  writeFileAtomic(join(dir, "config.yaml"), stringify(config));
  const meta = collectMeta({ runId, name: config.name, seed: config.seed, start, configFiles: files });
  writeFileAtomic(join(dir, "meta.json"), `${JSON.stringify(meta, null, 2)}\n`);
  console.error(`run directory: ${dir}`);
  throw new Error("training is not implemented yet (the @w2v/trainer package has not landed)");
}

export function registerRun(program: Command): void {
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
    .action(
      async (
        config: string,
        options: { set: string[]; name?: string; dryRun?: boolean },
        command: Command,
      ) => {
        process.exitCode = await runCommand(config, { ...options, experimentsDir: experimentsDir(command) });
      },
    );
}
