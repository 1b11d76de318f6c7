/**
 * The full softmax cross-entropy over every class (TF: `sparse_softmax_cross_entropy_with_logits`
 * of `inputs @ weights^T + biases`). O(classes x dim) per example: for small vocabularies,
 * and to measure how far the sampled losses are from it. Returns the loss per example.
 */
import * as tf from "@tensorflow/tfjs";

export interface SoftmaxLossArgs {
  /** [numClasses, dim] */
  weights: tf.Tensor2D;
  /** [numClasses], or null */
  biases: tf.Tensor1D | null;
  /** int32 [batch]: the true class of each row */
  labels: tf.Tensor1D;
  /** [batch, dim] */
  inputs: tf.Tensor2D;
}

export function softmaxLoss(args: SoftmaxLossArgs): tf.Tensor1D {
  return tf.tidy(() => {
    const { weights, biases, labels, inputs } = args;
    let logits: tf.Tensor2D = tf.matMul(inputs, weights, false, true);
    if (biases) logits = tf.add(logits, biases);
    const oneHot = tf.oneHot(labels, weights.shape[0]);
    return tf.neg(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 1));
  }) as tf.Tensor1D;
}
