import { blockProduct } from "./block-product.js";
import { checkEmbeddings, type Embeddings } from "./embeddings.js";
import { unitRows } from "./unit-rows.js";
import { WordLookup } from "./word-lookup.js";

/** Rows per block of the similarity scan: a block of ~1000 queries stays within L2 cache. */
const BLOCK_ROWS = 512;

/** A word that is not in the vocabulary (or not among the rows searched). */
export class UnknownWordError extends Error {
  override name = "UnknownWordError";
  constructor(readonly word: string) {
    super(`"${word}" is not in the vocabulary`);
  }
}

/**
 * Unit-length copies of the word vectors plus a word lookup: the shared ground of
 * nearest neighbours, analogies and similarities (all cosines).
 */
export class VectorIndex {
  readonly words: readonly string[];
  readonly dim: number;
  readonly unit: Float64Array;
  readonly lookup: WordLookup;

  constructor(embeddings: Embeddings, options: { caseInsensitive?: boolean } = {}) {
    checkEmbeddings(embeddings);
    this.words = embeddings.words;
    this.dim = embeddings.dim;
    this.unit = unitRows(embeddings.vectors, embeddings.dim);
    this.lookup = new WordLookup(embeddings.words, options);
  }

  get size(): number {
    return this.words.length;
  }

  /** Row id of `word`, or an UnknownWordError. */
  requireId(word: string): number {
    const id = this.lookup.id(word);
    if (id < 0) throw new UnknownWordError(word);
    return id;
  }

  /** The unit vector of row `id` (a view, not a copy). */
  unitVector(id: number): Float64Array {
    return this.unit.subarray(id * this.dim, (id + 1) * this.dim);
  }

  /** The unit vectors of `ids`, stacked as the rows of one query matrix. */
  gather(ids: ArrayLike<number>): Float64Array {
    const out = new Float64Array(ids.length * this.dim);
    for (let i = 0; i < ids.length; i++) out.set(this.unitVector(ids[i]), i * this.dim);
    return out;
  }

  /**
   * Cosines of `queryCount` unit queries with rows [0, rowLimit), one block of rows at a
   * time: `visit(block, start, end)` sees `block[q * (end - start) + (j - start)]`.
   */
  scan(
    queries: Float64Array,
    queryCount: number,
    visit: (block: Float64Array, start: number, end: number) => void,
    rowLimit = this.size,
  ): void {
    const rows = Math.min(rowLimit, this.size);
    const block = new Float64Array(queryCount * Math.min(BLOCK_ROWS, rows));
    for (let start = 0; start < rows; start += BLOCK_ROWS) {
      const end = Math.min(rows, start + BLOCK_ROWS);
      blockProduct(queries, queryCount, this.unit, start, end, this.dim, block);
      visit(block, start, end);
    }
  }
}
