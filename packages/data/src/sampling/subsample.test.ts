import { describe, expect, it } from "vitest";
import { zipfCorpus } from "../../test/fixtures.js";
import { Vocab } from "../text/vocab.js";
import { CbowWindows, createCbowBatch } from "./cbow-windows.js";
import { expectedKeptTokens, keepProbabilities, keepThresholds } from "./subsample.js";

describe("keepProbabilities", () => {
  // T = 1,000,000 tokens.
  const vocab = new Vocab(["a", "b", "<unk>", "c"], [500_000, 300_000, 100_000, 100_000], {
    unkToken: "<unk>",
  });

  it("word2vec: (sqrt(c / (t T)) + 1) * (t T) / c, capped at 1", () => {
    const keep = keepProbabilities(vocab, "word2vec", 1e-3);
    const tT = 1e-3 * 1e6;
    expect(keep[0]).toBeCloseTo((Math.sqrt(500_000 / tT) + 1) * (tT / 500_000), 7);
    expect(keep[3]).toBeCloseTo((Math.sqrt(100) + 1) * 0.01, 7);
    expect(keepProbabilities(vocab, "word2vec", 1)[0]).toBe(1);
  });

  it("d2l: sqrt(t / f) with the unknown token removed first, as d2l's subsample does", () => {
    const keep = keepProbabilities(vocab, "d2l", 1e-4);
    const total = 900_000; // without <unk>
    expect(keep[0]).toBeCloseTo(Math.sqrt((1e-4 * total) / 500_000), 7);
    expect(keep[1]).toBeCloseTo(Math.sqrt((1e-4 * total) / 300_000), 7);
    expect(keep[2]).toBe(0);
    expect(Array.from(keepProbabilities(vocab, "none", 1e-4))).toEqual([1, 1, 1, 1]);
  });

  it("expects sum(count * keep) tokens, and turns probabilities into exact 32-bit thresholds", () => {
    const keep = Float32Array.from([1, 0.5, 0, 0.25]);
    expect(expectedKeptTokens(vocab, keep)).toBe(500_000 + 150_000 + 25_000);
    expect(Array.from(keepThresholds(keep))).toEqual([2 ** 32, 2 ** 31, 0, 2 ** 30]);
  });
});

describe("subsampling in the example stream", () => {
  const corpus = zipfCorpus(200_000, 2_000, 100);
  const keep = keepProbabilities(corpus.vocab, "word2vec", 1e-3);

  /** Occurrences of each id kept in one epoch (each kept token is a CBOW centre). */
  function keptCounts(stream: CbowWindows): Float64Array {
    const kept = new Float64Array(corpus.vocab.size);
    const batch = createCbowBatch(4096, 5);
    const epoch = stream.epoch;
    while (stream.epoch === epoch) {
      const n = stream.fill(batch);
      for (let i = 0; i < n; i++) kept[batch.centers[i]]++;
      if (n < 4096) break;
    }
    return kept;
  }

  it("keeps, per frequency class, the expected fraction within 5 standard deviations", () => {
    const kept = keptCounts(new CbowWindows(corpus, { window: 5, windowRule: "fixed", keep, seed: 3 }));
    // Classes: the top 10 words one by one, then ranks 10-99, 100-999, 1000+.
    const classes: [number, number][] = [
      ...Array.from({ length: 10 }, (_, r): [number, number] => [r, r + 1]),
      [10, 100],
      [100, 1000],
      [1000, corpus.vocab.size],
    ];
    for (const [from, to] of classes) {
      let observed = 0;
      let mean = 0;
      let variance = 0;
      for (let id = from; id < to; id++) {
        const c = corpus.vocab.counts[id];
        observed += kept[id];
        mean += c * keep[id];
        variance += c * keep[id] * (1 - keep[id]);
      }
      expect(Math.abs(observed - mean), `ranks ${from}..${to - 1}`).toBeLessThanOrEqual(
        5 * Math.sqrt(variance) + 1e-9,
      );
    }
    expect(keep[0]).toBeLessThan(0.2); // the test is not vacuous: frequent words are thinned
  });

  it("draws afresh each epoch, reproducibly for a seed", () => {
    const options = { window: 5, windowRule: "fixed" as const, keep, seed: 3 };
    const stream = new CbowWindows(corpus, options);
    const epoch0 = keptCounts(stream);
    const epoch1 = keptCounts(stream);
    expect(Array.from(epoch1)).not.toEqual(Array.from(epoch0));
    expect(Array.from(keptCounts(new CbowWindows(corpus, options)))).toEqual(Array.from(epoch0));
  });
});
