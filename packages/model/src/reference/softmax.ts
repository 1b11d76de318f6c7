/** The exact softmax over the whole vocabulary (O(V x D) per example: small vocabularies only). */

import type { Params } from "../params.js";
import {
  checkedRow,
  gradsFromLogits,
  hiddenVector,
  type LossAndGrads,
  logitOf,
  type ReferenceExample,
} from "./example.js";
import { softmaxCrossEntropy } from "./softmax-columns.js";

export function softmaxLossAndGrads(example: ReferenceExample, params: Params): LossAndGrads {
  const { inputIds, target } = example;
  checkedRow(params, target);
  const hidden = hiddenVector(params, inputIds);
  // Column 0 is the target, then every word in id order (the target appears twice but its
  // second column is inactive), so the shared softmax helper finds the true class first.
  const ids = [target];
  const active = [true];
  for (let id = 0; id < params.vocabSize; id++) {
    ids.push(id);
    active.push(id !== target);
  }
  const logits = Float64Array.from(ids, (id) => logitOf(params, hidden, id));
  const { loss, dLogits } = softmaxCrossEntropy(logits, active);
  return gradsFromLogits(params, inputIds, hidden, ids, dLogits, loss);
}
