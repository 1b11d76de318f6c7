import type { Rng } from "../rng.js";
import { expectedCount, type NoiseSampler, UniqueDraws } from "./noise-sampler.js";

/**
 * TensorFlow's log-uniform (Zipfian) candidate sampler over ids 0..rangeMax-1:
 * P(k) = (log(k + 2) - log(k + 1)) / log(rangeMax + 1). It assumes ids sorted by
 * decreasing frequency, which the Vocab guarantees. Draws follow TF's
 * `floor(exp(u * log(rangeMax + 1))) - 1 (mod rangeMax)`.
 */
export class LogUniformSampler implements NoiseSampler {
  readonly size: number;
  private readonly logRange: number;
  private unique: UniqueDraws | null = null;

  constructor(readonly rangeMax: number) {
    if (!Number.isInteger(rangeMax) || rangeMax < 1)
      throw new RangeError(`rangeMax must be >= 1, got ${rangeMax}`);
    this.size = rangeMax;
    this.logRange = Math.log(rangeMax + 1);
  }

  sample(rng: Rng): number {
    const value = Math.floor(Math.exp(rng.nextFloat() * this.logRange)) - 1;
    return value % this.rangeMax;
  }

  /** log1p(1 / (k + 1)) is log(k + 2) - log(k + 1) without the cancellation for large k. */
  probability(k: number): number {
    return k >= 0 && k < this.rangeMax ? Math.log1p(1 / (k + 1)) / this.logRange : 0;
  }

  /** `numSampled` distinct ids (TF's unique=True) and the draws that took (num_tries). */
  sampleUnique(rng: Rng, numSampled: number): { ids: Int32Array; numTries: number } {
    const ids = new Int32Array(numSampled);
    return { ids, numTries: this.sampleUniqueInto(rng, ids) };
  }

  /** Allocation-free `sampleUnique`: fills `out`, returns numTries. */
  sampleUniqueInto(rng: Rng, out: Int32Array): number {
    this.unique ??= new UniqueDraws(this);
    return this.unique.drawInto(rng, out);
  }

  /** TF's expected count: P(k) * numSampled when numTries = numSampled, else -expm1(numTries * log1p(-P(k))). */
  expectedCount(k: number, numSampled: number, numTries?: number): number {
    return expectedCount(this, k, numSampled, numTries);
  }
}
