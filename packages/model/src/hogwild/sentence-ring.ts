/**
 * The order a run trains sentences in: the corpus's sentences as a ring starting at a
 * sentence drawn from the seed, walked once per epoch. A sentence's cursor counts the
 * sentences before it in the run (over all epochs); the kernels seed its generator from
 * it, and a saved cursor is where a resumed run goes on.
 */
export class SentenceRing {
  readonly sentences: number;
  readonly epochWords: number;
  /** corpus words of the ring's first k sentences, k = 0..sentences */
  private readonly prefixWords: Float64Array;

  constructor(
    sentenceStarts: Int32Array,
    readonly first: number,
  ) {
    this.sentences = sentenceStarts.length - 1;
    this.prefixWords = new Float64Array(this.sentences + 1);
    for (let k = 0; k < this.sentences; k++) {
      const s = (first + k) % this.sentences;
      this.prefixWords[k + 1] = this.prefixWords[k] + sentenceStarts[s + 1] - sentenceStarts[s];
    }
    this.epochWords = this.prefixWords[this.sentences];
  }

  /** Corpus words of the sentences before `cursor`. */
  wordsBefore(cursor: number): number {
    const epochs = Math.floor(cursor / this.sentences);
    return epochs * this.epochWords + this.prefixWords[cursor - epochs * this.sentences];
  }

  /** The first cursor from `from` on with at least `words` corpus words before it. */
  cursorReaching(words: number, from: number): number {
    if (this.wordsBefore(from) >= words) return from;
    const epochs = Math.floor(words / this.epochWords);
    const rest = words - epochs * this.epochWords;
    // the first k with prefixWords[k] >= rest (rest < epochWords, so k <= sentences)
    let low = 0;
    let high = this.sentences;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.prefixWords[middle] >= rest) high = middle;
      else low = middle + 1;
    }
    return epochs * this.sentences + low;
  }

  /**
   * Sentences [from, to) cut into `count` lanes of about equal words, as [next, end)
   * offsets from `from`: far-apart stretches of the corpus, one per thread.
   */
  lanes(from: number, to: number, count: number): [number, number][] {
    const start = this.wordsBefore(from);
    const words = this.wordsBefore(to) - start;
    const cuts = [0];
    for (let lane = 1; lane < count; lane++) {
      const cut = this.cursorReaching(start + (lane * words) / count, from) - from;
      cuts.push(Math.min(cut, to - from));
    }
    cuts.push(to - from);
    return Array.from({ length: count }, (_, lane) => [cuts[lane], cuts[lane + 1]]);
  }
}
