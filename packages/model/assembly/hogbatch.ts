// The blocked ("HogBatch") kernel of Ji, Satish, Li and Dubey (2016), "Parallelizing
// Word2Vec in Shared and Distributed Memory" (Intel's pWord2Vec): several hidden vectors
// (block rows) share one set of candidates, so a window's dot products and updates form
// one small matrix–matrix step in which each candidate's output row is fetched once for
// the whole block instead of once per example. Skip-gram: the rows are the input rows of
// a centre's contexts, all predicting the centre. CBOW: the rows are the context means of
// a few consecutive windows, each predicting its own centre.
//
// The phases are trainExample's, over the block: every logit, then the steps, then the
// input-side errors from the output rows' old values, then the output rows from the
// hidden vectors' old values; the caller adds the errors to the input rows last. So the
// block's update is exactly the gradient step of the summed loss of its rows.

import {
  ARCH_SKIPGRAM,
  CBOW_BATCH,
  LOSS_NEGATIVE_SAMPLING,
  LOSS_SOFTMAX,
  T_BLOCK_COUNTS,
  T_BLOCK_ERRORS,
  T_BLOCK_HIDDEN,
  T_BLOCK_POSITIVES,
  T_BLOCK_ROWS,
  T_BLOCK_STEPS,
  T_CANDIDATE_COUNT,
  T_CANDIDATES,
  T_CONTEXTS,
} from "../src/hogwild/slots";
import { columnLogit, columnSteps, updateColumn } from "./losses";
import { countExamples } from "./progress";
import { architecture, dim, freezeInput, inputRow, loss, outputRow, window } from "./run";
import { drawNegatives, drawUniqueCandidates } from "./sampling";
import { axpy, scale, zero } from "./vector";
import { drawReach, gatherContexts } from "./word2vec";

/** The i32 or pointer at index `i` of the array at `base`. */
function at(base: usize, i: i32): i32 {
  return load<i32>(base + ((<usize>i) << 2));
}

/** The word of column `j` for a row whose positive is `positive` (column 0 is the positive). */
function blockWord(candidates: usize, positive: i32, j: i32): i32 {
  return j === 0 ? positive : at(candidates, j - 1);
}

/**
 * Trains the block's `rows` hidden vectors (pointers in T_BLOCK_ROWS), row r against its
 * positive (T_BLOCK_POSITIVES) and the thread's candidates; returns the summed loss and
 * leaves row r's input-side error in T_BLOCK_ERRORS. Columns are the outer loop: a
 * candidate's output row stays in cache while every row meets it.
 */
function trainBlock(ctx: usize, rows: i32, lr: f32): f64 {
  const hidden = load<usize>(ctx + T_BLOCK_ROWS);
  const positives = load<usize>(ctx + T_BLOCK_POSITIVES);
  const candidates = load<usize>(ctx + T_CANDIDATES);
  const steps = load<usize>(ctx + T_BLOCK_STEPS);
  const errors = load<usize>(ctx + T_BLOCK_ERRORS);
  const columns = load<i32>(ctx + T_CANDIDATE_COUNT) + 1;
  const rowBytes = (<usize>dim) << 2;
  for (let j = 0; j < columns; j++) {
    for (let r = 0; r < rows; r++) {
      const positive = at(positives, r);
      const z = columnLogit(ctx, at(hidden, r), blockWord(candidates, positive, j), j, positive);
      store<f32>(steps + ((<usize>(r * columns + j)) << 2), z);
    }
  }
  let total: f64 = 0;
  for (let r = 0; r < rows; r++) {
    total += columnSteps(steps + ((<usize>(r * columns)) << 2), columns, 0, lr);
    zero(errors + <usize>r * rowBytes, dim);
  }
  for (let j = 0; j < columns; j++) {
    for (let r = 0; r < rows; r++) {
      const g = load<f32>(steps + ((<usize>(r * columns + j)) << 2));
      const word = blockWord(candidates, at(positives, r), j);
      if (g !== 0) axpy(errors + <usize>r * rowBytes, outputRow(word), g, dim);
    }
  }
  for (let j = 0; j < columns; j++) {
    for (let r = 0; r < rows; r++) {
      const g = load<f32>(steps + ((<usize>(r * columns + j)) << 2));
      if (g !== 0) updateColumn(blockWord(candidates, at(positives, r), j), at(hidden, r), g);
    }
  }
  return total;
}

/**
 * Skip-gram, one centre: the input rows of its `count` contexts (at `contexts`) each
 * predict `centre` against the thread's candidates, drawn once for the centre. Returns
 * the loss summed over the (centre, context) pairs.
 */
export function skipGramBlock(ctx: usize, contexts: usize, count: i32, centre: i32, lr: f32): f64 {
  const hidden = load<usize>(ctx + T_BLOCK_ROWS);
  const positives = load<usize>(ctx + T_BLOCK_POSITIVES);
  for (let r = 0; r < count; r++) {
    store<i32>(hidden + ((<usize>r) << 2), <i32>inputRow(at(contexts, r)));
    store<i32>(positives + ((<usize>r) << 2), centre);
  }
  const total = trainBlock(ctx, count, lr);
  if (freezeInput) return total;
  const errors = load<usize>(ctx + T_BLOCK_ERRORS);
  const rowBytes = (<usize>dim) << 2;
  for (let r = 0; r < count; r++) axpy(<usize>at(hidden, r), errors + <usize>r * rowBytes, 1, dim);
  return total;
}

/** Where window `b`'s context words start in T_CONTEXTS (2 * window slots per window). */
export function windowContexts(ctx: usize, b: i32): usize {
  return load<usize>(ctx + T_CONTEXTS) + ((<usize>(b * 2 * window)) << 2);
}

/**
 * CBOW, `windows` consecutive windows sharing the thread's candidates: window b's
 * contexts at windowContexts(ctx, b), their count in T_BLOCK_COUNTS and its centre in
 * T_BLOCK_POSITIVES. Each window's context mean predicts its centre; its error is added
 * unscaled to each of its context rows, as word2vec does. Returns the summed loss.
 */
export function cbowBlock(ctx: usize, windows: i32, lr: f32): f64 {
  const hidden = load<usize>(ctx + T_BLOCK_ROWS);
  const means = load<usize>(ctx + T_BLOCK_HIDDEN);
  const counts = load<usize>(ctx + T_BLOCK_COUNTS);
  const rowBytes = (<usize>dim) << 2;
  for (let b = 0; b < windows; b++) {
    const h = means + <usize>b * rowBytes;
    const contexts = windowContexts(ctx, b);
    const count = at(counts, b);
    zero(h, dim);
    for (let c = 0; c < count; c++) axpy(h, inputRow(at(contexts, c)), 1, dim);
    scale(h, 1 / <f32>count, dim);
    store<i32>(hidden + ((<usize>b) << 2), <i32>h);
  }
  const total = trainBlock(ctx, windows, lr);
  if (freezeInput) return total;
  const errors = load<usize>(ctx + T_BLOCK_ERRORS);
  for (let b = 0; b < windows; b++) {
    const contexts = windowContexts(ctx, b);
    const err = errors + <usize>b * rowBytes;
    for (let c = 0; c < at(counts, b); c++) axpy(inputRow(at(contexts, c)), err, 1, dim);
  }
  return total;
}

/**
 * Whether the blocked kernel trains this run's loss: skip-gram with negative sampling,
 * NCE and sampled softmax (candidates shared by the centre's contexts), CBOW with
 * negative sampling. The others (the full softmax; CBOW with NCE or sampled softmax) use
 * word2vec's steps.
 */
export function blocksLoss(): bool {
  if (loss === LOSS_SOFTMAX) return false;
  return architecture === ARCH_SKIPGRAM || loss === LOSS_NEGATIVE_SAMPLING;
}

/** Every window of the (subsampled) sentence of `length` words at `buffer`, in blocks. */
export function hogbatchSentence(ctx: usize, buffer: usize, length: i32, lr: f32): void {
  const counts = load<usize>(ctx + T_BLOCK_COUNTS);
  const positives = load<usize>(ctx + T_BLOCK_POSITIVES);
  let windows = 0;
  for (let position = 0; position < length; position++) {
    const centre = at(buffer, position);
    const reach = drawReach();
    const from = max(position - reach, 0);
    const to = min(position + reach, length - 1);
    const contexts = windowContexts(ctx, windows);
    const count = gatherContexts(buffer, position, from, to, contexts);
    if (count === 0) continue;
    if (architecture === ARCH_SKIPGRAM) {
      if (loss === LOSS_NEGATIVE_SAMPLING) drawNegatives(ctx, centre);
      else drawUniqueCandidates(ctx);
      countExamples(count, skipGramBlock(ctx, contexts, count, centre, lr));
      continue;
    }
    store<i32>(counts + ((<usize>windows) << 2), count);
    store<i32>(positives + ((<usize>windows) << 2), centre);
    if (++windows === CBOW_BATCH) windows = flushCbow(ctx, windows, lr);
  }
  if (windows > 0) flushCbow(ctx, windows, lr);
}

/** Trains the gathered CBOW windows on one draw of negatives (none skipped: each window masks its own centre); returns 0. */
function flushCbow(ctx: usize, windows: i32, lr: f32): i32 {
  drawNegatives(ctx, -1);
  countExamples(windows, cbowBlock(ctx, windows, lr));
  return 0;
}
