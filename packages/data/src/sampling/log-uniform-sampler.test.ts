import { describe, expect, it } from "vitest";
import { chiSquare } from "../../test/fixtures.js";
import { Rng } from "../rng.js";
import { LogUniformSampler } from "./log-uniform-sampler.js";
import { UniformSampler } from "./uniform-sampler.js";

const RANGE = 50_000; // cs20's vocabulary

describe("LogUniformSampler", () => {
  it("has TF's P(k) = (log(k+2) - log(k+1)) / log(range_max + 1), summing to 1", () => {
    const sampler = new LogUniformSampler(RANGE);
    let sum = 0;
    for (let k = 0; k < RANGE; k++) sum += sampler.probability(k);
    expect(sum).toBeCloseTo(1, 12);
    for (const k of [0, 1, 9, 999, RANGE - 1]) {
      expect(sampler.probability(k)).toBeCloseTo(
        (Math.log(k + 2) - Math.log(k + 1)) / Math.log(RANGE + 1),
        15,
      );
    }
    expect(sampler.probability(RANGE)).toBe(0);
  });

  it("draws that distribution: chi-square over 10^6 draws at a fixed seed", () => {
    const sampler = new LogUniformSampler(RANGE);
    const rng = new Rng(77);
    const draws = 1_000_000;
    const observed = new Float64Array(RANGE);
    for (let i = 0; i < draws; i++) observed[sampler.sample(rng)]++;
    const expected = Array.from({ length: RANGE }, (_, k) => draws * sampler.probability(k));
    const { statistic, critical } = chiSquare(observed, expected);
    expect(statistic).toBeLessThan(critical);
    for (let k = 0; k < 20; k++)
      expect(Math.abs(observed[k] - expected[k])).toBeLessThan(5 * Math.sqrt(expected[k]));
  });

  it("reports TF's expected counts: P * numSampled, or -expm1(numTries * log1p(-P)) when unique", () => {
    const sampler = new LogUniformSampler(RANGE);
    const p = sampler.probability(3);
    expect(sampler.expectedCount(3, 64)).toBeCloseTo(64 * p, 15);
    expect(sampler.expectedCount(3, 64, 80)).toBeCloseTo(1 - (1 - p) ** 80, 14);
    // unique draws whose first 64 were distinct: TF's ExpectedCountHelper returns p * 64
    expect(sampler.expectedCount(3, 64, 64)).toBeCloseTo(64 * p, 15);
  });

  // TensorFlow 2.21, tf.random.log_uniform_candidate_sampler(true_classes=[[3]], num_true=1,
  // num_sampled=4, unique=True, range_max=20, seed=s): the sampled ids and the expected counts
  // TF returned. TF does not return num_tries; the draws of seeds 2, 4, 5, 7, 8 were distinct
  // from the start (num_tries = 4: the counts are p * 4), those of 1, 3, 6 took 5 tries.
  const TF_DRAWS = [
    {
      seed: 1,
      numTries: 5,
      sampled: [15, 2, 7, 0],
      true: 0.3165430426597595,
      sampledExpected: [0.09567645192146301, 0.3912174701690674, 0.1790354996919632, 0.7252018451690674],
    },
    {
      seed: 2,
      numTries: 4,
      sampled: [2, 9, 11, 13],
      true: 0.29317378997802734,
      sampledExpected: [0.3779667615890503, 0.125221848487854, 0.10516290366649628, 0.09064524620771408],
    },
    {
      seed: 3,
      numTries: 5,
      sampled: [0, 10, 6, 2],
      true: 0.3165430426597595,
      sampledExpected: [0.7252018451690674, 0.13496039807796478, 0.200886532664299, 0.3912174701690674],
    },
    {
      seed: 4,
      numTries: 4,
      sampled: [6, 18, 1, 8],
      true: 0.29317378997802734,
      sampledExpected: [0.17543821036815643, 0.06739092618227005, 0.5327142477035522, 0.13842633366584778],
    },
    {
      seed: 5,
      numTries: 4,
      sampled: [0, 4, 7, 6],
      true: 0.29317378997802734,
      sampledExpected: [0.9106810092926025, 0.23954042792320251, 0.15474747121334076, 0.17543821036815643],
    },
    {
      seed: 6,
      numTries: 5,
      sampled: [0, 3, 2, 9],
      true: 0.3165430426597595,
      sampledExpected: [0.7252018451690674, 0.3165430426597595, 0.3912174701690674, 0.14702901244163513],
    },
    {
      seed: 7,
      numTries: 4,
      sampled: [13, 0, 3, 11],
      true: 0.29317378997802734,
      sampledExpected: [0.09064524620771408, 0.9106810092926025, 0.29317378997802734, 0.10516290366649628],
    },
    {
      seed: 8,
      numTries: 4,
      sampled: [1, 6, 16, 2],
      true: 0.29317378997802734,
      sampledExpected: [0.5327142477035522, 0.17543821036815643, 0.07509671896696091, 0.3779667615890503],
    },
  ];

  it.each(TF_DRAWS)(
    "gives the expected counts TensorFlow gives (seed $seed, num_tries $numTries)",
    (draw) => {
      const sampler = new LogUniformSampler(20);
      // TF computes in float32: agreement to its precision
      expect(sampler.expectedCount(3, 4, draw.numTries)).toBeCloseTo(draw.true, 6);
      draw.sampled.forEach((id, j) => {
        expect(sampler.expectedCount(id, 4, draw.numTries)).toBeCloseTo(draw.sampledExpected[j], 6);
      });
      // the old rule, 1 - (1 - p)^num_tries for every unique draw, is off when num_tries = 4
      const oldRule = -Math.expm1(draw.numTries * Math.log1p(-sampler.probability(3)));
      if (draw.numTries === 4) expect(Math.abs(oldRule - draw.true)).toBeGreaterThan(0.01);
    },
  );

  it("samples unique ids, and how often each is included matches the unique expected count", () => {
    const sampler = new LogUniformSampler(RANGE);
    const rng = new Rng(9);
    const numSampled = 64;
    const trials = 20_000;
    const included = new Float64Array(10);
    const predicted = new Float64Array(10);
    for (let t = 0; t < trials; t++) {
      const { ids, numTries } = sampler.sampleUnique(rng, numSampled);
      expect(new Set(ids).size).toBe(numSampled);
      expect(numTries).toBeGreaterThanOrEqual(numSampled);
      for (const id of ids) if (id < 10) included[id]++;
      // the chance of inclusion after numTries draws: TF's expected count, except when the
      // first numSampled draws were distinct (then TF reports p * numSampled)
      const inclusion = (k: number) => -Math.expm1(numTries * Math.log1p(-sampler.probability(k)));
      for (let k = 0; k < 10; k++) predicted[k] += inclusion(k);
      if (numTries > numSampled) expect(sampler.expectedCount(0, numSampled, numTries)).toBe(inclusion(0));
    }
    for (let k = 0; k < 10; k++) {
      const q = predicted[k] / trials;
      // Inclusion is a Bernoulli(q) per trial: within 5 standard deviations.
      expect(Math.abs(included[k] - predicted[k])).toBeLessThan(5 * Math.sqrt(trials * q * (1 - q)));
    }
    // Without `unique`, the top class would be "expected" more than once per batch: TF's
    // unique formula is what keeps the expected count a probability.
    expect(sampler.expectedCount(0, numSampled)).toBeGreaterThan(1);
    expect(predicted[0] / trials).toBeLessThan(1);
  });
});

describe("UniformSampler", () => {
  it("draws every id equally often", () => {
    const sampler = new UniformSampler(100);
    const rng = new Rng(3);
    const observed = new Float64Array(100);
    for (let i = 0; i < 200_000; i++) observed[sampler.sample(rng)]++;
    const { statistic, critical } = chiSquare(observed, new Array(100).fill(2000));
    expect(statistic).toBeLessThan(critical);
    expect(sampler.probability(5)).toBe(0.01);
  });
});
