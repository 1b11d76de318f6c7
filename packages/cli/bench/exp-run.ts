// `exp run` of a text8 config on text8-prefix.txt, as a user runs it: the benches' one way
// to train through the whole tool (trainer, default logging, checkpoints).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { RunStatus } from "@w2v/trainer/run-directory";

export const TEXT8_CONFIGS = { sg: "text8-sgns.yaml", cbow: "text8-cbow.yaml" } as const;
export type Arch = keyof typeof TEXT8_CONFIGS;

const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const configs = fileURLToPath(new URL("../../../configs/", import.meta.url));

/** Trains `arch`'s config into `runDir` with `--set` overrides; returns its status.json. */
export function expRun(arch: Arch, runDir: string, sets: string[], dataDir: string): RunStatus {
  const args = [bin, "run", join(configs, TEXT8_CONFIGS[arch]), "--run-dir", runDir];
  const overrides = ["data.allowText8Prefix=true", ...sets].flatMap((s) => ["--set", s]);
  const result = spawnSync(process.execPath, [...args, ...overrides], {
    encoding: "utf8",
    env: { ...process.env, CI: "true", W2V_DATA_DIR: dataDir },
  });
  if (result.status !== 0) throw new Error(`exp run ${TEXT8_CONFIGS[arch]} failed:\n${result.stderr}`);
  return JSON.parse(readFileSync(join(runDir, "status.json"), "utf8"));
}
