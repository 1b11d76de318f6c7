// The hand-derived gradients of every loss and architecture against tfjs autodiff of the
// TF-shaped loss functions (cpu backend, float32), on small random problems.
import * as tf from "@tensorflow/tfjs";
import { Rng } from "@w2v/data";
import { beforeAll, describe, expect, it } from "vitest";
import { nceLoss } from "../losses/nce-loss.js";
import { negativeSamplingLoss } from "../losses/negative-sampling-loss.js";
import { sampledSoftmaxLoss } from "../losses/sampled-softmax-loss.js";
import { softmaxLoss } from "../losses/softmax-loss.js";
import { createParams, type Params } from "../params.js";
import type { LossAndGrads } from "./example.js";
import { nceLossAndGrads } from "./nce.js";
import { maskedBceLossAndGrads, nsLossAndGrads } from "./negative-sampling.js";
import { sampledSoftmaxLossAndGrads } from "./sampled-softmax.js";
import { softmaxLossAndGrads } from "./softmax.js";

const V = 13;
const D = 7;

beforeAll(async () => {
  await tf.setBackend("cpu");
});

function randomParams(seed: number, biases: boolean): Params {
  const rng = new Rng(seed);
  const params = createParams(V, D, { biases });
  for (const table of [params.input, params.output])
    for (let i = 0; i < table.length; i++) table[i] = rng.nextFloat() * 2 - 1;
  if (params.bias) for (let i = 0; i < V; i++) params.bias[i] = rng.nextFloat() - 0.5;
  return params;
}

/** Dense [V*D] (or [V]) view of sparse reference rows. */
function dense(rows: Map<number, Float32Array | number>, width: number): Float32Array {
  const out = new Float32Array(V * width);
  for (const [id, row] of rows) {
    if (typeof row === "number") out[id] += row;
    else for (let d = 0; d < width; d++) out[id * width + d] += row[d];
  }
  return out;
}

/** |a - b| <= 1e-5 * max|b|, elementwise, with a non-trivial b. */
function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  let scale = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  expect(scale, `${what}: the reference gradient is all zero`).toBeGreaterThan(1e-6);
  for (let i = 0; i < expected.length; i++) {
    const error = Math.abs(actual[i] - expected[i]);
    if (error > 1e-5 * scale) expect.fail(`${what}[${i}]: autodiff ${actual[i]} vs reference ${expected[i]}`);
  }
}

type LossOfHidden = (tables: {
  inputs: tf.Tensor2D;
  weights: tf.Tensor2D;
  biases: tf.Tensor1D | null;
}) => tf.Scalar;

/**
 * Autodiff of one example: the hidden vector is the mean of the gathered input rows (as
 * CBOW's definition), so the input-table gradient is the true gradient of the mean.
 */
function autodiff(params: Params, inputIds: number[], loss: LossOfHidden) {
  const input = tf.tensor2d(params.input, [V, D]);
  const output = tf.tensor2d(params.output, [V, D]);
  const tables = params.bias ? [input, output, tf.tensor1d(params.bias)] : [input, output];
  const f = (inTable: tf.Tensor, outTable: tf.Tensor, biasTable?: tf.Tensor) =>
    loss({
      inputs: tf.mean(tf.gather(inTable, inputIds), 0, true) as tf.Tensor2D,
      weights: outTable as tf.Tensor2D,
      biases: (biasTable as tf.Tensor1D | undefined) ?? null,
    });
  const { value, grads } = tf.valueAndGrads(f)(tables);
  return {
    loss: value.dataSync()[0],
    dInput: grads[0].dataSync() as Float32Array,
    dOutput: grads[1].dataSync() as Float32Array,
    dBias: grads[2]?.dataSync() as Float32Array | undefined,
  };
}

function expectAgreement(
  params: Params,
  inputIds: number[],
  reference: LossAndGrads,
  loss: LossOfHidden,
): void {
  const auto = autodiff(params, inputIds, loss);
  expect(Math.abs(auto.loss - reference.loss)).toBeLessThanOrEqual(1e-5 * Math.abs(reference.loss));
  expectClose(auto.dOutput, dense(reference.dOutputRows, D), "output gradient");
  if (auto.dBias) expectClose(auto.dBias, dense(reference.dBias ?? new Map(), 1), "bias gradient");
  // word2vec's CBOW adds the hidden gradient unscaled to each context word: n times the
  // gradient of the mean that autodiff computes.
  const unscaled = auto.dInput.map((g) => g * inputIds.length);
  expectClose(unscaled, dense(reference.dInputRows, D), "input gradient");
}

const architectures = [
  { name: "skip-gram", inputIds: [4] },
  { name: "CBOW", inputIds: [1, 5, 9, 5] },
] as const;

const int = <T extends tf.Tensor = tf.Tensor2D>(values: number[], shape: number[]) =>
  tf.tensor(values, shape, "int32") as T;

describe.each(architectures)("reference gradients agree with tfjs autodiff ($name)", ({ inputIds }) => {
  const ids = [...inputIds];
  const target = 7;

  it("negative sampling (word2vec: one true column, K noise columns, summed)", () => {
    const params = randomParams(1, false);
    const negatives = [2, 11, 3, 2, 0];
    const reference = nsLossAndGrads({ inputIds: ids, target, negatives }, params);
    expectAgreement(params, ids, reference, ({ inputs, weights }) =>
      tf.sum(
        negativeSamplingLoss({
          weights,
          inputs,
          columns: int([target, ...negatives], [1, 6]),
          labels: tf.tensor2d([[1, 0, 0, 0, 0, 0]]),
        }),
      ),
    );
  });

  it("negative sampling with word2vec's zero output table (every logit 0)", () => {
    const params = randomParams(2, false);
    params.output.fill(0);
    const negatives = [2, 11];
    const reference = nsLossAndGrads({ inputIds: ids, target, negatives }, params);
    expect(reference.loss).toBeCloseTo(3 * Math.LN2, 12);
    const auto = autodiff(params, ids, ({ inputs, weights }) =>
      tf.sum(
        negativeSamplingLoss({
          weights,
          inputs,
          columns: int([target, ...negatives], [1, 3]),
          labels: tf.tensor2d([[1, 0, 0]]),
        }),
      ),
    );
    expectClose(auto.dOutput, dense(reference.dOutputRows, D), "output gradient");
  });

  it("negative sampling, d2l's masked mean over contexts and noise words", () => {
    const params = randomParams(3, false);
    const columns = [7, 8, 2, 11, 3, 0, 12];
    const labels = [1, 1, 0, 0, 0, 0, 0];
    const reference = maskedBceLossAndGrads({ inputIds: ids, columns, labels }, params);
    // padded to 9 columns; the two padding columns point at real rows that must not move
    expectAgreement(params, ids, reference, ({ inputs, weights }) =>
      tf.sum(
        negativeSamplingLoss({
          weights,
          inputs,
          columns: int([...columns, 6, 6], [1, 9]),
          labels: tf.tensor2d([[...labels, 0, 0]]),
          mask: tf.tensor2d([[1, 1, 1, 1, 1, 1, 1, 0, 0]]),
          reduction: "mean",
        }),
      ),
    );
  });

  const sampled = [0, 2, target, 10];
  const counts = { trueExpectedCount: 0.3, sampledExpectedCounts: [0.9, 0.6, 0.3, 0.2] };
  const sampledValues = () => ({
    sampledCandidates: int<tf.Tensor1D>(sampled, [4]),
    trueExpectedCount: tf.tensor2d([[counts.trueExpectedCount]]),
    sampledExpectedCount: tf.tensor1d(counts.sampledExpectedCounts),
  });

  const sampledLosses = [
    { name: "NCE", reference: nceLossAndGrads, loss: nceLoss },
    { name: "sampled softmax", reference: sampledSoftmaxLossAndGrads, loss: sampledSoftmaxLoss },
  ];
  for (const { name, reference, loss } of sampledLosses) {
    for (const removeAccidentalHits of [false, true]) {
      it(`${name} (removeAccidentalHits ${removeAccidentalHits}, the target is among the candidates)`, () => {
        const params = randomParams(4, true);
        const grads = reference({ inputIds: ids, target, sampled, ...counts, removeAccidentalHits }, params);
        expectAgreement(params, ids, grads, ({ inputs, weights, biases }) =>
          tf.sum(
            loss({
              weights,
              biases,
              inputs,
              labels: int([target], [1, 1]),
              numSampled: 4,
              numClasses: V,
              sampledValues: sampledValues(),
              removeAccidentalHits,
            }),
          ),
        );
      });
    }
  }

  it("full softmax", () => {
    const params = randomParams(6, true);
    const reference = softmaxLossAndGrads({ inputIds: ids, target }, params);
    expectAgreement(params, ids, reference, ({ inputs, weights, biases }) =>
      tf.sum(softmaxLoss({ weights, biases, inputs, labels: int<tf.Tensor1D>([target], [1]) })),
    );
  });
});
