import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { ConfigError, diffConfigs, loadConfig } from "@w2v/config";
import { lockRunDir, readJson, readStatus, train, updateMeta } from "@w2v/trainer";
import type { Command } from "commander";
import { EXIT, UsageError } from "../exit-codes.js";
import { describeCommand } from "./descriptions.js";
import { writeRunConfig } from "./run.js";
import { collect, trainingExitCode } from "./shared.js";

export interface ResumeOptions {
  set: string[];
  config?: string;
}

/**
 * `exp resume <run-dir>`: continue from the newest valid checkpoint. A changed config
 * (`--config` or `--set`) is accepted only when every change is safe (epochs, steps,
 * logging, evaluation, checkpoint cadence); otherwise the differences are listed.
 */
export async function resumeCommand(runDirArg: string, options: ResumeOptions): Promise<number> {
  const runDir = resolve(runDirArg);
  const storedPath = join(runDir, "config.yaml");
  if (!existsSync(storedPath)) throw new UsageError(`${runDirArg} is not a run directory (no config.yaml)`);
  const stored = loadConfig(storedPath).config;
  const wanted = loadConfig(options.config ?? storedPath, {
    overrides: options.set,
    name: stored.name,
  }).config;
  const changes = diffConfigs(stored, wanted);
  const unsafe = changes.filter((change) => !change.safe);
  if (unsafe.length > 0) {
    throw new ConfigError(
      unsafe.map((change) => ({
        path: change.path,
        message: `changed from ${JSON.stringify(change.before)} to ${JSON.stringify(change.after)}, which a resumed run cannot honour (only epochs, steps, logging, eval and checkpoint settings may change)`,
      })),
    );
  }
  const release = await lockRunDir(runDir);
  try {
    const status = readStatus(runDir);
    if (status?.status === "finished" && changes.length === 0) {
      console.error(`${runDirArg} has already finished (step ${status.step}); nothing to resume`);
      return EXIT.ok;
    }
    if (changes.length > 0) {
      for (const change of changes) {
        console.error(
          `config: ${change.path}: ${JSON.stringify(change.before)} -> ${JSON.stringify(change.after)}`,
        );
      }
      writeRunConfig(runDir, wanted);
    }
    const meta = readJson<{ configDir?: string; resumes?: unknown[] }>(join(runDir, "meta.json")) ?? {};
    updateMeta(runDir, {
      resumes: [
        ...(meta.resumes ?? []),
        { time: new Date().toISOString(), command: process.argv, pid: process.pid, changes },
      ],
    });
    const result = await train({ runDir, config: wanted, baseDir: meta.configDir ?? runDir, resume: true });
    return trainingExitCode(result);
  } finally {
    await release();
  }
}

export function registerResume(program: Command): void {
  program
    .command("resume")
    .description(describeCommand("resume"))
    .argument("<run-dir>", "the run directory (experiments/<name>/<run-id>)")
    .option(
      "--set <field=value>",
      "change a safe field (e.g. trainer.epochs=10, logging.every=50)",
      collect,
      [],
    )
    .option("--config <file>", "resume with this config (only safe fields may differ)")
    .action(async (runDir: string, options: ResumeOptions) => {
      process.exitCode = await resumeCommand(runDir, options);
    });
}
