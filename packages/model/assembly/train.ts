// The thread's training loop: the next sentence of its lane, its subsampling, windows,
// noise and SGD steps, until every lane of the call is empty; word2vec's
// train_model_thread, with sentences taken one at a time (a thread that runs out helps
// the slowest one) rather than split in advance, so a thread that other load slows down
// holds no one up. The sentence's windows are trained by the run's kernel: word2vec.ts
// (word2vec's steps) or hogbatch.ts (blocked steps).

import {
  H_CALL_BASE,
  H_WORDS_DONE,
  HEADER_BASE,
  HEADER_BYTES,
  KERNEL_HOGBATCH,
  T_LANE,
  T_LR,
  T_SENTENCE_BUFFER,
  THREAD_BYTES,
} from "../src/hogwild/slots";
import { blocksLoss, hogbatchSentence } from "./hogbatch";
import { bindHotRows, mergeHotRows, pullHotRows } from "./hot-rows";
import { loadProgress, publishProgress } from "./progress";
import { nextFloat, seedSentenceRng } from "./rng";
import {
  bindRun,
  corpus,
  firstSentence,
  hotSyncWords,
  keep,
  kernel,
  lrTable,
  sentenceSeed,
  sentenceStarts,
  sentences,
  stepWords,
  threads,
  totalSteps,
} from "./run";
import { word2vecSentence } from "./word2vec";

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
  loadProgress(ctx);
  let lr = load<f32>(ctx + T_LR);
  const blocked = kernel === KERNEL_HOGBATCH && blocksLoss();
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
    if (blocked) hogbatchSentence(ctx, buffer, length, lr);
    else word2vecSentence(ctx, buffer, length, lr);
    const consumed = end - begin;
    wordsThisCall += consumed;
    atomic.add<i64>(HEADER_BASE + H_WORDS_DONE, consumed);
    wordsSinceMerge += consumed;
    if (wordsSinceMerge >= hotSyncWords) {
      mergeHotRows();
      wordsSinceMerge = 0;
    }
    publishProgress(ctx);
  }
  mergeHotRows();
  store<f32>(ctx + T_LR, lr);
  return emptied;
}
