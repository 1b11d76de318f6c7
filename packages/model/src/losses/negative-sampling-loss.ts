/**
 * Negative sampling for TensorFlow.js, in d2l's batch form: each row scores its input
 * vector against columns of output rows (true contexts labelled 1, noise words 0, padding
 * masked out) with sigmoid cross-entropy. word2vec's loss is one true column and K noise
 * columns per row, summed (`reduction: "sum"`); d2l averages over the row's unmasked
 * columns (`reduction: "mean"`). No biases and no log-Q correction unless given biases.
 * Returns the loss per row.
 */
import * as tf from "@tensorflow/tfjs";
import { rowDots } from "./row-dots.js";

export interface NegativeSamplingLossArgs {
  /** [numClasses, dim] */
  weights: tf.Tensor2D;
  /** [numClasses], or null (word2vec and d2l have none) */
  biases?: tf.Tensor1D | null;
  /** [batch, dim] */
  inputs: tf.Tensor2D;
  /** int32 [batch, columns]: d2l's contexts_negatives (word2vec: [target, ...negatives]) */
  columns: tf.Tensor2D;
  /** [batch, columns]: 1 for true contexts, 0 for noise words */
  labels: tf.Tensor2D;
  /** [batch, columns]: 1 for real columns, 0 for padding; null: all real */
  mask?: tf.Tensor2D | null;
  /** "sum" over the row's columns (word2vec, default) or "mean" over its unmasked columns (d2l) */
  reduction?: "sum" | "mean";
}

export function negativeSamplingLoss(args: NegativeSamplingLossArgs): tf.Tensor1D {
  return tf.tidy(() => {
    const { weights, biases, inputs, columns, labels } = args;
    let logits = rowDots(tf.gather(weights as tf.Tensor, columns) as tf.Tensor3D, inputs);
    if (biases) logits = tf.add(logits, tf.gather(biases, columns));
    return negativeSamplingLossFromLogits({
      logits,
      labels,
      mask: args.mask ?? null,
      reduction: args.reduction ?? "sum",
    });
  }) as tf.Tensor1D;
}

/** The same loss from the column logits [batch, columns] (the training engine's form). */
export function negativeSamplingLossFromLogits(args: {
  logits: tf.Tensor2D;
  labels: tf.Tensor2D;
  mask: tf.Tensor2D | null;
  reduction: "sum" | "mean";
}): tf.Tensor1D {
  return tf.tidy(() => {
    const { logits, labels, mask, reduction } = args;
    // softplus(z) - z*y: sigmoid cross-entropy with an exact gradient at z = 0 (where
    // word2vec's zero-initialised output table puts every logit on the first step).
    let perColumn: tf.Tensor2D = tf.sub(tf.softplus(logits), tf.mul(logits, labels));
    if (mask) perColumn = tf.mul(perColumn, mask);
    const total = tf.sum(perColumn, 1);
    if (reduction === "sum") return total;
    return tf.div(total, mask ? tf.sum(mask, 1) : perColumn.shape[1]);
  }) as tf.Tensor1D;
}
