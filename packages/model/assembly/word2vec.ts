// word2vec's kernel (`trainer.kernel: word2vec`): one SGD step per skip-gram pair and per
// CBOW window, in word2vec.c's order, negatives drawn anew for each (NCE and sampled
// softmax: candidates drawn once per centre). Each step sees every earlier step's update.

import {
  ARCH_SKIPGRAM,
  LOSS_NEGATIVE_SAMPLING,
  LOSS_SOFTMAX,
  T_CONTEXTS,
  T_NEU1,
  T_NEU1E,
} from "../src/hogwild/slots";
import { trainExample } from "./losses";
import { countExamples } from "./progress";
import { nextInt } from "./rng";
import { architecture, dim, freezeInput, inputRow, loss, window, windowFixed } from "./run";
import { drawNegatives, drawUniqueCandidates } from "./sampling";
import { axpy, scale, zero } from "./vector";

/**
 * One skip-gram update (word2vec's direction: `inputWord`'s vector predicts `positive`)
 * against the candidates already in the thread's context; returns the loss.
 */
export function skipGramStep(ctx: usize, inputWord: i32, positive: i32, lr: f32): f64 {
  const h = inputRow(inputWord);
  const err = load<usize>(ctx + T_NEU1E);
  zero(err, dim);
  const exampleLoss = trainExample(ctx, h, err, positive, lr);
  if (!freezeInput) axpy(h, err, 1, dim);
  return exampleLoss;
}

/**
 * One CBOW update: the mean of the `count` context words' input vectors predicts
 * `positive`; the error is added unscaled to every context vector, as word2vec does.
 */
export function cbowStep(ctx: usize, contexts: usize, count: i32, positive: i32, lr: f32): f64 {
  const h = load<usize>(ctx + T_NEU1);
  const err = load<usize>(ctx + T_NEU1E);
  zero(h, dim);
  zero(err, dim);
  for (let c = 0; c < count; c++) axpy(h, inputRow(load<i32>(contexts + ((<usize>c) << 2))), 1, dim);
  scale(h, 1 / <f32>count, dim);
  const exampleLoss = trainExample(ctx, h, err, positive, lr);
  if (freezeInput) return exampleLoss;
  for (let c = 0; c < count; c++) axpy(inputRow(load<i32>(contexts + ((<usize>c) << 2))), err, 1, dim);
  return exampleLoss;
}

/** A centre's reach: reduced (word2vec) and uniform (d2l) windows are both 1 + uniform[0, window). */
export function drawReach(): i32 {
  return windowFixed ? window : window - <i32>nextInt(<u32>window);
}

/** The words at [from, to] but `position` of the sentence at `buffer`, copied to `out`; returns their count. */
export function gatherContexts(buffer: usize, position: i32, from: i32, to: i32, out: usize): i32 {
  let count = 0;
  for (let c = from; c <= to; c++) {
    if (c === position) continue;
    store<i32>(out + ((<usize>count) << 2), load<i32>(buffer + ((<usize>c) << 2)));
    count++;
  }
  return count;
}

/** Every window of the (subsampled) sentence of `length` words at `buffer`. */
export function word2vecSentence(ctx: usize, buffer: usize, length: i32, lr: f32): void {
  const contexts = load<usize>(ctx + T_CONTEXTS);
  const sampledCandidates = loss !== LOSS_NEGATIVE_SAMPLING && loss !== LOSS_SOFTMAX;
  for (let position = 0; position < length; position++) {
    const centre = load<i32>(buffer + ((<usize>position) << 2));
    const reach = drawReach();
    const from = max(position - reach, 0);
    const to = min(position + reach, length - 1);
    if (sampledCandidates) drawUniqueCandidates(ctx);
    if (architecture === ARCH_SKIPGRAM) {
      for (let c = from; c <= to; c++) {
        if (c === position) continue;
        if (loss === LOSS_NEGATIVE_SAMPLING) drawNegatives(ctx, centre);
        countExamples(1, skipGramStep(ctx, load<i32>(buffer + ((<usize>c) << 2)), centre, lr));
      }
    } else {
      const count = gatherContexts(buffer, position, from, to, contexts);
      if (count === 0) continue;
      if (loss === LOSS_NEGATIVE_SAMPLING) drawNegatives(ctx, centre);
      countExamples(1, cbowStep(ctx, contexts, count, centre, lr));
    }
  }
}
