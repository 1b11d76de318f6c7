/**
 * What every hand-derived reference loss shares: one training example, its hidden vector
 * and the sparse gradients it produces. Plain TypeScript in float64 over the Float32Array
 * parameters, so both engines can be checked against it row by row.
 */
import type { Params } from "../params.js";

/**
 * One example. Skip-gram: `inputIds` is the one word whose input vector predicts `target`
 * (word2vec.c uses the context word to predict the centre; TF and d2l the centre to
 * predict the context: the caller chooses). CBOW: `inputIds` are the context words (a
 * repeated word counts twice), `target` the centre word.
 */
export interface ReferenceExample {
  inputIds: ArrayLike<number>;
  target: number;
}

/** Gradients of one example's loss, by row; a row touched twice holds the sum. */
export interface LossAndGrads {
  loss: number;
  /** d loss / d hidden vector (for CBOW, the mean of the context input vectors) */
  dHidden: Float32Array;
  /**
   * Input-row updates. CBOW follows word2vec.c: every context word receives `dHidden`
   * unscaled, not the true gradient of the mean (`dHidden / inputIds.length`); with
   * SGD this is word2vec's update, with a learning rate effectively times the window.
   */
  dInputRows: Map<number, Float32Array>;
  dOutputRows: Map<number, Float32Array>;
  /** null when the parameters have no biases */
  dBias: Map<number, number> | null;
}

/** The hidden vector: the mean of the input rows (one row for skip-gram). */
export function hiddenVector(params: Params, inputIds: ArrayLike<number>): Float64Array {
  const { dim, input } = params;
  if (inputIds.length === 0) throw new Error("an example needs at least one input word");
  const hidden = new Float64Array(dim);
  for (let i = 0; i < inputIds.length; i++) {
    const row = checkedRow(params, inputIds[i]) * dim;
    for (let d = 0; d < dim; d++) hidden[d] += input[row + d];
  }
  for (let d = 0; d < dim; d++) hidden[d] /= inputIds.length;
  return hidden;
}

/** The logit of class `id`: `hidden . output[id]`, plus its bias when the parameters have biases. */
export function logitOf(params: Params, hidden: Float64Array, id: number): number {
  const { dim, output, bias } = params;
  const offset = checkedRow(params, id) * dim;
  let sum = bias ? bias[id] : 0;
  for (let d = 0; d < dim; d++) sum += hidden[d] * output[offset + d];
  return sum;
}

export function checkedRow(params: Params, id: number): number {
  if (!Number.isInteger(id) || id < 0 || id >= params.vocabSize) {
    throw new Error(`word id ${id} is outside the vocabulary [0, ${params.vocabSize})`);
  }
  return id;
}

/**
 * Gradients from per-column logit gradients: column j scored `hidden . output[ids[j]] (+ bias)`
 * and `dLogits[j]` is d loss / d logit_j. Columns with a zero gradient touch no row.
 */
export function gradsFromLogits(
  params: Params,
  inputIds: ArrayLike<number>,
  hidden: Float64Array,
  ids: ArrayLike<number>,
  dLogits: ArrayLike<number>,
  loss: number,
): LossAndGrads {
  const { dim, output } = params;
  const dHidden64 = new Float64Array(dim);
  const dOutputRows = new Map<number, Float32Array>();
  const dBias = params.bias ? new Map<number, number>() : null;
  for (let j = 0; j < ids.length; j++) {
    const g = dLogits[j];
    if (g === 0) continue;
    const id = ids[j];
    const offset = id * dim;
    for (let d = 0; d < dim; d++) dHidden64[d] += g * output[offset + d];
    addRow(dOutputRows, id, hidden, g);
    dBias?.set(id, (dBias.get(id) ?? 0) + g);
  }
  const dHidden = Float32Array.from(dHidden64);
  const dInputRows = new Map<number, Float32Array>();
  for (let i = 0; i < inputIds.length; i++) addRow(dInputRows, inputIds[i], dHidden64, 1);
  return { loss, dHidden, dInputRows, dOutputRows, dBias };
}

function addRow(rows: Map<number, Float32Array>, id: number, vector: Float64Array, scale: number): void {
  let row = rows.get(id);
  if (!row) {
    row = new Float32Array(vector.length);
    rows.set(id, row);
  }
  for (let d = 0; d < vector.length; d++) row[d] += scale * vector[d];
}

/** One plain SGD step `param -= lr * grad` on the rows the gradients name. */
export function applySgd(params: Params, grads: LossAndGrads, lr: number): void {
  const { dim } = params;
  for (const [id, grad] of grads.dInputRows) {
    for (let d = 0; d < dim; d++) params.input[id * dim + d] -= lr * grad[d];
  }
  for (const [id, grad] of grads.dOutputRows) {
    for (let d = 0; d < dim; d++) params.output[id * dim + d] -= lr * grad[d];
  }
  if (grads.dBias && params.bias) {
    for (const [id, grad] of grads.dBias) params.bias[id] -= lr * grad;
  }
}

/** log(1 + exp(x)) without overflow. */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}
