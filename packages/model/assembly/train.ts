// The thread's training loop: the next sentence of its lane, its subsampling, windows,
// noise and SGD steps, until every lane of the call is empty; word2vec's
// train_model_thread, with sentences taken one at a time (a thread that runs out helps
// the slowest one) rather than split in advance, so a thread that other load slows down
// holds no one up.

import {
  ARCH_SKIPGRAM,
  H_CALL_BASE,
  H_WORDS_DONE,
  HEADER_BASE,
  HEADER_BYTES,
  LOSS_NEGATIVE_SAMPLING,
  LOSS_SOFTMAX,
  T_CONTEXTS,
  T_EXAMPLES,
  T_LANE,
  T_LOSS_SUM,
  T_LR,
  T_NEU1,
  T_NEU1E,
  T_SENTENCE_BUFFER,
  THREAD_BYTES,
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
  threads,
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

/** The ring's sentence at `cursor` (sentences from the first one, wrapping around). */
function sentenceAt(cursor: i64): i32 {
  const s = firstSentence + <i32>(cursor % <i64>sentences);
  return s >= sentences ? s - sentences : s;
}

/** The next sentence of a lane (its offset from the call's base), or -1 if it is empty. */
function takeFront(lane: usize): i64 {
  let packed = atomic.load<u64>(lane);
  while (<u32>packed < <u32>(packed >>> 32)) {
    const seen = atomic.cmpxchg<u64>(lane, packed, packed + 1);
    if (seen === packed) return <i64>(<u32>packed);
    packed = seen;
  }
  return -1;
}

/** The last sentence of the lane with the most left, or -1 if every lane is empty. */
function takeBack(): i64 {
  while (true) {
    let fullest: usize = 0;
    let fullestPacked: u64 = 0;
    let most: u32 = 0;
    for (let t = 0; t < threads; t++) {
      const lane = HEADER_BASE + HEADER_BYTES + <usize>t * THREAD_BYTES + T_LANE;
      const packed = atomic.load<u64>(lane);
      const left = <u32>(packed >>> 32) - <u32>packed;
      if (left > most) {
        most = left;
        fullest = lane;
        fullestPacked = packed;
      }
    }
    if (most === 0) return -1;
    const last = <u32>(fullestPacked >>> 32) - 1;
    const taken = ((<u64>last) << 32) | (fullestPacked & 0xffffffff);
    if (atomic.cmpxchg<u64>(fullest, fullestPacked, taken) === fullestPacked) return <i64>last;
  }
}

/**
 * Train sentences for about `maxWords` corpus words: the thread's own lane front to back,
 * then (another thread being slower) the back of the fullest lane; returns whether every
 * lane is empty. The lanes lie far apart in the corpus, so the threads mostly train
 * different words, and taking from the back keeps them apart to the end. The host calls
 * it repeatedly: the engine tiers this function up between calls (no on-stack replacement).
 */
export function train(ctx: usize, maxWords: i32): bool {
  bindRun();
  bindHotRows(ctx);
  pullHotRows();
  const base = load<i64>(HEADER_BASE + H_CALL_BASE);
  const ownLane = ctx + T_LANE;
  const buffer = load<usize>(ctx + T_SENTENCE_BUFFER);
  const contexts = load<usize>(ctx + T_CONTEXTS);
  let examples = load<i64>(ctx + T_EXAMPLES);
  let lossSum = load<f64>(ctx + T_LOSS_SUM);
  let lr = load<f32>(ctx + T_LR);
  const sampledCandidates = loss !== LOSS_NEGATIVE_SAMPLING && loss !== LOSS_SOFTMAX;
  let wordsSinceMerge = 0;
  let emptied = false;
  for (let wordsThisCall = 0; wordsThisCall < maxWords; ) {
    let offset = takeFront(ownLane);
    if (offset < 0) offset = takeBack();
    if (offset < 0) {
      emptied = true;
      break;
    }
    const cursor = base + offset;
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
    wordsThisCall += consumed;
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
  return emptied;
}
