/**
 * One training run in its run directory: data, engine, the step loop with logging,
 * diagnostics and checkpoints, and the outputs of a finished run. `exp run` and
 * `exp resume` both end up here.
 */
import { join } from "node:path";
import type { ResolvedConfig } from "@w2v/config";
import { type Corpus, loadCorpus, Rng } from "@w2v/data";
import { loadPretrained } from "@w2v/eval";
import { flattenHParams, SummaryWriter } from "@w2v/logging";
import type { Engine } from "@w2v/model";
import { type Checkpoint, listCheckpoints, loadLatestCheckpoint, writeCheckpoint } from "./checkpoint.js";
import { configHash } from "./config-hash.js";
import { createEngine } from "./create-engine.js";
import { publishCheckpoint, sessionStartStep } from "./event-durability.js";
import { type HealthReport, LearningMonitor } from "./learning-monitor.js";
import { neighboursMarkdown, neighboursText, probeNeighbours } from "./probe-neighbours.js";
import { ProgressReporter } from "./progress.js";
import {
  openRunDirectory,
  type RunStatus,
  readStatus,
  updateMeta,
  writeFileAtomic,
  writeStatus,
  writeStatusIfPossible,
} from "./run-directory.js";
import { evaluateRun, writeFinalVectors, writeRunProjector } from "./run-outputs.js";
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
  seconds: number;
}

/** The trainer's own counters, saved in each checkpoint's state.json. */
interface TrainerCounters {
  smoothedLoss: number | null;
  startLoss: number | null;
  examplesSeen: number;
  epochLossSum: number;
  epochLossCount: number;
  lastEpochLoss: number | null;
  /** The final histograms, neighbours and evaluation are in the event file (set in the final checkpoint). */
  finalEventsLogged?: boolean;
}

class NonFiniteError extends Error {}

function nextBoundary(step: number, every: number): number {
  return (Math.floor(step / every) + 1) * every;
}

function allFinite(values: Float32Array | null): boolean {
  if (!values) return true;
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

function lastGoodCheckpoint(runDir: string): string {
  const latest = listCheckpoints(runDir).at(-1);
  return latest ? `The last good checkpoint is kept: ${latest}.` : "No checkpoint had been written yet.";
}

function restore(engine: Engine, checkpoint: Checkpoint): void {
  const { params } = engine;
  for (const name of ["input", "output", "bias"] as const) {
    const target = params[name];
    const saved = checkpoint.params[name];
    if (!target && !saved) continue;
    if (!target || !saved || saved.data.length !== target.length) {
      throw new Error(`${checkpoint.dir}: tensor "${name}" does not match this run's parameters`);
    }
    target.set(saved.data);
  }
  const live = engine.optimizerState();
  for (const [name, array] of Object.entries(live)) {
    const saved = checkpoint.optimizer[name];
    if (!saved || saved.data.length !== array.length) {
      throw new Error(`${checkpoint.dir}: optimiser tensor "${name}" is missing or has the wrong size`);
    }
    array.set(saved.data);
  }
  engine.setState(checkpoint.state.engine as Parameters<Engine["setState"]>[0]);
}

async function applyPretrained(
  config: ResolvedConfig,
  corpus: Corpus,
  engine: Engine,
  log: (line: string) => void,
) {
  const pretrained = config.model.pretrained;
  if (!pretrained) return;
  const loaded = await loadPretrained(pretrained.path, {
    words: corpus.vocab.words,
    dim: config.model.dim,
    format: pretrained.format,
    missing: pretrained.missing,
    rng: Rng.derive(config.seed, "pretrained"),
  });
  engine.params.input.set(loaded.vectors);
  log(
    `pretrained: ${loaded.found} of ${corpus.vocab.size} words (${(100 * loaded.coverage).toFixed(1)}%) from ${pretrained.path}; ` +
      `the others ${pretrained.missing === "random" ? "drawn at random" : "zero"}`,
  );
}

export async function train(options: TrainOptions): Promise<TrainResult> {
  const { runDir, config, baseDir } = options;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  openRunDirectory(runDir, log);
  const previous = readStatus(runDir);
  const status: RunStatus = {
    status: "running",
    startTime: previous?.startTime ?? new Date().toISOString(),
    pid: process.pid,
    step: previous?.step ?? 0,
    totalSteps: previous?.totalSteps ?? 0,
  };
  writeStatus(runDir, status);

  let engine: Engine | null = null;
  let writer: SummaryWriter | null = null;
  let progress: ProgressReporter | null = null;
  let signals: StopSignals | null = null;
  try {
    const corpus = await loadCorpus(config.data, { baseDir, log });
    const { vocab } = corpus;
    if (corpus.source.usedText8Prefix) {
      log(
        "note: text8.zip is absent: this run trains on text8-prefix.txt (data.allowText8Prefix), as meta.json records",
      );
    }
    updateMeta(runDir, {
      data: {
        ...corpus.source,
        vocabSize: vocab.size,
        tokens: corpus.ids.length,
        rawTokens: corpus.rawTokenCount,
      },
    });
    writeFileAtomic(join(runDir, "vocab.tsv"), vocab.toTsv());
    const vocabChecksum = vocab.checksum();
    const hash = configHash(config);

    engine = await createEngine({ config, corpus, log });
    const checkpoint = options.resume ? loadLatestCheckpoint(runDir, log) : null;
    if (options.resume && !checkpoint) log("no usable checkpoint: starting from the beginning");
    let counters: TrainerCounters = {
      smoothedLoss: null,
      startLoss: null,
      examplesSeen: 0,
      epochLossSum: 0,
      epochLossCount: 0,
      lastEpochLoss: null,
    };
    if (checkpoint) {
      if (checkpoint.state.vocabChecksum !== vocabChecksum) {
        throw new Error(
          `${checkpoint.dir}: the vocabulary differs from the checkpoint's (the data or data settings changed); cannot resume`,
        );
      }
      restore(engine, checkpoint);
      counters = { ...counters, ...(checkpoint.state.trainer as Partial<TrainerCounters>) };
      log(`resuming from ${checkpoint.dir} (step ${checkpoint.state.step})`);
    } else {
      await applyPretrained(config, corpus, engine, log);
    }

    const totalSteps = engine.totalSteps;
    let step = engine.getState().step;
    status.step = step;
    status.totalSteps = totalSteps;
    writeStatus(runDir, status);
    writer = await SummaryWriter.open(runDir, {
      startStep: sessionStartStep(checkpoint?.state.step ?? null),
    });
    if (!checkpoint) {
      await writer.hparamsStart(flattenHParams(config));
      await writer.sync();
    }

    const { logging, trainer } = config;
    const monitor = new LearningMonitor(engine.params);
    if (counters.startLoss !== null) monitor.observeLoss(counters.startLoss);
    progress = new ProgressReporter(logging.progress);
    const activeProgress = progress;
    signals = new StopSignals((signal) =>
      activeProgress.log(
        `${signal} received: saving a checkpoint, then stopping (Ctrl-C again exits at once)`,
      ),
    );
    const probes = logging.probeWords.filter((word) => vocab.id(word) >= 0);
    const missingProbes = logging.probeWords.filter((word) => vocab.id(word) < 0);
    if (missingProbes.length > 0)
      log(`probe words not in the vocabulary (skipped): ${missingProbes.join(", ")}`);

    const loopStart = Date.now();
    let wordsThisProcess = 0;
    let window = { lossSum: 0, lossCount: 0, words: 0, start: Date.now() };
    let lastLr = trainer.lr;
    let lastCheckpointStep = checkpoint?.state.step ?? -1;
    let latestHealth: HealthReport | null = null;

    const assertFiniteWeights = () => {
      const { params } = engine!;
      if (!allFinite(params.input) || !allFinite(params.output) || !allFinite(params.bias)) {
        throw new NonFiniteError(`the weights hold NaN or Inf at step ${step}`);
      }
    };
    const saveCheckpoint = async () => {
      const live = engine!;
      assertFiniteWeights();
      const dir = await publishCheckpoint(writer!, async () =>
        writeCheckpoint(
          runDir,
          {
            state: {
              step,
              vocabChecksum,
              configHash: hash,
              engine: live.getState(),
              trainer: { ...counters, startLoss: monitor.startingLoss },
            },
            params: live.params,
            optimizer: live.optimizerState(),
          },
          trainer.checkpoint.keep,
        ),
      );
      lastCheckpointStep = step;
      status.step = step;
      writeStatus(runDir, status);
      return dir;
    };

    const epochs = trainer.steps ? 1 : trainer.epochs;
    const progressFields = () => ({
      step,
      totalSteps,
      epoch: engine!.getState().epoch,
      epochs,
      wordsPerSec: wordsThisProcess / Math.max(1e-3, (Date.now() - loopStart) / 1000),
      loss: counters.smoothedLoss ?? Number.NaN,
      lr: lastLr,
    });
    progress.start(progressFields());

    while (step < totalSteps && !signals.requested) {
      const n =
        Math.min(
          nextBoundary(step, logging.every),
          nextBoundary(step, trainer.checkpoint.every),
          logging.histograms ? nextBoundary(step, logging.histogramsEvery) : Infinity,
          probes.length > 0 ? nextBoundary(step, logging.neighboursEvery) : Infinity,
          totalSteps,
        ) - step;
      const epochBefore = engine.getState().epoch;
      const report = await engine.runSteps(n);
      if (report.steps === 0) break;
      step += report.steps;
      wordsThisProcess += report.words;
      lastLr = report.lr;
      counters.examplesSeen += report.examples;
      window.lossSum += report.lossSum;
      window.lossCount += report.lossCount;
      window.words += report.words;
      counters.epochLossSum += report.lossSum;
      counters.epochLossCount += report.lossCount;
      const epochAfter = engine.getState().epoch;
      if (epochAfter !== epochBefore || report.done) {
        if (counters.epochLossCount > 0)
          counters.lastEpochLoss = counters.epochLossSum / counters.epochLossCount;
        counters.epochLossSum = 0;
        counters.epochLossCount = 0;
      }

      if (step % logging.every === 0 || report.done) {
        const loss = window.lossCount > 0 ? window.lossSum / window.lossCount : Number.NaN;
        if (window.lossCount > 0 && !Number.isFinite(loss))
          throw new NonFiniteError(`the loss is ${loss} at step ${step}`);
        const seconds = Math.max(1e-3, (Date.now() - window.start) / 1000);
        const health = monitor.check();
        latestHealth = health;
        if (!health.finite) throw new NonFiniteError(`the weights hold NaN or Inf at step ${step}`);
        if (window.lossCount > 0) {
          monitor.observeLoss(loss);
          counters.smoothedLoss =
            counters.smoothedLoss === null
              ? loss
              : logging.smoothing * counters.smoothedLoss + (1 - logging.smoothing) * loss;
        }
        await writer.scalars(
          {
            ...(window.lossCount > 0
              ? { "loss/raw": loss, "loss/smoothed": counters.smoothedLoss ?? loss }
              : {}),
            "train/learning_rate": report.lr,
            "train/words_per_sec": window.words / seconds,
            "train/examples_seen": counters.examplesSeen,
            "diagnostics/update_ratio_input": health.input.updateRatio,
            "diagnostics/update_ratio_output": health.output.updateRatio,
            "diagnostics/rows_moved_input": health.input.rowsMoved,
            "diagnostics/rows_moved_output": health.output.rowsMoved,
          },
          step,
        );
        const diagnosis =
          counters.smoothedLoss === null
            ? null
            : monitor.diagnose(config, step, counters.smoothedLoss, health);
        if (diagnosis) {
          progress.log(`warning: ${diagnosis}`);
          await writer.text("diagnostics/learning", diagnosis.replace(/\n/g, "\n\n"), step);
        }
        window = { lossSum: 0, lossCount: 0, words: 0, start: Date.now() };
      }
      if (logging.histograms && step % logging.histogramsEvery === 0) {
        await writer.histogram("weights/input", engine.params.input, step);
        await writer.histogram("weights/output", engine.params.output, step);
        if (engine.params.bias) await writer.histogram("weights/bias", engine.params.bias, step);
      }
      if (probes.length > 0 && step % logging.neighboursEvery === 0) {
        const rows = probeNeighbours(vocab, engine.params, probes, logging.neighbours);
        await writer.text("neighbours/probe_words", neighboursMarkdown(rows), step);
      }
      if (step % trainer.checkpoint.every === 0 && step < totalSteps) {
        await saveCheckpoint();
        if (logging.projector.atCheckpoints) await writeRunProjector(runDir, config, vocab, engine.params);
      }
      progress.update(progressFields());
      // An engine that computes synchronously resolves at once; yield to the event loop so
      // signals, timers (progress, event-file flushes) and I/O are handled between chunks.
      await new Promise((resolve) => setImmediate(resolve));
    }
    progress.stop();

    const seconds = (Date.now() - loopStart) / 1000;
    const wordsPerSec = wordsThisProcess / Math.max(1e-3, seconds);
    const finalLoss = counters.lastEpochLoss ?? counters.smoothedLoss;

    if (signals.requested) {
      if (step !== lastCheckpointStep) await saveCheckpoint();
      await writer.close();
      writer = null;
      Object.assign(status, { status: "interrupted", endTime: new Date().toISOString(), step, wordsPerSec });
      writeStatus(runDir, status);
      log(`stopped at step ${step} of ${totalSteps}; checkpoint saved. Continue with: exp resume ${runDir}`);
      return {
        status: "interrupted",
        signal: signals.requested,
        step,
        totalSteps,
        finalLoss,
        wordsPerSec,
        seconds,
      };
    }

    const rows = probeNeighbours(vocab, engine.params, probes, logging.neighbours);
    // The final outputs come before the final checkpoint, which records that they were
    // logged: a process resumed from it must not log them a second time.
    if (!counters.finalEventsLogged) {
      assertFiniteWeights();
      await writeFinalVectors(runDir, vocab, engine.params);
      await writeRunProjector(runDir, config, vocab, engine.params);
      if (logging.histograms) {
        await writer.histogram("weights/input", engine.params.input, step);
        await writer.histogram("weights/output", engine.params.output, step);
      }
      if (rows.length > 0) await writer.text("neighbours/probe_words", neighboursMarkdown(rows), step);
      await evaluateRun(runDir, config, baseDir, vocab, engine.params, writer, step, log);
      counters.finalEventsLogged = true;
      await saveCheckpoint();
    }
    await writer.hparamsEnd("SUCCESS", { step });
    await writer.close();
    writer = null;
    Object.assign(status, {
      status: "finished",
      endTime: new Date().toISOString(),
      step,
      finalLoss: finalLoss ?? undefined,
      wordsPerSec,
    });
    writeStatus(runDir, status);

    const summary = [
      `finished ${config.name}: ${step} steps in ${seconds.toFixed(1)} s, ${Math.round(wordsPerSec).toLocaleString("en-US")} words/s (wall clock)`,
      `final loss ${finalLoss === null ? "n/a" : finalLoss.toFixed(4)} (mean over the last epoch)`,
      latestHealth
        ? `update/weight ratio at the end: input ${latestHealth.input.updateRatio.toExponential(2)}, output ${latestHealth.output.updateRatio.toExponential(2)}`
        : "",
      rows.length > 0 ? `nearest neighbours:\n${neighboursText(rows)}` : "",
      `run directory: ${runDir}`,
    ].filter(Boolean);
    log(summary.join("\n"));
    return { status: "finished", step, totalSteps, finalLoss, wordsPerSec, seconds };
  } catch (error) {
    progress?.stop();
    const message =
      error instanceof NonFiniteError
        ? `${error.message}: training stopped. ${lastGoodCheckpoint(runDir)} ` +
          "Likely causes: a learning rate too large for this loss and optimiser, or exploding updates."
        : (error as Error).message;
    Object.assign(status, { status: "failed", endTime: new Date().toISOString(), error: message });
    writeStatusIfPossible(runDir, status, log);
    if (writer) {
      await writer.hparamsEnd("FAILURE").catch(() => {});
      await writer.close().catch(() => {});
    }
    throw error instanceof NonFiniteError ? new Error(message) : error;
  } finally {
    signals?.dispose();
    await engine?.close();
  }
}
