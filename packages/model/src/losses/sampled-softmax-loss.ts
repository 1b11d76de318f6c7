/**
 * `tf.nn.sampled_softmax_loss` for TensorFlow.js: softmax cross-entropy over the true and
 * the sampled columns; accidental hits removed by default. Returns the loss per example.
 */
import * as tf from "@tensorflow/tfjs";
import { computeSampledLogits, type SampledLossArgs, sampledLabels } from "./sampled-logits.js";

export function sampledSoftmaxLoss(args: SampledLossArgs): tf.Tensor1D {
  return tf.tidy(() => sampledSoftmaxLossFromLogits(computeSampledLogits(args, true), args.labels.shape[1]));
}

/** The sampled-softmax loss from sampled logits [batch, numTrue + numSampled]. */
export function sampledSoftmaxLossFromLogits(logits: tf.Tensor2D, numTrue: number): tf.Tensor1D {
  return tf.tidy(() => {
    const [batch, columns] = logits.shape;
    const labels = sampledLabels(batch, numTrue, columns - numTrue);
    return tf.neg(tf.sum(tf.mul(labels, tf.logSoftmax(logits)), 1));
  }) as tf.Tensor1D;
}
