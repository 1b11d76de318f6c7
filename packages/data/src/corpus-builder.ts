import { Vocab, type VocabOptions } from "./vocab.js";

/** Where tokenisers deliver their output. */
export interface TokenSink {
  add(word: string): void;
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

function grown<T extends Int32Array | Float64Array>(array: T, minLength: number): T {
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
  private readonly provisionalIds = new Map<string, number>();
  private readonly words: string[] = [];
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
    let id = this.provisionalIds.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.provisionalIds.set(word, id);
      this.words.push(word);
      if (id === this.counts.length) this.counts = grown(this.counts, id + 1);
    }
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
    const { vocab, remap } = Vocab.fromCounts(
      this.words,
      this.counts.subarray(0, this.words.length),
      options,
    );
    this.provisionalIds.clear();
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
