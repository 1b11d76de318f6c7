// The thread's generator: xoshiro128**, the algorithm of @w2v/data's Rng, so a state read
// from shared memory is an RngState the host can save and restore. It lives in this
// instance's globals (one instance per thread) while a kernel runs.

let s0: u32 = 1;
let s1: u32 = 0;
let s2: u32 = 0;
let s3: u32 = 0;

export function loadRng(ptr: usize): void {
  s0 = load<u32>(ptr);
  s1 = load<u32>(ptr, 4);
  s2 = load<u32>(ptr, 8);
  s3 = load<u32>(ptr, 12);
}

export function storeRng(ptr: usize): void {
  store<u32>(ptr, s0);
  store<u32>(ptr, s1, 4);
  store<u32>(ptr, s2, 8);
  store<u32>(ptr, s3, 12);
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
