import type { Vocab } from "../text/vocab.js";

export type SubsamplingRule = "none" | "word2vec" | "d2l";

/**
 * Probability of keeping one occurrence of each word (per id, in [0, 1]), with threshold t,
 * word count c and corpus count T (reference doc):
 * - word2vec: (sqrt(c / (t T)) + 1) * (t T) / c, capped at 1, T = every vocabulary token;
 * - d2l: sqrt(t / f), f = c / T, capped at 1; like d2l's `subsample`, the unknown token is
 *   removed first (keep 0) and T counts the other tokens only;
 * - none: 1.
 */
export function keepProbabilities(vocab: Vocab, rule: SubsamplingRule, threshold: number): Float32Array {
  const keep = new Float32Array(vocab.size).fill(1);
  if (rule === "none") return keep;
  const counts = vocab.counts;
  if (rule === "word2vec") {
    const tT = threshold * vocab.totalCount;
    for (let id = 0; id < vocab.size; id++) {
      const c = counts[id];
      if (c > 0) keep[id] = Math.min(1, (Math.sqrt(c / tT) + 1) * (tT / c));
    }
    return keep;
  }
  const unk = vocab.unkId;
  const total = vocab.totalCount - (unk >= 0 ? counts[unk] : 0);
  for (let id = 0; id < vocab.size; id++) {
    const c = counts[id];
    if (c > 0) keep[id] = Math.min(1, Math.sqrt((threshold * total) / c));
  }
  if (unk >= 0) keep[unk] = 0;
  return keep;
}

/** Tokens an epoch keeps on average: sum over words of count * keep probability. */
export function expectedKeptTokens(vocab: Vocab, keep: Float32Array): number {
  let sum = 0;
  for (let id = 0; id < vocab.size; id++) sum += vocab.counts[id] * keep[id];
  return sum;
}

/**
 * Keep probabilities as thresholds on a 32-bit draw (`nextU32() < threshold` keeps), so the
 * hot loop needs no float conversion; 2^32 means "always", and then no draw is made.
 */
export function keepThresholds(keep: Float32Array): Float64Array {
  const thresholds = new Float64Array(keep.length);
  for (let id = 0; id < keep.length; id++)
    thresholds[id] = keep[id] >= 1 ? 2 ** 32 : Math.round(keep[id] * 2 ** 32);
  return thresholds;
}
