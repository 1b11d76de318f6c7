import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseExperiment, resolveConfig } from "@w2v/config";
import { type Corpus, Vocab } from "@w2v/data";
import { describe, expect, it } from "vitest";
import { FakeEngine } from "../test/fake-engine.js";
import { listCheckpoints, loadLatestCheckpoint, writeCheckpointFiles } from "./checkpoint.js";
import { NonFiniteError } from "./non-finite.js";
import { restore, snapshotCheckpoint, startPoint } from "./resume.js";
import { freshCounters, runLoop, type TrainerCounters } from "./run-loop.js";

/** The engine's checkpoint at `step`, snapshotted and written at once (as train.ts does, without events). */
function saveCheckpoint(
  engine: FakeEngine,
  run: { runDir: string; config: typeof config; vocabChecksum: string },
  step: number,
  counters: TrainerCounters,
): string {
  const files = snapshotCheckpoint(engine, run, step, counters);
  return writeCheckpointFiles(run.runDir, files, run.config.trainer.checkpoint.keep);
}

const config = resolveConfig(parseExperiment({ trainer: { checkpoint: { keep: 2 } } }));
const vocab = new Vocab(["the", "of", "and"], [30, 20, 10]);
const corpus = { vocab } as Corpus;

function runDir(): string {
  return mkdtempSync(join(tmpdir(), "w2v-resume-"));
}

const hooks = {
  summary: async () => {},
  histograms: async () => {},
  neighbours: async () => {},
  checkpoint: () => async () => {},
  progress: () => {},
  stopRequested: () => false,
};
const cadences = { logEvery: 5, checkpointEvery: 1000, histogramsEvery: null, neighboursEvery: null };

describe("resume against a fake engine", () => {
  it("continues from a checkpoint to the same weights, state and counters as an uninterrupted run", async () => {
    const dir = runDir();
    const whole = new FakeEngine({ totalSteps: 20 });
    const wholeCounters = freshCounters();
    await runLoop(whole, wholeCounters, cadences, hooks, 0.1);

    // a run stopped after step 7 with its checkpoint, resumed by another process
    const interrupted = new FakeEngine({ totalSteps: 20 });
    const early = freshCounters();
    await interrupted.runSteps(7);
    early.examplesSeen = 28;
    saveCheckpoint(interrupted, { runDir: dir, config, vocabChecksum: vocab.checksum() }, 7, early);

    const resumed = new FakeEngine({ totalSteps: 20 });
    const logs: string[] = [];
    const start = await startPoint(resumed, { runDir: dir, config, corpus, resume: true }, (l) =>
      logs.push(l),
    );
    expect(start.checkpoint?.state.step).toBe(7);
    expect(resumed.getState().step).toBe(7);
    expect(Array.from(resumed.params.input)).toEqual(new Array(6).fill(7));
    expect(Array.from(resumed.optimizerState()["fake.moments"])).toEqual(new Array(6).fill(7));
    expect(start.counters.examplesSeen).toBe(28);
    expect(logs.join("\n")).toMatch(/resuming from .*ckpt-0*7 \(step 7\)/);

    await runLoop(resumed, start.counters, cadences, hooks, 0.1);
    expect(Array.from(resumed.params.input)).toEqual(Array.from(whole.params.input));
    expect(resumed.getState()).toEqual(whole.getState());
    expect(start.counters.examplesSeen).toBe(wholeCounters.examplesSeen);
  });

  it("starts afresh, saying so, when asked to resume a run with no checkpoint", async () => {
    const engine = new FakeEngine({ totalSteps: 5 });
    const logs: string[] = [];
    const start = await startPoint(engine, { runDir: runDir(), config, corpus, resume: true }, (l) =>
      logs.push(l),
    );
    expect(start.checkpoint).toBeNull();
    expect(start.counters).toEqual(freshCounters());
    expect(logs).toContain("no usable checkpoint: starting from the beginning");
  });

  it("refuses a checkpoint trained on another vocabulary", async () => {
    const dir = runDir();
    saveCheckpoint(
      new FakeEngine({ totalSteps: 5 }),
      { runDir: dir, config, vocabChecksum: "other" },
      3,
      freshCounters(),
    );
    await expect(
      startPoint(new FakeEngine({ totalSteps: 5 }), { runDir: dir, config, corpus, resume: true }, () => {}),
    ).rejects.toThrow(/the vocabulary differs from the checkpoint's/);
  });

  it("refuses to save weights holding NaN, and keeps only the newest checkpoints", () => {
    const dir = runDir();
    const engine = new FakeEngine({ totalSteps: 5 });
    const run = { runDir: dir, config, vocabChecksum: vocab.checksum() };
    for (const step of [1, 2, 3]) saveCheckpoint(engine, run, step, freshCounters());
    expect(listCheckpoints(dir)).toHaveLength(2);
    engine.params.output[2] = Number.NaN;
    expect(() => saveCheckpoint(engine, run, 4, freshCounters())).toThrow(NonFiniteError);
    expect(listCheckpoints(dir)).toHaveLength(2);
  });

  it("names a saved tensor that does not fit this run's parameters", async () => {
    const dir = runDir();
    saveCheckpoint(
      new FakeEngine({ totalSteps: 5, vocabSize: 4 }),
      { runDir: dir, config, vocabChecksum: "v" },
      1,
      freshCounters(),
    );
    const start = await startPoint(
      new FakeEngine({ totalSteps: 5 }),
      { runDir: dir, config, corpus, resume: false },
      () => {},
    );
    expect(start.checkpoint).toBeNull();
    const checkpoint = loadLatestCheckpoint(dir, () => {})!;
    expect(() => restore(new FakeEngine({ totalSteps: 5 }), checkpoint)).toThrow(
      /tensor "input" does not match this run's parameters/,
    );
  });
});
