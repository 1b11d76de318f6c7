/** What a finished run leaves besides checkpoints: vectors, projector files, evaluation. */
import { join } from "node:path";
import type { ResolvedConfig } from "@w2v/config";
import type { Vocab } from "@w2v/data";
import {
  type EvalMetrics,
  evalScalars,
  evaluateEmbeddingsDetailed,
  formatEvalTable,
  writeVectorFile,
} from "@w2v/eval";
import { type SummaryWriter, writeProjector } from "@w2v/logging";
import type { Params } from "@w2v/model";
import type { HealthReport } from "./learning-monitor.js";
import { assertFiniteParams } from "./non-finite.js";
import { neighboursText, type ProbeNeighbours, probeNeighbours } from "./probe-neighbours.js";
import { RUN_FILES, writeJsonAtomic } from "./run-directory.js";
import type { RunLogging } from "./run-logging.js";
import type { LoopResult, TrainerCounters } from "./run-loop.js";

/** input, output, or their sum (the projector's and export's `vectors` choice). */
export function chooseVectors(params: Params, which: "input" | "output" | "sum"): Float32Array {
  if (which === "input") return params.input;
  if (which === "output") return params.output;
  const sum = new Float32Array(params.input.length);
  for (let i = 0; i < sum.length; i++) sum[i] = params.input[i] + params.output[i];
  return sum;
}

export async function writeFinalVectors(runDir: string, vocab: Vocab, params: Params): Promise<string> {
  const path = join(runDir, RUN_FILES.vectors);
  await writeVectorFile(path, { words: vocab.words, vectors: params.input, dim: params.dim }, "word2vec-bin");
  return path;
}

export async function writeRunProjector(
  runDir: string,
  config: ResolvedConfig,
  vocab: Vocab,
  params: Params,
) {
  const { size, vectors } = config.logging.projector;
  if (size <= 0) return null;
  return writeProjector(runDir, {
    words: vocab.words,
    counts: vocab.counts,
    dim: params.dim,
    topN: size,
    embeddings: [{ name: `${vectors}_vectors`, vectors: chooseVectors(params, vectors) }],
  });
}

/** Evaluate on the config's sets: eval.json, TensorBoard scalars and a printed table. */
export async function evaluateRun(
  runDir: string,
  config: ResolvedConfig,
  baseDir: string,
  vocab: Vocab,
  params: Params,
  writer: SummaryWriter,
  step: number,
  log: (line: string) => void,
): Promise<EvalMetrics | null> {
  if (config.eval.sets.length === 0) return null;
  const details = evaluateEmbeddingsDetailed(
    { words: vocab.words, vectors: params.input, dim: params.dim },
    {
      sets: config.eval.sets,
      paths: config.eval.paths,
      baseDir,
      method: config.eval.analogyMethod,
      restrictVocab: config.eval.restrictVocab,
    },
  );
  writeJsonAtomic(join(runDir, RUN_FILES.eval), details.metrics);
  await writer.scalars(evalScalars(details.metrics), step);
  log(formatEvalTable(details));
  return details.metrics;
}

/**
 * A finished run's outputs: vectors.bin, projector files, final histograms and probe
 * neighbours, evaluation; then `saveFinal` (the final checkpoint, which records that they
 * were logged: a process resumed from it does not log them twice); then the HParams session
 * ends. Returns the neighbour rows.
 */
export async function writeFinishedRun(
  run: { runDir: string; config: ResolvedConfig; baseDir: string; vocab: Vocab; params: Params },
  logging: RunLogging,
  writer: SummaryWriter,
  end: { step: number; counters: TrainerCounters; saveFinal: () => Promise<void> },
  log: (line: string) => void,
): Promise<ProbeNeighbours[]> {
  const { runDir, config, baseDir, vocab, params } = run;
  const { step, counters } = end;
  let rows: ProbeNeighbours[];
  if (counters.finalOutputsStep === step) {
    rows = probeNeighbours(vocab, params, logging.probes, config.logging.neighbours);
  } else {
    assertFiniteParams(params, step);
    await writeFinalVectors(runDir, vocab, params);
    await writeRunProjector(runDir, config, vocab, params);
    if (config.logging.histograms) await logging.histograms(step, false);
    rows = await logging.neighbours(step);
    await evaluateRun(runDir, config, baseDir, vocab, params, writer, step, log);
    counters.finalOutputsStep = step;
    await end.saveFinal();
  }
  await writer.hparamsEnd("SUCCESS", { step });
  return rows;
}

/** What the console shows when a run finishes. */
export function finishedSummary(
  config: ResolvedConfig,
  loop: LoopResult,
  end: { finalLoss: number | null; wordsPerSec: number; runDir: string },
  health: HealthReport | null,
  rows: ProbeNeighbours[],
): string {
  return [
    `finished ${config.name}: ${loop.step} steps in ${loop.seconds.toFixed(1)} s, ${Math.round(end.wordsPerSec).toLocaleString("en-US")} words/s (wall clock); the engine trained ${((100 * loop.busySeconds) / Math.max(1e-3, loop.seconds)).toFixed(0)}% of that time`,
    `final loss ${end.finalLoss === null ? "n/a" : end.finalLoss.toFixed(4)} (mean over the last epoch)`,
    health
      ? `update/weight ratio at the end: input ${health.input.updateRatio.toExponential(2)}, output ${health.output.updateRatio.toExponential(2)}`
      : "",
    rows.length > 0 ? `nearest neighbours:\n${neighboursText(rows)}` : "",
    `run directory: ${end.runDir}`,
  ]
    .filter(Boolean)
    .join("\n");
}
