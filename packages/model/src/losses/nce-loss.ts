/**
 * `tf.nn.nce_loss` for TensorFlow.js: sigmoid cross-entropy of the sampled logits against
 * labels 1/numTrue (true classes) and 0 (candidates), summed per row. Returns the
 * per-example loss [batch]; TF's tutorials minimise its mean.
 */
import * as tf from "@tensorflow/tfjs";
import { computeSampledLogits, type SampledLossArgs, sampledLabels } from "./sampled-logits.js";

export function nceLoss(args: SampledLossArgs): tf.Tensor1D {
  return tf.tidy(() => nceLossFromLogits(computeSampledLogits(args, false), args.labels.shape[1]));
}

/** The NCE loss from sampled logits [batch, numTrue + numSampled] (true columns first). */
export function nceLossFromLogits(logits: tf.Tensor2D, numTrue: number): tf.Tensor1D {
  return tf.tidy(() => {
    const [batch, columns] = logits.shape;
    const labels = sampledLabels(batch, numTrue, columns - numTrue);
    // softplus(z) - z*y is sigmoid cross-entropy; tfjs differentiates softplus exactly
    // at z = 0, where the relu/abs form TF uses would give a wrong subgradient.
    return tf.sum(tf.sub(tf.softplus(logits), tf.mul(logits, labels)), 1);
  });
}
