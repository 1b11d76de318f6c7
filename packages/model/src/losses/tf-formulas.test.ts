// NCE and sampled-softmax values against TF's formulas written out by hand, and the
// sampled softmax approaching the full softmax as the samples approach the vocabulary.
import * as tf from "@tensorflow/tfjs";
import { LogUniformSampler, Rng } from "@w2v/data";
import { beforeAll, describe, expect, it } from "vitest";
import { CandidateSampler } from "../candidates.js";
import { nceLoss } from "./nce-loss.js";
import { sampledSoftmaxLoss } from "./sampled-softmax-loss.js";
import { softmaxLoss } from "./softmax-loss.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

// A 6-word vocabulary in 2 dimensions, two examples; row 0's label (3) is also a candidate.
const V = 6;
const W = [
  [0.3, -0.2],
  [0.1, 0.4],
  [-0.5, 0.2],
  [0.2, 0.2],
  [0.6, -0.1],
  [-0.3, -0.4],
];
const B = [0.1, -0.2, 0.05, 0.0, 0.3, -0.1];
const X = [
  [1.0, 0.5],
  [-0.4, 0.8],
];
const LABELS = [3, 5];
const SAMPLED = [0, 3, 1];
const NUM_TRIES = 5;

// TF's log-uniform probability and unique expected count, by hand.
const P = (k: number) => (Math.log(k + 2) - Math.log(k + 1)) / Math.log(V + 1);
const Q = (k: number) => 1 - (1 - P(k)) ** NUM_TRIES;
const logit = (row: number, k: number) => X[row][0] * W[k][0] + X[row][1] * W[k][1] + B[k] - Math.log(Q(k));
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function handNce(row: number, removeHits: boolean): number {
  let loss = -Math.log(sigmoid(logit(row, LABELS[row])));
  for (const k of SAMPLED)
    if (!(removeHits && k === LABELS[row])) loss -= Math.log(1 - sigmoid(logit(row, k)));
  return loss;
}

function handSampledSoftmax(row: number, removeHits: boolean): number {
  const trueLogit = logit(row, LABELS[row]);
  let sum = Math.exp(trueLogit);
  for (const k of SAMPLED) if (!(removeHits && k === LABELS[row])) sum += Math.exp(logit(row, k));
  return Math.log(sum) - trueLogit;
}

function tfArgs() {
  const counts = new CandidateSampler(new LogUniformSampler(V), SAMPLED.length).expectedCounts(
    SAMPLED,
    NUM_TRIES,
    LABELS,
  );
  return {
    weights: tf.tensor2d(W),
    biases: tf.tensor1d(B),
    inputs: tf.tensor2d(X),
    labels: tf.tensor2d(LABELS, [2, 1], "int32"),
    numSampled: SAMPLED.length,
    numClasses: V,
    sampledValues: {
      sampledCandidates: tf.tensor1d(SAMPLED, "int32"),
      trueExpectedCount: tf.tensor2d(counts.trueExpectedCounts, [2, 1]),
      sampledExpectedCount: tf.tensor1d(counts.sampledExpectedCounts),
    },
  };
}

function expectValues(actual: tf.Tensor, expected: number[]): void {
  const values = actual.dataSync();
  expect(values.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++)
    expect(Math.abs(values[i] - expected[i])).toBeLessThan(1e-5 * expected[i]);
}

describe("TF's formulas by hand", () => {
  it("nceLoss: sigmoid cross-entropy of logits minus log Q, hits kept by default", () => {
    expectValues(nceLoss(tfArgs()), [handNce(0, false), handNce(1, false)]);
    expectValues(nceLoss({ ...tfArgs(), removeAccidentalHits: true }), [handNce(0, true), handNce(1, true)]);
    // the hit matters: removing it changes row 0 only
    expect(handNce(0, true)).not.toBeCloseTo(handNce(0, false), 3);
  });

  it("sampledSoftmaxLoss: softmax over true + candidates, hits removed by default", () => {
    expectValues(sampledSoftmaxLoss(tfArgs()), [handSampledSoftmax(0, true), handSampledSoftmax(1, true)]);
    expectValues(sampledSoftmaxLoss({ ...tfArgs(), removeAccidentalHits: false }), [
      handSampledSoftmax(0, false),
      handSampledSoftmax(1, false),
    ]);
  });

  it("nceLoss with numTrue = 2: labels 1/2 on each true column", () => {
    const args = tfArgs();
    const labels = [
      [3, 4],
      [5, 2],
    ];
    const counts = new CandidateSampler(new LogUniformSampler(V), 3).expectedCounts(
      SAMPLED,
      NUM_TRIES,
      labels.flat(),
    );
    const loss = nceLoss({
      ...args,
      labels: tf.tensor2d(labels, [2, 2], "int32"),
      sampledValues: {
        ...args.sampledValues,
        trueExpectedCount: tf.tensor2d(counts.trueExpectedCounts, [2, 2]),
      },
    });
    const softplus = (z: number) => Math.log1p(Math.exp(z));
    const expected = [0, 1].map((row) => {
      let sum = 0;
      for (const k of labels[row]) sum += softplus(logit(row, k)) - 0.5 * logit(row, k);
      for (const k of SAMPLED) sum += softplus(logit(row, k));
      return sum;
    });
    expectValues(loss, expected);
  });
});

describe("sampled softmax against the full softmax", () => {
  it("approaches the full softmax loss as the samples approach the vocabulary size", () => {
    const vocab = 60;
    const dim = 8;
    const batch = 32;
    const rng = new Rng(7);
    const random = (n: number, scale: number) =>
      Array.from({ length: n }, () => (rng.nextFloat() * 2 - 1) * scale);
    const weights = tf.tensor2d(random(vocab * dim, 1), [vocab, dim]);
    const biases = tf.tensor1d(random(vocab, 0.5));
    const inputs = tf.tensor2d(random(batch * dim, 1), [batch, dim]);
    const labelIds = Array.from({ length: batch }, () => rng.nextInt(vocab));
    const full = tf
      .mean(softmaxLoss({ weights, biases, inputs, labels: tf.tensor1d(labelIds, "int32") }))
      .dataSync()[0];
    const gapAt = (numSampled: number) => {
      let sum = 0;
      const draws = 20;
      for (let draw = 0; draw < draws; draw++) {
        const loss = sampledSoftmaxLoss({
          weights,
          biases,
          inputs,
          labels: tf.tensor2d(labelIds, [batch, 1], "int32"),
          numSampled,
          numClasses: vocab,
          rng,
        });
        sum += tf.mean(loss).dataSync()[0];
      }
      return Math.abs(sum / draws - full);
    };
    const gaps = [4, 15, 40, 60].map(gapAt);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeLessThan(gaps[i - 1]);
    expect(gaps[0]).toBeGreaterThan(0.1);
    expect(gaps[3]).toBeLessThan(0.01 * full);
  });
});
