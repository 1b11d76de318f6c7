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
  });

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
      for (let k = 0; k < 10; k++) predicted[k] += sampler.expectedCount(k, numSampled, numTries);
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
