/**
 * Histograms with TensorFlow's default buckets: limits at 0, ±1e-12 growing by 10% up to
 * 1e20, and ±DBL_MAX; a value falls in the first bucket whose limit is greater than it
 * (C++ `upper_bound`), and runs of empty buckets are merged as TensorFlow encodes them.
 *
 * This runs in the training loop on whole matrices, so the bucket of a float32 is found
 * without a search: the top 16 bits of a float32 (sign, exponent, 7 mantissa bits) cut
 * its range into cells less than 1% wide, narrower than the 10% between limits, so each
 * cell holds at most one limit. Tables give each cell's lowest bucket and the bit pattern
 * where the next one starts, and one integer comparison finishes the job.
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

/**
 * A float32's bits as an int32 that orders like the float (negative floats get their
 * magnitude bits flipped), so bucketing compares integers. The mapping is its own inverse.
 */
function orderedBits(bits: number): number {
  return bits ^ ((bits >> 31) & 0x7fffffff);
}

const CELLS = 1 << 16;
/** Offset from `ordered >> 16` (-32768..32767) to a cell index. */
const CELL_OFFSET = 0x8000;
/** Per cell (the top 16 ordered bits, offset to 0..65535): the bucket of its smallest value. */
const CELL_BUCKET = new Uint16Array(CELLS);
/** Per cell: the first ordered bits that fall in the next bucket (past the cell if none do). */
const CELL_THRESHOLD = new Int32Array(CELLS);
{
  const word = new Int32Array(1);
  const float = new Float32Array(word.buffer);
  const floatAt = (ordered: number) => {
    word[0] = orderedBits(ordered);
    return float[0];
  };
  for (let cell = 0; cell < CELLS; cell++) {
    const low = (cell - CELL_OFFSET) << 16;
    const high = low | 0xffff;
    if (!Number.isFinite(floatAt(low))) {
      // NaN/Inf cells (a cell shares one exponent): always one past NON_FINITE - 1.
      CELL_BUCKET[cell] = NON_FINITE - 1;
      CELL_THRESHOLD[cell] = low;
      continue;
    }
    const bucket = bucketIndex(floatAt(low));
    const limit = DEFAULT_BUCKET_LIMITS[bucket];
    let first = low;
    let last = high + 1;
    while (first < last) {
      const middle = first + ((last - first) >> 1);
      if (floatAt(middle) >= limit) last = middle;
      else first = middle + 1;
    }
    CELL_BUCKET[cell] = bucket;
    CELL_THRESHOLD[cell] = first;
  }
}

export interface HistogramResult {
  histogram: HistogramMessage;
  /** NaN and ±Infinity values: left out of the histogram (TensorFlow refuses them). */
  nonFinite: number;
}

const counts = new Float64Array(NON_FINITE + 1);

// Bucketing and the running statistics are separate loops: fused, V8 runs them several
// times slower than the two passes. The bucket step is branch-free: the sign bit of
// `threshold - 1 - ordered` is 1 exactly when the value reaches the cell's next bucket.
function countBuckets(values: Float32Array): void {
  const bits = new Int32Array(values.buffer, values.byteOffset, values.length);
  counts.fill(0);
  for (let i = 0; i < values.length; i++) {
    const ordered = orderedBits(bits[i]);
    const cell = (ordered >> 16) + CELL_OFFSET;
    counts[CELL_BUCKET[cell] + ((CELL_THRESHOLD[cell] - 1 - ordered) >>> 31)]++;
  }
}

function statistics(values: Float32Array) {
  let min = Number.MAX_VALUE;
  let max = -Number.MAX_VALUE;
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
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
    histogram: {
      ...statistics(nonFinite > 0 ? values.filter(Number.isFinite) : values),
      num: values.length - nonFinite,
      bucketLimit,
      bucket,
    },
    nonFinite,
  };
}
