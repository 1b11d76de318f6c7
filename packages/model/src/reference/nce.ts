/**
 * `tf.nn.nce_loss` for one example (num_true = 1): sigmoid cross-entropy of the
 * log-Q-corrected logits, label 1 for the true class and 0 for each candidate, summed.
 * Accidental hits are kept by default, as in TF.
 */

import type { Params } from "../params.js";
import { gradsFromLogits, type LossAndGrads, sigmoid, softplus } from "./example.js";
import { type SampledExample, sampledLogits } from "./sampled-logits.js";

export function nceLossAndGrads(example: SampledExample, params: Params): LossAndGrads {
  const { hidden, ids, logits, active } = sampledLogits(params, example, false);
  const dLogits = new Float64Array(ids.length);
  let loss = 0;
  for (let j = 0; j < ids.length; j++) {
    if (!active[j]) continue;
    const label = j === 0 ? 1 : 0;
    loss += softplus(logits[j]) - label * logits[j];
    dLogits[j] = sigmoid(logits[j]) - label;
  }
  return gradsFromLogits(params, example.inputIds, hidden, ids, dLogits, loss);
}
