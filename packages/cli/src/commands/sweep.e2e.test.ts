// End to end with the real trainer: each trial is `node dist/bin.js run ...` (so the CLI must
// be built: `pnpm test` builds first). A tiny generated corpus keeps every trial to seconds.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Rng } from "@w2v/data";
import { readRun } from "@w2v/logging";
import { describe, expect, it } from "vitest";
import { captureOutput } from "../sweep/console-capture.fixture.js";
import { cliTrialCommand, type TrialCommandFor } from "../sweep/runner.js";
import { compareCommand } from "./compare.js";
import { sweepCommand } from "./sweep.js";

const cliBin = new URL("../../dist/bin.js", import.meta.url).pathname;

const output = captureOutput();

/** 4,000 tokens over 40 words, in sentences of 10. */
function tinyCorpus(): string {
  const rng = new Rng(5);
  const sentences: string[] = [];
  for (let s = 0; s < 400; s++) {
    sentences.push(Array.from({ length: 10 }, () => `w${rng.nextInt(40)}`).join(" "));
  }
  return `${sentences.join("\n")}\n`;
}

/** How many times each trial was started (the runner heads each attempt in the trial's log). */
function attempts(sweepDir: string, trial: string): number {
  return readFileSync(join(sweepDir, "logs", `${trial}.log`), "utf8").split("\n=== ").length - 1;
}

describe("exp sweep with the real trainer", () => {
  it("runs a tiny sweep 2 at a time; a failed trial alone reruns; compare shows mean ± std over seeds", async () => {
    expect(existsSync(cliBin), `build the CLI first (${cliBin} is missing)`).toBe(true);
    const work = mkdtempSync(join(tmpdir(), "w2v-sweep-e2e-"));
    const experiments = join(work, "experiments");
    writeFileSync(join(work, "corpus.txt"), tinyCorpus());
    const file = join(work, "tiny.yaml");
    writeFileSync(
      file,
      [
        "base:",
        "  data: { corpus: text, path: corpus.txt, minCount: 1, subsampling: { rule: none }, window: 2 }",
        "  model: { dim: 8, samples: 2 }",
        "  trainer: { threads: 1, epochs: 1, stepWords: 1000, checkpoint: { every: 2 } }",
        "  logging: { every: 1, histograms: false, projector: { size: 0 } }",
        "grid:",
        "  model.architecture: [skipgram, cbow]",
        "repeat: 2",
      ].join("\n"),
    );
    const sweepDir = join(experiments, "tiny");
    const failing = "architecture=cbow,seed=2";
    // Fault injection: the first time, one trial reads a corpus that does not exist.
    const breakOnce: TrialCommandFor = (trial, mode, plan) => {
      const command = cliTrialCommand(trial, mode, plan);
      if (trial.name !== failing) return command;
      return {
        ...command,
        args: [...command.args, "--set", `data.path=${join(work, "no-such-corpus.txt")}`],
      };
    };

    expect(
      await sweepCommand(file, { experimentsDir: experiments, parallel: 2, trialCommand: breakOnce }),
    ).toBe(1);
    expect(output.err).toContain("sweep: 3 finished (0 already), 1 failed, 0 interrupted");
    expect(output.err).toContain(`failed: ${failing}:`);

    expect(await sweepCommand(file, { experimentsDir: experiments, parallel: 2 })).toBe(0);
    expect(output.err).toContain("sweep: 4 finished (3 already), 0 failed, 0 interrupted");
    expect(attempts(sweepDir, failing)).toBe(2);
    for (const trial of [
      "architecture=skipgram,seed=1",
      "architecture=skipgram,seed=2",
      "architecture=cbow,seed=1",
    ]) {
      expect(attempts(sweepDir, trial)).toBe(1);
    }

    // The HParams table's metrics are scalars every trial wrote.
    const [{ experiment }] = (await readRun(sweepDir)).experiments;
    expect(experiment.metrics.map((metric) => metric.tag)).toEqual(["loss/smoothed", "train/words_per_sec"]);
    for (const trial of ["architecture=skipgram,seed=1", failing]) {
      const { scalars } = await readRun(join(sweepDir, trial));
      for (const { tag } of experiment.metrics)
        expect(scalars[tag]?.length, `${trial}: ${tag}`).toBeGreaterThan(0);
    }

    output.out = "";
    expect(compareCommand([sweepDir], { metric: ["finalLoss"], format: "table" })).toBe(0);
    const lines = output.out.trim().split("\n");
    expect(lines[0].split(/\s{2,}/)).toEqual(["run", "architecture", "seed", "finalLoss"]);
    expect(lines).toHaveLength(3);
    for (const line of lines.slice(1))
      expect(line).toMatch(/architecture=(skipgram|cbow),seed=\*\s+\w+\s+1 2\s+\S+ ± \S+/);
  });
});
