/**
 * The noise distribution the kernels draw from, as an alias table plus each word's
 * probability (as log(1 - P), what TF's unique-sampling expected count needs):
 * unigram^power (word2vec), log-uniform over the frequency-sorted ids (TF's
 * `log_uniform_candidate_sampler`), or uniform.
 */
import type { ResolvedConfig } from "@w2v/config";
import { AliasTable, LogUniformSampler, unigramNoiseTable, type Vocab } from "@w2v/data";

export interface NoiseTables {
  prob: Float32Array;
  alias: Int32Array;
  /** log1p(-P(word)) */
  log1m: Float64Array;
}

export function noiseTables(
  vocab: Vocab,
  sampler: ResolvedConfig["model"]["sampler"],
  power: number,
): NoiseTables {
  const size = vocab.size;
  let table: AliasTable;
  if (sampler === "unigram") table = unigramNoiseTable(vocab, power);
  else if (sampler === "log-uniform") {
    const logUniform = new LogUniformSampler(size);
    table = AliasTable.fromWeights(Float64Array.from({ length: size }, (_, k) => logUniform.probability(k)));
  } else table = AliasTable.fromWeights(new Float64Array(size).fill(1));
  const log1m = Float64Array.from({ length: size }, (_, k) => Math.log1p(-table.probability(k)));
  return { prob: table.prob, alias: table.alias, log1m };
}
