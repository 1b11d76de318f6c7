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
import { columnLogit, columnSteps, finishLogit, updateColumn } from "./losses";
import { countExamples } from "./progress";
import { architecture, bias, biasSlot, dim, freezeInput, inputRow, loss, outputRow, window } from "./run";
import { drawNegatives, drawUniqueCandidates } from "./sampling";
import { axpy, axpy4, dot4, scale, zero } from "./vector";
import { drawReach, gatherContexts } from "./word2vec";

/** The i32 or pointer at index `i` of the array at `base`. */
function at(base: usize, i: i32): i32 {
  return load<i32>(base + ((<usize>i) << 2));
}

/** The scratch of the block being trained (bound by trainBlock). */
let hiddenRows: usize = 0;
let rowPositives: usize = 0;
let sharedWords: usize = 0;
let stepMatrix: usize = 0;
let errorRows: usize = 0;
let columns: i32 = 0;

/** Row r's step (or logit) of column j. */
function stepAt(r: i32, j: i32): usize {
  return stepMatrix + ((<usize>(r * columns + j)) << 2);
}

function errorRow(r: i32): usize {
  return errorRows + ((<usize>r * <usize>dim) << 2);
}

/** The output row of column j for block row r. */
function columnRow(r: i32, j: i32): usize {
  return outputRow(j === 0 ? at(rowPositives, r) : at(sharedWords, j - 1));
}

/**
 * Trains the block's `rows` hiddenRows vectors (pointers in T_BLOCK_ROWS), row r against its
 * positive (T_BLOCK_POSITIVES) and the thread's sharedWords; returns the summed loss and
 * leaves row r's input-side error in T_BLOCK_ERRORS.
 */
function trainBlock(ctx: usize, rows: i32, lr: f32): f64 {
  hiddenRows = load<usize>(ctx + T_BLOCK_ROWS);
  rowPositives = load<usize>(ctx + T_BLOCK_POSITIVES);
  sharedWords = load<usize>(ctx + T_CANDIDATES);
  stepMatrix = load<usize>(ctx + T_BLOCK_STEPS);
  errorRows = load<usize>(ctx + T_BLOCK_ERRORS);
  columns = load<i32>(ctx + T_CANDIDATE_COUNT) + 1;
  blockLogits(ctx, rows);
  let total: f64 = 0;
  for (let r = 0; r < rows; r++) total += columnSteps(stepAt(r, 0), columns, 0, lr);
  blockErrors(rows);
  blockUpdates(rows);
  return total;
}

/**
 * Every row's logits. A negative's output row meets four hiddenRows vectors per pass
 * (dot4); column 0, each row's own positive, one at a time.
 */
function blockLogits(ctx: usize, rows: i32): void {
  const dots = errorRows; // four scratch floats: the errorRows are written later
  for (let r = 0; r < rows; r++) {
    const positive = at(rowPositives, r);
    store<f32>(stepAt(r, 0), columnLogit(ctx, <usize>at(hiddenRows, r), positive, 0, positive));
  }
  for (let j = 1; j < columns; j++) {
    const word = at(sharedWords, j - 1);
    const w = outputRow(word);
    let r = 0;
    for (; r + 4 <= rows; r += 4) {
      dot4(
        w,
        <usize>at(hiddenRows, r),
        <usize>at(hiddenRows, r + 1),
        <usize>at(hiddenRows, r + 2),
        <usize>at(hiddenRows, r + 3),
        dim,
        dots,
      );
      for (let k = 0; k < 4; k++) {
        const z = load<f32>(dots + ((<usize>k) << 2));
        store<f32>(stepAt(r + k, j), finishLogit(ctx, z, word, j, at(rowPositives, r + k)));
      }
    }
    for (; r < rows; r++)
      store<f32>(stepAt(r, j), columnLogit(ctx, <usize>at(hiddenRows, r), word, j, at(rowPositives, r)));
  }
}

/** Each row's input-side error sum_j g_rj * w_j from the output rows' old values, four columns a pass. */
function blockErrors(rows: i32): void {
  for (let r = 0; r < rows; r++) {
    const err = errorRow(r);
    zero(err, dim);
    let j = 0;
    for (; j + 4 <= columns; j += 4) {
      axpy4(
        err,
        columnRow(r, j),
        columnRow(r, j + 1),
        columnRow(r, j + 2),
        columnRow(r, j + 3),
        load<f32>(stepAt(r, j)),
        load<f32>(stepAt(r, j + 1)),
        load<f32>(stepAt(r, j + 2)),
        load<f32>(stepAt(r, j + 3)),
        dim,
      );
    }
    for (; j < columns; j++) axpy(err, columnRow(r, j), load<f32>(stepAt(r, j)), dim);
  }
}

/**
 * Each column's output row and bias take the stepMatrix of every row, from the hiddenRows
 * vectors' old values: a negative's row from four hiddenRows vectors per pass (axpy4),
 * each row's positive on its own.
 */
function blockUpdates(rows: i32): void {
  for (let r = 0; r < rows; r++) {
    const g = load<f32>(stepAt(r, 0));
    if (g !== 0) updateColumn(at(rowPositives, r), <usize>at(hiddenRows, r), g);
  }
  for (let j = 1; j < columns; j++) {
    const word = at(sharedWords, j - 1);
    const w = outputRow(word);
    let sum: f32 = 0;
    let r = 0;
    for (; r + 4 <= rows; r += 4) {
      const g0 = load<f32>(stepAt(r, j));
      const g1 = load<f32>(stepAt(r + 1, j));
      const g2 = load<f32>(stepAt(r + 2, j));
      const g3 = load<f32>(stepAt(r + 3, j));
      axpy4(
        w,
        <usize>at(hiddenRows, r),
        <usize>at(hiddenRows, r + 1),
        <usize>at(hiddenRows, r + 2),
        <usize>at(hiddenRows, r + 3),
        g0,
        g1,
        g2,
        g3,
        dim,
      );
      sum += g0 + g1 + (g2 + g3);
    }
    for (; r < rows; r++) {
      const g = load<f32>(stepAt(r, j));
      axpy(w, <usize>at(hiddenRows, r), g, dim);
      sum += g;
    }
    if (bias !== 0) {
      const slot = biasSlot(word);
      store<f32>(slot, load<f32>(slot) + sum);
    }
  }
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
