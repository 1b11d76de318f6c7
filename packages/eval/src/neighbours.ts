import { TopK } from "./top-k.js";
import { unitRows } from "./unit-rows.js";
import type { VectorIndex } from "./vector-index.js";

export interface Neighbour {
  word: string;
  id: number;
  /** Cosine similarity with the query. */
  similarity: number;
}

/** Top-k lists of `index` rows turned into words, best first. */
export function toNeighbours(index: VectorIndex, heaps: readonly TopK[]): Neighbour[][] {
  return heaps.map((heap) =>
    heap.sorted().map(({ id, score }) => ({ word: index.words[id], id, similarity: score })),
  );
}

/**
 * The k rows most cosine-similar to each of `queryCount` vectors (row-major in `queries`,
 * any length), skipping the ids `exclude(q)` lists for query q.
 */
export function nearestToVectors(
  index: VectorIndex,
  queries: Float32Array | Float64Array,
  queryCount: number,
  k: number,
  exclude: (query: number) => readonly number[] = () => [],
): Neighbour[][] {
  const unitQueries = unitRows(queries, index.dim, queryCount);
  const heaps = Array.from({ length: queryCount }, () => new TopK(k));
  const excluded = heaps.map((_, q) => new Set(exclude(q)));
  index.scan(unitQueries, queryCount, (block, start, end) => {
    const n = end - start;
    for (let q = 0; q < queryCount; q++) {
      const heap = heaps[q];
      let threshold = heap.threshold;
      const offset = q * n;
      for (let j = 0; j < n; j++) {
        const score = block[offset + j];
        // The exclusion test runs only for the rare scores that would enter the top k.
        if (score > threshold && !excluded[q].has(start + j)) {
          heap.offer(start + j, score);
          threshold = heap.threshold;
        }
      }
    }
  });
  return toNeighbours(index, heaps);
}

/** d2l's `get_similar_tokens` for many words at once: each word's k nearest other words. */
export function mostSimilarMany(index: VectorIndex, words: readonly string[], k = 10): Neighbour[][] {
  const ids = words.map((word) => index.requireId(word));
  return nearestToVectors(index, index.gather(ids), ids.length, k, (q) => index.lookup.variantIds(words[q]));
}

/** The k words nearest to `word` by cosine, the word itself (and its case variants) left out. */
export function mostSimilar(index: VectorIndex, word: string, k = 10): Neighbour[] {
  return mostSimilarMany(index, [word], k)[0];
}
