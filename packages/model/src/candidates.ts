/**
 * TF's candidate sampling for NCE and sampled softmax: one set of `numSampled` distinct
 * candidates for the whole batch (`unique=True`; log-uniform by default), and the expected
 * counts of the candidates and of each example's true classes (the unique formula, from
 * the number of draws the sampler needed), whose logs the losses subtract.
 */
import { expectedCount, type NoiseSampler, type Rng, UniqueDraws } from "@w2v/data";

export interface Candidates {
  /** the distinct candidates, in draw order */
  sampled: Int32Array;
  /** how many draws collecting them took (TF's num_tries) */
  numTries: number;
  /** expected count of each candidate */
  sampledExpectedCounts: Float32Array;
  /** expected count of each true label, in the order given */
  trueExpectedCounts: Float32Array;
}

export class CandidateSampler {
  private readonly unique: UniqueDraws;

  constructor(
    private readonly sampler: NoiseSampler,
    readonly numSampled: number,
  ) {
    this.unique = new UniqueDraws(sampler);
  }

  draw(rng: Rng, trueLabels: ArrayLike<number>): Candidates {
    const sampled = new Int32Array(this.numSampled);
    const numTries = this.unique.drawInto(rng, sampled);
    return { sampled, numTries, ...this.expectedCounts(sampled, numTries, trueLabels) };
  }

  expectedCounts(
    sampled: ArrayLike<number>,
    numTries: number,
    trueLabels: ArrayLike<number>,
  ): Pick<Candidates, "sampledExpectedCounts" | "trueExpectedCounts"> {
    const expected = (id: number) => expectedCount(this.sampler, id, this.numSampled, numTries);
    return {
      sampledExpectedCounts: Float32Array.from(sampled, expected),
      trueExpectedCounts: Float32Array.from(trueLabels, expected),
    };
  }
}
