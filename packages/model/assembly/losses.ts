// One example's loss and in-place SGD step: the hidden vector `h` (skip-gram: an input
// row; CBOW: the context mean) against the positive word and the thread's candidates.
// Output rows and biases are updated here; the input-side error is accumulated in `err`
// for the caller to apply (word2vec's neu1e).

import {
  LOSS_NCE,
  LOSS_NEGATIVE_SAMPLING,
  LOSS_SAMPLED_SOFTMAX,
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
import { dot, outputStep } from "./vector";

const TABLE_SCALE: f32 = <f32>SIGMOID_TABLE_SIZE / <f32>MAX_EXP / 2;

/** word2vec's table index of z, for |z| < MAX_EXP. */
function tableIndex(z: f32): usize {
  return (<usize>(<i32>((z + <f32>MAX_EXP) * TABLE_SCALE))) << 2;
}

/**
 * The step of one logistic term with logit z and label 1 or 0, applied to `row` (and its
 * bias); returns the term's loss. Table mode is word2vec's: outside [-MAX_EXP, MAX_EXP]
 * the sigmoid is taken as 0 or 1.
 */
function logisticStep(row: usize, biasSlot: usize, h: usize, err: usize, z: f32, label: f32, lr: f32): f64 {
  let sigmoid: f32;
  let termLoss: f64;
  if (sigmoidExact) {
    const zz = <f64>z;
    const s = 1.0 / (1.0 + Math.exp(-zz));
    sigmoid = <f32>s;
    // -log sigmoid(±z) as a stable softplus
    const signed = label > 0 ? -zz : zz;
    termLoss = Math.log1p(Math.exp(-Math.abs(signed))) + Math.max(signed, 0);
  } else {
    const signed: f32 = label > 0 ? -z : z;
    if (z >= <f32>MAX_EXP) sigmoid = 1;
    else if (z <= -(<f32>MAX_EXP)) sigmoid = 0;
    else sigmoid = load<f32>(sigmoidTable + tableIndex(z));
    if (signed >= <f32>MAX_EXP) termLoss = <f64>signed;
    else if (signed <= -(<f32>MAX_EXP)) termLoss = 0;
    else termLoss = -(<f64>load<f32>(logSigmoidTable + tableIndex(-signed)));
  }
  const g = (label - sigmoid) * lr;
  outputStep(row, h, err, g, dim);
  if (biasSlot !== 0) store<f32>(biasSlot, load<f32>(biasSlot) + g);
  return termLoss;
}

function biasOf(word: i32): f32 {
  return bias !== 0 ? load<f32>(bias + ((<usize>word) << 2)) : 0;
}

function biasSlot(word: i32): usize {
  return bias !== 0 ? bias + ((<usize>word) << 2) : 0;
}

export function trainExample(ctx: usize, h: usize, err: usize, positive: i32, lr: f32): f64 {
  if (loss === LOSS_NEGATIVE_SAMPLING || loss === LOSS_NCE) return logisticExample(ctx, h, err, positive, lr);
  return softmaxExample(ctx, h, err, positive, lr, loss === LOSS_SAMPLED_SOFTMAX);
}

/** Negative sampling (no bias, no correction) and NCE (bias, logits minus log expected count). */
function logisticExample(ctx: usize, h: usize, err: usize, positive: i32, lr: f32): f64 {
  const nce = loss === LOSS_NCE;
  const candidates = load<usize>(ctx + T_CANDIDATES);
  const logq = load<usize>(ctx + T_CANDIDATE_LOGQ);
  const count = load<i32>(ctx + T_CANDIDATE_COUNT);
  let row = outputRow(positive);
  let z = dot(h, row, dim);
  if (nce) z += biasOf(positive) - logExpectedCount(positive, load<i32>(ctx + T_NUM_TRIES));
  let total = logisticStep(row, nce ? biasSlot(positive) : 0, h, err, z, 1, lr);
  for (let j = 0; j < count; j++) {
    const word = load<i32>(candidates + ((<usize>j) << 2));
    if (nce && removeHits && word === positive) continue;
    row = outputRow(word);
    z = dot(h, row, dim);
    if (nce) z += biasOf(word) - load<f32>(logq + ((<usize>j) << 2));
    total += logisticStep(row, nce ? biasSlot(word) : 0, h, err, z, 0, lr);
  }
  return total;
}

/**
 * Softmax cross-entropy: sampled (the positive and the candidates, logits minus log
 * expected count, accidental hits optionally removed) or full (every word). All logits
 * are computed before any row moves, so the step is the exact gradient step.
 */
function softmaxExample(ctx: usize, h: usize, err: usize, positive: i32, lr: f32, sampled: bool): f64 {
  const candidates = load<usize>(ctx + T_CANDIDATES);
  const logq = load<usize>(ctx + T_CANDIDATE_LOGQ);
  const logits = load<usize>(ctx + T_LOGITS);
  // Column j is the positive (sampled: j = 0) or candidate j - 1; full: word j.
  const columns = sampled ? load<i32>(ctx + T_CANDIDATE_COUNT) + 1 : vocabSize;
  const tries = load<i32>(ctx + T_NUM_TRIES);
  let max = -Infinity;
  for (let j = 0; j < columns; j++) {
    const word = sampled ? (j === 0 ? positive : load<i32>(candidates + ((<usize>(j - 1)) << 2))) : j;
    let z: f64;
    if (sampled && j > 0 && removeHits && word === positive) z = -Infinity;
    else {
      z = <f64>(dot(h, outputRow(word), dim) + biasOf(word));
      if (sampled)
        z -=
          j === 0 ? <f64>logExpectedCount(positive, tries) : <f64>load<f32>(logq + ((<usize>(j - 1)) << 2));
    }
    store<f32>(logits + ((<usize>j) << 2), <f32>z);
    if (z > max) max = z;
  }
  let sum: f64 = 0;
  for (let j = 0; j < columns; j++) sum += Math.exp(<f64>load<f32>(logits + ((<usize>j) << 2)) - max);
  const positiveColumn = sampled ? 0 : positive;
  const exampleLoss = Math.log(sum) + max - <f64>load<f32>(logits + ((<usize>positiveColumn) << 2));
  for (let j = 0; j < columns; j++) {
    const word = sampled ? (j === 0 ? positive : load<i32>(candidates + ((<usize>(j - 1)) << 2))) : j;
    const p = Math.exp(<f64>load<f32>(logits + ((<usize>j) << 2)) - max) / sum;
    if (p === 0 && j !== positiveColumn) continue;
    const g = <f32>((j === positiveColumn ? 1.0 : 0.0) - p) * lr;
    outputStep(outputRow(word), h, err, g, dim);
    const slot = biasSlot(word);
    if (slot !== 0) store<f32>(slot, load<f32>(slot) + g);
  }
  return exampleLoss;
}
