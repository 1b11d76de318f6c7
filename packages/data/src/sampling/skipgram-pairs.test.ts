import { describe, expect, it } from "vitest";
import { corpusOf, zipfCorpus } from "../../test/fixtures.js";
import { createPairBatch, SkipGramPairs } from "./skipgram-pairs.js";
import { keepProbabilities } from "./subsample.js";

function pairsOf(stream: SkipGramPairs, capacity: number): { pairs: [number, number][]; sizes: number[] } {
  const batch = createPairBatch(capacity);
  const pairs: [number, number][] = [];
  const sizes: number[] = [];
  for (;;) {
    const n = stream.fill(batch);
    sizes.push(n);
    for (let i = 0; i < n; i++) pairs.push([batch.centers[i], batch.contexts[i]]);
    if (n < capacity) return { pairs, sizes };
  }
}

describe("SkipGramPairs", () => {
  it("emits every (centre, context) pair within the window, never across sentences", () => {
    const corpus = corpusOf([[0, 1, 2, 3], [4, 5], [6]]);
    const stream = new SkipGramPairs(corpus, { window: 2, windowRule: "fixed", keep: null, seed: 1 });
    const { pairs, sizes } = pairsOf(stream, 4);
    expect(pairs).toEqual([
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 2],
      [1, 3],
      [2, 0],
      [2, 1],
      [2, 3],
      [3, 1],
      [3, 2],
      [4, 5],
      [5, 4],
    ]);
    // Batches are full until the epoch ends; then the next epoch starts over.
    expect(sizes).toEqual([4, 4, 4, 0]);
    expect(stream.epoch).toBe(1);
    expect(pairsOf(stream, 5).pairs).toEqual(pairs);
  });

  it("word2vec's reduced window and d2l's uniform window use distance d with probability (W - d + 1) / W", () => {
    const corpus = corpusOf([Array.from({ length: 20_000 }, (_, i) => i % 50)]);
    for (const windowRule of ["reduced", "uniform"] as const) {
      const stream = new SkipGramPairs(corpus, { window: 5, windowRule, keep: null, seed: 11 });
      const batch = createPairBatch(1 << 16);
      const atDistance = new Float64Array(6);
      for (;;) {
        const n = stream.fill(batch);
        for (let i = 0; i < n; i++) {
          const d = Math.abs(batch.centers[i] - batch.contexts[i]);
          atDistance[Math.min(d, 50 - d)]++;
        }
        if (n < batch.centers.length) break;
      }
      for (let d = 1; d <= 5; d++) {
        const expected = 20_000 * 2 * ((5 - d + 1) / 5);
        expect(Math.abs(atDistance[d] - expected), `${windowRule} d=${d}`).toBeLessThan(
          5 * Math.sqrt(expected),
        );
      }
    }
  });

  it("gives the same pairs for the same seed and different pairs for another", () => {
    const corpus = zipfCorpus(20_000, 500, 50);
    const keep = keepProbabilities(corpus.vocab, "word2vec", 1e-3);
    const options = { window: 5, windowRule: "reduced" as const, keep, seed: 8 };
    const a = pairsOf(new SkipGramPairs(corpus, options), 1000).pairs;
    expect(pairsOf(new SkipGramPairs(corpus, options), 333).pairs).toEqual(a);
    expect(pairsOf(new SkipGramPairs(corpus, { ...options, seed: 9 }), 1000).pairs).not.toEqual(a);
  });

  it("counts the corpus words it has read, as word2vec's learning-rate schedule does", () => {
    const corpus = corpusOf([
      [0, 1, 2],
      [3, 4],
      [5, 6, 7, 8],
    ]);
    const stream = new SkipGramPairs(corpus, { window: 1, windowRule: "fixed", keep: null, seed: 1 });
    expect(stream.wordsPerEpoch).toBe(9);
    expect(stream.wordsInEpoch).toBe(0);
    stream.fill(createPairBatch(5)); // sentence 0 has 4 pairs, then one from sentence 1
    expect(stream.wordsInEpoch).toBe(5);
  });
});
