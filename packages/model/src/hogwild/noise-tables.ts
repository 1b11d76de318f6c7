/**
 * The noise distribution the kernels draw from (the run plan's), as an alias table plus
 * each word's probability (as log(1 - P), what TF's unique-sampling expected count needs):
 * unigram^power (word2vec), log-uniform over the frequency-sorted ids (TF's
 * `log_uniform_candidate_sampler`), or uniform.
 */
import { AliasTable, type NoiseSampler } from "@w2v/data";

export interface NoiseTables {
  prob: Float32Array;
  alias: Int32Array;
  /** log1p(-P(word)) */
  log1m: Float64Array;
}

export function noiseTables(noise: NoiseSampler): NoiseTables {
  const size = noise.size;
  const table =
    noise instanceof AliasTable
      ? noise
      : AliasTable.fromWeights(Float64Array.from({ length: size }, (_, k) => noise.probability(k)));
  const log1m = Float64Array.from({ length: size }, (_, k) => Math.log1p(-table.probability(k)));
  return { prob: table.prob, alias: table.alias, log1m };
}
