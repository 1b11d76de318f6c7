// The thread's training loop: the next sentence of the run, its subsampling, windows,
// noise and SGD steps, until the run's word target; word2vec's train_model_thread, with
// the sentences handed out one at a time (as gensim's job queue does) rather than split
// in advance, so a thread that other load slows down holds no one up.

import {
  ARCH_SKIPGRAM,
  H_CURSOR,
  H_WORD_TARGET,
  H_WORDS_DONE,
  HEADER_BASE,
  LOSS_NEGATIVE_SAMPLING,
  LOSS_SOFTMAX,
  T_CONTEXTS,
  T_EXAMPLES,
  T_LOSS_SUM,
  T_LR,
  T_NEU1,
  T_NEU1E,
  T_SENTENCE_BUFFER,
} from "../src/hogwild/slots";
import { bindHotRows, mergeHotRows, pullHotRows } from "./hot-rows";
import { trainExample } from "./losses";
import { nextFloat, nextInt, seedSentenceRng } from "./rng";
import {
  architecture,
  bindRun,
  corpus,
  dim,
  firstSentence,
  freezeInput,
  hotSyncWords,
  inputRow,
  keep,
  loss,
  lrTable,
  sentenceSeed,
  sentenceStarts,
  sentences,
  stepWords,
  totalSteps,
  window,
  windowFixed,
} from "./run";
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

/** The learning rate of the step that the words done by all threads have reached. */
function currentLr(): f32 {
  const done = atomic.load<i64>(HEADER_BASE + H_WORDS_DONE);
  let step = <i32>(done / <i64>stepWords);
  if (step > totalSteps) step = totalSteps;
  return load<f32>(lrTable + ((<usize>step) << 2));
}

/** Sentence start `i` (0..sentences), as an i64. */
function startOf(i: i32): i64 {
  return <i64>load<i32>(sentenceStarts + ((<usize>i) << 2));
}

/** The ring's sentence at `cursor` (sentences from the first one, wrapping around). */
function sentenceAt(cursor: i64): i32 {
  const s = firstSentence + <i32>(cursor % <i64>sentences);
  return s >= sentences ? s - sentences : s;
}

/** Corpus words of the sentences before `cursor` in the run (all epochs). */
function wordsBefore(cursor: i64): i64 {
  const epochWords = startOf(sentences) - startOf(0);
  const offset = <i32>(cursor % <i64>sentences);
  const epochs = cursor / <i64>sentences;
  const end = firstSentence + offset;
  const partial =
    end <= sentences
      ? startOf(end) - startOf(firstSentence)
      : epochWords - startOf(firstSentence) + startOf(end - sentences);
  return epochs * epochWords + partial;
}

/**
 * Take the next sentence of the ring unless the words before it reach the target: its
 * cursor, or -1. A compare-and-swap, so every sentence is taken by exactly one thread.
 */
function takeSentence(target: i64): i64 {
  let cursor = atomic.load<i64>(HEADER_BASE + H_CURSOR);
  while (wordsBefore(cursor) < target) {
    const seen = atomic.cmpxchg<i64>(HEADER_BASE + H_CURSOR, cursor, cursor + 1);
    if (seen === cursor) return cursor;
    cursor = seen;
  }
  return -1;
}

/**
 * Train on at most `maxSentences` sentences, each the next one of the ring, until the
 * words before the cursor reach the run's word target; returns whether they have. The
 * host calls it repeatedly: the engine tiers this function up between calls (no
 * on-stack replacement).
 */
export function train(ctx: usize, maxSentences: i32): bool {
  bindRun();
  bindHotRows(ctx);
  pullHotRows();
  const target = load<i64>(HEADER_BASE + H_WORD_TARGET);
  const buffer = load<usize>(ctx + T_SENTENCE_BUFFER);
  const contexts = load<usize>(ctx + T_CONTEXTS);
  let examples = load<i64>(ctx + T_EXAMPLES);
  let lossSum = load<f64>(ctx + T_LOSS_SUM);
  let lr = load<f32>(ctx + T_LR);
  const sampledCandidates = loss !== LOSS_NEGATIVE_SAMPLING && loss !== LOSS_SOFTMAX;
  let wordsSinceMerge = 0;
  let reached = false;
  for (let budget = maxSentences; budget > 0; budget--) {
    const cursor = takeSentence(target);
    if (cursor < 0) {
      reached = true;
      break;
    }
    seedSentenceRng(sentenceSeed, cursor);
    lr = currentLr();
    const s = sentenceAt(cursor);
    const begin = load<i32>(sentenceStarts + ((<usize>s) << 2));
    const end = load<i32>(sentenceStarts + ((<usize>(s + 1)) << 2));
    // Subsample the sentence first, as word2vec does: windows span the dropped words.
    let length = 0;
    for (let i = begin; i < end; i++) {
      const word = load<i32>(corpus + ((<usize>i) << 2));
      if (keep !== 0 && load<f32>(keep + ((<usize>word) << 2)) < nextFloat()) continue;
      store<i32>(buffer + ((<usize>length) << 2), word);
      length++;
    }
    for (let position = 0; position < length; position++) {
      const centre = load<i32>(buffer + ((<usize>position) << 2));
      // reduced (word2vec) and uniform (d2l) windows: both 1 + uniform[0, window)
      const reach = windowFixed ? window : window - <i32>nextInt(<u32>window);
      const from = max(position - reach, 0);
      const to = min(position + reach, length - 1);
      if (sampledCandidates) drawUniqueCandidates(ctx);
      if (architecture === ARCH_SKIPGRAM) {
        for (let c = from; c <= to; c++) {
          if (c === position) continue;
          if (loss === LOSS_NEGATIVE_SAMPLING) drawNegatives(ctx, centre);
          lossSum += skipGramStep(ctx, load<i32>(buffer + ((<usize>c) << 2)), centre, lr);
          examples++;
        }
      } else {
        let count = 0;
        for (let c = from; c <= to; c++) {
          if (c === position) continue;
          store<i32>(contexts + ((<usize>count) << 2), load<i32>(buffer + ((<usize>c) << 2)));
          count++;
        }
        if (count === 0) continue;
        if (loss === LOSS_NEGATIVE_SAMPLING) drawNegatives(ctx, centre);
        lossSum += cbowStep(ctx, contexts, count, centre, lr);
        examples++;
      }
    }
    const consumed = end - begin;
    atomic.add<i64>(HEADER_BASE + H_WORDS_DONE, consumed);
    wordsSinceMerge += consumed;
    if (wordsSinceMerge >= hotSyncWords) {
      mergeHotRows();
      wordsSinceMerge = 0;
    }
    // Publish progress once per sentence: the host reads it while the kernel runs.
    store<i64>(ctx + T_EXAMPLES, examples);
    store<f64>(ctx + T_LOSS_SUM, lossSum);
  }
  mergeHotRows();
  store<f32>(ctx + T_LR, lr);
  return reached;
}
