import { Vocab, type VocabOptions } from "./vocab.js";
import { WordTable } from "./word-table.js";

/** Where tokenisers deliver their output. */
export interface TokenSink {
  add(word: string): void;
  /** The word whose UTF-8 bytes are `bytes[start..end)` (no string made per token). */
  addBytes(bytes: Uint8Array, start: number, end: number): void;
  /** Ends the current sentence (a no-op when it is empty). */
  endSentence(): void;
}

export interface BuiltCorpus {
  vocab: Vocab;
  ids: Int32Array;
  sentenceStarts: Int32Array;
  /** Tokens read from the source, before the vocabulary dropped any. */
  rawTokenCount: number;
}

function grown<T extends Int32Array | Float64Array | Uint8Array>(array: T, minLength: number): T {
  const next = new (array.constructor as new (length: number) => T)(
    Math.max(minLength, Math.ceil(array.length * 1.5)),
  );
  next.set(array);
  return next;
}

/**
 * Collects a corpus in one pass: each new word gets a provisional id in order of first
 * appearance, so the text is read once and held only as an Int32Array; `finish` then
 * sorts the vocabulary and rewrites the ids in place.
 */
export class CorpusBuilder implements TokenSink {
  private readonly table = new WordTable();
  private readonly encoder = new TextEncoder();
  private scratch = new Uint8Array(256);
  private counts = new Float64Array(1 << 12);
  private ids: Int32Array;
  private length = 0;
  private sentenceEnds = new Int32Array(1 << 10);
  private sentenceCount = 0;

  /** `expectedTokens`: a guess (e.g. from the file size) that saves regrowing the id array. */
  constructor(expectedTokens = 1 << 16) {
    this.ids = new Int32Array(Math.max(16, Math.ceil(expectedTokens)));
  }

  get tokenCount(): number {
    return this.length;
  }

  add(word: string): void {
    if (word.length * 3 > this.scratch.length) this.scratch = new Uint8Array(word.length * 3);
    const { written } = this.encoder.encodeInto(word, this.scratch);
    this.addBytes(this.scratch, 0, written);
  }

  addBytes(bytes: Uint8Array, start: number, end: number): void {
    const id = this.table.intern(bytes, start, end);
    if (id === this.counts.length) this.counts = grown(this.counts, id + 1);
    this.counts[id]++;
    if (this.length === this.ids.length) this.ids = grown(this.ids, this.length + 1);
    this.ids[this.length++] = id;
  }

  endSentence(): void {
    const lastEnd = this.sentenceCount === 0 ? 0 : this.sentenceEnds[this.sentenceCount - 1];
    if (this.length === lastEnd) return;
    if (this.sentenceCount === this.sentenceEnds.length) {
      this.sentenceEnds = grown(this.sentenceEnds, this.sentenceCount + 1);
    }
    this.sentenceEnds[this.sentenceCount++] = this.length;
  }

  /**
   * Applies the vocabulary rules: out-of-vocabulary tokens are dropped or become the unknown
   * token, then sentences are cut every `maxSentenceLength` remaining tokens (word2vec
   * counts its 1000-word cut on in-vocabulary words too) and empty ones vanish.
   */
  finish(options: VocabOptions & { maxSentenceLength: number }): BuiltCorpus {
    this.endSentence();
    const words = this.table.words();
    const { vocab, remap } = Vocab.fromCounts(words, this.counts.subarray(0, words.length), options);
    const ids = this.ids;
    let starts = new Int32Array(this.sentenceCount + 1);
    let startCount = 0;
    let write = 0;
    let read = 0;
    for (let s = 0; s < this.sentenceCount; s++) {
      const end = this.sentenceEnds[s];
      let pieceLength = 0;
      for (; read < end; read++) {
        const id = remap[ids[read]];
        if (id < 0) continue;
        if (pieceLength === 0) {
          if (startCount + 1 >= starts.length) starts = grown(starts, startCount + 2);
          starts[startCount++] = write;
        }
        ids[write++] = id;
        if (++pieceLength === options.maxSentenceLength) pieceLength = 0;
      }
    }
    starts[startCount] = write;
    return {
      vocab,
      ids: ids.slice(0, write),
      sentenceStarts: starts.slice(0, startCount + 1),
      rawTokenCount: this.length,
    };
  }
}
