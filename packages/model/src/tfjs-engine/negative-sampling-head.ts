/**
 * Negative sampling on the tfjs engine: each row's columns (true contexts and noise words)
 * padded to the batch's longest row and masked, gathered into [rows, columns, dim].
 *
 * tfjs differentiates the loss with respect to the hidden vectors and to the column
 * logits (through a zero offset added to them). A logit is linear in its output row, so
 * that row's gradient is `dLogit * hidden`, formed while the update is applied: asking
 * tfjs for it would build and copy back a [rows, columns, dim] tensor, a third of a step.
 */
import * as tf from "@tensorflow/tfjs";
import { negativeSamplingLossFromLogits } from "../losses/negative-sampling-loss.js";
import { fixedRowDots } from "../losses/row-dots.js";
import type { Params } from "../params.js";
import type { ExampleBatch } from "./example-batch.js";
import { copyRow, filledTensor, type LossHead, type OutputGradients, scratch } from "./loss-head.js";

export class NegativeSamplingHead implements LossHead {
  private biases: Float32Array = new Float32Array(0);
  private labels: Float32Array = new Float32Array(0);
  private mask: Float32Array = new Float32Array(0);

  lossAndGrads(batch: ExampleBatch, hidden: Float32Array, params: Params, grads: OutputGradients): number {
    const { rows, columnStarts, columnIds, columnLabels, columnReduction } = batch;
    const { dim, output, bias } = params;
    let width = 0;
    for (let r = 0; r < rows; r++) width = Math.max(width, columnStarts[r + 1] - columnStarts[r]);
    const cells = rows * width;
    const biases = bias ? (this.biases = scratch(this.biases, cells)) : null;
    const labels = (this.labels = scratch(this.labels, cells));
    const mask = (this.mask = scratch(this.mask, cells));
    let ragged = false;
    const weights = filledTensor<tf.Rank.R3>([rows, width, dim], (values) => {
      for (let r = 0; r < rows; r++) {
        const start = columnStarts[r];
        const count = columnStarts[r + 1] - start;
        if (count < width) {
          ragged = true;
          const from = r * width + count;
          const to = (r + 1) * width;
          values.fill(0, from * dim, to * dim);
          biases?.fill(0, from, to);
          labels.fill(0, from, to);
          mask.fill(0, from, to);
        }
        for (let c = 0; c < count; c++) {
          const id = columnIds[start + c];
          const at = r * width + c;
          copyRow(output, id * dim, values, at * dim, dim);
          if (biases && bias) biases[at] = bias[id];
          labels[at] = columnLabels[start + c];
          mask[at] = 1;
        }
      }
    });
    const inputs = tf.tensor2d(hidden, [rows, dim]);
    const offsets = tf.zeros([rows, width]);
    const constants = {
      weights,
      biases: biases ? tf.tensor2d(biases.subarray(0, cells), [rows, width]) : null,
      labels: tf.tensor2d(labels.subarray(0, cells), [rows, width]),
      mask: ragged ? tf.tensor2d(mask.subarray(0, cells), [rows, width]) : null,
    };
    const columnLogits = fixedRowDots(constants.weights);
    const meanLoss = (h: tf.Tensor, offset: tf.Tensor) => {
      let logits = columnLogits(h as tf.Tensor2D, offset as tf.Tensor2D);
      if (constants.biases) logits = tf.add(logits, constants.biases);
      return tf.mean(
        negativeSamplingLossFromLogits({
          logits: logits as tf.Tensor2D,
          labels: constants.labels,
          mask: constants.mask,
          reduction: columnReduction,
        }),
      ) as tf.Scalar;
    };
    const { value, grads: tensors } = tf.valueAndGrads(meanLoss)([inputs, offsets]);
    const lossSum = value.dataSync()[0] * rows;
    grads.hidden.set(tensors[0].dataSync());
    const dLogits = tensors[1].dataSync() as Float32Array;
    for (let r = 0; r < rows; r++) {
      const start = columnStarts[r];
      const count = columnStarts[r + 1] - start;
      for (let c = 0; c < count; c++) {
        const id = columnIds[start + c];
        const at = r * width + c;
        grads.output.add(id, hidden, r * dim, dLogits[at]);
        grads.bias?.add(id, dLogits, at);
      }
    }
    tf.dispose([
      value,
      ...tensors,
      inputs,
      offsets,
      constants.weights,
      constants.biases ?? [],
      constants.labels,
    ]);
    tf.dispose(constants.mask ?? []);
    return lossSum;
  }
}
