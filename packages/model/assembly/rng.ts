// The generator of the sentence a thread trains: xoshiro128**, the algorithm of
// @w2v/data's Rng, seeded per sentence from the run's sentence seed and the sentence's
// cursor. So what a sentence draws (subsampling, windows, noise) depends on the seed and
// its place in the run only, not on which thread trains it; a saved cursor restores the
// generator. It lives in this instance's globals (one instance per thread).

let s0: u32 = 1;
let s1: u32 = 0;
let s2: u32 = 0;
let s3: u32 = 0;

let splitmixState: u32 = 0;

/** SplitMix32, as in @w2v/data's Rng. */
function splitmix(): u32 {
  splitmixState += 0x9e3779b9;
  let z = splitmixState;
  z = (z ^ (z >>> 16)) * 0x85ebca6b;
  z = (z ^ (z >>> 13)) * 0xc2b2ae35;
  return z ^ (z >>> 16);
}

/** Start the generator of the sentence taken at `cursor`. */
export function seedSentenceRng(seed: u32, cursor: i64): void {
  splitmixState = seed ^ <u32>cursor;
  splitmixState = splitmix() ^ <u32>(cursor >>> 32);
  s0 = splitmix();
  s1 = splitmix();
  s2 = splitmix();
  s3 = splitmix();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
}

export function nextU32(): u32 {
  const result = rotl<u32>(s1 * 5, 7) * 9;
  const t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = rotl<u32>(s3, 11);
  return result;
}

/** Uniform in [0, n) by multiply-shift, as Rng.nextInt. */
export function nextInt(n: u32): u32 {
  return <u32>((<u64>nextU32() * <u64>n) >> 32);
}

/** Uniform in [0, 1) with 24 bits, the resolution of an f32. */
export function nextFloat(): f32 {
  return <f32>(nextU32() >>> 8) * (1.0 / 16777216.0);
}
