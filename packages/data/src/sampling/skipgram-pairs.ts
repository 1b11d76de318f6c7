import type { Corpus } from "../text/corpus.js";
import { type ExampleStreamOptions, SentenceWindows } from "./sentence-windows.js";

/** (centre, context) pairs in parallel typed arrays; the capacity is `centers.length`. */
export interface PairBatch {
  centers: Int32Array;
  contexts: Int32Array;
}

export function createPairBatch(capacity: number): PairBatch {
  return { centers: new Int32Array(capacity), contexts: new Int32Array(capacity) };
}

/**
 * Skip-gram examples: for each centre, one (centre, context) pair per context word in its
 * window, left to right. Allocation-free: `fill` writes
 * into the caller's preallocated batch.
 */
export class SkipGramPairs extends SentenceWindows {
  /** Next context index of the current centre. */
  private cursor = 0;

  constructor(corpus: Corpus, options: ExampleStreamOptions) {
    super(corpus, options);
  }

  /**
   * Fills `batch` from index 0 and returns how many pairs it wrote: the capacity, or fewer
   * (possibly 0) when the epoch ended; the next call starts the next epoch.
   */
  fill(batch: PairBatch): number {
    const centers = batch.centers;
    const contexts = batch.contexts;
    const capacity = centers.length;
    const kept = this.kept;
    let n = 0;
    while (n < capacity) {
      if (this.cursor >= this.hi) {
        if (!this.nextCentre()) break;
        this.cursor = this.lo;
      }
      const c = this.centre;
      const centreId = kept[c];
      const hi = this.hi;
      const first = n;
      let j = this.cursor;
      for (; j < hi && n < capacity; j++) {
        if (j === c) continue;
        centers[n] = centreId;
        contexts[n] = kept[j];
        n++;
      }
      this.cursor = j;
      this.offset += n - first;
    }
    return n;
  }

  protected skip(count: number): void {
    const scratch = createPairBatch(Math.min(count, 4096));
    for (let left = count; left > 0; left -= scratch.centers.length) {
      const size = Math.min(left, scratch.centers.length);
      this.fill({ centers: scratch.centers.subarray(0, size), contexts: scratch.contexts.subarray(0, size) });
    }
  }

  override restore(position: Parameters<SentenceWindows["restore"]>[0]): void {
    this.cursor = 0;
    this.hi = 0;
    super.restore(position);
  }
}
