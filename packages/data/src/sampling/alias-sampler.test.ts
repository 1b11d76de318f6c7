import { describe, expect, it } from "vitest";
import { chiSquare } from "../../test/fixtures.js";
import { DataError } from "../data-error.js";
import { Rng } from "../rng.js";
import { Vocab } from "../text/vocab.js";
import { AliasTable, unigramNoiseTable } from "./alias-sampler.js";
import { sampleExcluding } from "./noise-sampler.js";

/** A Zipf-shaped vocabulary: count of rank r is about 1e6 / r. */
function zipfVocab(size: number): Vocab {
  const words = Array.from({ length: size }, (_, r) => `w${String(r).padStart(6, "0")}`);
  return new Vocab(
    words,
    words.map((_, r) => Math.round(1e6 / (r + 1))),
  );
}

const DRAWS = 1_000_000;

describe("AliasTable", () => {
  it("draws unigram^0.75 exactly: chi-square over 10^6 draws at a fixed seed", () => {
    const vocab = zipfVocab(5_000);
    const table = unigramNoiseTable(vocab, 0.75);
    const rng = new Rng(2024);
    const observed = new Float64Array(vocab.size);
    for (let i = 0; i < DRAWS; i++) observed[table.sample(rng)]++;
    let norm = 0;
    for (let id = 0; id < vocab.size; id++) norm += vocab.counts[id] ** 0.75;
    const expected = Array.from(vocab.counts, (c) => (DRAWS * c ** 0.75) / norm);
    expect(table.probability(0)).toBeCloseTo(expected[0] / DRAWS, 12);
    const { statistic, critical } = chiSquare(observed, expected);
    expect(statistic).toBeLessThan(critical);
    // And the largest relative error over the frequent classes stays within 5 sigma.
    for (let id = 0; id < 50; id++) {
      expect(Math.abs(observed[id] - expected[id])).toBeLessThan(5 * Math.sqrt(expected[id]));
    }
  });

  it("never draws a zero weight, and refuses weights that are not a distribution", () => {
    const table = AliasTable.fromWeights([0, 3, 0, 1]);
    const rng = new Rng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) seen.add(table.sample(rng));
    expect([...seen].sort()).toEqual([1, 3]);
    expect(table.probability(1)).toBe(0.75);
    expect(() => AliasTable.fromWeights([0, 0])).toThrow(DataError);
    expect(() => AliasTable.fromWeights([1, -1])).toThrow(/weight 1 is -1/);
    expect(() => AliasTable.fromWeights([1, Number.NaN])).toThrow(DataError);
  });

  it("excludes given ids (unigramNoiseTable's excludeIds, sampleExcluding) and renormalises the rest", () => {
    const vocab = zipfVocab(20);
    expect(unigramNoiseTable(vocab, 0.75, [0]).probability(0)).toBe(0);
    const table = unigramNoiseTable(vocab, 1);
    const rng = new Rng(5);
    const excluded = Int32Array.from([99, 0, 2, 99]);
    const observed = new Float64Array(20);
    const n = 200_000;
    for (let i = 0; i < n; i++) observed[sampleExcluding(table, rng, excluded, 1, 3)]++;
    expect(observed[0] + observed[2]).toBe(0);
    const rest = 1 - table.probability(0) - table.probability(2);
    const expected = Array.from({ length: 20 }, (_, id) =>
      id === 0 || id === 2 ? 0 : (n * table.probability(id)) / rest,
    );
    const { statistic, critical } = chiSquare(observed, expected);
    expect(statistic).toBeLessThan(critical);
    expect(() => sampleExcluding(AliasTable.fromWeights([1, 0]), rng, [0])).toThrow(
      /all hit the 1 excluded ids/,
    );
  });
});
