/**
 * The step loop: asks the engine for steps up to the next logging, histogram, neighbour or
 * checkpoint boundary, keeps the trainer's counters, and calls the run's hooks at each
 * boundary. It knows nothing of files or TensorBoard, so it is tested with a fake engine.
 */
import type { ResolvedConfig } from "@w2v/config";
import type { Engine, StepsReport } from "@w2v/model";

/** The trainer's own counters, saved in each checkpoint's state.json (`state.trainer`). */
export interface TrainerCounters {
  /** exponential moving average of the logged losses (logging.smoothing) */
  smoothedLoss: number | null;
  /** the first logged loss, that the diagnosis compares against */
  startLoss: number | null;
  /** training examples over the whole run (tfjs: batch rows; hogwild: centre/context updates) */
  examplesSeen: number;
  /** sum and count of the current epoch's per-example losses */
  epochLossSum: number;
  epochLossCount: number;
  /** mean loss of the last finished epoch */
  lastEpochLoss: number | null;
  /**
   * the step whose final vectors, histograms, neighbours and evaluation are logged (set in
   * the final checkpoint, so a process resumed from it does not log them twice)
   */
  finalOutputsStep?: number;
}

export function freshCounters(): TrainerCounters {
  return {
    smoothedLoss: null,
    startLoss: null,
    examplesSeen: 0,
    epochLossSum: 0,
    epochLossCount: 0,
    lastEpochLoss: null,
  };
}

/** What the steps since the last scalar summary did. */
export interface LossWindow {
  lossSum: number;
  lossCount: number;
  words: number;
  /** Date.now() when the window opened */
  start: number;
}

/** Step cadences (from the config); null: never. */
export interface LoopCadences {
  logEvery: number;
  checkpointEvery: number;
  histogramsEvery: number | null;
  neighboursEvery: number | null;
}

/** The config's cadences; neighbours only when some probe word is in the vocabulary. */
export function loopCadences(config: ResolvedConfig, withProbes: boolean): LoopCadences {
  const { logging, trainer } = config;
  return {
    logEvery: logging.every,
    checkpointEvery: trainer.checkpoint.every,
    histogramsEvery: logging.histograms ? logging.histogramsEvery : null,
    neighboursEvery: withProbes ? logging.neighboursEvery : null,
  };
}

/** What the run does at the boundaries; each is awaited before the loop goes on. */
export interface LoopHooks {
  /**
   * every `logEvery` steps and when the run ends; called while the engine is stopped, so
   * what it reads before its first await sees the weights at `step`
   */
  summary(step: number, window: LossWindow, lr: number): Promise<void>;
  histograms(step: number): Promise<void>;
  neighbours(step: number): Promise<void>;
  /**
   * every `checkpointEvery` steps, except at the last step (the caller saves the end):
   * takes the checkpoint's snapshot now, while the engine is stopped, and returns its
   * write, which runs while the engine trains on
   */
  checkpoint(step: number): () => Promise<void>;
  /** after every chunk of steps */
  progress(step: number, lr: number, wordsPerSec: number): void;
  /** true once a stop was asked for (a signal): the loop ends at the next boundary */
  stopRequested(): boolean;
}

export interface LoopResult {
  step: number;
  /** corpus words this process trained */
  words: number;
  seconds: number;
  /** seconds the engine spent training (mean over its threads); the rest was host work or waiting */
  busySeconds: number;
  /** the last learning rate used */
  lr: number;
}

/** Steps the engine is running, and the epoch it was in when they started. */
interface Chunk {
  report: Promise<StepsReport>;
  epochBefore: number;
}

function nextBoundary(step: number, every: number | null): number {
  return every === null ? Number.POSITIVE_INFINITY : (Math.floor(step / every) + 1) * every;
}

/** The step at which the next chunk stops: the next logging, histogram, neighbour or checkpoint boundary. */
function chunkEnd(step: number, cadences: LoopCadences, totalSteps: number): number {
  return Math.min(
    nextBoundary(step, cadences.logEvery),
    nextBoundary(step, cadences.checkpointEvery),
    nextBoundary(step, cadences.histogramsEvery),
    nextBoundary(step, cadences.neighboursEvery),
    totalSteps,
  );
}

function emptyWindow(): LossWindow {
  return { lossSum: 0, lossCount: 0, words: 0, start: Date.now() };
}

/** Adds a report to the counters; an epoch's mean loss is kept when the epoch ends. */
export function countReport(counters: TrainerCounters, report: StepsReport, epochEnded: boolean): void {
  counters.examplesSeen += report.examples;
  counters.epochLossSum += report.lossSum;
  counters.epochLossCount += report.lossCount;
  if (epochEnded || report.done) {
    if (counters.epochLossCount > 0) counters.lastEpochLoss = counters.epochLossSum / counters.epochLossCount;
    counters.epochLossSum = 0;
    counters.epochLossCount = 0;
  }
}

/**
 * Runs the engine from its current step to its last one, or until a stop is requested.
 * An engine that trains in the background runs the next chunk while the host logs the
 * last one (histograms and neighbours then see the weights as they move); at a checkpoint
 * it stays stopped until the snapshot is taken, and trains on while it is written.
 */
export async function runLoop(
  engine: Engine,
  counters: TrainerCounters,
  cadences: LoopCadences,
  hooks: LoopHooks,
  lr: number,
): Promise<LoopResult> {
  const { totalSteps, trainsInBackground } = engine;
  const start = Date.now();
  let step = engine.getState().step;
  let words = 0;
  let busySeconds = 0;
  let window = emptyWindow();
  const due = (every: number | null) => every !== null && step % every === 0;
  const startChunk = (): Chunk | null =>
    step < totalSteps && !hooks.stopRequested()
      ? {
          epochBefore: engine.getState().epoch,
          report: engine.runSteps(chunkEnd(step, cadences, totalSteps) - step),
        }
      : null;
  let chunk = startChunk();
  while (chunk) {
    const report = await chunk.report;
    if (report.steps === 0) break;
    step += report.steps;
    words += report.words;
    busySeconds += report.busySeconds;
    lr = report.lr;
    window.lossSum += report.lossSum;
    window.lossCount += report.lossCount;
    window.words += report.words;
    countReport(counters, report, engine.getState().epoch !== chunk.epochBefore);
    const checkpointDue = due(cadences.checkpointEvery) && step < totalSteps;
    const logWhileTraining = trainsInBackground && !checkpointDue;
    // The summary starts while the engine is stopped: what it reads before its first await
    // (the health check of the weights) is the weights at `step`, whatever the timing.
    const summary = due(cadences.logEvery) || report.done ? hooks.summary(step, window, lr) : null;
    if (summary) window = emptyWindow();
    chunk = logWhileTraining ? startChunk() : null;
    try {
      await summary;
      if (due(cadences.histogramsEvery)) await hooks.histograms(step);
      if (due(cadences.neighboursEvery)) await hooks.neighbours(step);
      const writeCheckpoint = checkpointDue ? hooks.checkpoint(step) : null;
      if (checkpointDue && trainsInBackground) chunk = startChunk();
      await writeCheckpoint?.();
    } catch (error) {
      // the engine's threads finish their chunk before the run fails
      await chunk?.report.catch(() => undefined);
      throw error;
    }
    hooks.progress(step, lr, words / Math.max(1e-3, (Date.now() - start) / 1000));
    // An engine that computes synchronously resolves at once; yield to the event loop so
    // signals, timers (progress, event-file flushes) and I/O are handled between chunks.
    await new Promise((resolve) => setImmediate(resolve));
    if (!trainsInBackground) chunk = startChunk();
  }
  return { step, words, seconds: (Date.now() - start) / 1000, busySeconds, lr };
}
