import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadConfig, type ResolvedConfig } from "@w2v/config";
import { lockRunDir, train, writeFileAtomic, writeJsonAtomic } from "@w2v/trainer";
import type { Command } from "commander";
import { stringify } from "yaml";
import { EXIT, UsageError } from "../exit-codes.js";
import { collectMeta } from "../meta.js";
import { checkRunLocation, createRunDir, makeDirectory } from "../run-dir.js";
import { describeCommand } from "./descriptions.js";
import { collect, experimentsDir, trainingExitCode } from "./shared.js";

export interface RunOptions {
  set: string[];
  name?: string;
  dryRun?: boolean;
  runDir?: string;
  experimentsDir: string;
}

/** An explicit `--run-dir` (sweep trials) must be new or empty: a used one is resumed, not overwritten. */
function claimRunDir(dir: string): { dir: string; runId: string } {
  const path = resolve(dir);
  if (existsSync(path) && readdirSync(path).length > 0) {
    throw new UsageError(`--run-dir ${dir} already holds a run; continue it with: exp resume ${dir}`);
  }
  makeDirectory(path, true);
  return { dir: path, runId: path.split(/[\\/]/).pop() ?? "run" };
}

export function writeRunConfig(dir: string, config: ResolvedConfig): void {
  writeFileAtomic(join(dir, "config.yaml"), stringify(config));
}

/** `exp run`: validate first (nothing touches the disk on a config error), then train. */
export async function runCommand(configPath: string, options: RunOptions): Promise<number> {
  if (options.runDir !== undefined) checkRunLocation("--run-dir", options.runDir);
  else checkRunLocation("--experiments-dir", options.experimentsDir);
  const { config, files, baseDir, warnings } = loadConfig(configPath, {
    overrides: options.set,
    name: options.name,
  });
  for (const warning of warnings) console.error(`warning: ${warning}`);
  if (options.dryRun) {
    process.stdout.write(stringify(config));
    return EXIT.ok;
  }
  const start = new Date();
  const { dir, runId } = options.runDir
    ? claimRunDir(options.runDir)
    : createRunDir(options.experimentsDir, config.name, start);
  const release = await lockRunDir(dir);
  try {
    writeRunConfig(dir, config);
    const meta = collectMeta({ runId, name: config.name, seed: config.seed, start, configFiles: files });
    writeJsonAtomic(join(dir, "meta.json"), { ...meta, configDir: baseDir });
    console.error(`run directory: ${dir}`);
    const result = await train({ runDir: dir, config, baseDir });
    return trainingExitCode(result);
  } finally {
    await release();
  }
}

export function registerRun(program: Command): void {
  program
    .command("run")
    .description(describeCommand("run"))
    .argument("<config>", "experiment config (YAML)")
    .option(
      "--set <field=value>",
      "override a config field, e.g. --set trainer.lr=0.5 (repeatable)",
      collect,
      [],
    )
    .option("--name <name>", "experiment name (default: the config's name, else its file name)")
    .option(
      "--run-dir <dir>",
      "train into this (new or empty) directory instead of experiments/<name>/<run-id>/",
    )
    .option("--dry-run", "print the resolved config and stop")
    .action(
      async (
        config: string,
        options: { set: string[]; name?: string; dryRun?: boolean; runDir?: string },
        command: Command,
      ) => {
        process.exitCode = await runCommand(config, { ...options, experimentsDir: experimentsDir(command) });
      },
    );
}
