/**
 * TF's `_compute_sampled_logits`, in two layers: `sampledLogitsFromRows` works on rows
 * already gathered (what the training engine builds from its Float32Array tables, and the
 * only form whose gradients every tfjs backend can compute: wasm has no gather gradient),
 * and `computeSampledLogits` gathers them from whole tables as TF's API does.
 */
import * as tf from "@tensorflow/tfjs";
import { LogUniformSampler, type Rng } from "@w2v/data";
import { CandidateSampler } from "../candidates.js";
import { rowDots } from "./row-dots.js";

/** Added to the logit of an accidental hit, as TF does: it then contributes nothing. */
export const ACCIDENTAL_HIT_LOGIT = -3.4028234663852886e38;

export interface SampledRows {
  /** [batch, dim] */
  inputs: tf.Tensor2D;
  /** [batch, numTrue, dim]: the output rows of each example's true classes */
  trueWeights: tf.Tensor3D;
  /** [batch, numTrue], or null without biases */
  trueBiases: tf.Tensor2D | null;
  /** [numSampled, dim]: the output rows of the candidates shared by the batch */
  sampledWeights: tf.Tensor2D;
  /** [numSampled], or null */
  sampledBiases: tf.Tensor1D | null;
  /** [batch, numTrue] log expected counts of the true classes, or null for no correction */
  trueLogQ: tf.Tensor2D | null;
  /** [numSampled] log expected counts of the candidates, or null */
  sampledLogQ: tf.Tensor1D | null;
  /** [batch, numSampled]: 1 where a candidate is one of that row's true classes (to remove), or null */
  accidentalHits: tf.Tensor2D | null;
}

/** Logits [batch, numTrue + numSampled]: true columns first. */
export function sampledLogitsFromRows(rows: SampledRows): tf.Tensor2D {
  return tf.tidy(() => {
    const { inputs } = rows;
    let trueLogits = rowDots(rows.trueWeights, inputs);
    if (rows.trueBiases) trueLogits = tf.add(trueLogits, rows.trueBiases);
    if (rows.trueLogQ) trueLogits = tf.sub(trueLogits, rows.trueLogQ);
    let sampledLogits: tf.Tensor2D = tf.matMul(inputs, rows.sampledWeights, false, true);
    if (rows.sampledBiases) sampledLogits = tf.add(sampledLogits, rows.sampledBiases);
    if (rows.sampledLogQ) sampledLogits = tf.sub(sampledLogits, rows.sampledLogQ);
    if (rows.accidentalHits)
      sampledLogits = tf.add(sampledLogits, tf.mul(rows.accidentalHits, ACCIDENTAL_HIT_LOGIT));
    return tf.concat([trueLogits, sampledLogits], 1);
  });
}

/** TF's `sampled_values` triple: the candidates and the expected counts the sampler reports. */
export interface SampledValues {
  /** int32 [numSampled] */
  sampledCandidates: tf.Tensor1D;
  /** [batch, numTrue] */
  trueExpectedCount: tf.Tensor2D;
  /** [numSampled] */
  sampledExpectedCount: tf.Tensor1D;
}

/** The arguments of `tf.nn.nce_loss` / `tf.nn.sampled_softmax_loss`, camelCased. */
export interface SampledLossArgs {
  /** [numClasses, dim] */
  weights: tf.Tensor2D;
  /** [numClasses], or null for a loss without biases (TF always has them) */
  biases: tf.Tensor1D | null;
  /** int32 [batch, numTrue] */
  labels: tf.Tensor2D;
  /** [batch, dim] */
  inputs: tf.Tensor2D;
  numSampled: number;
  numClasses: number;
  /** the candidates and expected counts; when absent, drawn log-uniform and unique from `rng`, as TF does */
  sampledValues?: SampledValues;
  rng?: Rng;
  /** drop candidates equal to a row's true class; default: TF's for the loss */
  removeAccidentalHits?: boolean;
  /** subtract log(expected count) from the logits (TF's default: true) */
  subtractLogQ?: boolean;
}

/** Which candidates equal one of the row's labels: [batch, numSampled] of 0/1. */
export function accidentalHitMask(labels: tf.Tensor2D, sampled: tf.Tensor1D): tf.Tensor2D {
  return tf.tidy(() => {
    const equal = tf.equal(tf.expandDims(labels, 2), tf.reshape(sampled, [1, 1, -1]));
    return tf.cast(tf.any(equal, 1), "float32") as tf.Tensor2D;
  });
}

export function computeSampledLogits(args: SampledLossArgs, removeHitsByDefault: boolean): tf.Tensor2D {
  return tf.tidy(() => {
    const { weights, biases, labels, inputs } = args;
    const [batch, numTrue] = labels.shape;
    const sampledValues = args.sampledValues ?? drawSampledValues(args);
    const sampled = sampledValues.sampledCandidates;
    const subtractLogQ = args.subtractLogQ ?? true;
    const removeHits = args.removeAccidentalHits ?? removeHitsByDefault;
    const flatLabels = tf.reshape(labels, [-1]);
    return sampledLogitsFromRows({
      inputs,
      trueWeights: tf.reshape(tf.gather(weights, flatLabels), [batch, numTrue, -1]),
      trueBiases: biases ? tf.reshape(tf.gather(biases, flatLabels), [batch, numTrue]) : null,
      sampledWeights: tf.gather(weights, sampled),
      sampledBiases: biases ? tf.gather(biases, sampled) : null,
      trueLogQ: subtractLogQ ? tf.log(sampledValues.trueExpectedCount) : null,
      sampledLogQ: subtractLogQ ? tf.log(sampledValues.sampledExpectedCount) : null,
      accidentalHits: removeHits ? accidentalHitMask(labels, sampled) : null,
    });
  });
}

/** TF's default `log_uniform_candidate_sampler(unique=True, range_max=numClasses)`. */
function drawSampledValues(args: SampledLossArgs): SampledValues {
  const { labels, numSampled, numClasses, rng } = args;
  if (!rng) throw new Error("sampled losses need either sampledValues or an rng to draw candidates from");
  const drawn = new CandidateSampler(new LogUniformSampler(numClasses), numSampled).draw(
    rng,
    labels.dataSync(),
  );
  return {
    sampledCandidates: tf.tensor1d(drawn.sampled, "int32"),
    trueExpectedCount: tf.tensor2d(drawn.trueExpectedCounts, labels.shape),
    sampledExpectedCount: tf.tensor1d(drawn.sampledExpectedCounts),
  };
}

/** Soft labels [batch, numTrue + numSampled]: 1/numTrue on the true columns, 0 elsewhere. */
export function sampledLabels(batch: number, numTrue: number, numSampled: number): tf.Tensor2D {
  return tf.tidy(() => tf.concat([tf.fill([batch, numTrue], 1 / numTrue), tf.zeros([batch, numSampled])], 1));
}
