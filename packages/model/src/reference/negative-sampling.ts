/**
 * word2vec's negative sampling: the true class against `negatives` noise words drawn from
 * unigram^0.75, sigmoid loss, no log-Q correction (biases only if the parameters have them):
 * loss = -log sigmoid(s_target) - sum_k log sigmoid(-s_k). The d2l variant scores a centre
 * against all its contexts and their noise words at once and averages the sigmoid
 * cross-entropy over those columns.
 */

import type { Params } from "../params.js";
import {
  gradsFromLogits,
  hiddenVector,
  type LossAndGrads,
  logitOf,
  type ReferenceExample,
  sigmoid,
  softplus,
} from "./example.js";

export interface NsExample extends ReferenceExample {
  /** noise words, one update each (a repeated id is updated twice) */
  negatives: ArrayLike<number>;
}

export function nsLossAndGrads(example: NsExample, params: Params): LossAndGrads {
  const { inputIds, target, negatives } = example;
  const ids = [target, ...Array.from(negatives)];
  const labels = ids.map((_, j) => (j === 0 ? 1 : 0));
  return sigmoidColumns(params, inputIds, ids, labels, 1);
}

/** One d2l row: the centre's contexts (label 1) and noise words (label 0), padding removed. */
export interface MaskedBceExample {
  inputIds: ArrayLike<number>;
  columns: ArrayLike<number>;
  labels: ArrayLike<number>;
}

/** d2l's SigmoidBCELoss for one row: the mean over its (unpadded) columns. */
export function maskedBceLossAndGrads(example: MaskedBceExample, params: Params): LossAndGrads {
  const { inputIds, columns, labels } = example;
  if (columns.length !== labels.length || columns.length === 0) {
    throw new Error(
      `a d2l row needs as many labels as columns (got ${labels.length} and ${columns.length}, at least 1)`,
    );
  }
  return sigmoidColumns(params, inputIds, columns, labels, 1 / columns.length);
}

/** Sigmoid cross-entropy summed over columns, times `scale`. */
function sigmoidColumns(
  params: Params,
  inputIds: ArrayLike<number>,
  ids: ArrayLike<number>,
  labels: ArrayLike<number>,
  scale: number,
): LossAndGrads {
  const hidden = hiddenVector(params, inputIds);
  const dLogits = new Float64Array(ids.length);
  let loss = 0;
  for (let j = 0; j < ids.length; j++) {
    const logit = logitOf(params, hidden, ids[j]);
    // -y log s(z) - (1-y) log(1-s(z)) = softplus(z) - y z
    loss += scale * (softplus(logit) - labels[j] * logit);
    dLogits[j] = scale * (sigmoid(logit) - labels[j]);
  }
  return gradsFromLogits(params, inputIds, hidden, ids, dLogits, loss);
}
