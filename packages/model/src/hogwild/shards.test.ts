import { describe, expect, it } from "vitest";
import { expectedKeptWords, splitShards } from "./shards.js";

// Eight sentences of 10 words; the first four hold words subsampling mostly drops.
const starts = Int32Array.from({ length: 9 }, (_, s) => 10 * s);
const ids = Int32Array.from({ length: 80 }, (_, i) => (i < 40 ? 0 : 1));
const keep = Float32Array.of(0.2, 1);

describe("splitShards", () => {
  it("splits equal word counts without work estimates, covering every sentence once", () => {
    const shards = splitShards(starts, 2, 3);
    expect(shards).toEqual([
      { first: 3, sentences: 4, words: 40 },
      { first: 7, sentences: 4, words: 40 },
    ]);
  });

  it("balances the expected kept words, so neither thread waits for the other", () => {
    const kept = expectedKeptWords(ids, starts, keep);
    expect(kept[0]).toBeCloseTo(2);
    expect(kept[7]).toBeCloseTo(10);
    // From sentence 0: four light sentences (8 kept words) and then heavy ones (10 each).
    const [a, b] = splitShards(starts, 2, 0, kept);
    const work = (first: number, count: number) =>
      Array.from({ length: count }, (_, i) => kept[(first + i) % 8]).reduce((x, y) => x + y, 0);
    expect(a.sentences + b.sentences).toBe(8);
    expect(a).toEqual({ first: 0, sentences: 6, words: 60 });
    expect(work(a.first, a.sentences)).toBeCloseTo(28);
    expect(work(b.first, b.sentences)).toBeCloseTo(20);
  });
});
