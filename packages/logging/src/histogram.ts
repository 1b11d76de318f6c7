/**
 * Histograms with TensorFlow's default buckets: limits at 0, ±1e-12 growing by 10% up to
 * 1e20, and ±DBL_MAX; a value falls in the first bucket whose limit is greater than it
 * (C++ `upper_bound`), and runs of empty buckets are merged as TensorFlow encodes them.
 *
 * This runs in the training loop on whole matrices, so the bucket of a float32 is found
 * without a search: the top 16 bits of a float32 (sign, exponent, 7 mantissa bits) cut
 * its range into cells less than 1% wide, narrower than the 10% between limits, so each
 * cell holds at most one limit. A table gives each cell's lowest bucket, and one
 * comparison with that bucket's limit finishes the job.
 */
import type { HistogramMessage } from "./protos.js";

function defaultBucketLimits(): Float64Array {
  const positive: number[] = [];
  for (let limit = 1e-12; limit < 1e20; limit *= 1.1) positive.push(limit);
  positive.push(Number.MAX_VALUE);
  const negative = positive.map((limit) => -limit).reverse();
  return Float64Array.from([...negative, 0, ...positive]);
}

/** TensorFlow's default histogram bucket limits (1551 of them, increasing). */
export const DEFAULT_BUCKET_LIMITS: Float64Array = defaultBucketLimits();

/** Index of the bucket holding `value`: the first limit greater than it. */
export function bucketIndex(value: number): number {
  let low = 0;
  let high = DEFAULT_BUCKET_LIMITS.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (DEFAULT_BUCKET_LIMITS[middle] > value) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Bucket index counting NaN and ±Infinity, after the real buckets. */
const NON_FINITE = DEFAULT_BUCKET_LIMITS.length;

/** The limits plus NaN for the non-finite bucket: `value >= NaN` is false, so they stay there. */
const LOOKUP_LIMITS = Float64Array.from([...DEFAULT_BUCKET_LIMITS, Number.NaN]);

/** Per 16-bit float32 prefix: the bucket of the cell's smallest value (`NON_FINITE` for NaN/Inf cells). */
const CELL_BUCKET: Uint16Array = (() => {
  const table = new Uint16Array(1 << 16);
  const bits = new Uint32Array(1);
  const float = new Float32Array(bits.buffer);
  for (let cell = 0; cell < table.length; cell++) {
    // For negative floats the largest magnitude, i.e. the smallest value, has all low bits set.
    bits[0] = cell < 0x8000 ? cell << 16 : ((cell << 16) | 0xffff) >>> 0;
    table[cell] = Number.isFinite(float[0]) ? bucketIndex(float[0]) : NON_FINITE;
  }
  return table;
})();

export interface HistogramResult {
  histogram: HistogramMessage;
  /** NaN and ±Infinity values: left out of the histogram (TensorFlow refuses them). */
  nonFinite: number;
}

const counts = new Float64Array(NON_FINITE + 1);

// Bucketing and the running statistics are separate loops: fused, V8 runs them several
// times slower than the two passes.
function countBuckets(values: Float32Array): void {
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  counts.fill(0);
  for (let i = 0; i < values.length; i++) {
    let bucket = CELL_BUCKET[bits[i] >>> 16];
    if (values[i] >= LOOKUP_LIMITS[bucket]) bucket++;
    counts[bucket]++;
  }
}

function statistics(values: Float32Array, skipNonFinite: boolean) {
  let min = Number.MAX_VALUE;
  let max = -Number.MAX_VALUE;
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (skipNonFinite && !Number.isFinite(value)) continue;
    min = Math.min(min, value);
    max = Math.max(max, value);
    sum += value;
    sumSquares += value * value;
  }
  return { min, max, sum, sumSquares };
}

/** The histogram of `values` as TensorFlow's `HistogramProto` (min, max, num, sum, sum of squares, buckets). */
export function computeHistogram(values: Float32Array): HistogramResult {
  countBuckets(values);
  const nonFinite = counts[NON_FINITE];
  const bucketLimit: number[] = [];
  const bucket: number[] = [];
  for (let i = 0; i < NON_FINITE; ) {
    let limit = DEFAULT_BUCKET_LIMITS[i];
    const count = counts[i++];
    if (count === 0) {
      // As TensorFlow's EncodeToProto: a run of empty buckets becomes one, ending at the run's last limit.
      while (i < NON_FINITE && counts[i] === 0) limit = DEFAULT_BUCKET_LIMITS[i++];
    }
    bucketLimit.push(limit);
    bucket.push(count);
  }
  return {
    histogram: { ...statistics(values, nonFinite > 0), num: values.length - nonFinite, bucketLimit, bucket },
    nonFinite,
  };
}
