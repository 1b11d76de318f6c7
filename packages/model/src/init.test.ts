import { Rng } from "@w2v/data";
import { describe, expect, it } from "vitest";
import { initParams } from "./init.js";
import { createParams } from "./params.js";

function stats(values: Float32Array) {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let sum = 0;
  let squares = 0;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
    sum += v;
    squares += v * v;
  }
  const mean = sum / values.length;
  return { min, max, mean, std: Math.sqrt(squares / values.length - mean * mean) };
}

describe("initParams", () => {
  const V = 500;
  const D = 40;

  it("word2vec: input uniform in ±0.5/dim, output zero", () => {
    const params = createParams(V, D, { biases: false });
    params.output.fill(7);
    initParams(params, "word2vec", new Rng(1));
    const input = stats(params.input);
    expect(input.min).toBeGreaterThanOrEqual(-0.5 / D);
    expect(input.max).toBeLessThan(0.5 / D);
    expect(input.std).toBeCloseTo(1 / D / Math.sqrt(12), 4);
    expect(stats(params.output)).toMatchObject({ min: 0, max: 0 });
  });

  it("tensorflow: input uniform in [-1, 1), output truncated normal 1/sqrt(dim), biases 0", () => {
    const params = createParams(V, D, { biases: true });
    params.bias?.fill(3);
    initParams(params, "tensorflow", new Rng(2));
    const input = stats(params.input);
    expect(input.min).toBeGreaterThanOrEqual(-1);
    expect(input.max).toBeLessThan(1);
    expect(input.std).toBeCloseTo(1 / Math.sqrt(3), 2);
    const output = stats(params.output);
    const stddev = 1 / Math.sqrt(D);
    expect(output.max).toBeLessThanOrEqual(2 * stddev);
    expect(output.min).toBeGreaterThanOrEqual(-2 * stddev);
    // a normal truncated at two standard deviations has std 0.8796 sigma
    expect(output.std / stddev).toBeCloseTo(0.88, 1);
    expect(Array.from(params.bias ?? [])).toEqual(new Array(V).fill(0));
  });

  it("xavier: both tables uniform in ±sqrt(6 / (vocab + dim))", () => {
    const params = createParams(V, D, { biases: false });
    initParams(params, "xavier", new Rng(3));
    const bound = Math.sqrt(6 / (V + D));
    for (const table of [params.input, params.output]) {
      const { min, max } = stats(table);
      expect(min).toBeGreaterThanOrEqual(-bound);
      expect(max).toBeLessThanOrEqual(bound);
      expect(max).toBeGreaterThan(0.95 * bound);
    }
  });

  it("is a function of the seed, and fills a caller's memory", () => {
    const memory = new Float32Array(2 * V * D + 8);
    let used = 0;
    const alloc = (length: number) => {
      const view = memory.subarray(used, used + length);
      used += length;
      return view;
    };
    const shared = createParams(V, D, { biases: false }, alloc);
    const own = createParams(V, D, { biases: false });
    initParams(shared, "xavier", new Rng(9));
    initParams(own, "xavier", new Rng(9));
    expect(shared.input).toEqual(own.input);
    expect(memory.subarray(0, V * D)).toEqual(own.input);
    initParams(own, "xavier", new Rng(10));
    expect(shared.input).not.toEqual(own.input);
  });

  it("rejects a wrong allocator and bad sizes", () => {
    expect(() => createParams(10, 4, { biases: false }, () => new Float32Array(3))).toThrow(
      /allocator returned 3 floats/,
    );
    expect(() => createParams(0, 4, { biases: false })).toThrow(/vocabSize/);
  });
});
