import { DataError } from "../data-error.js";
import type { Rng } from "../rng.js";
import type { Vocab } from "../text/vocab.js";
import type { NoiseSampler } from "./noise-sampler.js";

/**
 * Walker's alias method (Vose's construction): any discrete distribution in O(1) per draw,
 * the exact equivalent of word2vec's 1e8-entry unigram table without its rounding.
 * A draw picks a column uniformly, then keeps it with probability `prob[column]` or takes
 * `alias[column]`.
 */
export class AliasTable implements NoiseSampler {
  readonly size: number;
  private readonly probabilities: Float64Array;

  private constructor(
    readonly prob: Float32Array,
    readonly alias: Int32Array,
    probabilities: Float64Array,
  ) {
    this.size = prob.length;
    this.probabilities = probabilities;
  }

  static fromWeights(weights: ArrayLike<number>): AliasTable {
    const n = weights.length;
    let total = 0;
    for (let i = 0; i < n; i++) {
      if (!(weights[i] >= 0) || !Number.isFinite(weights[i])) {
        throw new DataError(`alias table: weight ${i} is ${weights[i]}; weights must be finite and >= 0`);
      }
      total += weights[i];
    }
    if (!(total > 0)) throw new DataError("alias table: the weights sum to zero");
    const probabilities = new Float64Array(n);
    const scaled = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      probabilities[i] = weights[i] / total;
      scaled[i] = probabilities[i] * n;
    }
    const prob = new Float32Array(n);
    const alias = new Int32Array(n);
    const small = new Int32Array(n);
    const large = new Int32Array(n);
    let smallCount = 0;
    let largeCount = 0;
    for (let i = 0; i < n; i++) {
      if (scaled[i] < 1) small[smallCount++] = i;
      else large[largeCount++] = i;
    }
    while (smallCount > 0 && largeCount > 0) {
      const less = small[--smallCount];
      const more = large[--largeCount];
      prob[less] = scaled[less];
      alias[less] = more;
      scaled[more] = scaled[more] + scaled[less] - 1;
      if (scaled[more] < 1) small[smallCount++] = more;
      else large[largeCount++] = more;
    }
    // What is left is 1 up to rounding: such columns always keep themselves.
    while (largeCount > 0) {
      const i = large[--largeCount];
      prob[i] = 1;
      alias[i] = i;
    }
    while (smallCount > 0) {
      const i = small[--smallCount];
      prob[i] = 1;
      alias[i] = i;
    }
    return new AliasTable(prob, alias, probabilities);
  }

  sample(rng: Rng): number {
    const column = rng.nextInt(this.size);
    return rng.nextFloat() < this.prob[column] ? column : this.alias[column];
  }

  probability(id: number): number {
    return this.probabilities[id] ?? 0;
  }
}

/**
 * Noise distribution `count^power` over the vocabulary (word2vec: power 0.75). Ids in
 * `excludeIds` get weight 0 (d2l draws no `<unk>` noise).
 */
export function unigramNoiseTable(
  vocab: Vocab,
  power: number,
  excludeIds: ArrayLike<number> = [],
): AliasTable {
  const weights = new Float64Array(vocab.size);
  for (let id = 0; id < vocab.size; id++) weights[id] = vocab.counts[id] ** power;
  for (let k = 0; k < excludeIds.length; k++) weights[excludeIds[k]] = 0;
  return AliasTable.fromWeights(weights);
}
