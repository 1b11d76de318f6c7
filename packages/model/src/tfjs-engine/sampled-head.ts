/**
 * NCE and sampled softmax on the tfjs engine: each row's true output row [rows, 1, dim]
 * and the batch's shared candidates [numSampled, dim], with TF's log-Q correction and,
 * when asked, accidental hits removed.
 */
import * as tf from "@tensorflow/tfjs";
import { nceLossFromLogits } from "../losses/nce-loss.js";
import { sampledLogitsFromRows } from "../losses/sampled-logits.js";
import { sampledSoftmaxLossFromLogits } from "../losses/sampled-softmax-loss.js";
import type { Params } from "../params.js";
import type { ExampleBatch } from "./example-batch.js";
import { gatherRows, type LossHead, type OutputGradients } from "./loss-head.js";

export class SampledHead implements LossHead {
  constructor(
    private readonly loss: "nce" | "sampled-softmax",
    private readonly removeAccidentalHits: boolean,
  ) {}

  lossAndGrads(batch: ExampleBatch, hidden: Float32Array, params: Params, grads: OutputGradients): number {
    const { rows, targets, candidates } = batch;
    if (!candidates) throw new Error(`the ${this.loss} loss needs the batch's candidates`);
    const { dim, output, bias } = params;
    const { sampled, sampledExpectedCounts, trueExpectedCounts } = candidates;
    const numSampled = sampled.length;
    const trueWeights = gatherRows(output, dim, targets.subarray(0, rows), new Float32Array(rows * dim));
    const sampledWeights = gatherRows(output, dim, sampled, new Float32Array(numSampled * dim));
    const variables: tf.Tensor[] = [
      tf.tensor2d(hidden, [rows, dim]),
      tf.tensor3d(trueWeights, [rows, 1, dim]),
      tf.tensor2d(sampledWeights, [numSampled, dim]),
    ];
    if (bias) {
      variables.push(
        tf.tensor2d(gatherRows(bias, 1, targets.subarray(0, rows), new Float32Array(rows)), [rows, 1]),
      );
      variables.push(tf.tensor1d(gatherRows(bias, 1, sampled, new Float32Array(numSampled))));
    }
    const trueLogQ = tf.tensor2d(trueExpectedCounts.map(Math.log).subarray(0, rows), [rows, 1]);
    const sampledLogQ = tf.tensor1d(sampledExpectedCounts.map(Math.log));
    const hits = this.removeAccidentalHits
      ? tf.tensor2d(hitMask(targets, rows, sampled), [rows, numSampled])
      : null;
    const lossFromLogits = this.loss === "nce" ? nceLossFromLogits : sampledSoftmaxLossFromLogits;
    const meanLoss = (h: tf.Tensor, tw: tf.Tensor, sw: tf.Tensor, tb?: tf.Tensor, sb?: tf.Tensor) =>
      tf.mean(
        lossFromLogits(
          sampledLogitsFromRows({
            inputs: h as tf.Tensor2D,
            trueWeights: tw as tf.Tensor3D,
            trueBiases: (tb as tf.Tensor2D | undefined) ?? null,
            sampledWeights: sw as tf.Tensor2D,
            sampledBiases: (sb as tf.Tensor1D | undefined) ?? null,
            trueLogQ,
            sampledLogQ,
            accidentalHits: hits,
          }),
          1,
        ),
      ) as tf.Scalar;
    const { value, grads: tensors } = tf.valueAndGrads(meanLoss)(variables);
    const lossSum = value.dataSync()[0] * rows;
    grads.hidden.set(tensors[0].dataSync());
    const dTrue = tensors[1].dataSync() as Float32Array;
    const dSampled = tensors[2].dataSync() as Float32Array;
    for (let r = 0; r < rows; r++) grads.output.add(targets[r], dTrue, r * dim);
    for (let s = 0; s < numSampled; s++) grads.output.add(sampled[s], dSampled, s * dim);
    if (grads.bias && tensors[3] && tensors[4]) {
      const dTrueBias = tensors[3].dataSync() as Float32Array;
      const dSampledBias = tensors[4].dataSync() as Float32Array;
      for (let r = 0; r < rows; r++) grads.bias.add(targets[r], dTrueBias, r);
      for (let s = 0; s < numSampled; s++) grads.bias.add(sampled[s], dSampledBias, s);
    }
    tf.dispose([value, ...tensors, ...variables, trueLogQ, sampledLogQ, hits ?? []]);
    return lossSum;
  }
}

/** 1 where candidate s equals row r's true class. */
function hitMask(targets: Int32Array, rows: number, sampled: Int32Array): Float32Array {
  const mask = new Float32Array(rows * sampled.length);
  for (let r = 0; r < rows; r++) {
    for (let s = 0; s < sampled.length; s++) if (sampled[s] === targets[r]) mask[r * sampled.length + s] = 1;
  }
  return mask;
}
