/**
 * The corpus split between threads: sentences form a ring, cut into `threads` runs of
 * consecutive sentences with about equal work, starting at a sentence chosen by the seed.
 * Deterministic for (corpus, threads, seed, work); each thread walks its own shard once
 * per epoch, so every corpus word is trained on once per epoch.
 */
export interface Shard {
  /** first sentence (ring index) */
  first: number;
  sentences: number;
  /** corpus words in the shard */
  words: number;
}

/**
 * `sentenceWork[s]` is sentence s's expected training work (default: its word count).
 * Threads wait for the slowest one, so shards balance work, not words: with subsampling,
 * equal word counts left one shard of text8-prefix 3% more kept words than the other.
 */
export function splitShards(
  sentenceStarts: Int32Array,
  threads: number,
  startSentence: number,
  sentenceWork?: ArrayLike<number>,
): Shard[] {
  const sentenceCount = sentenceStarts.length - 1;
  if (threads < 1 || threads > sentenceCount) {
    throw new Error(`cannot split ${sentenceCount} sentences between ${threads} threads`);
  }
  const work = (s: number) => sentenceWork?.[s] ?? sentenceStarts[s + 1] - sentenceStarts[s];
  let totalWork = 0;
  for (let s = 0; s < sentenceCount; s++) totalWork += work(s);
  const shards: Shard[] = [];
  let next = 0;
  let workBefore = 0;
  for (let t = 0; t < threads; t++) {
    const first = next;
    // Leave at least one sentence to each later thread.
    const last = sentenceCount - (threads - 1 - t);
    const goal = ((t + 1) * totalWork) / threads;
    let words = 0;
    do {
      const s = (startSentence + next) % sentenceCount;
      words += sentenceStarts[s + 1] - sentenceStarts[s];
      workBefore += work(s);
      next++;
    } while (next < last && workBefore < goal);
    shards.push({ first: (startSentence + first) % sentenceCount, sentences: next - first, words });
  }
  return shards;
}

/** Each sentence's expected words kept by subsampling: the kernels' work is about proportional to them. */
export function expectedKeptWords(
  ids: Int32Array,
  sentenceStarts: Int32Array,
  keep: Float32Array,
): Float64Array {
  const kept = new Float64Array(sentenceStarts.length - 1);
  for (let s = 0; s < kept.length; s++) {
    for (let i = sentenceStarts[s]; i < sentenceStarts[s + 1]; i++) kept[s] += keep[ids[i]];
  }
  return kept;
}
