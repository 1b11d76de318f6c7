import { Rng } from "../rng.js";
import type { Corpus } from "../text/corpus.js";
import { type NoiseSampler, sampleExcluding } from "./noise-sampler.js";
import { type ExamplePosition, type ExampleStreamOptions, SentenceWindows } from "./sentence-windows.js";

/**
 * d2l's batches for negative sampling: row i holds centre `centers[i]`, then in
 * `contextsNegatives[i * width ..]` its context words followed by `negatives` noise words
 * per context word; `masks` is 1 on those `rowLengths[i]` entries and 0 on the padding,
 * `labels` is 1 on the context words. d2l pads to the longest row of the batch
 * (`maxRowLength`); the row stride here is fixed at the longest possible row, and the
 * masked loss, renormalised per row, is the same.
 */
export interface PaddedBatch {
  /** Row stride: 2 * window * (1 + negatives). */
  width: number;
  centers: Int32Array;
  contextsNegatives: Int32Array;
  masks: Float32Array;
  labels: Float32Array;
  rowLengths: Int32Array;
  /** Longest row written by the last `fill`. */
  maxRowLength: number;
}

export function createPaddedBatch(capacity: number, window: number, negatives: number): PaddedBatch {
  const width = 2 * window * (1 + negatives);
  return {
    width,
    centers: new Int32Array(capacity),
    contextsNegatives: new Int32Array(capacity * width),
    masks: new Float32Array(capacity * width),
    labels: new Float32Array(capacity * width),
    rowLengths: new Int32Array(capacity),
    maxRowLength: 0,
  };
}

export interface PaddedBatchOptions extends ExampleStreamOptions {
  /** Noise words per context word (d2l: K = 5). */
  negatives: number;
  /** Noise distribution (d2l: `unigramNoiseTable(vocab, 0.75)`). */
  noise: NoiseSampler;
}

/**
 * d2l-style examples: one row per centre, noise words drawn (from their own generator,
 * `Rng.derive(seed, "noise")`) excluding that centre's context words.
 */
export class PaddedBatches extends SentenceWindows {
  private readonly negatives: number;
  private readonly noise: NoiseSampler;
  private noiseRng: Rng;

  constructor(corpus: Corpus, options: PaddedBatchOptions) {
    super(corpus, options);
    this.negatives = options.negatives;
    this.noise = options.noise;
    this.noiseRng = Rng.derive(options.seed, "noise");
  }

  /** Fills `batch`; returns the rows written: the capacity, or fewer when the epoch ended. */
  fill(batch: PaddedBatch): number {
    if (batch.width !== 2 * this.window * (1 + this.negatives)) {
      throw new RangeError(`padded batch width ${batch.width} does not match window and negatives`);
    }
    const { centers, contextsNegatives: row, masks, labels, rowLengths, width } = batch;
    const kept = this.kept;
    let rows = 0;
    let longest = 0;
    while (rows < centers.length && this.nextCentre()) {
      const c = this.centre;
      const base = rows * width;
      let k = base;
      for (let j = this.lo; j < this.hi; j++) {
        if (j === c) continue;
        row[k] = kept[j];
        labels[k] = 1;
        k++;
      }
      const contextEnd = k;
      const noiseEnd = contextEnd + (contextEnd - base) * this.negatives;
      for (; k < noiseEnd; k++) {
        row[k] = sampleExcluding(this.noise, this.noiseRng, row, base, contextEnd);
        labels[k] = 0;
      }
      masks.fill(1, base, k);
      row.fill(0, k, base + width);
      masks.fill(0, k, base + width);
      labels.fill(0, k, base + width);
      centers[rows] = kept[c];
      rowLengths[rows] = k - base;
      longest = Math.max(longest, k - base);
      rows++;
      this.offset++;
    }
    batch.maxRowLength = longest;
    return rows;
  }

  override position(): ExamplePosition {
    return { ...super.position(), noiseRng: this.noiseRng.getState() };
  }

  override restore(position: ExamplePosition): void {
    if (!position.noiseRng) throw new RangeError("a padded-batch position needs its noiseRng state");
    super.restore(position);
    // The replay in super.restore drew noise too; the saved state overrides it.
    this.noiseRng = Rng.fromState(position.noiseRng);
  }

  protected skip(count: number): void {
    this.fill(createPaddedBatch(count, this.window, this.negatives));
  }
}
