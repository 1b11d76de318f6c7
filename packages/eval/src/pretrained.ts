import type { Rng } from "@w2v/data";
import { scanVectorFile } from "./vector-files/vector-file.js";
import { VectorFileError } from "./vector-files/vector-file-error.js";
import type { VectorFormat } from "./vector-files/vector-format.js";

export type MissingWordPolicy = "random" | "zeros";

export interface LoadPretrainedOptions {
  /** The vocabulary the matrix must follow, row i = words[i]. */
  words: readonly string[];
  /** Expected dimension (the model's); a file of another dimension is an error. */
  dim: number;
  format?: VectorFormat | "auto";
  /** Rows for words the file lacks (default "random"). */
  missing?: MissingWordPolicy;
  /** Draws the random rows; required for `missing: "random"` so runs stay reproducible. */
  rng?: Rng;
  /** Fall back to a case-insensitive match when a word has no exact one (default true). */
  caseInsensitive?: boolean;
}

export interface PretrainedVectors {
  /** words.length x dim, row-major, aligned with `words`. */
  vectors: Float32Array;
  /** Rows taken from the file. */
  found: number;
  /** found / words.length. */
  coverage: number;
  /** 1 where the row came from the file, 0 where it was filled by the missing-word policy. */
  foundMask: Uint8Array;
  format: VectorFormat;
  /** Vectors in the file. */
  fileWords: number;
}

const EXACT = 2;
const FOLDED = 1;

/**
 * Load a word2vec (text or binary) or GloVe file into a matrix aligned with `words`,
 * streaming the file (a 3M-word file never sits in memory). A word takes the first vector
 * with exactly its spelling, else (caseInsensitive) the first vector of any case variant.
 * Missing words get zeros, or ("random") Gaussian values with the mean and standard deviation
 * of the components that were found (the usual recipe for GloVe in Keras), drawn from `rng`
 * in vocabulary order; with nothing found, word2vec's uniform [-0.5/dim, 0.5/dim] init.
 */
export async function loadPretrained(
  path: string,
  options: LoadPretrainedOptions,
): Promise<PretrainedVectors> {
  const { words, dim } = options;
  const missing = options.missing ?? "random";
  if (missing === "random" && !options.rng) throw new Error('loadPretrained: missing: "random" needs an rng');
  const caseInsensitive = options.caseInsensitive ?? true;
  const exactIds = new Map(words.map((word, id) => [word, id]));
  const foldedIds = new Map<string, number[]>();
  if (caseInsensitive) {
    words.forEach((word, id) => {
      const key = word.toLowerCase();
      foldedIds.set(key, [...(foldedIds.get(key) ?? []), id]);
    });
  }
  const vectors = new Float32Array(words.length * dim);
  const foundMask = new Uint8Array(words.length);
  const info = await scanVectorFile(path, options.format ?? "auto", (word, vector, _row, place) => {
    const bad = vector.findIndex((value) => !Number.isFinite(value));
    if (bad >= 0) {
      // A NaN or Inf would poison training (and look like a learning rate too large).
      const at = "byte" in place ? { byte: place.byte + 4 * bad } : place;
      throw new VectorFileError(
        path,
        at,
        `"${word}" has ${vector[bad]} at component ${bad + 1}: vectors must be finite`,
      );
    }
    if (vector.length !== dim) {
      throw new VectorFileError(
        path,
        null,
        `the vectors have ${vector.length} dimensions, the model has ${dim}`,
      );
    }
    const exact = exactIds.get(word);
    if (exact !== undefined && foundMask[exact] !== EXACT) {
      vectors.set(vector, exact * dim);
      foundMask[exact] = EXACT;
    }
    if (!caseInsensitive) return;
    for (const id of foldedIds.get(word.toLowerCase()) ?? []) {
      if (foundMask[id] !== 0) continue;
      vectors.set(vector, id * dim);
      foundMask[id] = FOLDED;
    }
  });
  let found = 0;
  let sum = 0;
  let sumSquares = 0;
  for (let id = 0; id < words.length; id++) {
    if (foundMask[id] === 0) continue;
    found++;
    foundMask[id] = 1;
    for (let k = id * dim; k < (id + 1) * dim; k++) {
      sum += vectors[k];
      sumSquares += vectors[k] * vectors[k];
    }
  }
  if (missing === "random") fillMissing(vectors, foundMask, dim, found, sum, sumSquares, options.rng!);
  return {
    vectors,
    found,
    coverage: words.length === 0 ? 0 : found / words.length,
    foundMask,
    format: info.format,
    fileWords: info.count,
  };
}

function fillMissing(
  vectors: Float32Array,
  foundMask: Uint8Array,
  dim: number,
  found: number,
  sum: number,
  sumSquares: number,
  rng: Rng,
): void {
  const n = found * dim;
  const mean = n === 0 ? 0 : sum / n;
  const std = n === 0 ? 0 : Math.sqrt(Math.max(0, sumSquares / n - mean * mean));
  for (let id = 0; id < foundMask.length; id++) {
    if (foundMask[id] === 1) continue;
    for (let k = id * dim; k < (id + 1) * dim; k++) {
      vectors[k] = std > 0 ? mean + std * rng.nextGaussian() : (rng.nextFloat() - 0.5) / dim;
    }
  }
}
