import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TrialCommandFor } from "./trial-process.js";

const fakeTrial = new URL("./fake-trial.fixture.mjs", import.meta.url).pathname;

/**
 * Tests' stand-in for `exp run` / `exp resume` (fake-trial.fixture.mjs), writing `start` and
 * `end` lines to `journal`; `behaviour` picks, per trial name, "fail" or "wait" (default "finish").
 */
export function fakeTrialCommand(journal: string, behaviour: Record<string, string> = {}): TrialCommandFor {
  return (trial, mode) => ({
    command: process.execPath,
    args: [
      fakeTrial,
      journal,
      mode,
      trial.dir,
      JSON.stringify(trial.config),
      behaviour[trial.name] ?? "finish",
    ],
  });
}

/** `<work>/tiny.yaml`: a sweep named "tiny" over a small text config, with `lines` added (grid, repeat...). */
export function writeTinySweep(work: string, lines: string[]): string {
  const file = join(work, "tiny.yaml");
  writeFileSync(
    file,
    [
      "base: { data: { corpus: text, path: corpus.txt, minCount: 1 }, trainer: { threads: 1 } }",
      ...lines,
    ].join("\n"),
  );
  return file;
}
