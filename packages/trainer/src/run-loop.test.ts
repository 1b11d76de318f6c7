import { describe, expect, it } from "vitest";
import { FakeEngine } from "../test/fake-engine.js";
import { freshCounters, type LoopCadences, type LossWindow, runLoop } from "./run-loop.js";

/** Hooks that record what the loop asked for, step by step. */
function recorder(stopAfter?: number) {
  const seen = {
    summaries: [] as { step: number; window: LossWindow; lr: number }[],
    histograms: [] as number[],
    neighbours: [] as number[],
    checkpoints: [] as number[],
    checkpointWrites: [] as number[],
    progress: [] as number[],
  };
  const hooks = {
    summary: async (step: number, window: LossWindow, lr: number) => {
      seen.summaries.push({ step, window: { ...window }, lr });
    },
    histograms: async (step: number) => void seen.histograms.push(step),
    neighbours: async (step: number) => void seen.neighbours.push(step),
    checkpoint: (step: number) => {
      seen.checkpoints.push(step);
      return async () => void seen.checkpointWrites.push(step);
    },
    progress: (step: number) => void seen.progress.push(step),
    stopRequested: () => stopAfter !== undefined && seen.progress.length >= stopAfter,
  };
  return { seen, hooks };
}

const cadences: LoopCadences = {
  logEvery: 4,
  checkpointEvery: 10,
  histogramsEvery: 6,
  neighboursEvery: null,
};

describe("runLoop against a fake engine", () => {
  it("runs to the last step in chunks that stop at every boundary, and calls each hook there", async () => {
    const engine = new FakeEngine({ totalSteps: 23 });
    const { seen, hooks } = recorder();
    const result = await runLoop(engine, freshCounters(), cadences, hooks, 0.5);
    expect(result.step).toBe(23);
    expect(result.words).toBe(2300);
    // boundaries 4, 6, 8, 10, 12, 16, 18, 20, 24 (cut to 23)
    expect(engine.calls).toEqual([4, 2, 2, 2, 2, 4, 2, 2, 3]);
    expect(seen.summaries.map((s) => s.step)).toEqual([4, 8, 12, 16, 20, 23]);
    expect(seen.histograms).toEqual([6, 12, 18]);
    expect(seen.neighbours).toEqual([]);
    // never at the last step: the caller writes the final checkpoint
    expect(seen.checkpoints).toEqual([10, 20]);
    expect(seen.progress.at(-1)).toBe(23);
  });

  it("sums each logging window's loss and words, and reports the engine's last learning rate", async () => {
    const engine = new FakeEngine({ totalSteps: 8, lossAt: (step) => step, examplesPerStep: 2 });
    const { seen, hooks } = recorder();
    await runLoop(engine, freshCounters(), cadences, hooks, 0.5);
    const [first, second] = seen.summaries;
    expect(first.window).toMatchObject({ lossSum: 2 * (0 + 1 + 2 + 3), lossCount: 8, words: 400 });
    expect(second.window).toMatchObject({ lossSum: 2 * (4 + 5 + 6 + 7), lossCount: 8, words: 400 });
    expect(second.lr).toBeCloseTo(0.1 / 9, 12);
  });

  it("keeps the trainer's counters: examples seen and the mean loss of the last finished epoch", async () => {
    const engine = new FakeEngine({
      totalSteps: 25,
      stepsPerEpoch: 10,
      lossAt: (step) => (step < 10 ? 3 : 1),
    });
    const counters = freshCounters();
    await runLoop(engine, counters, { ...cadences, logEvery: 5 }, recorder().hooks, 0.5);
    expect(counters.examplesSeen).toBe(100);
    // the last epoch (steps 20..24) ended with the run: its mean loss is kept
    expect(counters.lastEpochLoss).toBe(1);
    expect(counters.epochLossCount).toBe(0);
  });

  it("stops at the next boundary once a stop is requested", async () => {
    const engine = new FakeEngine({ totalSteps: 100 });
    const { seen, hooks } = recorder(2);
    const result = await runLoop(engine, freshCounters(), cadences, hooks, 0.5);
    expect(result.step).toBe(6);
    expect(engine.getState().step).toBe(6);
    expect(seen.checkpoints).toEqual([]);
  });

  it("continues a restored engine from its step, on the same absolute boundaries", async () => {
    const engine = new FakeEngine({ totalSteps: 23 });
    engine.setState({ ...engine.getState(), step: 7 });
    const { seen, hooks } = recorder();
    const result = await runLoop(engine, freshCounters(), cadences, hooks, 0.5);
    expect(engine.calls[0]).toBe(1);
    expect(result.words).toBe(1600);
    expect(seen.summaries.map((s) => s.step)).toEqual([8, 12, 16, 20, 23]);
    expect(seen.checkpoints).toEqual([10, 20]);
  });

  it("adds up the engine's busy seconds", async () => {
    const engine = new FakeEngine({ totalSteps: 23 });
    const result = await runLoop(engine, freshCounters(), cadences, recorder().hooks, 0.5);
    expect(result.busySeconds).toBeCloseTo(23 * 0.001, 12);
  });

  it("with an engine that trains in the background, starts a summary before the next chunk, writes histograms while it runs, and snapshots a checkpoint before it", async () => {
    const engine = new FakeEngine({ totalSteps: 23, trainsInBackground: true });
    const engineStepAt: Record<string, number[]> = { summary: [], histograms: [], checkpoint: [], write: [] };
    const { seen, hooks } = recorder();
    const result = await runLoop(
      engine,
      freshCounters(),
      cadences,
      {
        ...hooks,
        summary: async (step, window, lr) => {
          engineStepAt.summary.push(engine.getState().step);
          await hooks.summary(step, window, lr);
        },
        histograms: async (step) => {
          engineStepAt.histograms.push(engine.getState().step);
          await hooks.histograms(step);
        },
        checkpoint: (step) => {
          engineStepAt.checkpoint.push(engine.getState().step);
          const write = hooks.checkpoint(step);
          return async () => {
            engineStepAt.write.push(engine.getState().step);
            await write();
          };
        },
      },
      0.5,
    );
    expect(result.step).toBe(23);
    expect(engine.calls).toEqual([4, 2, 2, 2, 2, 4, 2, 2, 3]);
    expect(seen.summaries.map((s) => s.step)).toEqual([4, 8, 12, 16, 20, 23]);
    // a summary's synchronous part (the health check) sees the engine stopped at its step
    expect(engineStepAt.summary).toEqual([4, 8, 12, 16, 20, 23]);
    // histograms (6, 12, 18) are written while the next chunk runs (the fake computes it at once)
    expect(engineStepAt.histograms).toEqual([8, 16, 20]);
    // checkpoints at 10 and 20: the snapshot sees the engine stopped there, the write runs after
    expect(engineStepAt.checkpoint).toEqual([10, 20]);
    expect(engineStepAt.write).toEqual([12, 23]);
    expect(seen.checkpointWrites).toEqual([10, 20]);
  });

  it("lets the running chunk finish before a failing hook fails the run", async () => {
    const engine = new FakeEngine({ totalSteps: 23, trainsInBackground: true });
    let settled = false;
    const runSteps = engine.runSteps.bind(engine);
    engine.runSteps = (n) =>
      new Promise((resolve) => setTimeout(() => resolve(runSteps(n).finally(() => (settled = true))), 20));
    const { hooks } = recorder();
    const failing = {
      ...hooks,
      summary: async () => {
        settled = false;
        throw new Error("summary failed");
      },
    };
    await expect(runLoop(engine, freshCounters(), cadences, failing, 0.5)).rejects.toThrow("summary failed");
    expect(settled).toBe(true);
  });
});
