/** What a finished run leaves besides checkpoints: vectors, projector files, evaluation. */
import { join } from "node:path";
import type { ResolvedConfig } from "@w2v/config";
import type { Vocab } from "@w2v/data";
import { type EvalMetrics, evaluateEmbeddingsDetailed, formatEvalTable, writeVectorFile } from "@w2v/eval";
import { type SummaryWriter, writeProjector } from "@w2v/logging";
import type { Params } from "@w2v/model";
import { writeJsonAtomic } from "./run-directory.js";

/** input, output, or their sum (the projector's and export's `vectors` choice). */
export function chooseVectors(params: Params, which: "input" | "output" | "sum"): Float32Array {
  if (which === "input") return params.input;
  if (which === "output") return params.output;
  const sum = new Float32Array(params.input.length);
  for (let i = 0; i < sum.length; i++) sum[i] = params.input[i] + params.output[i];
  return sum;
}

export async function writeFinalVectors(runDir: string, vocab: Vocab, params: Params): Promise<string> {
  const path = join(runDir, "vectors.bin");
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

/** TensorBoard scalars of an evaluation: `<prefix>/<set>_<metric>`, e.g. `eval/analogy_total`. */
export function evalScalars(metrics: EvalMetrics, prefix = "eval"): Record<string, number> {
  const scalars: Record<string, number> = {};
  for (const [set, values] of Object.entries(metrics)) {
    for (const [key, value] of Object.entries(values as Record<string, number | null>)) {
      if (typeof value === "number") scalars[`${prefix}/${set}_${key}`] = value;
    }
  }
  return scalars;
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
  writeJsonAtomic(join(runDir, "eval.json"), details.metrics);
  await writer.scalars(evalScalars(details.metrics), step);
  log(formatEvalTable(details));
  return details.metrics;
}
