// Noise words, drawn in the kernels from the alias table in shared memory (unigram^power,
// log-uniform or uniform weights: the host builds whichever the config names).

import {
  T_CANDIDATE_COUNT,
  T_CANDIDATE_LOGQ,
  T_CANDIDATES,
  T_MARK,
  T_MARKS,
  T_NUM_TRIES,
} from "../src/hogwild/slots";
import { nextFloat, nextInt } from "./rng";
import { noiseAlias, noiseLog1m, noiseProb, samples, vocabSize } from "./run";

/** One draw from the alias table: a uniform column, kept with its probability, else its alias. */
export function sampleNoise(): i32 {
  const column = nextInt(<u32>vocabSize);
  const offset = (<usize>column) << 2;
  return nextFloat() < load<f32>(noiseProb + offset) ? <i32>column : load<i32>(noiseAlias + offset);
}

/**
 * word2vec's negatives for one positive: `samples` draws, a draw equal to the positive
 * word skipped (so sometimes fewer).
 */
export function drawNegatives(ctx: usize, positive: i32): void {
  const candidates = load<usize>(ctx + T_CANDIDATES);
  let count = 0;
  for (let d = 0; d < samples; d++) {
    const word = sampleNoise();
    if (word === positive) continue;
    store<i32>(candidates + ((<usize>count) << 2), word);
    count++;
  }
  store<i32>(ctx + T_CANDIDATE_COUNT, count);
}

/**
 * TF's `unique=True` candidate sampling: draw until `samples` distinct words are
 * collected, counting the draws (num_tries) for the expected counts. Marks in a per-thread
 * array make the distinctness test O(1); the caller guarantees samples < vocabSize.
 */
export function drawUniqueCandidates(ctx: usize): void {
  const candidates = load<usize>(ctx + T_CANDIDATES);
  const marks = load<usize>(ctx + T_MARKS);
  let mark = load<i32>(ctx + T_MARK) + 1;
  if (mark === i32.MAX_VALUE) {
    memory.fill(marks, 0, (<usize>vocabSize) << 2);
    mark = 1;
  }
  store<i32>(ctx + T_MARK, mark);
  let count = 0;
  let tries = 0;
  while (count < samples) {
    const word = sampleNoise();
    tries++;
    const slot = marks + ((<usize>word) << 2);
    if (load<i32>(slot) === mark) continue;
    store<i32>(slot, mark);
    store<i32>(candidates + ((<usize>count) << 2), word);
    count++;
  }
  store<i32>(ctx + T_CANDIDATE_COUNT, count);
  store<i32>(ctx + T_NUM_TRIES, tries);
  storeCandidateLogQ(ctx);
}

/**
 * log of a word's expected count among unique candidates, as TF's ExpectedCountHelper:
 * log(P * samples) when the first `samples` draws were distinct, else
 * log(-expm1(tries * log1p(-P))). P itself is -expm1(log1p(-P)).
 */
export function logExpectedCount(word: i32, tries: i32): f32 {
  const log1m = load<f64>(noiseLog1m + ((<usize>word) << 3));
  if (tries === samples) return <f32>(Math.log(-Math.expm1(log1m)) + Math.log(<f64>samples));
  return <f32>Math.log(-Math.expm1(<f64>tries * log1m));
}

/** The log expected count of every candidate, for the logQ correction of NCE and sampled softmax. */
export function storeCandidateLogQ(ctx: usize): void {
  const candidates = load<usize>(ctx + T_CANDIDATES);
  const logq = load<usize>(ctx + T_CANDIDATE_LOGQ);
  const count = load<i32>(ctx + T_CANDIDATE_COUNT);
  const tries = load<i32>(ctx + T_NUM_TRIES);
  for (let j = 0; j < count; j++) {
    const word = load<i32>(candidates + ((<usize>j) << 2));
    store<f32>(logq + ((<usize>j) << 2), logExpectedCount(word, tries));
  }
}
