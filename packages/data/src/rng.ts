/**
 * The seeded generator behind every random choice (xoshiro128**, seeded by SplitMix32).
 * Hand-written rather than a library because it sits in the hottest loops (windows,
 * subsampling, negatives) where an allocation or a call through an immutable API per
 * draw costs more than the draw; its whole state is four 32-bit words, so checkpoints
 * save it exactly and a restored generator continues the same sequence.
 */
export type RngState = [number, number, number, number];

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a of a label, so that `derive(seed, "windows")` streams differ by name. */
function hashLabel(label: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    const next = splitmix32(seed);
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /**
   * An independent stream for one purpose ("init", "subsample", "windows", "negatives",
   * "thread-1", ...): the same seed and labels always give the same stream.
   */
  static derive(seed: number, ...labels: (string | number)[]): Rng {
    let mixed = seed >>> 0;
    for (const label of labels) mixed = splitmix32(mixed ^ hashLabel(String(label)))();
    return new Rng(mixed);
  }

  static fromState(state: RngState): Rng {
    const rng = new Rng(0);
    rng.setState(state);
    return rng;
  }

  getState(): RngState {
    return [this.s0, this.s1, this.s2, this.s3];
  }

  setState(state: RngState): void {
    [this.s0, this.s1, this.s2, this.s3] = state.map((word) => word >>> 0) as RngState;
  }

  /** Uniform 32-bit unsigned integer. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 32 bits of resolution. */
  nextFloat(): number {
    return this.nextU32() * 2.3283064365386963e-10;
  }

  /** Uniform integer in [0, n), n <= 2^32 (multiply-shift; bias below 2^-32 * n). */
  nextInt(n: number): number {
    return Math.floor(this.nextU32() * 2.3283064365386963e-10 * n);
  }

  /** Standard normal (Box-Muller; one value per call, the pair's second is dropped). */
  nextGaussian(): number {
    const u = 1 - this.nextFloat();
    const v = this.nextFloat();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
