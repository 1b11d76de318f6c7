/**
 * TensorBoard series across SIGKILL and resume: runs killed at random moments (the first twice)
 * and resumed show, read with TensorBoard's restart rule (a SessionLog START at step S drops
 * the points read at steps >= S), exactly the steps of the uninterrupted run for every tag,
 * and the HParams session. The built CLI runs in child processes.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Rng } from "@w2v/data";
import { type Point, type RunSummaries, readRun } from "@w2v/logging";
import { describe, expect, it } from "vitest";
import { cliBin, exited, exp, waitFor } from "./cli-process.fixture.js";
import { writeConfig, writePlantedCorpus } from "./planted-corpus.fixture.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Start `args`, wait until training has begun (an event file exists), then `delayMs`, then SIGKILL. */
async function killDuring(args: string[], runDir: string, delayMs: number): Promise<void> {
  const child = spawn(process.execPath, [cliBin, ...args], {
    stdio: "ignore",
    env: { ...process.env, CI: "true" },
  });
  const eventFiles = () =>
    (existsSync(runDir) ? readdirSync(runDir) : []).filter((n) => n.includes("tfevents"));
  const before = eventFiles().length;
  await waitFor(() => eventFiles().length > before, child, 60_000);
  await sleep(delayMs);
  child.kill("SIGKILL");
  await exited(child);
}

function stepsByTag(summaries: RunSummaries): Record<string, number[]> {
  const steps: Record<string, number[]> = {};
  const all: Record<string, Point[]>[] = [summaries.scalars, summaries.histograms, summaries.texts];
  for (const series of all) {
    for (const [tag, points] of Object.entries(series)) steps[tag] = points.map((point) => point.step);
  }
  return steps;
}

describe("TensorBoard series of runs killed with SIGKILL and resumed (hogwild, 1 thread)", () => {
  const { dir } = writePlantedCorpus({ clusters: 4, wordsPerCluster: 8, sentences: 2000 });
  const config = writeConfig(
    dir,
    "events.yaml",
    [
      "name: resume-events",
      "seed: 5",
      "data: { corpus: text, path: corpus.txt, minCount: 1, subsampling: { rule: none }, window: 2 }",
      "model: { dim: 12, samples: 3 }",
      "trainer: { engine: hogwild, threads: 1, epochs: 30, stepWords: 1000, checkpoint: { every: 40, keep: 2 } }",
      "logging: { every: 10, histogramsEvery: 40, neighboursEvery: 40, progress: lines, probeWords: [c0w0], projector: { size: 10 } }",
      "",
    ].join("\n"),
  );

  it("every tag has the uninterrupted run's steps, with no gaps, and the HParams session", async () => {
    const whole = join(dir, "whole");
    const started = Date.now();
    expect(exp(["run", config, "--run-dir", whole]).status).toBe(0);
    const runMs = Date.now() - started;
    const expected = stepsByTag(await readRun(whole));
    const totalSteps = expected["loss/raw"].at(-1) ?? 0;
    expect(expected["loss/raw"]).toEqual(Array.from({ length: totalSteps / 10 }, (_, i) => 10 * (i + 1)));

    const rng = Rng.derive(2026, "kill-moments");
    for (let run = 0; run < 3; run++) {
      const runDir = join(dir, `killed-${run}`);
      const firstKill = Math.floor(rng.nextFloat() * runMs * 0.6);
      const secondKill = run === 0 ? Math.floor(rng.nextFloat() * runMs * 0.6) : null;
      await killDuring(["run", config, "--run-dir", runDir], runDir, firstKill);
      if (secondKill !== null) await killDuring(["resume", runDir], runDir, secondKill);
      // What crashed writers leave behind is removed when the run is resumed.
      const leftovers = [join(runDir, "status.json.tmp-999999"), join(runDir, ".vectors.bin.tmp-999999-0")];
      mkdirSync(join(runDir, "checkpoints", ".tmp-ckpt-0000000040-999999"), { recursive: true });
      for (const file of leftovers) writeFileSync(file, "partial");
      const resumed = exp(["resume", runDir]);
      for (const file of leftovers) expect(existsSync(file)).toBe(false);
      expect(readdirSync(join(runDir, "checkpoints")).filter((name) => name.includes("tmp"))).toEqual([]);
      expect(
        resumed.status,
        `run ${run} (kills at +${firstKill} and +${secondKill} ms): ${resumed.stderr}`,
      ).toBe(0);

      const summaries = await readRun(runDir);
      expect(stepsByTag(summaries), `run ${run}, kills at +${firstKill} and +${secondKill} ms`).toEqual(
        expected,
      );
      expect(summaries.hparamsStarts.length).toBeGreaterThanOrEqual(1);
      expect(summaries.hparamsStarts[0].hparams["trainer.engine"]).toBe("hogwild");
      expect(summaries.hparamsEnds.map((end) => end.status)).toEqual(["SUCCESS"]);
    }
  }, 240_000);
});
