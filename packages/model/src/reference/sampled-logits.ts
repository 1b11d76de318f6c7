/**
 * TF's `_compute_sampled_logits` for one example: the logits of the true class and of
 * the candidates shared by the batch, each minus the log of its expected count
 * (`subtract_log_q`), with accidental hits (a candidate equal to the true class) removed
 * on request. Shared by the NCE and sampled-softmax references.
 */

import type { Params } from "../params.js";
import { hiddenVector, logitOf, type ReferenceExample } from "./example.js";

export interface SampledExample extends ReferenceExample {
  /** the candidates drawn for the batch (e.g. log-uniform, unique) */
  sampled: ArrayLike<number>;
  /** expected count of `target` among the candidates (the sampler's `expectedCount`) */
  trueExpectedCount: number;
  /** expected count of each candidate */
  sampledExpectedCounts: ArrayLike<number>;
  /** drop candidates equal to `target`; default: TF's (NCE false, sampled softmax true) */
  removeAccidentalHits?: boolean;
  /** subtract log(expected count) from every logit (TF's default, true) */
  subtractLogQ?: boolean;
}

export interface SampledLogits {
  hidden: Float64Array;
  /** column ids: [target, ...sampled] */
  ids: number[];
  logits: Float64Array;
  /** columns that take part (false for removed accidental hits) */
  active: boolean[];
}

export function sampledLogits(
  params: Params,
  example: SampledExample,
  removeHitsByDefault: boolean,
): SampledLogits {
  const { inputIds, target, sampled, trueExpectedCount, sampledExpectedCounts } = example;
  if (sampledExpectedCounts.length !== sampled.length) {
    throw new Error(
      `expected ${sampled.length} sampled expected counts, got ${sampledExpectedCounts.length}`,
    );
  }
  const removeHits = example.removeAccidentalHits ?? removeHitsByDefault;
  const subtractLogQ = example.subtractLogQ ?? true;
  const hidden = hiddenVector(params, inputIds);
  const ids = [target, ...Array.from(sampled)];
  const logits = new Float64Array(ids.length);
  const active = ids.map((id, j) => j === 0 || !removeHits || id !== target);
  for (let j = 0; j < ids.length; j++) {
    const expected = j === 0 ? trueExpectedCount : sampledExpectedCounts[j - 1];
    logits[j] = logitOf(params, hidden, ids[j]) - (subtractLogQ ? Math.log(expected) : 0);
  }
  return { hidden, ids, logits, active };
}
