import type { Corpus } from "../text/corpus.js";
import { type ExampleStreamOptions, SentenceWindows } from "./sentence-windows.js";

/**
 * CBOW examples: row i is centre `centers[i]` with its `contextCounts[i]` context words in
 * `contexts[i * width ..]`, left to right; the rest of the row is 0 (padding).
 */
export interface CbowBatch {
  /** Row stride of `contexts`: 2 * window. */
  width: number;
  centers: Int32Array;
  contexts: Int32Array;
  contextCounts: Int32Array;
}

export function createCbowBatch(capacity: number, window: number): CbowBatch {
  const width = 2 * window;
  return {
    width,
    centers: new Int32Array(capacity),
    contexts: new Int32Array(capacity * width),
    contextCounts: new Int32Array(capacity),
  };
}

/** One example per centre that has a context (word2vec's CBOW skips the others). */
export class CbowWindows extends SentenceWindows {
  constructor(corpus: Corpus, options: ExampleStreamOptions) {
    super(corpus, options);
  }

  /** Fills `batch`; returns the rows written: the capacity, or fewer when the epoch ended. */
  fill(batch: CbowBatch): number {
    if (batch.width !== 2 * this.window) {
      throw new RangeError(`CBOW batch width ${batch.width} does not match window ${this.window}`);
    }
    const { centers, contexts, contextCounts, width } = batch;
    const kept = this.kept;
    let rows = 0;
    while (rows < centers.length && this.nextCentre()) {
      const c = this.centre;
      const base = rows * width;
      let k = 0;
      for (let j = this.lo; j < this.hi; j++) if (j !== c) contexts[base + k++] = kept[j];
      contexts.fill(0, base + k, base + width);
      centers[rows] = kept[c];
      contextCounts[rows] = k;
      rows++;
      this.offset++;
    }
    return rows;
  }

  protected skip(count: number): void {
    this.fill(createCbowBatch(count, this.window));
  }
}
