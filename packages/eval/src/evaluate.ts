import { existsSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import type { EvalConfig } from "@w2v/config";
import {
  type AnalogyMethod,
  type AnalogyResult,
  DEFAULT_RESTRICT_VOCAB,
  evaluateAnalogies,
} from "./analogies.js";
import { readAnalogyQuestions } from "./analogy-questions.js";
import type { Embeddings } from "./embeddings.js";
import { readSimilarityPairs } from "./similarity-pairs.js";
import { VectorIndex } from "./vector-index.js";
import { evaluateWordSimilarity, type WordSimilarityResult } from "./word-similarity.js";

export type EvalSet = EvalConfig["sets"][number];
export type EvalPaths = EvalConfig["paths"];

export const EVAL_SETS: readonly EvalSet[] = ["analogies", "wordsim353", "simlex999"];

/** File names of the sets under `$W2V_DATA_DIR/eval/`. */
export const EVAL_FILE_NAMES: Record<EvalSet, string> = {
  analogies: "questions-words.txt",
  wordsim353: "wordsim353.tsv",
  simlex999: "simlex999.txt",
};

/** The contents of a run's `eval.json`: only the sets evaluated are present. */
export interface EvalMetrics {
  analogy?: { total: number; semantic: number; syntactic: number; coverage: number };
  wordsim353?: { spearman: number | null; oov: number };
  simlex999?: { spearman: number | null; oov: number };
}

export interface EvalDetails {
  metrics: EvalMetrics;
  analogy?: AnalogyResult;
  wordsim353?: WordSimilarityResult;
  simlex999?: WordSimilarityResult;
  /** The file each set was read from. */
  files: Partial<Record<EvalSet, string>>;
}

export interface EvaluateOptions {
  /** Sets to evaluate (default: all three). */
  sets?: readonly EvalSet[];
  /** Files from the config (`eval.paths`); relative ones are resolved against `baseDir`. */
  paths?: EvalPaths;
  baseDir?: string;
  /** Directory holding `eval/` (default: $W2V_DATA_DIR). */
  dataDir?: string;
  method?: AnalogyMethod;
  restrictVocab?: number;
}

/** The file of `set`: `paths[set]`, else `<dataDir>/eval/<name>`, else an error saying how to provide it. */
export function resolveEvalPath(set: EvalSet, options: EvaluateOptions = {}): string {
  const configured = options.paths?.[set];
  if (configured !== undefined) {
    const path = isAbsolute(configured) ? configured : resolve(options.baseDir ?? ".", configured);
    if (!existsSync(path)) throw new Error(`eval.paths.${set}: file not found: ${path}`);
    return path;
  }
  const dataDir = options.dataDir ?? process.env.W2V_DATA_DIR;
  if (dataDir) {
    const path = join(dataDir, "eval", EVAL_FILE_NAMES[set]);
    if (existsSync(path)) return path;
    throw new Error(`the ${set} set is not at ${path} (set eval.paths.${set} or put the file there)`);
  }
  throw new Error(
    `no file for the ${set} set: set eval.paths.${set} in the config or W2V_DATA_DIR to a directory with eval/${EVAL_FILE_NAMES[set]}`,
  );
}

/** Evaluate embeddings on analogies and word similarity, with every detail (per-section accuracy, counts). */
export function evaluateEmbeddingsDetailed(
  embeddings: Embeddings,
  options: EvaluateOptions = {},
): EvalDetails {
  const sets = options.sets ?? EVAL_SETS;
  // Resolve every file before the slow part, so a missing one fails at once.
  const files = Object.fromEntries(
    sets.map((set) => [set, resolveEvalPath(set, options)]),
  ) as EvalDetails["files"];
  const index = new VectorIndex(embeddings);
  const details: EvalDetails = { metrics: {}, files };
  if (files.analogies) {
    const analogy = evaluateAnalogies(index, readAnalogyQuestions(files.analogies), {
      method: options.method ?? "3cosadd",
      restrictVocab: options.restrictVocab ?? DEFAULT_RESTRICT_VOCAB,
    });
    details.analogy = analogy;
    details.metrics.analogy = {
      total: analogy.total.accuracy,
      semantic: analogy.semantic.accuracy,
      syntactic: analogy.syntactic.accuracy,
      coverage: analogy.total.coverage,
    };
  }
  for (const set of ["wordsim353", "simlex999"] as const) {
    const file = files[set];
    if (!file) continue;
    const result = evaluateWordSimilarity(index, readSimilarityPairs(file));
    details[set] = result;
    details.metrics[set] = { spearman: result.spearman, oov: result.oov };
  }
  return details;
}

/** Evaluate embeddings and return what a run's `eval.json` holds. */
export function evaluateEmbeddings(embeddings: Embeddings, options: EvaluateOptions = {}): EvalMetrics {
  return evaluateEmbeddingsDetailed(embeddings, options).metrics;
}
