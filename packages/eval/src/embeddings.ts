/** Word vectors as one row-major matrix: row `i` (`dim` floats) is the vector of `words[i]`. */
export interface Embeddings {
  words: readonly string[];
  vectors: Float32Array;
  dim: number;
}

/** Throw a clear error when the matrix and the word list disagree. */
export function checkEmbeddings(embeddings: Embeddings, what = "embeddings"): void {
  const { words, vectors, dim } = embeddings;
  if (!Number.isInteger(dim) || dim < 1)
    throw new Error(`${what}: dimension must be a positive integer, got ${dim}`);
  if (vectors.length !== words.length * dim) {
    throw new Error(
      `${what}: ${words.length} words x ${dim} dims needs ${words.length * dim} floats, the matrix has ${vectors.length}`,
    );
  }
}
