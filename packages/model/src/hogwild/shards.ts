/**
 * The corpus split between threads: sentences form a ring, cut into `threads` runs of
 * consecutive sentences with about equal word counts, starting at a sentence chosen by
 * the seed. Deterministic for (corpus, threads, seed); each thread walks its own shard
 * once per epoch, so every corpus word is trained on once per epoch.
 */
export interface Shard {
  /** first sentence (ring index) */
  first: number;
  sentences: number;
  /** corpus words in the shard */
  words: number;
}

export function splitShards(sentenceStarts: Int32Array, threads: number, startSentence: number): Shard[] {
  const sentenceCount = sentenceStarts.length - 1;
  const totalWords = sentenceStarts[sentenceCount] - sentenceStarts[0];
  if (threads < 1 || threads > sentenceCount) {
    throw new Error(`cannot split ${sentenceCount} sentences between ${threads} threads`);
  }
  const shards: Shard[] = [];
  let next = 0;
  let wordsBefore = 0;
  for (let t = 0; t < threads; t++) {
    const first = next;
    // Leave at least one sentence to each later thread.
    const last = sentenceCount - (threads - 1 - t);
    const goal = ((t + 1) * totalWords) / threads;
    let words = 0;
    do {
      const s = (startSentence + next) % sentenceCount;
      words += sentenceStarts[s + 1] - sentenceStarts[s];
      next++;
    } while (next < last && wordsBefore + words < goal);
    shards.push({ first: (startSentence + first) % sentenceCount, sentences: next - first, words });
    wordsBefore += words;
  }
  return shards;
}
