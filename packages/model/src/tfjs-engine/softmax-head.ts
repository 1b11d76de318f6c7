/**
 * The full softmax on the tfjs engine. By definition it scores every class, so unlike the
 * sampled losses its step costs O(vocabulary x dim): for small vocabularies and to measure
 * the sampled losses against.
 */
import * as tf from "@tensorflow/tfjs";
import { softmaxLoss } from "../losses/softmax-loss.js";
import type { Params } from "../params.js";
import type { ExampleBatch } from "./example-batch.js";
import type { LossHead, OutputGradients } from "./loss-head.js";

export class SoftmaxHead implements LossHead {
  lossAndGrads(batch: ExampleBatch, hidden: Float32Array, params: Params, grads: OutputGradients): number {
    const { rows, targets } = batch;
    const { dim, vocabSize, output, bias } = params;
    const variables: tf.Tensor[] = [tf.tensor2d(hidden, [rows, dim]), tf.tensor2d(output, [vocabSize, dim])];
    if (bias) variables.push(tf.tensor1d(bias));
    const labels = tf.tensor1d(targets.subarray(0, rows), "int32");
    const meanLoss = (h: tf.Tensor, w: tf.Tensor, b?: tf.Tensor) =>
      tf.mean(
        softmaxLoss({
          inputs: h as tf.Tensor2D,
          weights: w as tf.Tensor2D,
          biases: (b as tf.Tensor1D | undefined) ?? null,
          labels,
        }),
      ) as tf.Scalar;
    const { value, grads: tensors } = tf.valueAndGrads(meanLoss)(variables);
    const lossSum = value.dataSync()[0] * rows;
    grads.hidden.set(tensors[0].dataSync());
    const dWeights = tensors[1].dataSync() as Float32Array;
    for (let id = 0; id < vocabSize; id++) grads.output.add(id, dWeights, id * dim);
    if (grads.bias && tensors[2]) {
      const dBias = tensors[2].dataSync() as Float32Array;
      for (let id = 0; id < vocabSize; id++) grads.bias.add(id, dBias, id);
    }
    tf.dispose([value, ...tensors, ...variables, labels]);
    return lossSum;
  }
}
