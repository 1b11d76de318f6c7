import type { Rng } from "../rng.js";
import type { NoiseSampler } from "./noise-sampler.js";

/** Every id in 0..size-1 equally likely (TF's uniform_candidate_sampler). */
export class UniformSampler implements NoiseSampler {
  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`size must be >= 1, got ${size}`);
  }

  sample(rng: Rng): number {
    return rng.nextInt(this.size);
  }

  probability(id: number): number {
    return id >= 0 && id < this.size ? 1 / this.size : 0;
  }
}
