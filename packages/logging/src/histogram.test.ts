import { describe, expect, it } from "vitest";
import { bucketIndex, computeHistogram, DEFAULT_BUCKET_LIMITS } from "./histogram.js";

const bits = new Uint32Array(1);
const float = new Float32Array(bits.buffer);
function floatFromBits(value: number): number {
  bits[0] = value;
  return float[0];
}
function bitsOfFloat(value: number): number {
  float[0] = value;
  return bits[0];
}

/** The encoded (run-merged) buckets spread back onto the limits they end at. */
function expandCounts(values: Float32Array): Float64Array {
  const { histogram } = computeHistogram(values);
  const counts = new Float64Array(DEFAULT_BUCKET_LIMITS.length);
  histogram.bucketLimit.forEach((limit, i) => {
    counts[DEFAULT_BUCKET_LIMITS.indexOf(limit)] += histogram.bucket[i];
  });
  return counts;
}

/** Per-bucket counts by binary search over the limits. */
function referenceCounts(values: Float32Array): Float64Array {
  const counts = new Float64Array(DEFAULT_BUCKET_LIMITS.length);
  for (const value of values) if (Number.isFinite(value)) counts[bucketIndex(value)]++;
  return counts;
}

describe("default bucket limits", () => {
  it("are TensorFlow's: 0, ±1e-12 growing by 1.1 below 1e20, ±DBL_MAX", () => {
    const limits = DEFAULT_BUCKET_LIMITS;
    expect(limits.length).toBe(1551);
    expect([limits[0], limits[775], limits[776], limits[1550]]).toEqual([
      -Number.MAX_VALUE,
      0,
      1e-12,
      Number.MAX_VALUE,
    ]);
    expect(limits[777]).toBe(1e-12 * 1.1);
    expect(limits[1549]).toBeLessThan(1e20);
    expect(limits[1549] * 1.1).toBeGreaterThanOrEqual(1e20);
    for (let i = 0; i < 775; i++) expect(limits[i]).toBe(-limits[1550 - i]);
  });

  it("put a value in the first bucket whose limit exceeds it (C++ upper_bound)", () => {
    expect(bucketIndex(0)).toBe(776);
    expect(bucketIndex(1e-12)).toBe(777);
    expect(bucketIndex(-1e-12)).toBe(775);
    expect(bucketIndex(-1e-13)).toBe(775);
  });
});

describe("computeHistogram's table lookup", () => {
  it("agrees with the binary search at every limit and at its float32 neighbours", () => {
    const values: number[] = [];
    for (const limit of DEFAULT_BUCKET_LIMITS) {
      const around = bitsOfFloat(Math.fround(limit));
      for (const candidate of [around - 1, around, around + 1]) values.push(floatFromBits(candidate >>> 0));
    }
    const floats = Float32Array.from(values);
    expect(expandCounts(floats)).toEqual(referenceCounts(floats));
  });

  it("agrees with the binary search on random float32 bit patterns", () => {
    const values = new Float32Array(200_000);
    const words = new Uint32Array(values.buffer);
    let state = 12345;
    for (let i = 0; i < words.length; i++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      words[i] = state;
    }
    expect(computeHistogram(values).nonFinite).toBe(values.filter((value) => !Number.isFinite(value)).length);
    expect(expandCounts(values)).toEqual(referenceCounts(values));
  });

  it("never finds more than one limit inside a 16-bit float32 cell", () => {
    const crowded: number[] = [];
    for (let cell = 0; cell < 1 << 16; cell++) {
      const low = floatFromBits((cell << 16) >>> 0);
      const high = floatFromBits(((cell << 16) | 0xffff) >>> 0);
      if (
        Number.isFinite(low) &&
        Number.isFinite(high) &&
        Math.abs(bucketIndex(high) - bucketIndex(low)) > 1
      ) {
        crowded.push(cell);
      }
    }
    expect(crowded).toEqual([]);
  });
});

describe("computeHistogram", () => {
  it("counts values into buckets and merges runs of empty buckets as TensorFlow encodes them", () => {
    const values = Float32Array.of(0.5, 0.5, 2, -3, 0);
    const { histogram } = computeHistogram(values);
    const b = (value: number) => bucketIndex(Math.fround(value));
    const expected: [number, number][] = [];
    // Leading empty run ends at the limit just below -3's bucket, and so on.
    const occupied = [b(-3), b(0), b(0.5), b(2)];
    const counts = new Map([
      [b(-3), 1],
      [b(0), 1],
      [b(0.5), 2],
      [b(2), 1],
    ]);
    let previous = -1;
    for (const bucket of occupied) {
      if (bucket > previous + 1) expected.push([DEFAULT_BUCKET_LIMITS[bucket - 1], 0]);
      expected.push([DEFAULT_BUCKET_LIMITS[bucket], counts.get(bucket)!]);
      previous = bucket;
    }
    expected.push([Number.MAX_VALUE, 0]);
    expect(histogram.bucketLimit.map((limit, i) => [limit, histogram.bucket[i]])).toEqual(expected);
    expect(histogram.bucket.reduce((total, count) => total + count)).toBe(5);
    expect([histogram.min, histogram.max, histogram.num]).toEqual([-3, 2, 5]);
    expect(histogram.sum).toBe(0.5 + 0.5 + 2 - 3 + 0);
    expect(histogram.sumSquares).toBe(0.25 + 0.25 + 4 + 9);
  });

  it("leaves NaN and infinities out and counts them", () => {
    const { histogram, nonFinite } = computeHistogram(Float32Array.of(1, Number.NaN, Infinity, -Infinity, 3));
    expect(nonFinite).toBe(3);
    expect([histogram.num, histogram.min, histogram.max, histogram.sum]).toEqual([2, 1, 3, 4]);
  });

  it("encodes an empty input as TensorFlow does: one empty bucket up to DBL_MAX", () => {
    const { histogram } = computeHistogram(new Float32Array(0));
    expect(histogram).toEqual({
      min: Number.MAX_VALUE,
      max: -Number.MAX_VALUE,
      num: 0,
      sum: 0,
      sumSquares: 0,
      bucketLimit: [Number.MAX_VALUE],
      bucket: [0],
    });
  });

  it("reads a subarray view, not the whole buffer", () => {
    const whole = Float32Array.of(100, 1, 2, 100);
    const { histogram } = computeHistogram(whole.subarray(1, 3));
    expect([histogram.num, histogram.max]).toEqual([2, 2]);
  });
});
