/**
 * `tf.nn.sampled_softmax_loss` for one example (num_true = 1): softmax cross-entropy over
 * the true class and the candidates, logits corrected by log Q. Accidental hits are removed
 * by default, as in TF.
 */

import type { Params } from "../params.js";
import { gradsFromLogits, type LossAndGrads } from "./example.js";
import { type SampledExample, sampledLogits } from "./sampled-logits.js";
import { softmaxCrossEntropy } from "./softmax-columns.js";

export function sampledSoftmaxLossAndGrads(example: SampledExample, params: Params): LossAndGrads {
  const { hidden, ids, logits, active } = sampledLogits(params, example, true);
  const { loss, dLogits } = softmaxCrossEntropy(logits, active);
  return gradsFromLogits(params, example.inputIds, hidden, ids, dLogits, loss);
}
