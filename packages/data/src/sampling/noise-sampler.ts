import type { Rng } from "../rng.js";

/** A distribution over ids 0..size-1 to draw noise (negative or sampled) classes from. */
export interface NoiseSampler {
  readonly size: number;
  sample(rng: Rng): number;
  /** Probability of drawing `id` in one draw. */
  probability(id: number): number;
}

/**
 * One draw that is none of `excluded[start..end)` (the positive word, or d2l's context
 * words of a centre), by redrawing. Throws if `maxTries` draws all hit excluded ids, which
 * only happens when they hold (nearly) all of the probability mass.
 */
export function sampleExcluding(
  sampler: NoiseSampler,
  rng: Rng,
  excluded: ArrayLike<number>,
  start = 0,
  end = excluded.length,
  maxTries = 10_000,
): number {
  for (let tries = 0; tries < maxTries; tries++) {
    const id = sampler.sample(rng);
    let hit = false;
    for (let k = start; k < end; k++) {
      if (excluded[k] === id) {
        hit = true;
        break;
      }
    }
    if (!hit) return id;
  }
  throw new Error(`sampleExcluding: ${maxTries} draws all hit the ${end - start} excluded ids`);
}

/**
 * Expected number of times `id` appears among `numSampled` draws, as TensorFlow's candidate
 * samplers report it (`ExpectedCountHelper` in TF's range_sampler.cc): `p * numSampled`
 * whenever `numTries === numSampled` (always for independent draws, and for `unique`
 * sampling whose first draws were already distinct); otherwise, for `unique` sampling that
 * needed `numTries` draws, `-expm1(numTries * log1p(-p))` (the chance it was drawn at all).
 */
export function expectedCount(
  sampler: NoiseSampler,
  id: number,
  numSampled: number,
  numTries = numSampled,
): number {
  const p = sampler.probability(id);
  return numTries === numSampled ? p * numSampled : -Math.expm1(numTries * Math.log1p(-p));
}

/**
 * TensorFlow's `unique=True` sampling: draw until `out.length` distinct ids are collected,
 * counting every draw. Marks ids with a generation stamp, so no allocation per call.
 */
export class UniqueDraws {
  private readonly stamps: Uint32Array;
  private generation = 0;

  constructor(private readonly sampler: NoiseSampler) {
    this.stamps = new Uint32Array(sampler.size);
  }

  /** Fills `out` with distinct ids; returns the number of draws it took (TF's num_tries). */
  drawInto(rng: Rng, out: Int32Array): number {
    if (out.length > this.sampler.size) {
      throw new RangeError(`cannot draw ${out.length} distinct ids from ${this.sampler.size}`);
    }
    if (++this.generation === 0xffffffff) {
      this.stamps.fill(0);
      this.generation = 1;
    }
    const stamps = this.stamps;
    const generation = this.generation;
    let tries = 0;
    let filled = 0;
    while (filled < out.length) {
      const id = this.sampler.sample(rng);
      tries++;
      if (stamps[id] !== generation) {
        stamps[id] = generation;
        out[filled++] = id;
      }
    }
    return tries;
  }
}
