import type { SimilarityPair } from "./similarity-pairs.js";
import { pearson, spearman } from "./spearman.js";
import type { VectorIndex } from "./vector-index.js";

export interface WordSimilarityResult {
  /** Spearman's rho between cosine and human scores over the covered pairs (null below 2 pairs). */
  spearman: number | null;
  pearson: number | null;
  /** Pairs with a word missing from the vocabulary, as a fraction of all pairs. */
  oov: number;
  pairs: number;
  covered: number;
}

/** Correlation of cosine similarity with human judgements (gensim's `evaluate_word_pairs`, case-insensitive). */
export function evaluateWordSimilarity(
  index: VectorIndex,
  pairs: readonly SimilarityPair[],
): WordSimilarityResult {
  const human: number[] = [];
  const model: number[] = [];
  for (const pair of pairs) {
    const id1 = index.lookup.id(pair.word1);
    const id2 = index.lookup.id(pair.word2);
    if (id1 < 0 || id2 < 0) continue;
    const u = index.unitVector(id1);
    const v = index.unitVector(id2);
    let cosine = 0;
    for (let k = 0; k < index.dim; k++) cosine += u[k] * v[k];
    human.push(pair.score);
    model.push(cosine);
  }
  const finite = (value: number) => (Number.isFinite(value) ? value : null);
  return {
    spearman: finite(spearman(human, model)),
    pearson: finite(pearson(human, model)),
    oov: pairs.length === 0 ? 0 : (pairs.length - human.length) / pairs.length,
    pairs: pairs.length,
    covered: human.length,
  };
}
