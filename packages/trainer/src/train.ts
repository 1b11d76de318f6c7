/**
 * One training run in its run directory: `exp run` and `exp resume` both end up here.
 * This file orchestrates: the corpus (run-data.ts), the engine, where the run starts
 * (resume.ts), the step loop (run-loop.ts) with what it reports (run-logging.ts), and
 * what a finished run leaves (run-outputs.ts); status.json follows each stage.
 */
import type { ResolvedConfig } from "@w2v/config";
import type { SummaryWriter } from "@w2v/logging";
import type { Engine } from "@w2v/model";
import { writeCheckpointFiles } from "./checkpoint.js";
import { createEngine } from "./create-engine.js";
import { openRunEvents, publishCheckpoint } from "./event-durability.js";
import { NonFiniteError, nonFiniteMessage } from "./non-finite.js";
import { ProgressReporter } from "./progress.js";
import { snapshotCheckpoint, startPoint } from "./resume.js";
import { loadRunCorpus } from "./run-data.js";
import { removeRunTempFiles } from "./run-directory.js";
import { RunLogging } from "./run-logging.js";
import { loopCadences, runLoop } from "./run-loop.js";
import { finishedSummary, writeFinishedRun, writeRunProjector } from "./run-outputs.js";
import { StatusRecord } from "./run-status.js";
import { type StopSignal, StopSignals } from "./stop-signals.js";

export interface TrainOptions {
  runDir: string;
  config: ResolvedConfig;
  /** Directory of the config file: relative data and eval paths are resolved against it. */
  baseDir: string;
  /** Continue from the newest valid checkpoint in `runDir`. */
  resume?: boolean;
  log?: (line: string) => void;
}

export interface TrainResult {
  status: "finished" | "interrupted" | "failed";
  signal?: StopSignal;
  step: number;
  totalSteps: number;
  /** Mean loss over the last epoch (or the last logging window when an epoch did not end). */
  finalLoss: number | null;
  wordsPerSec: number;
  /** share of the loop's wall time the engine's threads spent training (status.json kernelShare) */
  kernelShare: number;
  seconds: number;
}

/** What a run holds open, released however it ends. */
interface Held {
  engine?: Engine;
  writer?: SummaryWriter;
  progress?: ProgressReporter;
  signals?: StopSignals;
}

export async function train(options: TrainOptions): Promise<TrainResult> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  removeRunTempFiles(options.runDir, log); // the caller holds the run's lock
  const status = new StatusRecord(options.runDir);
  const held: Held = {};
  try {
    return await trainHeld(options, status, held, log);
  } catch (error) {
    held.progress?.stop();
    const message =
      error instanceof NonFiniteError ? nonFiniteMessage(error, options.runDir) : (error as Error).message;
    status.endIfPossible("failed", { error: message }, log);
    if (held.writer) {
      await held.writer.hparamsEnd("FAILURE").catch(() => {});
      await held.writer.close().catch(() => {});
    }
    throw error instanceof NonFiniteError ? new Error(message) : error;
  } finally {
    held.signals?.dispose();
    await held.engine?.close();
  }
}

async function trainHeld(
  options: TrainOptions,
  status: StatusRecord,
  held: Held,
  log: (line: string) => void,
): Promise<TrainResult> {
  const { runDir, config, baseDir } = options;
  const { logging, trainer } = config;
  const corpus = await loadRunCorpus(runDir, config, baseDir, log);
  const { vocab } = corpus;
  const engine = (held.engine = await createEngine({ config, corpus, log }));
  const start = await startPoint(engine, { runDir, config, corpus, resume: options.resume ?? false }, log);
  const { counters } = start;
  const { totalSteps } = engine;
  status.update({ step: engine.getState().step, totalSteps });
  const writer = (held.writer = await openRunEvents(runDir, config, start.checkpoint?.state.step ?? null));
  const progress = (held.progress = new ProgressReporter(logging.progress));
  const signals = (held.signals = StopSignals.announcedTo((line) => progress.log(line)));
  const reports = new RunLogging(config, vocab, engine.params, writer, progress, counters, log);
  const checkpointRun = { runDir, config, vocabChecksum: vocab.checksum() };
  let lastCheckpointStep = start.checkpoint?.state.step ?? -1;
  /** Takes the checkpoint's snapshot now; the returned function writes it. */
  const snapshot = (step: number) => {
    const saved = { ...counters, startLoss: reports.monitor.startingLoss };
    const files = snapshotCheckpoint(engine, checkpointRun, step, saved);
    return async () => {
      await publishCheckpoint(writer, () => writeCheckpointFiles(runDir, files, trainer.checkpoint.keep));
      lastCheckpointStep = step;
      status.update({ step });
    };
  };
  const checkpoint = (step: number) => snapshot(step)();
  const epochs = trainer.steps ? 1 : trainer.epochs;
  const progressAt = (step: number, lr: number, wordsPerSec: number) => {
    const loss = counters.smoothedLoss ?? Number.NaN;
    return { step, totalSteps, epoch: engine.getState().epoch, epochs, wordsPerSec, loss, lr };
  };
  progress.start(progressAt(engine.getState().step, trainer.lr, 0));
  const loop = await runLoop(
    engine,
    counters,
    loopCadences(config, reports.probes.length > 0),
    {
      summary: (step, window, lr) => reports.summary(step, window, lr),
      histograms: (step) => reports.histograms(step),
      neighbours: async (step) => void (await reports.neighbours(step)),
      checkpoint: (step) => {
        const write = snapshot(step);
        return async () => {
          await write();
          // the weights as they are now, a little past the checkpoint's step
          if (logging.projector.atCheckpoints) await writeRunProjector(runDir, config, vocab, engine.params);
        };
      },
      progress: (step, lr, wordsPerSec) => progress.update(progressAt(step, lr, wordsPerSec)),
      stopRequested: () => signals.requested !== null,
    },
    trainer.lr,
  );
  progress.stop();
  const finalLoss = counters.lastEpochLoss ?? counters.smoothedLoss;
  const wordsPerSec = loop.words / Math.max(1e-3, loop.seconds);
  const kernelShare = loop.busySeconds / Math.max(1e-3, loop.seconds);
  const result = { step: loop.step, totalSteps, finalLoss, wordsPerSec, kernelShare, seconds: loop.seconds };
  if (signals.requested) {
    if (loop.step !== lastCheckpointStep) await checkpoint(loop.step);
    await writer.close();
    held.writer = undefined;
    status.end("interrupted", { step: loop.step, wordsPerSec, kernelShare });
    log(
      `stopped at step ${loop.step} of ${totalSteps}; checkpoint saved. Continue with: exp resume ${runDir}`,
    );
    return { status: "interrupted", signal: signals.requested, ...result };
  }
  const run = { runDir, config, baseDir, vocab, params: engine.params };
  const end = { step: loop.step, counters, saveFinal: () => checkpoint(loop.step) };
  const rows = await writeFinishedRun(run, reports, writer, end, log);
  await writer.close();
  held.writer = undefined;
  status.end("finished", { step: loop.step, finalLoss: finalLoss ?? undefined, wordsPerSec, kernelShare });
  log(finishedSummary(config, loop, { finalLoss, wordsPerSec, runDir }, reports.latestHealth, rows));
  return { status: "finished", ...result };
}
