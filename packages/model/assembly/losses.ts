// One example's loss and in-place SGD step: the hidden vector `h` (skip-gram: an input
// row; CBOW: the context mean) against columns — the positive word, then the thread's
// candidates (or, for the full softmax, every word). In phases: every logit first (the
// rows' memory loads overlap), then the loss and each column's step g = -lr dLoss/dlogit,
// then the input-side error `err += g * w` from the rows' old values (word2vec's neu1e,
// applied by the caller), then the rows `w += g * h` and biases. So a row that occurs in
// two columns gets both updates from its old value, exactly the gradient step.
// The blocked kernel (hogbatch.ts) runs the same phases over a block of hidden vectors,
// with the same logits (finishLogit), steps (columnSteps) and column updates (updateColumn).

import {
  LOSS_NCE,
  LOSS_NEGATIVE_SAMPLING,
  LOSS_SAMPLED_SOFTMAX,
  LOSS_SOFTMAX,
  MAX_EXP,
  SIGMOID_TABLE_SIZE,
  T_CANDIDATE_COUNT,
  T_CANDIDATE_LOGQ,
  T_CANDIDATES,
  T_LOGITS,
  T_NUM_TRIES,
} from "../src/hogwild/slots";
import {
  bias,
  biasSlot,
  dim,
  logSigmoidTable,
  loss,
  outputRow,
  removeHits,
  sigmoidExact,
  sigmoidTable,
  vocabSize,
} from "./run";
import { logExpectedCount } from "./sampling";
import { axpy, dot } from "./vector";

const TABLE_SCALE: f32 = <f32>SIGMOID_TABLE_SIZE / <f32>MAX_EXP / 2;

/** word2vec's table index of z, for |z| < MAX_EXP. */
function tableIndex(z: f32): usize {
  return (<usize>(<i32>((z + <f32>MAX_EXP) * TABLE_SCALE))) << 2;
}

/** The word of column j. */
function columnWord(candidates: usize, positive: i32, j: i32): i32 {
  if (loss === LOSS_SOFTMAX) return j;
  return j === 0 ? positive : load<i32>(candidates + ((<usize>(j - 1)) << 2));
}

export function trainExample(ctx: usize, h: usize, err: usize, positive: i32, lr: f32): f64 {
  const candidates = load<usize>(ctx + T_CANDIDATES);
  const steps = load<usize>(ctx + T_LOGITS);
  const full = loss === LOSS_SOFTMAX;
  const columns = full ? vocabSize : load<i32>(ctx + T_CANDIDATE_COUNT) + 1;
  for (let j = 0; j < columns; j++) {
    const z = columnLogit(ctx, h, columnWord(candidates, positive, j), j, positive);
    store<f32>(steps + ((<usize>j) << 2), z);
  }
  const exampleLoss = columnSteps(steps, columns, full ? positive : 0, lr);
  for (let j = 0; j < columns; j++) {
    const g = load<f32>(steps + ((<usize>j) << 2));
    if (g !== 0) axpy(err, outputRow(columnWord(candidates, positive, j)), g, dim);
  }
  for (let j = 0; j < columns; j++) {
    const g = load<f32>(steps + ((<usize>j) << 2));
    if (g !== 0) updateColumn(columnWord(candidates, positive, j), h, g);
  }
  return exampleLoss;
}

/** The logit of column `j` (word `word`; column 0 is the positive) for the hidden vector `h`. */
export function columnLogit(ctx: usize, h: usize, word: i32, j: i32, positive: i32): f32 {
  return finishLogit(ctx, dot(h, outputRow(word), dim), word, j, positive);
}

/**
 * Column `j`'s logit from its dot product `z`: plus the word's bias; NCE and sampled
 * softmax subtract the log expected count of the word among the candidates. A removed
 * accidental hit, and a noise word of negative sampling equal to the positive (word2vec
 * skips such a draw), get -inf: no loss, no step.
 */
export function finishLogit(ctx: usize, z: f32, word: i32, j: i32, positive: i32): f32 {
  if (bias !== 0) z += load<f32>(biasSlot(word));
  if (loss === LOSS_NCE || loss === LOSS_SAMPLED_SOFTMAX) {
    z -=
      j === 0
        ? logExpectedCount(positive, load<i32>(ctx + T_NUM_TRIES))
        : load<f32>(load<usize>(ctx + T_CANDIDATE_LOGQ) + ((<usize>(j - 1)) << 2));
    if (j > 0 && removeHits && word === positive) z = -Infinity;
  } else if (loss === LOSS_NEGATIVE_SAMPLING && j > 0 && word === positive) z = -Infinity;
  return z;
}

/** Replaces each of the `columns` logits at `steps` by its step g = -lr dLoss/dlogit; returns the loss. */
export function columnSteps(steps: usize, columns: i32, positiveColumn: i32, lr: f32): f64 {
  return loss === LOSS_NEGATIVE_SAMPLING || loss === LOSS_NCE
    ? logisticSteps(steps, columns, lr)
    : softmaxSteps(steps, columns, positiveColumn, lr);
}

/** A column's output row and bias take the step: w += g * h, b += g. */
export function updateColumn(word: i32, h: usize, g: f32): void {
  axpy(outputRow(word), h, g, dim);
  if (bias !== 0) {
    const slot = biasSlot(word);
    store<f32>(slot, load<f32>(slot) + g);
  }
}

/**
 * Negative sampling and NCE: a logistic term per column, label 1 for column 0 and 0 for
 * the others (a removed hit, logit -inf, adds nothing). Replaces each logit by its step;
 * returns the loss. Table mode is word2vec's: outside [-MAX_EXP, MAX_EXP] the sigmoid is
 * taken as 0 or 1, and the loss is read from a log-sigmoid table at the same points.
 */
function logisticSteps(steps: usize, columns: i32, lr: f32): f64 {
  let total: f64 = 0;
  for (let j = 0; j < columns; j++) {
    const slot = steps + ((<usize>j) << 2);
    const z = load<f32>(slot);
    const label: f32 = j === 0 ? 1 : 0;
    // the loss is -log sigmoid(-signed)
    const signed: f32 = j === 0 ? -z : z;
    let sigmoid: f32;
    if (sigmoidExact) {
      sigmoid = <f32>(1.0 / (1.0 + Math.exp(-(<f64>z))));
      if (signed !== -Infinity)
        total += Math.log1p(Math.exp(-Math.abs(<f64>signed))) + Math.max(<f64>signed, 0);
    } else {
      if (z >= <f32>MAX_EXP) sigmoid = 1;
      else if (z <= -(<f32>MAX_EXP)) sigmoid = 0;
      else sigmoid = load<f32>(sigmoidTable + tableIndex(z));
      if (signed >= <f32>MAX_EXP) total += <f64>signed;
      else if (signed > -(<f32>MAX_EXP)) total -= <f64>load<f32>(logSigmoidTable + tableIndex(-signed));
    }
    store<f32>(slot, (label - sigmoid) * lr);
  }
  return total;
}

/** Softmax cross-entropy over the columns (exact exp); replaces each logit by its step. */
function softmaxSteps(steps: usize, columns: i32, positiveColumn: i32, lr: f32): f64 {
  let max: f32 = -Infinity;
  for (let j = 0; j < columns; j++) max = Mathf.max(max, load<f32>(steps + ((<usize>j) << 2)));
  let sum: f64 = 0;
  for (let j = 0; j < columns; j++) sum += Math.exp(<f64>(load<f32>(steps + ((<usize>j) << 2)) - max));
  const logSum = Math.log(sum);
  const exampleLoss = logSum + <f64>max - <f64>load<f32>(steps + ((<usize>positiveColumn) << 2));
  for (let j = 0; j < columns; j++) {
    const slot = steps + ((<usize>j) << 2);
    const p = Math.exp(<f64>(load<f32>(slot) - max) - logSum);
    store<f32>(slot, <f32>((j === positiveColumn ? 1.0 : 0.0) - p) * lr);
  }
  return exampleLoss;
}
