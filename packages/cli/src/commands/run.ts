import { join } from "node:path";
import { loadConfig } from "@w2v/config";
import { stringify } from "yaml";
import { collectMeta } from "../meta.js";
import { createRunDir, writeFileAtomic } from "../run-dir.js";

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
