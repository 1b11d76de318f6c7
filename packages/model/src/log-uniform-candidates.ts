/**
 * TF's default candidate sampling for NCE and sampled softmax: one set of `numSampled`
 * distinct log-uniform candidates for the whole batch, and the expected counts (unique
 * formula, from the number of draws the sampler needed) of the candidates and of each
 * example's true classes, whose logs the losses subtract.
 */
import type { LogUniformSampler, Rng } from "@w2v/data";

export interface Candidates {
  /** the distinct candidates, in draw order */
  sampled: Int32Array;
  /** how many draws collecting them took */
  numTries: number;
  /** expected count of each candidate */
  sampledExpectedCounts: Float32Array;
  /** expected count of each true label, in the order given */
  trueExpectedCounts: Float32Array;
}

export function logUniformCandidates(
  sampler: LogUniformSampler,
  rng: Rng,
  numSampled: number,
  trueLabels: ArrayLike<number>,
): Candidates {
  const { ids, numTries } = sampler.sampleUnique(rng, numSampled);
  const expected = (id: number) => sampler.expectedCount(id, numSampled, numTries);
  return {
    sampled: ids,
    numTries,
    sampledExpectedCounts: Float32Array.from(ids, expected),
    trueExpectedCounts: Float32Array.from(trueLabels, expected),
  };
}
